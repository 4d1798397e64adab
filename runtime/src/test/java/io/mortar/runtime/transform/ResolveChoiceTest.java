package io.mortar.runtime.transform;

import static io.mortar.runtime.frame.FrameTesting.json;
import static io.mortar.runtime.frame.FrameTesting.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.TransformOptions;
import java.util.List;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResolveChoiceTest {
    private static final TransformOptions CTX = TransformOptions.of("resolve");
    private static DynamicFrame frame;

    @BeforeAll
    static void frame() {
        frame = json("sales",
                "{\"id\":1,\"price\":10,\"addr\":{\"zip\":123},\"items\":[{\"q\":1}]}",
                "{\"id\":2,\"price\":\"12\",\"addr\":{\"zip\":\"A1\"},\"items\":[{\"q\":\"two\"},{\"q\":3}]}",
                "{\"id\":3,\"price\":\"n/a\"}");
        assertThat(frame.schema().simpleString()).isEqualTo(
                "struct<id:int,price:choice<int,string>,addr:struct<zip:choice<int,string>>,items:array<struct<q:choice<int,string>>>>");
    }

    @Test
    void castConvertsEveryMemberAndNullsWhatCannotBeCast() {
        DynamicFrame out = frame.resolveChoice(List.of(ResolveChoice.spec("price", "cast:long"),
                ResolveChoice.spec("addr.zip", "cast:string"), ResolveChoice.spec("items[].q", "cast:int")), CTX);
        assertThat(out.schema().simpleString())
                .isEqualTo("struct<id:int,price:long,addr:struct<zip:string>,items:array<struct<q:int>>>");
        assertThat(out.schema().choicePaths()).isEmpty();
        assertThat(rows(out)).containsExactly(
                "{\"id\":1,\"price\":10,\"addr\":{\"zip\":\"123\"},\"items\":[{\"q\":1}]}",
                "{\"id\":2,\"price\":12,\"addr\":{\"zip\":\"A1\"},\"items\":[{},{\"q\":3}]}",
                "{\"id\":3}");
        assertThat(out.name()).isEqualTo("resolve");
    }

    @Test
    void projectKeepsTheMemberOfThatTypeAndConvertsTheRest() {
        DynamicFrame out = frame.resolveChoice(List.of(ResolveChoice.spec("price", "project:string")), CTX);
        assertThat(out.schema().typeAt("price").orElseThrow().render()).isEqualTo("string");
        assertThat(out.toDF().orderBy("id").select("price").collectAsList())
                .extracting(r -> r.getString(0)).containsExactly("10", "12", "n/a");
    }

    @Test
    void makeColsSplitsAChoiceIntoOneColumnPerType() {
        DynamicFrame out = frame.resolveChoice(List.of(ResolveChoice.spec("price", "make_cols"),
                ResolveChoice.spec("addr.zip", "make_cols")), CTX);
        assertThat(out.schema().simpleString()).isEqualTo("struct<id:int,price_int:int,price_string:string,"
                + "addr:struct<zip_int:int,zip_string:string>,items:array<struct<q:choice<int,string>>>>");
        assertThat(rows(out.selectFields(List.of("id", "price_int", "price_string", "addr"), CTX))).containsExactly(
                "{\"id\":1,\"price_int\":10,\"addr\":{\"zip_int\":123}}",
                "{\"id\":2,\"price_string\":\"12\",\"addr\":{\"zip_string\":\"A1\"}}",
                "{\"id\":3,\"price_string\":\"n/a\"}");
    }

    @Test
    void makeStructTurnsTheChoiceIntoAnOrdinaryStruct() {
        DynamicFrame out = frame.resolveChoice("make_struct", CTX);
        assertThat(out.schema().simpleString()).isEqualTo("struct<id:int,price:struct<int:int,string:string>,"
                + "addr:struct<zip:struct<int:int,string:string>>,items:array<struct<q:struct<int:int,string:string>>>>");
        assertThat(out.schema().choicePaths()).isEmpty();
    }

    @Test
    void oneChoiceActionResolvesEveryChoice() {
        DynamicFrame out = frame.resolveChoice("cast:string", CTX);
        assertThat(out.schema().simpleString())
                .isEqualTo("struct<id:int,price:string,addr:struct<zip:string>,items:array<struct<q:string>>>");
        assertThat(rows(out.selectFields(List.of("id", "items"), CTX))).containsExactly(
                "{\"id\":1,\"items\":[{\"q\":\"1\"}]}",
                "{\"id\":2,\"items\":[{\"q\":\"two\"},{\"q\":\"3\"}]}",
                "{\"id\":3}");
    }

    @Test
    void matchCatalogCastsEachChoiceToTheCatalogTablesType() {
        StructType catalog = StructType.fromDDL("id int, PRICE bigint, addr struct<zip:string>, region string");
        DynamicFrame out = ResolveChoice.matchCatalog(frame, List.of(), ResolveChoice.MATCH_CATALOG, catalog, CTX);
        // items[].q has no column in the table: it stays a choice
        assertThat(out.schema().simpleString()).isEqualTo(
                "struct<id:int,price:bigint,addr:struct<zip:string>,items:array<struct<q:choice<int,string>>>>"
                        .replace("bigint", "long"));
        assertThat(rows(out.selectFields(List.of("id", "price", "addr"), CTX))).containsExactly(
                "{\"id\":1,\"price\":10,\"addr\":{\"zip\":\"123\"}}",
                "{\"id\":2,\"price\":12,\"addr\":{\"zip\":\"A1\"}}",
                "{\"id\":3}");

        DynamicFrame bySpec = ResolveChoice.matchCatalog(frame, List.of(ResolveChoice.spec("price", "match_catalog"),
                ResolveChoice.spec("addr.zip", "make_cols")), null, catalog, CTX);
        assertThat(bySpec.schema().simpleString()).isEqualTo("struct<id:int,price:long,"
                + "addr:struct<zip_int:int,zip_string:string>,items:array<struct<q:choice<int,string>>>>");
        assertThatThrownBy(() -> ResolveChoice.matchCatalog(frame, List.of(ResolveChoice.spec("items[].q",
                "match_catalog")), null, catalog, CTX)).hasMessageContaining("match_catalog for 'items[].q'");
        assertThatThrownBy(() -> frame.resolveChoice("match_catalog", CTX))
                .hasMessageContaining("needs the catalog table");
    }

    @Test
    void badRequestsNameWhatIsWrong() {
        assertThatThrownBy(() -> ResolveChoice.apply(frame, List.of(ResolveChoice.spec("price", "make_cols")),
                "make_struct", CTX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("either specs or choice, not both")
                .hasMessageContaining("price")
                .hasMessageContaining("make_struct");
        assertThatThrownBy(() -> ResolveChoice.apply(frame, List.of(), null, CTX))
                .hasMessageContaining("needs either specs");
        assertThatThrownBy(() -> frame.resolveChoice(List.of(ResolveChoice.spec("cost", "cast:int")), CTX))
                .hasMessageContaining("no field 'cost'");
        assertThatThrownBy(() -> frame.resolveChoice(List.of(ResolveChoice.spec("price", "cast:money")), CTX))
                .hasMessageContaining("Unknown type 'money'").hasMessageContaining("price");
        assertThatThrownBy(() -> frame.resolveChoice(List.of(ResolveChoice.spec("price", "explode")), CTX))
                .hasMessageContaining("Unknown ResolveChoice action 'explode' for price");
    }
}

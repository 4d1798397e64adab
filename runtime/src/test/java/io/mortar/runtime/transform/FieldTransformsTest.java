package io.mortar.runtime.transform;

import static io.mortar.runtime.frame.FrameTesting.json;
import static io.mortar.runtime.frame.FrameTesting.rows;
import static io.mortar.runtime.transform.ApplyMapping.mapping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.DynamicFrameCollection;
import io.mortar.runtime.frame.TransformOptions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ApplyMapping, SelectFields, DropFields, RenameField, SplitFields, DropNullFields: all plain expressions. */
class FieldTransformsTest {
    private static final TransformOptions CTX = TransformOptions.of("step");
    private static DynamicFrame people;

    @BeforeAll
    static void frame() {
        people = json("people",
                "{\"id\":1,\"name\":\"Ann\",\"age\":\"41\",\"addr\":{\"city\":\"Oslo\",\"zip\":\"0150\"},\"nick\":\"\",\"gone\":null,\"order.id\":7}",
                "{\"id\":2,\"name\":\"Bob\",\"age\":37,\"addr\":{\"city\":\"Rome\"},\"nick\":\"\",\"order.id\":8}");
    }

    @Test
    void applyMappingMatchesSourceNamesIgnoringCaseOnlyWhenNotCaseSensitive() {
        List<ApplyMapping.Mapping> mappings = List.of(mapping("ID", "int", "id", "long"),
                mapping("Addr.CITY", "string", "city", "string"), mapping("`ORDER.ID`", "int", "order_id", "int"));
        DynamicFrame out = people.applyMapping(mappings, false, CTX);
        assertThat(rows(out)).containsExactly("{\"id\":1,\"city\":\"Oslo\",\"order_id\":7}",
                "{\"id\":2,\"city\":\"Rome\",\"order_id\":8}");
        assertThatThrownBy(() -> people.applyMapping(mappings, true, CTX)).hasMessageContaining("no source field 'ID'");
        assertThatThrownBy(() -> people.applyMapping(mappings, CTX)).hasMessageContaining("no source field 'ID'");
    }

    @Test
    void applyMappingKeepsOnlyMappedFieldsCastsAndNests() {
        DynamicFrame out = people.applyMapping(List.of(
                mapping("id", "int", "person.id", "long"),
                mapping("name", "string", "person.name", "string"),
                mapping("age", "int", "age", "int"),
                mapping("addr.city", "string", "city", "string"),
                mapping("`order.id`", "int", "order_id", "string")), CTX);
        assertThat(out.schema().simpleString())
                .isEqualTo("struct<person:struct<id:long,name:string>,age:int,city:string,order_id:string>");
        assertThat(rows(out)).containsExactly(
                "{\"person\":{\"id\":1,\"name\":\"Ann\"},\"age\":41,\"city\":\"Oslo\",\"order_id\":\"7\"}",
                "{\"person\":{\"id\":2,\"name\":\"Bob\"},\"age\":37,\"city\":\"Rome\",\"order_id\":\"8\"}");
        assertThatThrownBy(() -> people.applyMapping(List.of(mapping("agee", "int", "age", "int")), CTX))
                .hasMessageContaining("no source field 'agee'");
        assertThatThrownBy(() -> people.applyMapping(List.of(mapping("id", "int", "x", "int"),
                mapping("name", "string", "x.y", "string")), CTX))
                .hasMessageContaining("target 'x.y'");
    }

    @Test
    void selectAndDropFieldsReachIntoStructs() {
        DynamicFrame selected = people.selectFields(List.of("id", "addr.city", "missing"), CTX);
        assertThat(selected.schema().simpleString()).isEqualTo("struct<id:int,addr:struct<city:string>>");
        assertThat(rows(selected)).containsExactly(
                "{\"id\":1,\"addr\":{\"city\":\"Oslo\"}}", "{\"id\":2,\"addr\":{\"city\":\"Rome\"}}");

        DynamicFrame dropped = people.dropFields(List.of("name", "addr.zip", "age", "nick", "gone", "`order.id`", "nope"), CTX);
        assertThat(dropped.schema().simpleString()).isEqualTo("struct<id:int,addr:struct<city:string>>");
        DynamicFrame noAddr = dropped.dropFields(List.of("addr.city"), CTX);
        assertThat(noAddr.schema().simpleString()).isEqualTo("struct<id:int>");
    }

    @Test
    void renameFieldRenamesInPlaceAndMoves() {
        DynamicFrame renamed = people.renameField("addr.city", "addr.town", CTX)
                .renameField("`order.id`", "order_id", CTX)
                .renameField("addr.zip", "zip", CTX)
                .renameField("name", "addr.name", CTX)
                .selectFields(List.of("id", "addr", "order_id", "zip"), CTX);
        assertThat(renamed.schema().simpleString())
                .isEqualTo("struct<id:int,addr:struct<town:string,name:string>,order_id:int,zip:string>");
        assertThat(rows(renamed)).containsExactly(
                "{\"id\":1,\"addr\":{\"town\":\"Oslo\",\"name\":\"Ann\"},\"order_id\":7,\"zip\":\"0150\"}",
                "{\"id\":2,\"addr\":{\"town\":\"Rome\",\"name\":\"Bob\"},\"order_id\":8}");
        assertThatThrownBy(() -> people.renameField("addr.country", "addr.land", CTX))
                .hasMessageContaining("no field 'addr.country'");
        assertThatThrownBy(() -> people.renameField("name", "id", CTX)).hasMessageContaining("'id' already exists");
    }

    @Test
    void splitFieldsGivesTheSelectedAndTheRest() {
        DynamicFrameCollection split = people.splitFields(List.of("id", "addr.zip"), "keys", "rest", CTX);
        assertThat(split.keys()).containsExactly("keys", "rest");
        assertThat(split.get("keys").schema().simpleString()).isEqualTo("struct<id:int,addr:struct<zip:string>>");
        assertThat(split.get("rest").schema().simpleString()).isEqualTo(
                "struct<name:string,age:choice<int,string>,addr:struct<city:string>,nick:string,gone:string,`order.id`:int>"
                        .replace("`order.id`", "order.id"));
        assertThat(split.get("keys").name()).isEqualTo("keys");
    }

    @Test
    void dropNullFieldsDropsFieldsNullOrEmptyEverywhere() {
        DynamicFrame out = people.dropNullFields(CTX);
        assertThat(out.schema().fieldNames()).containsExactly("id", "name", "age", "addr", "order.id");
        assertThat(out.schema().typeAt("addr").orElseThrow().render()).isEqualTo("struct<city:string,zip:string>");
    }
}

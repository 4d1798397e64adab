package io.mortar.runtime.transform;

import static io.mortar.runtime.frame.FrameTesting.json;
import static io.mortar.runtime.frame.FrameTesting.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.DynamicFrameCollection;
import io.mortar.runtime.frame.TransformOptions;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Join, Relationalize and Unbox. */
class StructureTransformsTest {
    private static final TransformOptions CTX = TransformOptions.of("step");

    @Test
    void joinKeepsTheKeysOfBothSides() {
        DynamicFrame persons = json("persons", "{\"id\":1,\"name\":\"Ann\"}", "{\"id\":2,\"name\":\"Bob\"}", "bad");
        DynamicFrame memberships = json("members",
                "{\"person_id\":1,\"org\":\"A\"}", "{\"person_id\":1,\"org\":\"B\"}", "{\"person_id\":3,\"org\":\"C\"}");
        DynamicFrame joined = persons.join(List.of("id"), List.of("person_id"), memberships, TransformOptions.of("j"));
        assertThat(joined.schema().fieldNames()).containsExactly("id", "name", "person_id", "org");
        assertThat(rows(joined)).containsExactly(
                "{\"id\":1,\"name\":\"Ann\",\"person_id\":1,\"org\":\"A\"}",
                "{\"id\":1,\"name\":\"Ann\",\"person_id\":1,\"org\":\"B\"}");
        assertThat(joined.errorsCount()).isEqualTo(1);

        DynamicFrame self = persons.join(List.of("id"), List.of("id"),
                persons.renameField("name", "name2", CTX), CTX);
        assertThat(self.schema().fieldNames()).containsExactly("id", "name", "name2");
        assertThat(self.count()).isEqualTo(2);
        assertThatThrownBy(() -> persons.join(List.of("id"), List.of("id"), persons, CTX))
                .hasMessageContaining("fields [name] are in both");
        assertThatThrownBy(() -> persons.join(List.of("pid"), List.of("id"), persons, CTX))
                .hasMessageContaining("no key field 'pid' in frame 'persons'");
    }

    @Test
    void relationalizeFlattensStructsAndMovesArraysToTheirOwnFrames() {
        DynamicFrame frame = json("people",
                "{\"name\":\"Ann\",\"addr\":{\"city\":\"Oslo\"},\"tags\":[\"a\",\"b\"],"
                        + "\"contacts\":[{\"type\":\"tel\",\"value\":\"1\"},{\"type\":\"mail\",\"value\":\"x@y\"}]}",
                "{\"name\":\"Bob\",\"tags\":[],\"contacts\":[{\"type\":\"tel\",\"value\":\"2\"}]}");
        DynamicFrameCollection tables = frame.relationalize("root", CTX);
        assertThat(tables.keys()).containsExactly("root", "root_tags", "root_contacts");
        DynamicFrame root = tables.get("root");
        assertThat(root.schema().fieldNames()).containsExactly("name", "addr.city", "tags", "contacts");
        DynamicFrame contacts = tables.get("root_contacts");
        assertThat(contacts.schema().fieldNames())
                .containsExactly("id", "index", "contacts.val.type", "contacts.val.value");
        DynamicFrame tags = tables.get("root_tags");
        assertThat(tags.schema().fieldNames()).containsExactly("id", "index", "tags.val");

        // Joining the parent's array column to the child's id gives back each person's elements, in order.
        List<Row> ann = root.toDF().join(contacts.toDF(), root.toDF().col("contacts").equalTo(contacts.toDF().col("id")))
                .filter("name = 'Ann'").orderBy("index")
                .select("`contacts.val.type`", "`contacts.val.value`", "`addr.city`").collectAsList();
        assertThat(ann).extracting(Row::toString).containsExactly("[tel,1,Oslo]", "[mail,x@y,Oslo]");
        List<Row> annTags = root.toDF().join(tags.toDF(), root.toDF().col("tags").equalTo(tags.toDF().col("id")))
                .orderBy("name", "index").select("name", "`tags.val`").collectAsList();
        assertThat(annTags).extracting(Row::toString).containsExactly("[Ann,a]", "[Ann,b]");
        assertThat(tables.get("root_contacts").name()).isEqualTo("root_contacts");
    }

    @Test
    void relationalizeSplitsArraysInsideArrays() {
        DynamicFrame frame = json("orders", "{\"o\":1,\"lines\":[{\"sku\":\"a\",\"serials\":[10,11]},{\"sku\":\"b\"}]}");
        DynamicFrameCollection tables = frame.relationalize("r", CTX);
        assertThat(tables.keys()).containsExactly("r", "r_lines", "r_lines.val.serials");
        DynamicFrame lines = tables.get("r_lines");
        DynamicFrame serials = tables.get("r_lines.val.serials");
        assertThat(lines.schema().fieldNames()).containsExactly("id", "index", "lines.val.sku", "lines.val.serials");
        List<Row> joined = lines.toDF().join(serials.toDF(),
                        lines.toDF().col("`lines.val.serials`").equalTo(serials.toDF().col("id")))
                .orderBy(serials.toDF().col("index")).select("`lines.val.sku`", "`lines.val.serials.val`").collectAsList();
        assertThat(joined).extracting(Row::toString).containsExactly("[a,10]", "[a,11]");
    }

    @Test
    void unboxParsesAJsonStringIntoAStruct() {
        DynamicFrame frame = json("events",
                "{\"id\":1,\"body\":\"{\\\"a\\\":1,\\\"b\\\":[true]}\"}",
                "{\"id\":2,\"body\":\"{\\\"a\\\":\\\"x\\\"}\"}",
                "{\"id\":3,\"body\":\"{oops\"}",
                "{\"id\":4}");
        DynamicFrame out = frame.unbox("body", "json", TransformOptions.of("unbox_body"));
        assertThat(out.schema().simpleString()).isEqualTo("struct<id:int,body:struct<a:choice<int,string>,b:array<boolean>>>");
        assertThat(rows(out)).containsExactly(
                "{\"id\":1,\"body\":{\"a\":{\"int\":1},\"b\":[true]}}",
                "{\"id\":2,\"body\":{\"a\":{\"string\":\"x\"}}}",
                "{\"id\":4}");
        assertThat(out.stageErrorsCount()).isEqualTo(1);
        assertThat(out.errorsAsDynamicFrame().toDF().first().getString(0)).isEqualTo("unbox_body");
        assertThatThrownBy(() -> frame.unbox("id", "json", CTX)).hasMessageContaining("field 'id' must be a string");
        assertThatThrownBy(() -> frame.unbox("body", "xml", CTX)).hasMessageContaining("format 'xml' is not supported");
    }

    @Test
    void unboxReachesIntoStructsAndCountsItsErrorsAgainstThresholds() {
        DynamicFrame frame = json("nested",
                "{\"id\":1,\"meta\":{\"body\":\"{\\\"a\\\":1}\",\"k\":\"x\"}}",
                "{\"id\":2,\"meta\":{\"body\":\"nope\",\"k\":\"y\"}}");
        DynamicFrame out = frame.unbox("meta.body", "json", TransformOptions.of("unbox_meta", 1, 0));
        assertThat(out.schema().simpleString()).isEqualTo("struct<id:int,meta:struct<body:struct<a:int>,k:string>>");
        assertThat(rows(out)).containsExactly("{\"id\":1,\"meta\":{\"body\":{\"a\":1},\"k\":\"x\"}}");
        assertThat(out.stageErrorsCount()).isEqualTo(1);
        assertThat(out.errorsAsDynamicFrame().toDF().first().getString(0)).isEqualTo("unbox_meta");
    }
}

package com.amazonaws.services.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.glue.errors.CallSite;
import com.amazonaws.services.glue.types.LongNode;
import com.amazonaws.services.glue.types.StringNode;
import com.amazonaws.services.glue.util.JsonOptions;
import io.mortar.runtime.testing.SharedSpark;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Function1;
import scala.Option;
import scala.Product2;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Glue API as a Java job calls it (every argument given: Java has no defaults), over the runtime's sources,
 * sinks and transforms, on local files.
 */
class GlueApiFromJavaTest {
    private static final CallSite SITE = new CallSite("GlueApiFromJavaTest", "");

    @TempDir
    static Path dir;
    private static GlueContext glueContext;
    private static DynamicFrame people;

    @BeforeAll
    static void context() throws IOException {
        glueContext = new GlueContext(SharedSpark.get().sparkContext());
        Path in = dir.resolve("people");
        Files.createDirectories(in);
        Files.writeString(in.resolve("part-0.json"), """
                {"id": 1, "name": "Ann", "zip": 150, "note": null, "tags": ["a", "b"]}
                {"id": 2, "name": "Bob", "zip": "A1", "note": null, "tags": []}
                {"id": 3, "name": "Cy", "zip": 9, "note": null, "tags": ["c"]}
                """);
        people = glueContext.getSourceWithFormat("s3", new JsonOptions(Map.of("paths", List.of(in.toUri().toString()))),
                "people", "json", JsonOptions.empty()).getDynamicFrame();
    }

    @Test
    void aSourceReadsThroughTheRuntimeAndASinkWritesPartitionedFiles() {
        assertThat(people.schema().simpleString())
                .isEqualTo("struct<id:int,name:string,zip:choice<int,string>,note:string,tags:array<string>>");
        assertThat(people.getName()).isEqualTo("people");
        assertThat(people.count()).isEqualTo(3);

        String out = dir.resolve("out/people").toUri().toString();
        DynamicFrame resolved = people.resolveChoice(seq(), Option.apply(ChoiceOption.apply("cast:string")),
                Option.empty(), Option.empty(), "resolved", SITE, 0, 0);
        DynamicFrame errors = glueContext.getSinkWithFormat("s3",
                new JsonOptions(Map.of("path", out, "partitionKeys", List.of("zip"))), "sink", "parquet",
                JsonOptions.empty()).writeDynamicFrame(resolved.selectFields(seq("id", "name", "zip"), "", SITE, 0, 0));
        assertThat(errors.count()).isZero();

        assertThat(dir.resolve("out/people").toFile().list((d, name) -> name.startsWith("zip=")))
                .containsExactlyInAnyOrder("zip=150", "zip=A1", "zip=9");

        // parquet as the connection type means parquet files (Glue's own shorthand)
        DynamicFrame back = glueContext.getSource("parquet",
                new JsonOptions(Map.of("paths", List.of(out), "recurse", true)), "back", " ").getDynamicFrame();
        assertThat(rows(back.toDF(seq()).orderBy("id"), "id", "name")).containsExactly("1|Ann", "2|Bob", "3|Cy");
    }

    @Test
    void resolveChoiceTakesSpecsAndAChoiceForTheRest() {
        DynamicFrame specs = people.resolveChoice(seq(new Tuple2<>("zip", "cast:int")), Option.empty(),
                Option.empty(), Option.empty(), "", SITE, 0, 0);
        assertThat(specs.schema().typeAt("zip").get().render()).isEqualTo("int");
        assertThat(rows(specs.toDF(seq()).orderBy("id"), "id", "zip")).containsExactly("1|150", "2|null", "3|9");

        DynamicFrame struct = people.resolveChoice(seq(), Option.apply(ChoiceOption.apply(ChoiceOption.MAKE_STRUCT())),
                Option.empty(), Option.empty(), "", SITE, 0, 0);
        assertThat(struct.schema().typeAt("zip").get().render()).isEqualTo("struct<int:int,string:string>");
        assertThatThrownBy(() -> people.resolveChoice(seq(), Option.apply(new MatchCatalogSchemaChoiceOption()),
                Option.empty(), Option.empty(), "", SITE, 0, 0)).hasMessageContaining("needs database and tableName");
        assertThat(people.toDF(seq(new ResolveSpec("zip", "project:string"))).schema().apply("zip").dataType()
                .typeName()).isEqualTo("string");
    }

    @Test
    void fieldTransformsKeepTheirGlueNames() {
        DynamicFrame dropped = people.dropNulls("nulls", SITE, 0, 0);
        assertThat(dropped.schema().fieldNames()).containsExactly("id", "name", "zip", "tags");
        DynamicFrame renamed = dropped.renameField("name", "full_name", "", SITE, 0, 0)
                .dropField("tags", "", SITE, 0, 0).selectField("full_name", "", SITE, 0, 0);
        assertThat(rows(renamed.toDF(seq()).orderBy("full_name"), "full_name")).containsExactly("Ann", "Bob", "Cy");

        List<DynamicFrame> split = CollectionConverters.asJava(people.splitFields(seq("id", "name"), "", SITE, 0, 0));
        assertThat(split).extracting(f -> f.schema().fieldNames().toString())
                .containsExactly("[id, name]", "[zip, note, tags]");
        List<DynamicFrame> tables = CollectionConverters.asJava(
                people.dropFields(seq("zip", "note"), "", SITE, 0, 0).relationalize("people", "", JsonOptions.empty(),
                        "", SITE, 0, 0));
        assertThat(tables).extracting(DynamicFrame::getName).containsExactly("people", "people_tags");
        assertThat(tables.get(1).count()).isEqualTo(3);

        DynamicFrame cased = people.applyMapping(seq(new MappingSpec("ID", "int", "key", "long"),
                new MappingSpec("Name", "string", "person.name", "string")), false, "mapped", SITE, 0, 0);
        assertThat(cased.schema().simpleString()).isEqualTo("struct<key:long,person:struct<name:string>>");
        assertThatThrownBy(() -> people.applyMapping(seq(new MappingSpec("ID", "int", "key", "long")), true, "mapped",
                SITE, 0, 0)).hasMessageContaining("no source field 'ID'");
    }

    @Test
    void recordFunctionsSeeDynamicRecordsAndAThrowIsAnErrorRecord() {
        Function1<DynamicRecord, Object> notCy = fn(rec -> !rec.getField("name").get().equals("Cy"));
        Function1<DynamicRecord, DynamicRecord> enrich = fn(rec -> {
            if (rec.getField("name").get().equals("Bob")) {
                throw new IllegalStateException("no Bobs");
            }
            rec.addField("contact.id_times_ten", new LongNode(((Integer) rec.getField("id").get()) * 10L));
            rec.addField("greeting", new StringNode("hi " + rec.getField("name").get()));
            rec.dropField("tags", false);
            return rec;
        });
        DynamicFrame mapped = people.filter(notCy, "", "kept", SITE, 0, 0).map(enrich, "", "enriched", SITE, 0, 0);
        assertThat(rows(mapped.toDF(seq()).orderBy("id"), "id", "contact.id_times_ten", "greeting"))
                .containsExactly("1|10|hi Ann");
        assertThat(mapped.schema().fieldNames()).doesNotContain("tags");
        assertThat(mapped.stageErrorsCount()).isEqualTo(1);
        assertThat(mapped.errorsCount()).isEqualTo(1);
        assertThat(mapped.errorsAsDynamicFrame().toDF(seq()).collectAsList().get(0).mkString("|"))
                .contains("enriched").contains("no Bobs");

        Function1<DynamicRecord, DynamicRecord> onlyAnn = fn(rec -> {
            if (!rec.getField("name").get().equals("Ann")) {
                throw new IllegalStateException("only Ann");
            }
            return rec;
        });
        assertThatThrownBy(() -> people.map(onlyAnn, "", "strict", SITE, 1, 0))
                .hasMessageContaining("stageThreshold of 1");
    }

    @Test
    void joinMatchesKeysOfBothFrames() {
        DynamicFrame zips = DynamicFrame.apply(SharedSpark.get().sql(
                "SELECT 1 AS person, 'north' AS area UNION ALL SELECT 3, 'south'"), glueContext);
        DynamicFrame joined = people.join(seq("id"), seq("person"), zips, "joined", SITE, 0, 0);
        assertThat(rows(joined.toDF(seq()).orderBy("id"), "id", "name", "area"))
                .containsExactly("1|Ann|north", "3|Cy|south");
        assertThat(joined.repartition(3, "", SITE, 0, 0).getNumPartitions()).isEqualTo(3);
        assertThat(joined.coalesce(1, false, "", SITE, 0, 0).getNumPartitions()).isEqualTo(1);
    }

    @Test
    void recordsReadAndWritePathsLikeGlue() {
        DynamicRecord record = DynamicRecord.apply(SharedSpark.get().sql(
                "SELECT 7 AS id, named_struct('city', 'Oslo', 'zip', '0150') AS addr").first(),
                SharedSpark.get().sql("SELECT 7 AS id, named_struct('city', 'Oslo', 'zip', '0150') AS addr").schema());
        assertThat(record.getField("addr.city").get()).isEqualTo("Oslo");
        assertThat(record.getField("addr.street").isEmpty()).isTrue();
        assertThat(record.getFieldNode("id").get()).isEqualTo(new com.amazonaws.services.glue.types.IntegerNode(7));
        DynamicRecord copy = record.clone();
        copy.setField("addr.geo.lat", 59.9);
        assertThat(copy.getField("addr.geo.lat").get()).isEqualTo(59.9);
        assertThat(record.getField("addr.geo").isEmpty()).isTrue();
        assertThat(copy.dropField("addr.zip", false).get().getValue()).isEqualTo("0150");
        assertThat(copy.toJson()).isEqualTo("{\"id\":7,\"addr\":{\"city\":\"Oslo\",\"geo\":{\"lat\":59.9}}}");
    }

    @SafeVarargs
    private static <T> scala.collection.immutable.Seq<T> seq(T... values) {
        return CollectionConverters.asScala(List.of(values)).toSeq();
    }

    private interface SerializableFunction<A, B> extends Function1<A, B>, Serializable {}

    private static <A, B> Function1<A, B> fn(SerializableFunction<A, B> f) {
        return f;
    }

    private static List<String> rows(org.apache.spark.sql.Dataset<Row> df, String... columns) {
        List<String> out = new ArrayList<>();
        for (Row row : df.selectExpr(columns).collectAsList()) {
            out.add(row.mkString("|"));
        }
        return out;
    }
}

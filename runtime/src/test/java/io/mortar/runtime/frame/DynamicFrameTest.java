package io.mortar.runtime.frame;

import static io.mortar.runtime.frame.FrameTesting.json;
import static io.mortar.runtime.frame.FrameTesting.rows;
import static io.mortar.runtime.frame.FrameTesting.spark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamicFrameTest {
    @Test
    void jsonLinesTypeEachRecordAndMakeAChoiceForAFieldSeenWithTwoTypes() {
        DynamicFrame frame = json("orders",
                "{\"id\":1,\"price\":10,\"tags\":[\"a\",\"b\"],\"addr\":{\"city\":\"Oslo\",\"zip\":123}}",
                "{\"id\":2,\"price\":\"n/a\",\"qty\":3000000000}",
                "{\"id\":3,\"price\":12,\"qty\":2.5,\"addr\":{\"zip\":\"A1\"},\"items\":[{\"sku\":\"x\"},{\"sku\":\"y\",\"n\":2}]}",
                "{not json",
                "[1,2]",
                "");
        assertThat(frame.schema().toString()).isEqualTo("""
                root
                 |-- id: int
                 |-- price: choice<int,string>
                 |-- tags: array<string>
                 |-- addr: struct
                 |    |-- city: string
                 |    |-- zip: choice<int,string>
                 |-- qty: double
                 |-- items: array<struct>
                 |    |-- sku: string
                 |    |-- n: int
                """);
        assertThat(frame.schema().choicePaths()).containsExactly("price", "addr.zip");
        assertThat(rows(frame)).containsExactly(
                "{\"id\":1,\"price\":{\"int\":10},\"tags\":[\"a\",\"b\"],\"addr\":{\"city\":\"Oslo\",\"zip\":{\"int\":123}}}",
                "{\"id\":2,\"price\":{\"string\":\"n/a\"},\"qty\":3.0E9}",
                "{\"id\":3,\"price\":{\"int\":12},\"addr\":{\"zip\":{\"string\":\"A1\"}},\"qty\":2.5,"
                        + "\"items\":[{\"sku\":\"x\"},{\"sku\":\"y\",\"n\":2}]}");
        // The choice marker is on the field (the contract io relies on) and survives ordinary DataFrame operations.
        Dataset<Row> filtered = frame.toDF().filter(functions.col("id").gt(1)).select("price", "id");
        assertThat(filtered.schema().apply("price").metadata().getBoolean(ChoiceMarker.CHOICE_KEY)).isTrue();
        assertThat(DynamicSchema.of(filtered.schema()).simpleString()).isEqualTo("struct<price:choice<int,string>,id:int>");

        assertThat(frame.errorsCount()).isEqualTo(2);
        assertThat(frame.stageErrorsCount()).isEqualTo(2);
        List<Row> errors = frame.errorsAsDynamicFrame().toDF().orderBy("record").collectAsList();
        assertThat(errors).extracting(r -> r.getString(0)).containsOnly("orders");
        assertThat(errors).extracting(r -> r.getString(1)).containsExactly("[1,2]", "{not json");
        assertThat(errors.get(0).getString(2)).contains("expected a JSON object, got an array");
        assertThat(errors.get(1).getString(2)).startsWith("JsonParseException");
    }

    @Test
    void textColumnsAreTypedByContent() {
        StructType text = new StructType().add("a", DataTypes.StringType).add("b", DataTypes.StringType)
                .add("c", DataTypes.StringType).add("d", DataTypes.StringType).add("e", DataTypes.StringType);
        Dataset<Row> csv = spark().createDataFrame(List.of(
                RowFactory.create("1", "1", "true", "1.5", ""),
                RowFactory.create("2", "x", "FALSE", "2", null),
                RowFactory.create("", "3000000000", null, "", "")), text);
        DynamicFrame frame = DynamicFrame.fromTextColumns(csv, "people");
        assertThat(frame.schema().simpleString())
                .isEqualTo("struct<a:int,b:choice<long,string>,c:boolean,d:double,e:string>");
        assertThat(rows(frame)).containsExactly(
                "{\"a\":1,\"b\":{\"long\":1},\"c\":true,\"d\":1.5}",
                "{\"a\":2,\"b\":{\"string\":\"x\"},\"c\":false,\"d\":2.0}",
                "{\"b\":{\"long\":3000000000}}");
    }

    @Test
    void unionWidensNumbersAndMakesChoicesForDifferentKinds() {
        DynamicFrame a = json("a", "{\"id\":1,\"v\":5,\"s\":{\"x\":1}}");
        DynamicFrame b = json("b", "{\"id\":3000000000,\"v\":\"five\",\"extra\":true,\"s\":{\"y\":\"q\"}}");
        DynamicFrame both = a.union(b);
        assertThat(both.schema().simpleString())
                .isEqualTo("struct<id:long,v:choice<int,string>,s:struct<x:int,y:string>,extra:boolean>");
        assertThat(rows(both)).containsExactly(
                "{\"id\":1,\"v\":{\"int\":5},\"s\":{\"x\":1}}",
                "{\"id\":3000000000,\"v\":{\"string\":\"five\"},\"s\":{\"y\":\"q\"},\"extra\":true}");
        DynamicFrame again = both.union(json("c", "{\"v\":2.5}"));
        assertThat(again.schema().typeAt("v").orElseThrow().render()).isEqualTo("choice<double,string>");
        assertThat(again.count()).isEqualTo(3);
    }

    @Test
    void choicesSurviveParquet(@TempDir Path dir) {
        DynamicFrame frame = json("p", "{\"k\":1,\"v\":1}", "{\"k\":2,\"v\":\"x\"}", "{\"k\":3,\"l\":[1,\"a\"]}");
        assertThat(frame.schema().simpleString()).isEqualTo("struct<k:int,v:choice<int,string>,l:array<choice<int,string>>>");
        String path = dir.resolve("out").toString();
        frame.toDF().write().parquet(path);
        DynamicFrame back = DynamicFrame.fromDF(spark().read().parquet(path), "back");
        assertThat(back.schema()).isEqualTo(frame.schema());
        assertThat(rows(back)).isEqualTo(rows(frame));
    }

    @Test
    void stageThresholdFailsTheStepNamingStageAndCounts() {
        assertThatThrownBy(() -> DynamicFrame.fromJsonLines(FrameTesting.lines("{\"a\":1}", "oops", "{"), "raw",
                TransformOptions.of("read_raw", 1, 0)))
                .isInstanceOf(ErrorThresholdExceededException.class)
                .hasMessageStartingWith("Stage 'read_raw' produced 2 error records, more than its stageThreshold of 1")
                .hasMessageContaining("first error (stage 'read_raw')");
        DynamicFrame ok = DynamicFrame.fromJsonLines(FrameTesting.lines("{\"a\":1}", "oops", "{"), "raw",
                TransformOptions.of("read_raw", 2, 0));
        assertThat(ok.count()).isEqualTo(1);
        ok.assertErrorThreshold();
        // A later step with a total threshold counts the errors inherited from the read.
        assertThatThrownBy(() -> ok.withColumns(Map.of("b", functions.lit(1))).selectFields(List.of("a"),
                TransformOptions.of("pick", 0, 1)))
                .isInstanceOf(ErrorThresholdExceededException.class)
                .hasMessageStartingWith("2 error records in total up to stage 'pick', more than its totalThreshold of 1");
    }

    @Test
    void framesWithoutErrorsReportNone() {
        DynamicFrame frame = DynamicFrame.fromDF(spark().range(3).toDF(), "nums");
        assertThat(frame.errorsCount()).isZero();
        assertThat(frame.errorsAsDynamicFrame().count()).isZero();
        assertThat(frame.errorsAsDynamicFrame().schema().simpleString()).isEqualTo("struct<stage:string,record:string,message:string>");
        assertThat(frame.repartition(3).coalesce(1).count()).isEqualTo(3);
        assertThat(frame.schema().toString()).isEqualTo("root\n |-- id: long\n");
    }
}

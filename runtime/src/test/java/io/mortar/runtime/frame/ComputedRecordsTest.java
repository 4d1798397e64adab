package io.mortar.runtime.frame;

import static io.mortar.runtime.frame.FrameTesting.json;
import static io.mortar.runtime.frame.FrameTesting.rows;
import static io.mortar.runtime.frame.FrameTesting.spark;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** Records and verdicts a function outside the JVM (a Python script's Map and Filter) computed from a frame. */
class ComputedRecordsTest {
    private static Dataset<Row> results(String[]... rows) {
        return spark().createDataFrame(Arrays.stream(rows).map(r -> RowFactory.create((Object[]) r)).toList(),
                ComputedRecords.RESULT_SCHEMA);
    }

    @Test
    void resultsAreTypedAsJsonRecordsAndFailuresBecomeTheStepsErrorRecords() {
        DynamicFrame parent = json("tickets", "{\"id\":1}", "{\"id\":2}", "{\"id\":3}", "{\"id\":4}");
        DynamicFrame mapped = ComputedRecords.derive(parent, results(
                new String[] {"{\"id\":1,\"score\":10,\"who\":{\"vip\":true}}", null, null},
                new String[] {"{\"id\":2,\"score\":\"high\",\"who\":{\"vip\":false}}", null, null},
                new String[] {null, "{\"id\":3}", "KeyError: 'severity'"},
                new String[] {null, null, null}), "Map", TransformOptions.of("enrich"));

        // a field that is a number in one record and text in another is a choice, as Glue types such records
        assertThat(mapped.schema().treeString()).contains("score: choice<int,string>").contains("vip: boolean");
        assertThat(mapped.count()).isEqualTo(2); // the record the function returned nothing for is dropped
        assertThat(mapped.errorsCount()).isEqualTo(1);
        Row error = mapped.errorsAsDynamicFrame().toDF().first();
        assertThat(error.<String>getAs("stage")).isEqualTo("enrich");
        assertThat(error.<String>getAs("record")).isEqualTo("{\"id\":3}");
        assertThat(error.<String>getAs("message")).isEqualTo("KeyError: 'severity'");
    }

    @Test
    void aFrameWhoseFunctionFailedOnEveryRecordIsEmptyWithAllItsErrors() {
        DynamicFrame parent = json("t", "{\"id\":1}");
        DynamicFrame mapped = ComputedRecords.derive(parent, results(new String[] {null, "{\"id\":1}", "boom"}),
                "Map", TransformOptions.of("m"));
        assertThat(mapped.count()).isZero();
        assertThat(mapped.errorsCount()).isEqualTo(1);
    }

    @Test
    void aFilterKeepsRowsAsTheyWereAndRecordsThePredicatesFailures() {
        DynamicFrame parent = json("orders", "{\"id\":1,\"amount\":5}", "{\"id\":2,\"amount\":50}",
                "{\"id\":3,\"amount\":\"n/a\"}", "{\"id\":4,\"amount\":500}");
        Dataset<Row> verdicts = parent.toDF()
                .withColumn("keep", col("id").geq(lit(2)).and(col("id").notEqual(lit(3))))
                .withColumn("failure", when(col("id").equalTo(lit(3)), lit("TypeError: not a number")));
        DynamicFrame kept = ComputedRecords.filter(parent, verdicts, "keep", "failure", "Filter",
                TransformOptions.of("big"));

        assertThat(kept.schema()).isEqualTo(parent.schema()); // the rows keep their types, choice included
        assertThat(rows(kept.toDF().select("id"))).containsExactly("{\"id\":2}", "{\"id\":4}");
        assertThat(kept.errorsCount()).isEqualTo(1);
        Row error = kept.errorsAsDynamicFrame().toDF().first();
        assertThat(error.<String>getAs("stage")).isEqualTo("big");
        assertThat(error.<String>getAs("record")).contains("\"id\":3");
        assertThat(error.<String>getAs("message")).isEqualTo("TypeError: not a number");
        assertThat(List.of(kept.toDF().columns())).doesNotContain("keep", "failure", ErrorRecords.TAG_COLUMN);
    }
}

package io.mortar.runtime.transform;

import static io.mortar.runtime.frame.FrameTesting.json;
import static io.mortar.runtime.frame.FrameTesting.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.ErrorThresholdExceededException;
import io.mortar.runtime.frame.TransformOptions;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Filter and Map run user code per record: failures become error records counted against thresholds. */
class RecordTransformsTest {
    private static DynamicFrame orders;

    @BeforeAll
    static void frame() {
        orders = json("orders",
                "{\"id\":1,\"qty\":2,\"price\":10}",
                "{\"id\":2,\"qty\":0,\"price\":\"free\"}",
                "{\"id\":3,\"qty\":5,\"price\":4}",
                "broken");
    }

    @Test
    void filterKeepsAcceptedRowsAndTurnsThrowsIntoErrorRecords() {
        DynamicFrame out = orders.filter(row -> {
            if (row.getInt(row.fieldIndex("id")) == 3) {
                throw new IllegalStateException("no id 3");
            }
            return row.getInt(row.fieldIndex("qty")) > 0;
        }, TransformOptions.of("keep_positive"));
        assertThat(rows(out)).containsExactly("{\"id\":1,\"qty\":2,\"price\":{\"int\":10}}");
        assertThat(out.schema()).isEqualTo(orders.schema());
        assertThat(out.stageErrorsCount()).isEqualTo(1);
        assertThat(out.errorsCount()).isEqualTo(2);
        List<Row> errors = out.errorsAsDynamicFrame().toDF().orderBy("stage").collectAsList();
        assertThat(errors).extracting(r -> r.getString(0)).containsExactly("keep_positive", "orders");
        assertThat(errors.get(0).getString(1)).isEqualTo("{\"id\":3,\"qty\":5,\"price\":{\"int\":4,\"string\":null}}");
        assertThat(errors.get(0).getString(2)).isEqualTo("IllegalStateException: no id 3");
    }

    @Test
    void mapOverRowsWithAnOutputSchema() {
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("total", DataTypes.LongType);
        DynamicFrame out = orders.map(row -> {
            Row price = row.getStruct(row.fieldIndex("price"));
            if (price.isNullAt(0)) {
                return RowFactory.create(row.getInt(0), "not a number");
            }
            return RowFactory.create(row.getInt(0), (long) row.getInt(1) * price.getInt(0));
        }, schema, TransformOptions.of("totals"));
        assertThat(rows(out)).containsExactly("{\"id\":1,\"total\":20}", "{\"id\":3,\"total\":20}");
        assertThat(out.stageErrorsCount()).isEqualTo(1);
        assertThat(out.errorsAsDynamicFrame().toDF().filter("stage = 'totals'").first().getString(2))
                .isEqualTo("IllegalArgumentException: field 'total' holds a String, its type is bigint");
    }

    @Test
    void mapOverRowsKeepsTheSchemaByDefault() {
        DynamicFrame out = orders.map(row -> RowFactory.create(row.getInt(0) * 10, row.get(1), row.get(2)),
                TransformOptions.of("times_ten"));
        assertThat(out.schema()).isEqualTo(orders.schema());
        assertThat(rows(out)).contains("{\"id\":20,\"qty\":0,\"price\":{\"string\":\"free\"}}");
        assertThat(out.stageErrorsCount()).isZero();
    }

    @Test
    void mapOverRecordsInfersTheOutputSchema() {
        DynamicFrame out = orders.mapRecords(record -> {
            var result = new LinkedHashMap<String, Object>();
            result.put("id", record.get("id"));
            Object price = record.get("price");
            result.put("label", price instanceof Integer p ? p * 2 : "ask");
            result.put("tags", List.of("q" + record.get("qty")));
            return result;
        }, TransformOptions.of("label"));
        assertThat(out.schema().simpleString()).isEqualTo("struct<id:int,label:choice<int,string>,tags:array<string>>");
        assertThat(rows(out)).containsExactly(
                "{\"id\":1,\"label\":{\"int\":20},\"tags\":[\"q2\"]}",
                "{\"id\":2,\"label\":{\"string\":\"ask\"},\"tags\":[\"q0\"]}",
                "{\"id\":3,\"label\":{\"int\":8},\"tags\":[\"q5\"]}");
    }

    @Test
    void mapErrorsCountAgainstThresholds() {
        RecordFunction failOnFree = record -> {
            if ("free".equals(record.get("price"))) {
                throw new IllegalArgumentException("free order " + record.get("id"));
            }
            return record;
        };
        assertThatThrownBy(() -> orders.mapRecords(failOnFree, TransformOptions.of("price_check", 0, 1)))
                .isInstanceOf(ErrorThresholdExceededException.class)
                .hasMessageContaining("2 error records in total up to stage 'price_check', more than its totalThreshold of 1");
        DynamicFrame ok = orders.mapRecords(failOnFree, TransformOptions.of("price_check", 1, 2));
        assertThat(ok.count()).isEqualTo(2);
        assertThat(ok.stageErrorsCount()).isEqualTo(1);
        assertThat(ok.errorsAsDynamicFrame().toDF().filter("stage = 'price_check'").first().getString(2))
                .isEqualTo("IllegalArgumentException: free order 2");
    }
}

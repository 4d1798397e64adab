package io.mortar.runtime.frame;

import static org.apache.spark.sql.functions.col;

import io.mortar.runtime.frame.DynamicType.Struct;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Records a function outside the JVM computed from a frame's rows — a Python script's {@code Map} function —
 * handed back as JSON: each result row is {@code (json, record, message)}, the record's JSON when the function
 * succeeded, else the input record as text and why it failed. The good records are typed as JSON lines are
 * (each on its own, merged; a field that is a number here and a string there becomes a choice), the failures
 * become the step's error records, and the frame inherits its parent's errors.
 */
public final class ComputedRecords {
    public static final StructType RESULT_SCHEMA = new StructType()
            .add("json", DataTypes.StringType)
            .add("record", DataTypes.StringType)
            .add("message", DataTypes.StringType);

    private static final StructType TAG_TYPE = new StructType()
            .add("record", DataTypes.StringType)
            .add("message", DataTypes.StringType);

    private ComputedRecords() {}

    /**
     * A frame's rows kept by a predicate computed outside the JVM (a Python script's {@code Filter} function):
     * {@code verdicts} is the parent's rows with two columns added, {@code keepColumn} (whether the row stays) and
     * {@code errorColumn} (why the predicate failed on it, else null). Rows stay as they were, typed as before;
     * rows the predicate failed on become the step's error records.
     */
    public static DynamicFrame filter(DynamicFrame parent, Dataset<Row> verdicts, String keepColumn,
                                      String errorColumn, String defaultStage, TransformOptions options) {
        Column[] data = Arrays.stream(parent.toDF().columns()).map(functions::col).toArray(Column[]::new);
        Column tag = functions.when(col(errorColumn).isNotNull(),
                functions.struct(functions.to_json(functions.struct(data)).as("record"), col(errorColumn).as("message")));
        Dataset<Row> tagged = verdicts
                .filter(col(errorColumn).isNotNull().or(functions.coalesce(col(keepColumn), functions.lit(false))))
                .withColumn(ErrorRecords.TAG_COLUMN, tag)
                .drop(keepColumn, errorColumn);
        return parent.deriveTagged(tagged, defaultStage, options);
    }

    public static DynamicFrame derive(DynamicFrame parent, Dataset<Row> results, String defaultStage,
                                      TransformOptions options) {
        // A function that returns nothing for a record drops it. The results are kept once computed: typing them and
        // converting them are two passes, and the function (Python, on the executors) must run once per record —
        // for its cost, and because a second run of a function that is not pure would not match the types
        Dataset<Row> kept = results.filter(col("message").isNotNull().or(col("json").isNotNull()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<String> good = kept.filter(col("message").isNull()).select(col("json"))
                .as(Encoders.STRING());
        DynamicType merged = RecordValues.inferType(good,
                JsonRecords::parseObject);
        Struct type = merged instanceof Struct struct ? struct : new Struct(List.of());
        StructType schema = type.toSpark();
        int width = schema.fields().length;
        StructType tagged = schema.add(new StructField(ErrorRecords.TAG_COLUMN, TAG_TYPE, true, Metadata.empty()));
        Dataset<Row> rows = kept.map((org.apache.spark.api.java.function.MapFunction<Row, Row>) result -> {
            String message = result.getString(2);
            if (message != null) {
                Object[] out = new Object[width + 1];
                out[width] = RowFactory.create(result.getString(1), message);
                return RowFactory.create(out);
            }
            Row data = (Row) RecordValues.toSpark(JsonRecords.parseObject(result.getString(0)), type);
            Object[] out = new Object[width + 1];
            for (int i = 0; i < width; i++) {
                out[i] = data.get(i);
            }
            return RowFactory.create(out);
        }, Encoders.row(tagged));
        return parent.deriveTagged(Columns.withSchema(rows, tagged), defaultStage, options);
    }
}

package io.mortar.runtime.frame;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Error records: the records a step could not handle, kept instead of failing the job. Each says which step
 * ({@code stage}: its transformation context), the failing record as text, and why.
 *
 * <p>Steps that run per-record code produce <em>tagged</em> rows: the output columns plus one {@value #TAG_COLUMN}
 * struct that is null for good rows and holds the record and message for bad ones. {@link #split} turns such a
 * dataset into the good rows and the error records; {@link #tagEach} runs per-record code into them.
 */
public final class ErrorRecords {
    public static final StructType SCHEMA = new StructType()
            .add("stage", DataTypes.StringType)
            .add("record", DataTypes.StringType)
            .add("message", DataTypes.StringType);

    public static final String TAG_COLUMN = "__mortar_error";
    private static final StructType TAG_TYPE = new StructType()
            .add("record", DataTypes.StringType)
            .add("message", DataTypes.StringType);

    private ErrorRecords() {}

    public static Dataset<Row> empty(SparkSession spark) {
        return spark.createDataFrame(List.of(), SCHEMA);
    }

    /** The schema of tagged rows for a step whose good rows have {@code data}'s schema. */
    private static StructType tagged(StructType data) {
        return data.add(new StructField(TAG_COLUMN, TAG_TYPE, true, org.apache.spark.sql.types.Metadata.empty()));
    }

    /**
     * Runs per-record code over {@code in}, each input to one row of {@code out} (null drops the input), and tags
     * the rows: an input whose code throws becomes a bad row holding the input as text (a row as JSON) and the
     * failure, instead of failing the task.
     */
    public static <T> Dataset<Row> tagEach(Dataset<T> in, StructType out, Function<T, Row> step) {
        int width = out.fields().length;
        MapPartitionsFunction<T, Row> guarded = records -> new Iterator<>() {
            private Row next = advance();

            private Row advance() {
                while (records.hasNext()) {
                    T record = records.next();
                    try {
                        Row row = step.call(record);
                        if (row != null) {
                            return good(row);
                        }
                    } catch (Exception | LinkageError e) {
                        return bad(width, text(record), e);
                    }
                }
                return null;
            }

            public boolean hasNext() {
                return next != null;
            }

            public Row next() {
                Row current = next;
                next = advance();
                return current;
            }
        };
        StructType taggedSchema = tagged(out);
        return Columns.withSchema(in.mapPartitions(guarded, Encoders.row(taggedSchema)), taggedSchema);
    }

    /** A good tagged row: the values followed by a null tag. */
    private static Row good(Row row) {
        Object[] out = new Object[row.length() + 1];
        for (int i = 0; i < row.length(); i++) {
            out[i] = row.get(i);
        }
        return RowFactory.create(out);
    }

    /** A bad tagged row: nulls for the {@code width} data columns, then the tag. */
    private static Row bad(int width, String record, Throwable failure) {
        Object[] out = new Object[width + 1];
        out[width] = RowFactory.create(record, describe(failure));
        return RowFactory.create(out);
    }

    /** The record as an error record keeps it: a row as JSON (its toString when its schema is unknown). */
    private static String text(Object record) {
        if (record instanceof Row row) {
            try {
                return row.json();
            } catch (RuntimeException e) {
                return row.toString();
            }
        }
        return String.valueOf(record);
    }

    /** The message an error record keeps: the exception's type and message, as a user would want to see it. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        String type = failure.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    public record Split(Dataset<Row> data, Dataset<Row> errors) {}

    /**
     * Separates tagged rows. When the step has thresholds its error count is needed right away, so the tagged rows
     * are persisted: counting the errors and later reading the data then run the per-record code only once.
     */
    public static Split split(Dataset<Row> tagged, String stage, TransformOptions options) {
        Dataset<Row> source = options.hasThresholds() ? tagged.persist(StorageLevel.MEMORY_AND_DISK()) : tagged;
        Dataset<Row> data = source.filter(col(TAG_COLUMN).isNull()).drop(TAG_COLUMN);
        Dataset<Row> errors = source.filter(col(TAG_COLUMN).isNotNull()).select(
                lit(stage).as("stage"),
                col(TAG_COLUMN).getField("record").as("record"),
                col(TAG_COLUMN).getField("message").as("message"));
        return new Split(data, errors);
    }
}

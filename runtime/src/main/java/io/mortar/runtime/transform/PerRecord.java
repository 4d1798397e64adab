package io.mortar.runtime.transform;

import io.mortar.runtime.frame.Columns;
import io.mortar.runtime.frame.ErrorRecords;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Runs per-record Java code over a frame's rows, turning each failure into a tagged error row (see
 * {@link ErrorRecords}) instead of failing the task.
 */
final class PerRecord {
    /** One input row to the output row's values; null drops the row. */
    @FunctionalInterface
    interface Step extends Serializable {
        Object[] apply(Row in) throws Exception;
    }

    private PerRecord() {}

    static Dataset<Row> run(Dataset<Row> in, StructType out, Step step) {
        int width = out.fields().length;
        MapPartitionsFunction<Row, Row> guarded = rows -> new Iterator<>() {
            private Row next = advance();

            private Row advance() {
                while (rows.hasNext()) {
                    Row row = rows.next();
                    try {
                        Object[] values = step.apply(row);
                        if (values != null) {
                            return ErrorRecords.good(values);
                        }
                    } catch (Exception | LinkageError e) {
                        return ErrorRecords.bad(width, text(row), e);
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
        StructType tagged = ErrorRecords.tagged(out);
        return Columns.withSchema(in.mapPartitions(guarded, Encoders.row(tagged)), tagged);
    }

    /** The record as JSON for the error record; rows whose schema is unknown fall back to their toString. */
    static String text(Row row) {
        try {
            return row.json();
        } catch (RuntimeException e) {
            return row.toString();
        }
    }

    static Object[] values(Row row) {
        Object[] values = new Object[row.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        return values;
    }
}

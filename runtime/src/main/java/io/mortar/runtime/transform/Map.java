package io.mortar.runtime.transform;

import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.DynamicType;
import io.mortar.runtime.frame.ErrorRecords;
import io.mortar.runtime.frame.RecordValues;
import io.mortar.runtime.frame.TransformOptions;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Glue's Map: a function applied to every record. Records whose function throws, or whose result does not fit,
 * become error records counted against the thresholds; the job goes on.
 */
public final class Map {
    private Map() {}

    /** Rows in, rows of the same schema out. */
    public static DynamicFrame apply(DynamicFrame frame, RowFunction function, TransformOptions options) {
        return apply(frame, function, frame.toDF().schema(), options);
    }

    /** Rows in, rows of {@code outputSchema} out; each result is checked against it. */
    public static DynamicFrame apply(DynamicFrame frame, RowFunction function, StructType outputSchema,
                                     TransformOptions options) {
        return frame.deriveTagged(ErrorRecords.tagEach(frame.toDF(), outputSchema, row -> {
            Row result = function.apply(row);
            if (result != null) {
                RowShape.check(result, outputSchema);
            }
            return result;
        }), "Map", options);
    }

    /** Records as maps of plain values in and out; the output schema is inferred from the results. */
    public static DynamicFrame applyToRecords(DynamicFrame frame, RecordFunction function, TransformOptions options) {
        StructType input = frame.toDF().schema();
        DynamicType merged = RecordValues.inferType(frame.toDF(), row -> function.apply(RecordValues.fromRow(row, input)));
        DynamicType.Struct type = merged instanceof DynamicType.Struct s ? s : new DynamicType.Struct(List.of());
        StructType output = type.toSpark();
        return frame.deriveTagged(ErrorRecords.tagEach(frame.toDF(), output, row -> {
            java.util.Map<String, Object> result = function.apply(RecordValues.fromRow(row, input));
            return result == null ? null : (Row) RecordValues.toSpark(result, type);
        }), "Map", options);
    }
}

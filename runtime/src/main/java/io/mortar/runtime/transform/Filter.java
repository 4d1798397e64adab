package io.mortar.runtime.transform;

import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.TransformOptions;
import org.apache.spark.sql.types.StructType;

/** Glue's Filter: keeps the rows the predicate accepts; a row whose test throws becomes an error record. */
public final class Filter {
    private Filter() {}

    public static DynamicFrame apply(DynamicFrame frame, RowPredicate predicate, TransformOptions options) {
        StructType schema = frame.toDF().schema();
        return frame.deriveTagged(PerRecord.run(frame.toDF(), schema,
                row -> predicate.test(row) ? PerRecord.values(row) : null), "Filter", options);
    }
}

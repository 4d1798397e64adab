package io.mortar.runtime.transform;

import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.ErrorRecords;
import io.mortar.runtime.frame.TransformOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Glue's Filter: keeps the rows the predicate accepts; a row whose test throws becomes an error record. */
public final class Filter {
    private Filter() {}

    public static DynamicFrame apply(DynamicFrame frame, RowPredicate predicate, TransformOptions options) {
        Dataset<Row> in = frame.toDF();
        return frame.deriveTagged(ErrorRecords.tagEach(in, in.schema(), row -> predicate.test(row) ? row : null),
                "Filter", options);
    }
}

package io.mortar.runtime.transform;

import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.FieldPath;
import io.mortar.runtime.frame.TransformOptions;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Glue's DropFields: removes the fields at the given paths (nested ones too; {@code items[].price} drops a field of
 * every array element). A struct left without fields goes as well. Paths not in the frame are ignored, as in Glue.
 */
public final class DropFields {
    private DropFields() {}

    public static DynamicFrame apply(DynamicFrame frame, List<String> paths, TransformOptions options) {
        return frame.derive(drop(frame.toDF(), paths), options);
    }

    static Dataset<Row> drop(Dataset<Row> df, List<String> paths) {
        Dataset<Row> out = df;
        for (String p : paths) {
            FieldPath path = FieldPath.parse(p);
            if (path.last() instanceof FieldPath.Name && FieldRewriter.exists(out, path)) {
                out = FieldRewriter.rewrite(out, path, (value, field) -> List.of());
            }
        }
        return out;
    }
}

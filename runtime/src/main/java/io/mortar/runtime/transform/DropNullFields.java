package io.mortar.runtime.transform;

import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import io.mortar.runtime.frame.ChoiceMarker;
import io.mortar.runtime.frame.Columns;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.FieldPath;
import io.mortar.runtime.frame.TransformOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Glue's DropNullFields: drops every field that is null or empty (an empty string, array or map) in all records;
 * nested struct fields are checked one by one, and a struct left with no fields goes too. One aggregation finds
 * them all.
 */
public final class DropNullFields {
    private DropNullFields() {}

    public static DynamicFrame apply(DynamicFrame frame, TransformOptions options) {
        Dataset<Row> df = frame.toDF();
        List<FieldPath> leaves = new ArrayList<>();
        List<Column> present = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            collect(Columns.top(f.name()), f, FieldPath.ROOT.child(f.name()), leaves, present);
        }
        if (leaves.isEmpty()) {
            return frame.derive(df, options);
        }
        Row seen = df.agg(present.get(0), present.subList(1, present.size()).toArray(Column[]::new)).first();
        List<String> empty = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            if (seen.isNullAt(i) || !seen.getBoolean(i)) {
                empty.add(leaves.get(i).toString());
            }
        }
        return frame.derive(DropFields.drop(df, empty), options);
    }

    private static void collect(Column value, StructField field, FieldPath path, List<FieldPath> leaves,
                                List<Column> present) {
        if (field.dataType() instanceof StructType struct && !ChoiceMarker.isChoiceField(field)
                && struct.fields().length > 0) {
            for (StructField inner : struct.fields()) {
                collect(value.getField(inner.name()), inner, path.child(inner.name()), leaves, present);
            }
            return;
        }
        Column nonEmpty = value.isNotNull();
        if (field.dataType() instanceof StringType) {
            nonEmpty = nonEmpty.and(value.notEqual(""));
        } else if (field.dataType() instanceof ArrayType || field.dataType() instanceof MapType) {
            nonEmpty = nonEmpty.and(size(value).gt(0));
        }
        leaves.add(path);
        present.add(bool_or(coalesce(nonEmpty, lit(false))));
    }
}

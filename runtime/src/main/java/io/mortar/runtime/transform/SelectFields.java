package io.mortar.runtime.transform;

import static org.apache.spark.sql.functions.transform;

import io.mortar.runtime.frame.ChoiceMarker;
import io.mortar.runtime.frame.Columns;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.FieldPath;
import io.mortar.runtime.frame.TransformOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Glue's SelectFields: keeps only the fields at the given paths, in the frame's order. A nested path keeps its
 * parents with only the selected children ({@code address.city} gives {@code address: struct<city>}); paths that
 * are not in the frame select nothing, as in Glue.
 */
public final class SelectFields {
    private SelectFields() {}

    public static DynamicFrame apply(DynamicFrame frame, List<String> paths, TransformOptions options) {
        return frame.derive(select(frame.toDF(), paths), options);
    }

    static Dataset<Row> select(Dataset<Row> df, List<String> paths) {
        Selection root = new Selection();
        for (String p : paths) {
            root.add(FieldPath.parse(p).segments());
        }
        List<Column> columns = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            Selection sel = root.fields.get(f.name());
            if (sel == null) {
                continue;
            }
            DataType type = prunedType(f.dataType(), sel);
            if (type != null) {
                columns.add(pruned(Columns.top(f.name()), f.dataType(), sel).as(f.name(), f.metadata()));
            }
        }
        return df.select(columns.toArray(Column[]::new));
    }

    /** The selected part of a field: the whole of it, some struct fields, or a part of every array element. */
    private static final class Selection {
        boolean whole;
        final Map<String, Selection> fields = new LinkedHashMap<>();
        Selection elements;

        void add(List<FieldPath.Segment> path) {
            if (path.isEmpty()) {
                whole = true;
                return;
            }
            Selection next = path.get(0) instanceof FieldPath.Name n
                    ? fields.computeIfAbsent(n.name(), k -> new Selection())
                    : (elements = elements == null ? new Selection() : elements);
            next.add(path.subList(1, path.size()));
        }
    }

    private static DataType prunedType(DataType type, Selection sel) {
        if (sel.whole) {
            return type;
        }
        if (type instanceof StructType struct && !ChoiceMarker.isChoiceStruct(struct) && !sel.fields.isEmpty()) {
            List<StructField> kept = new ArrayList<>();
            for (StructField f : struct.fields()) {
                Selection sub = sel.fields.get(f.name());
                DataType t = sub == null ? null : prunedType(f.dataType(), sub);
                if (t != null) {
                    kept.add(new StructField(f.name(), t, true, f.metadata()));
                }
            }
            return kept.isEmpty() ? null : Columns.nullable(new StructType(kept.toArray(StructField[]::new)));
        }
        if (type instanceof ArrayType array && sel.elements != null) {
            DataType element = prunedType(array.elementType(), sel.elements);
            return element == null ? null : DataTypes.createArrayType(element, true);
        }
        return null;
    }

    private static Column pruned(Column value, DataType type, Selection sel) {
        if (sel.whole) {
            return value;
        }
        if (type instanceof StructType struct) {
            List<Column> kept = new ArrayList<>();
            for (StructField f : struct.fields()) {
                Selection sub = sel.fields.get(f.name());
                if (sub != null && prunedType(f.dataType(), sub) != null) {
                    kept.add(pruned(value.getField(f.name()), f.dataType(), sub).as(f.name()));
                }
            }
            return Columns.rebuild(value, kept, (StructType) prunedType(type, sel));
        }
        ArrayType array = (ArrayType) type;
        return transform(value, x -> pruned(x, array.elementType(), sel.elements));
    }
}

package io.mortar.runtime.transform;

import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.when;

import io.mortar.runtime.frame.ChoiceMarker;
import io.mortar.runtime.frame.Columns;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.DynamicFrameCollection;
import io.mortar.runtime.frame.TransformOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Glue's Relationalize: flattens a nested frame into flat tables. Struct fields become top-level columns named by
 * their path ({@code address.city}); each array moves to its own frame {@code <root>_<path>} with columns {@code id}
 * (the value left in the parent's column, a foreign key), {@code index} (the position in the array) and the
 * element as {@code <path>.val} (flattened likewise when it is a struct); nested arrays repeat this. Choices and maps
 * stay as they are.
 *
 * <p>The ids are generated, so a frame with arrays is materialised once (a local checkpoint) before the parent and
 * child frames are cut from it: recomputing would not be guaranteed to generate the same ids.
 */
public final class Relationalize {
    private static final String ROW_ID = "__mortar_row_id";

    private Relationalize() {}

    public static DynamicFrameCollection apply(DynamicFrame frame, String rootName, TransformOptions options) {
        if (rootName == null || rootName.isBlank()) {
            throw new IllegalArgumentException("Relationalize needs a root frame name");
        }
        LinkedHashMap<String, Dataset<Row>> tables = new LinkedHashMap<>();
        split(frame.toDF(), rootName, rootName, tables);
        LinkedHashMap<String, DynamicFrame> frames = new LinkedHashMap<>();
        tables.forEach((name, df) -> frames.put(name, frame.derive(df, options).withName(name)));
        return new DynamicFrameCollection(frames);
    }

    private static void split(Dataset<Row> df, String tableName, String rootName, LinkedHashMap<String, Dataset<Row>> out) {
        Dataset<Row> flat = flatten(df);
        List<String> arrays = new ArrayList<>();
        for (StructField f : flat.schema().fields()) {
            if (f.dataType() instanceof ArrayType) {
                arrays.add(f.name());
            }
        }
        if (arrays.isEmpty()) {
            out.put(tableName, flat);
            return;
        }
        Dataset<Row> withIds = flat.withColumn(ROW_ID, monotonically_increasing_id()).localCheckpoint(true);
        List<Column> parent = new ArrayList<>();
        for (StructField f : flat.schema().fields()) {
            parent.add(arrays.contains(f.name())
                    ? when(Columns.top(f.name()).isNotNull(), Columns.top(ROW_ID)).as(f.name())
                    : Columns.top(f.name()));
        }
        out.put(tableName, withIds.select(parent.toArray(Column[]::new)));
        for (String array : arrays) {
            Dataset<Row> child = withIds.select(Columns.top(ROW_ID).as("id"), posexplode(Columns.top(array)))
                    .toDF("id", "index", array + ".val");
            split(child, rootName + "_" + array, rootName, out);
        }
    }

    /** Struct fields (not choices) lifted to top-level columns named by their dotted path, repeatedly. */
    private static Dataset<Row> flatten(Dataset<Row> df) {
        List<Column> columns = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            addFlattened(Columns.top(f.name()), f, f.name(), columns);
        }
        return df.select(columns.toArray(Column[]::new));
    }

    private static void addFlattened(Column value, StructField field, String name, List<Column> out) {
        if (field.dataType() instanceof StructType struct && !ChoiceMarker.isChoiceField(field)) {
            for (StructField inner : struct.fields()) {
                addFlattened(value.getField(inner.name()), inner, name + "." + inner.name(), out);
            }
        } else {
            out.add(value.as(name, field.metadata()));
        }
    }
}

package io.mortar.runtime.transform;

import io.mortar.runtime.frame.Columns;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.DynamicSchema;
import io.mortar.runtime.frame.FieldPath;
import io.mortar.runtime.frame.TransformOptions;
import io.mortar.runtime.transform.FieldRewriter.NewField;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Glue's RenameField. Both names are full paths (dots step into structs, back-ticks quote names with dots). A new
 * path under the same parent renames in place; under another parent (or at the top) the field moves there.
 */
public final class RenameField {
    private static final String MOVING = "__mortar_moving";

    private RenameField() {}

    public static DynamicFrame apply(DynamicFrame frame, String oldPath, String newPath, TransformOptions options) {
        FieldPath from = FieldPath.parse(oldPath);
        FieldPath to = FieldPath.parse(newPath);
        Dataset<Row> df = frame.toDF();
        if (!FieldRewriter.exists(df, from) || !(from.last() instanceof FieldPath.Name)) {
            throw new IllegalArgumentException("RenameField: no field '" + oldPath + "' in frame '" + frame.name()
                    + "'; its schema is " + DynamicSchema.of(df.schema()).simpleString());
        }
        if (!(to.last() instanceof FieldPath.Name newName)) {
            throw new IllegalArgumentException("RenameField: new name '" + newPath + "' must end in a field name");
        }
        if (from.equals(to)) {
            return frame.derive(df, options);
        }
        if (FieldRewriter.exists(df, to)) {
            throw new IllegalArgumentException("RenameField: '" + newPath + "' already exists in frame '" + frame.name() + "'");
        }
        if (from.parent().equals(to.parent())) {
            Dataset<Row> renamed = FieldRewriter.rewrite(df, from, (value, field) ->
                    List.of(new NewField(newName.name(), field.dataType(), field.metadata(), value)));
            return frame.derive(renamed, options);
        }
        return frame.derive(move(frame, df, from, to, newName.name(), newPath), options);
    }

    private static Dataset<Row> move(DynamicFrame frame, Dataset<Row> df, FieldPath from, FieldPath to, String newName,
                                     String newPath) {
        if (from.hasElements() || to.hasElements()) {
            throw new IllegalArgumentException("RenameField: moving '" + from + "' to '" + newPath
                    + "' crosses an array; only fields under the same parent can be renamed there");
        }
        StructField moved = fieldAt(df.schema(), from);
        Dataset<Row> staged = df.withColumn(MOVING, Columns.at(from));
        staged = DropFields.drop(staged, List.of(from.toString()));
        Column carried = Columns.top(MOVING);
        if (to.segments().size() == 1) {
            List<Column> columns = new ArrayList<>();
            for (StructField f : staged.schema().fields()) {
                if (!f.name().equals(MOVING)) {
                    columns.add(Columns.top(f.name()));
                }
            }
            columns.add(carried.as(newName, moved.metadata()));
            return staged.select(columns.toArray(Column[]::new));
        }
        if (!(DynamicSchema.of(staged.schema()).typeAt(to.parent().toString()).orElse(null)
                instanceof io.mortar.runtime.frame.DynamicType.Struct)) {
            throw new IllegalArgumentException("RenameField: cannot move '" + from + "' to '" + newPath + "': '"
                    + to.parent() + "' is not a struct in frame '" + frame.name() + "'");
        }
        Dataset<Row> inserted = FieldRewriter.rewrite(staged, to.parent(), (parent, field) -> {
            StructType struct = (StructType) field.dataType();
            List<Column> values = new ArrayList<>();
            for (StructField f : struct.fields()) {
                values.add(parent.getField(f.name()).as(f.name()));
            }
            values.add(carried.as(newName));
            StructType widened = (StructType) Columns.nullable(
                    struct.add(new StructField(newName, moved.dataType(), true, moved.metadata())));
            return List.of(new NewField(field.name(), widened, field.metadata(), Columns.rebuild(parent, values, widened)));
        });
        return inserted.drop(MOVING);
    }

    private static StructField fieldAt(StructType schema, FieldPath path) {
        StructType current = schema;
        StructField found = null;
        for (FieldPath.Segment s : path.segments()) {
            found = current.apply(((FieldPath.Name) s).name());
            if (found.dataType() instanceof StructType next) {
                current = next;
            }
        }
        return found;
    }
}

package io.mortar.runtime.transform;

import static org.apache.spark.sql.functions.transform;

import io.mortar.runtime.frame.ChoiceMarker;
import io.mortar.runtime.frame.Columns;
import io.mortar.runtime.frame.DynamicSchema;
import io.mortar.runtime.frame.FieldPath;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Replaces the field at a path, however deep, by zero or more new fields, rebuilding the structs and arrays around
 * it as expressions. Dropping, renaming, resolving a choice and unboxing are all such replacements.
 */
final class FieldRewriter {
    /** A field of the result and the expression that computes it (of exactly the field's type). */
    record NewField(StructField field, Column value) {
        NewField(String name, DataType type, Metadata metadata, Column value) {
            this(new StructField(name, type, true, metadata), value);
        }
    }

    /** What to put in place of the field at the path; {@code value} reads the field, {@code field} describes it. */
    @FunctionalInterface
    interface Leaf {
        List<NewField> apply(Column value, StructField field);
    }

    private record Typed(Column value, DataType type) {}

    private FieldRewriter() {}

    static boolean exists(Dataset<Row> df, FieldPath path) {
        return DynamicSchema.of(df.schema()).typeAt(path.toString()).isPresent();
    }

    /** The frame with the field at {@code path} replaced; the path must exist (see {@link #exists}). */
    static Dataset<Row> rewrite(Dataset<Row> df, FieldPath path, Leaf leaf) {
        List<NewField> fields = rewriteFields(null, df.schema(), path, leaf);
        List<Column> columns = new ArrayList<>(fields.size());
        for (NewField f : fields) {
            columns.add(f.value().as(f.field().name(), f.field().metadata()));
        }
        return df.select(columns.toArray(Column[]::new));
    }

    /** The struct's fields with the one the path names replaced; {@code parent} null means top-level columns. */
    private static List<NewField> rewriteFields(Column parent, StructType type, FieldPath path, Leaf leaf) {
        String target = ((FieldPath.Name) path.head()).name();
        List<NewField> out = new ArrayList<>();
        for (StructField f : type.fields()) {
            Column value = parent == null ? Columns.top(f.name()) : parent.getField(f.name());
            if (!f.name().equals(target)) {
                out.add(new NewField(f, value));
            } else if (path.segments().size() == 1) {
                out.addAll(leaf.apply(value, f));
            } else {
                Typed inner = rewriteValue(value, f.dataType(), path.tail(), leaf);
                boolean emptied = inner.type() instanceof StructType s && s.fields().length == 0
                        && ((StructType) f.dataType()).fields().length > 0;
                if (!emptied) {
                    out.add(new NewField(f.name(), inner.type(), f.metadata(), inner.value()));
                }
            }
        }
        return out;
    }

    private static Typed rewriteValue(Column value, DataType type, FieldPath rest, Leaf leaf) {
        if (rest.head() instanceof FieldPath.Name && type instanceof StructType struct && !ChoiceMarker.isChoiceStruct(struct)) {
            List<NewField> fields = rewriteFields(value, struct, rest, leaf);
            List<Column> named = new ArrayList<>(fields.size());
            List<StructField> types = new ArrayList<>(fields.size());
            for (NewField f : fields) {
                named.add(f.value().as(f.field().name()));
                types.add(f.field());
            }
            StructType newType = (StructType) Columns.nullable(new StructType(types.toArray(StructField[]::new)));
            return new Typed(Columns.rebuild(value, named, newType), newType);
        }
        if (rest.head() instanceof FieldPath.Elements && type instanceof ArrayType array) {
            DataType[] elementType = new DataType[1];
            Column transformed = transform(value, x -> {
                if (rest.segments().size() == 1) {
                    List<NewField> replaced = leaf.apply(x, new StructField("element", array.elementType(), true, Metadata.empty()));
                    if (replaced.size() != 1) {
                        throw new IllegalArgumentException("array elements can only be replaced by one value, not " + replaced.size());
                    }
                    elementType[0] = replaced.get(0).field().dataType();
                    return replaced.get(0).value();
                }
                Typed inner = rewriteValue(x, array.elementType(), rest.tail(), leaf);
                elementType[0] = inner.type();
                return inner.value();
            });
            return new Typed(transformed, DataTypes.createArrayType(elementType[0], true));
        }
        throw new IllegalStateException("path checked before rewriting: " + rest);
    }
}

package io.mortar.runtime.frame;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.transform_values;
import static org.apache.spark.sql.functions.when;

import io.mortar.runtime.frame.DynamicType.Array;
import io.mortar.runtime.frame.DynamicType.Choice;
import io.mortar.runtime.frame.DynamicType.Field;
import io.mortar.runtime.frame.DynamicType.MapOf;
import io.mortar.runtime.frame.DynamicType.Null;
import io.mortar.runtime.frame.DynamicType.Struct;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Column expressions the frames and transforms share. Everything here stays inside Spark SQL expressions, so a
 * transform costs what the same DataFrame code would.
 *
 * <p>Metadata: a struct built with {@code struct(...)} loses its fields' metadata, so rebuilt structs are cast to
 * their full target type, which carries the choice markers of every nested field.
 */
public final class Columns {
    private Columns() {}

    /** A top-level column by its exact name, even when the name contains dots. */
    public static Column top(String name) {
        return functions.col(quoted(name));
    }

    /** A name in back-ticks (a back-tick in it doubled), as Spark reads a column name that may contain dots. */
    public static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** The value at a path of struct fields ({@code address.city}); the path must not step into arrays. */
    public static Column at(FieldPath path) {
        Column value = null;
        for (FieldPath.Segment s : path.segments()) {
            String name = ((FieldPath.Name) s).name();
            value = value == null ? top(name) : value.getField(name);
        }
        return value;
    }

    /**
     * The rows with exactly {@code schema}'s types and metadata. Spark's row encoder drops field metadata, so a
     * frame made by {@code mapPartitions} gets its choice markers back this way (a cast that changes nothing else).
     */
    public static Dataset<Row> withSchema(Dataset<Row> df, StructType schema) {
        List<Column> columns = new ArrayList<>();
        for (StructField f : schema.fields()) {
            columns.add(top(f.name()).cast(nullable(f.dataType())).as(f.name(), f.metadata()));
        }
        return df.select(columns.toArray(Column[]::new));
    }

    /** The metadata a top-level column of this type carries. */
    public static Metadata metadataFor(DynamicType type) {
        return type instanceof Choice ? ChoiceMarker.choiceField(Metadata.empty()) : Metadata.empty();
    }

    /** The same type with every field, element and value nullable (metadata kept): casts into it always resolve. */
    public static DataType nullable(DataType type) {
        if (type instanceof StructType struct) {
            List<StructField> fields = new ArrayList<>();
            for (StructField f : struct.fields()) {
                fields.add(new StructField(f.name(), nullable(f.dataType()), true, f.metadata()));
            }
            return new StructType(fields.toArray(StructField[]::new));
        }
        if (type instanceof ArrayType array) {
            return DataTypes.createArrayType(nullable(array.elementType()), true);
        }
        if (type instanceof MapType map) {
            return DataTypes.createMapType(map.keyType(), nullable(map.valueType()), true);
        }
        return type;
    }

    /** A struct of the given (aliased) values that stays null where {@code parent} is null, typed as {@code target}. */
    public static Column rebuild(Column parent, List<Column> namedValues, StructType target) {
        Column built = namedValues.isEmpty() ? lit(null) : struct(namedValues.toArray(Column[]::new));
        return when(parent.isNull(), lit(null)).otherwise(built).cast(target);
    }

    /**
     * Converts a value of type {@code from} into {@code to}, a type {@link TypeMerger} produced from {@code from} and
     * others: numbers widen, structs gain null fields, values move into their member of a choice.
     */
    public static Column conform(Column value, DynamicType from, DynamicType to) {
        if (from.equals(to)) {
            return value;
        }
        DataType target = to.toSpark();
        if (from instanceof Null) {
            return lit(null).cast(target);
        }
        if (to instanceof Choice choice) {
            List<Column> members = new ArrayList<>();
            for (DynamicType member : choice.members()) {
                DynamicType source = from instanceof Choice fromChoice ? sameKind(fromChoice, member)
                        : TypeMerger.kind(from).equals(TypeMerger.kind(member)) ? from : null;
                Column memberValue = source == null ? lit(null).cast(member.toSpark())
                        : conform(from instanceof Choice ? value.getField(source.memberName()) : value, source, member);
                members.add(memberValue.as(member.memberName()));
            }
            return rebuild(value, members, (StructType) target);
        }
        if (to instanceof Struct struct && from instanceof Struct source) {
            List<Column> fields = new ArrayList<>();
            for (Field f : struct.fields()) {
                Field old = source.field(f.name());
                Column fieldValue = old == null ? lit(null).cast(f.type().toSpark())
                        : conform(value.getField(f.name()), old.type(), f.type());
                fields.add(fieldValue.as(f.name()));
            }
            return rebuild(value, fields, (StructType) target);
        }
        if (to instanceof Array array && from instanceof Array source) {
            return transform(value, x -> conform(x, source.element(), array.element())).cast(target);
        }
        if (to instanceof MapOf map && from instanceof MapOf source) {
            return transform_values(value, (k, v) -> conform(v, source.value(), map.value())).cast(target);
        }
        return castOrNull(value, from.toSpark(), target);
    }

    private static DynamicType sameKind(Choice choice, DynamicType member) {
        for (DynamicType m : choice.members()) {
            if (TypeMerger.kind(m).equals(TypeMerger.kind(member))) {
                return m;
            }
        }
        return null;
    }

    /** {@code try_cast} where Spark can cast at all (uncastable values become null); null where it cannot. */
    public static Column castOrNull(Column value, DataType from, DataType to) {
        if (from.equals(to)) {
            return value;
        }
        return Cast.canTryCast(from, to) || Cast.canCast(from, to) ? value.try_cast(to) : lit(null).cast(to);
    }
}

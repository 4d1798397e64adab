package io.mortar.runtime.frame;

import io.mortar.runtime.frame.DynamicType.Array;
import io.mortar.runtime.frame.DynamicType.Atomic;
import io.mortar.runtime.frame.DynamicType.Choice;
import io.mortar.runtime.frame.DynamicType.Field;
import io.mortar.runtime.frame.DynamicType.MapOf;
import io.mortar.runtime.frame.DynamicType.Null;
import io.mortar.runtime.frame.DynamicType.Struct;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;

/**
 * Combines the types seen for one field into the field's type. Numbers widen (int + long = long, anything + double
 * = double: JSON and CSV do not say how wide a number is, so a wider number is the same kind of value); structs merge
 * their fields; arrays merge their elements; values of different kinds (a number and a string) make a choice.
 */
public final class TypeMerger {
    private static final List<String> KIND_ORDER = List.of(
            "boolean", "number", "string", "date", "timestamp", "timestamp_ntz", "binary", "struct", "array", "map");

    private TypeMerger() {}

    public static DynamicType merge(DynamicType a, DynamicType b) {
        if (a.equals(b) || b instanceof Null) {
            return a;
        }
        if (a instanceof Null) {
            return b;
        }
        if (a instanceof Choice choice) {
            return addToChoice(choice, b);
        }
        if (b instanceof Choice choice) {
            return addToChoice(choice, a);
        }
        if (!kind(a).equals(kind(b))) {
            return choiceOf(List.of(a, b));
        }
        return mergeSameKind(a, b);
    }

    /**
     * Merges per-partition types in partition order. (Spark's {@code fold} merges in the order tasks finish, which
     * would make the order of fields differ from run to run.)
     */
    public static DynamicType mergeAll(List<DynamicType> types) {
        DynamicType merged = Null.INSTANCE;
        for (DynamicType t : types) {
            merged = merge(merged, t);
        }
        return merged;
    }

    /** The kind that decides whether two types merge or make a choice: all numbers are one kind. */
    public static String kind(DynamicType type) {
        if (type instanceof Atomic atomic && atomic.isNumeric()) {
            return "number";
        }
        return type.memberName();
    }

    /** Orders number types by width; 0 for anything that is not a number. */
    static int numericRank(DataType type) {
        if (type instanceof ByteType) return 1;
        if (type instanceof ShortType) return 2;
        if (type instanceof IntegerType) return 3;
        if (type instanceof LongType) return 4;
        if (type instanceof DecimalType) return 5;
        if (type instanceof FloatType) return 6;
        if (type instanceof DoubleType) return 7;
        return 0;
    }

    private static DynamicType mergeSameKind(DynamicType a, DynamicType b) {
        if (a instanceof Atomic x && b instanceof Atomic y) {
            return x.isNumeric() ? new Atomic(widerNumber(x.type(), y.type())) : a;
        }
        if (a instanceof Struct x && b instanceof Struct y) {
            Map<String, DynamicType> fields = new LinkedHashMap<>();
            for (Field f : x.fields()) {
                fields.put(f.name(), f.type());
            }
            for (Field f : y.fields()) {
                fields.merge(f.name(), f.type(), TypeMerger::merge);
            }
            List<Field> out = new ArrayList<>(fields.size());
            fields.forEach((name, type) -> out.add(new Field(name, type)));
            return new Struct(out);
        }
        if (a instanceof Array x && b instanceof Array y) {
            return new Array(merge(x.element(), y.element()));
        }
        if (a instanceof MapOf x && b instanceof MapOf y) {
            if (x.keyType().equals(y.keyType())) {
                return new MapOf(x.keyType(), merge(x.value(), y.value()));
            }
            return new MapOf(DataTypes.StringType, merge(x.value(), y.value()));
        }
        return a;
    }

    private static DataType widerNumber(DataType x, DataType y) {
        if (x instanceof DecimalType dx && y instanceof DecimalType dy) {
            int scale = Math.max(dx.scale(), dy.scale());
            int integral = Math.max(dx.precision() - dx.scale(), dy.precision() - dy.scale());
            return integral + scale > DecimalType.MAX_PRECISION()
                    ? DataTypes.DoubleType
                    : DataTypes.createDecimalType(integral + scale, scale);
        }
        if (x instanceof DecimalType || y instanceof DecimalType) {
            DataType other = x instanceof DecimalType ? y : x;
            DecimalType decimal = (DecimalType) (x instanceof DecimalType ? x : y);
            if (numericRank(other) > numericRank(decimal)) {
                return DataTypes.DoubleType;
            }
            int integralDigits = other instanceof LongType ? 20 : 10;
            return widerNumber(decimal, DataTypes.createDecimalType(integralDigits, 0));
        }
        return numericRank(x) >= numericRank(y) ? x : y;
    }

    private static DynamicType addToChoice(Choice choice, DynamicType other) {
        List<DynamicType> members = new ArrayList<>(choice.members());
        List<DynamicType> incoming = other instanceof Choice c ? c.members() : List.of(other);
        for (DynamicType in : incoming) {
            boolean merged = false;
            for (int i = 0; i < members.size(); i++) {
                if (kind(members.get(i)).equals(kind(in))) {
                    members.set(i, mergeSameKind(members.get(i), in));
                    merged = true;
                    break;
                }
            }
            if (!merged && !(in instanceof Null)) {
                members.add(in);
            }
        }
        return choiceOf(members);
    }

    private static Choice choiceOf(List<DynamicType> members) {
        List<DynamicType> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparingInt(TypeMerger::kindRank));
        return new Choice(sorted);
    }

    private static int kindRank(DynamicType type) {
        int rank = KIND_ORDER.indexOf(kind(type));
        return rank < 0 ? KIND_ORDER.size() : rank;
    }
}

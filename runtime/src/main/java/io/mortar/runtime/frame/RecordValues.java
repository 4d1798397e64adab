package io.mortar.runtime.frame;

import io.mortar.runtime.frame.DynamicType.Array;
import io.mortar.runtime.frame.DynamicType.Atomic;
import io.mortar.runtime.frame.DynamicType.Choice;
import io.mortar.runtime.frame.DynamicType.Field;
import io.mortar.runtime.frame.DynamicType.MapOf;
import io.mortar.runtime.frame.DynamicType.Null;
import io.mortar.runtime.frame.DynamicType.Struct;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Plain Java record values (maps, lists, boxed numbers, strings, …: what Jackson parses JSON into and what a
 * {@code Map} transform's function returns) on their way into a dynamic frame: {@link #typeOf} infers a value's type,
 * {@link #inferType} the merged type of many, {@link #toSpark} converts it into Spark's external row form for a (merged) type. {@link #fromRow} goes the other
 * way, for functions that take records as maps.
 */
public final class RecordValues {
    private RecordValues() {}

    public static DynamicType typeOf(Object value) {
        if (value == null) {
            return Null.INSTANCE;
        }
        if (value instanceof String) return new Atomic(DataTypes.StringType);
        if (value instanceof Integer) return new Atomic(DataTypes.IntegerType);
        if (value instanceof Long) return new Atomic(DataTypes.LongType);
        if (value instanceof Double) return new Atomic(DataTypes.DoubleType);
        if (value instanceof Boolean) return new Atomic(DataTypes.BooleanType);
        if (value instanceof Float) return new Atomic(DataTypes.FloatType);
        if (value instanceof Short) return new Atomic(DataTypes.ShortType);
        if (value instanceof Byte) return new Atomic(DataTypes.ByteType);
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? new Atomic(DataTypes.LongType)
                    : big.toString().length() <= DecimalType.MAX_PRECISION() ? new Atomic(DataTypes.createDecimalType(38, 0))
                    : new Atomic(DataTypes.DoubleType);
        }
        if (value instanceof BigDecimal decimal) {
            int scale = Math.max(decimal.scale(), 0);
            int precision = Math.max(decimal.precision() - decimal.scale(), 1) + scale;
            return precision > DecimalType.MAX_PRECISION() ? new Atomic(DataTypes.DoubleType)
                    : new Atomic(DataTypes.createDecimalType(precision, scale));
        }
        if (value instanceof java.sql.Date || value instanceof LocalDate) return new Atomic(DataTypes.DateType);
        if (value instanceof java.sql.Timestamp || value instanceof Instant) return new Atomic(DataTypes.TimestampType);
        if (value instanceof LocalDateTime) return new Atomic(DataTypes.TimestampNTZType);
        if (value instanceof byte[]) return new Atomic(DataTypes.BinaryType);
        if (value instanceof Map<?, ?> map) {
            List<Field> fields = new ArrayList<>(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                fields.add(new Field(String.valueOf(e.getKey()), typeOf(e.getValue())));
            }
            return new Struct(fields);
        }
        if (value instanceof List<?> list) {
            DynamicType element = Null.INSTANCE;
            for (Object item : list) {
                element = TypeMerger.merge(element, typeOf(item));
            }
            return new Array(element);
        }
        if (value instanceof Object[] array) {
            return typeOf(java.util.Arrays.asList(array));
        }
        throw new IllegalArgumentException("Unsupported value type " + value.getClass().getName());
    }

    /**
     * The merged type of {@code f}'s result for every record: one pass over the records, merged per partition and
     * then in partition order ({@link TypeMerger#mergeAll}). A record whose {@code f} throws adds nothing here (the
     * pass that converts the records makes it an error record); a null result adds nothing either.
     */
    public static <T> DynamicType inferType(Dataset<T> records, Function<T, Object> f) {
        return TypeMerger.mergeAll(records.toJavaRDD().mapPartitions((Iterator<T> partition) -> {
            DynamicType merged = Null.INSTANCE;
            while (partition.hasNext()) {
                T record = partition.next();
                try {
                    merged = TypeMerger.merge(merged, typeOf(f.call(record)));
                } catch (Exception failed) {
                    // an error record in the conversion pass
                }
            }
            return List.of(merged).iterator();
        }).collect());
    }

    /**
     * Converts a value into the external form Spark's row encoder takes for {@code type}: structs as rows, arrays as
     * Java arrays, choices as a row with the one member of the value's kind set. Fails for a value that does not fit.
     */
    public static Object toSpark(Object value, DynamicType type) {
        if (value == null) {
            return null;
        }
        if (type instanceof Choice choice) {
            String kind = TypeMerger.kind(typeOf(value));
            Object[] members = new Object[choice.members().size()];
            for (int i = 0; i < members.length; i++) {
                DynamicType member = choice.members().get(i);
                if (TypeMerger.kind(member).equals(kind)) {
                    members[i] = toSpark(value, member);
                    return RowFactory.create(members);
                }
            }
            throw new IllegalArgumentException("a " + kind + " value does not fit " + type.render());
        }
        if (type instanceof Struct struct) {
            if (!(value instanceof Map<?, ?> map)) {
                throw mismatch(value, type);
            }
            Object[] out = new Object[struct.fields().size()];
            for (int i = 0; i < out.length; i++) {
                Field f = struct.fields().get(i);
                out[i] = toSpark(map.get(f.name()), f.type());
            }
            return RowFactory.create(out);
        }
        if (type instanceof Array array) {
            List<?> items = value instanceof Object[] a ? java.util.Arrays.asList(a)
                    : value instanceof List<?> l ? l : null;
            if (items == null) {
                throw mismatch(value, type);
            }
            Object[] out = new Object[items.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = toSpark(items.get(i), array.element());
            }
            return out;
        }
        if (type instanceof MapOf mapType) {
            if (!(value instanceof Map<?, ?> map)) {
                throw mismatch(value, type);
            }
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(atomic(e.getKey(), mapType.keyType()), toSpark(e.getValue(), mapType.value()));
            }
            return CollectionConverters.asScala(out);
        }
        if (type instanceof Null) {
            return String.valueOf(value);
        }
        return atomic(value, ((Atomic) type).type());
    }

    private static Object atomic(Object value, DataType type) {
        if (type instanceof StringType) {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                return value.toString();
            }
            throw mismatch(value, new Atomic(type));
        }
        if (TypeMerger.numericRank(type) > 0) {
            if (!(value instanceof Number n)) {
                throw mismatch(value, new Atomic(type));
            }
            if (type instanceof IntegerType) return n.intValue();
            if (type instanceof LongType) return n.longValue();
            if (type instanceof DoubleType) return n.doubleValue();
            if (type instanceof FloatType) return n.floatValue();
            if (type instanceof ShortType) return n.shortValue();
            if (type instanceof ByteType) return n.byteValue();
            DecimalType decimal = (DecimalType) type;
            return new BigDecimal(n.toString()).setScale(decimal.scale(), RoundingMode.HALF_UP);
        }
        if (type instanceof BooleanType && value instanceof Boolean) return value;
        if (type instanceof DateType) {
            if (value instanceof java.sql.Date) return value;
            if (value instanceof LocalDate d) return java.sql.Date.valueOf(d);
        }
        if (type instanceof TimestampType) {
            if (value instanceof java.sql.Timestamp) return value;
            if (value instanceof Instant i) return java.sql.Timestamp.from(i);
        }
        if (type instanceof TimestampNTZType && value instanceof LocalDateTime) return value;
        if (type instanceof BinaryType && value instanceof byte[]) return value;
        throw mismatch(value, new Atomic(type));
    }

    private static IllegalArgumentException mismatch(Object value, DynamicType type) {
        return new IllegalArgumentException("a " + value.getClass().getSimpleName() + " value does not fit " + type.render());
    }

    /** A row as a map of plain Java values: structs as maps, arrays as lists, a choice as its one non-null member. */
    public static Map<String, Object> fromRow(Row row, StructType schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            out.put(fields[i].name(), plain(row.get(i), DynamicType.of(fields[i])));
        }
        return out;
    }

    private static Object plain(Object value, DynamicType type) {
        if (value == null) {
            return null;
        }
        if (type instanceof Choice choice) {
            Row members = (Row) value;
            for (int i = 0; i < choice.members().size(); i++) {
                if (!members.isNullAt(i)) {
                    return plain(members.get(i), choice.members().get(i));
                }
            }
            return null;
        }
        if (type instanceof Struct struct) {
            Row row = (Row) value;
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < struct.fields().size(); i++) {
                out.put(struct.fields().get(i).name(), plain(row.get(i), struct.fields().get(i).type()));
            }
            return out;
        }
        if (type instanceof Array array) {
            List<Object> out = new ArrayList<>();
            for (Object item : CollectionConverters.asJava((scala.collection.Seq<?>) value)) {
                out.add(plain(item, array.element()));
            }
            return out;
        }
        if (type instanceof MapOf mapType) {
            Map<Object, Object> out = new LinkedHashMap<>();
            CollectionConverters.asJava((scala.collection.Map<?, ?>) value)
                    .forEach((k, v) -> out.put(k, plain(v, mapType.value())));
            return out;
        }
        return value;
    }
}

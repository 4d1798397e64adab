package io.mortar.runtime.frame;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.ArrayType;
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
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * The type of a dynamic frame's field as Glue sees it: Spark's types plus the choice. Inference builds these from
 * records, {@link TypeMerger} combines them, and {@link #toSpark()} turns them into the physical Spark type.
 */
public sealed interface DynamicType extends Serializable {

    /** The Glue-style name of this type: {@code int}, {@code long}, {@code struct}, {@code choice<int,string>}. */
    String render();

    /** The physical Spark type, every field nullable, choices as marked structs. */
    DataType toSpark();

    /** How this type is named as a member of a choice: {@code int}, {@code string}, {@code struct}, {@code array}. */
    String memberName();

    /** Values seen only as null: no type yet. Becomes {@code string} in Spark, like Spark's own JSON reader. */
    record Null() implements DynamicType {
        public static final Null INSTANCE = new Null();

        public String render() {
            return "null";
        }

        public DataType toSpark() {
            return DataTypes.StringType;
        }

        public String memberName() {
            return "null";
        }
    }

    /** A Spark atomic type: numbers, strings, booleans, dates, timestamps, binary. */
    record Atomic(DataType type) implements DynamicType {
        public Atomic {
            Objects.requireNonNull(type, "type");
        }

        public String render() {
            return type instanceof DecimalType d ? "decimal(" + d.precision() + "," + d.scale() + ")" : memberName();
        }

        public DataType toSpark() {
            return type;
        }

        public String memberName() {
            return atomicName(type);
        }

        public boolean isNumeric() {
            return TypeMerger.numericRank(type) > 0;
        }
    }

    record Field(String name, DynamicType type) implements Serializable {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    record Struct(List<Field> fields) implements DynamicType {
        public Struct {
            fields = List.copyOf(fields);
        }

        public Field field(String name) {
            for (Field f : fields) {
                if (f.name().equals(name)) {
                    return f;
                }
            }
            return null;
        }

        public String render() {
            return fields.stream().map(f -> f.name() + ":" + f.type().render())
                    .collect(Collectors.joining(",", "struct<", ">"));
        }

        public StructType toSpark() {
            List<StructField> out = new ArrayList<>(fields.size());
            for (Field f : fields) {
                out.add(new StructField(f.name(), f.type().toSpark(), true, Columns.metadataFor(f.type())));
            }
            return new StructType(out.toArray(StructField[]::new));
        }

        public String memberName() {
            return "struct";
        }
    }

    record Array(DynamicType element) implements DynamicType {
        public String render() {
            return "array<" + element.render() + ">";
        }

        public DataType toSpark() {
            return DataTypes.createArrayType(element.toSpark(), true);
        }

        public String memberName() {
            return "array";
        }
    }

    record MapOf(DataType keyType, DynamicType value) implements DynamicType {
        public String render() {
            return "map<" + atomicName(keyType) + "," + value.render() + ">";
        }

        public DataType toSpark() {
            return DataTypes.createMapType(keyType, value.toSpark(), true);
        }

        public String memberName() {
            return "map";
        }
    }

    /** Several types seen for one field; members are in {@link TypeMerger}'s canonical order, one per kind. */
    record Choice(List<DynamicType> members) implements DynamicType {
        public Choice {
            members = List.copyOf(members);
        }

        public DynamicType member(String name) {
            for (DynamicType m : members) {
                if (m.memberName().equals(name)) {
                    return m;
                }
            }
            return null;
        }

        public String render() {
            return members.stream().map(DynamicType::render).collect(Collectors.joining(",", "choice<", ">"));
        }

        public StructType toSpark() {
            List<StructField> out = new ArrayList<>(members.size());
            for (DynamicType m : members) {
                out.add(new StructField(m.memberName(), m.toSpark(), true, ChoiceMarker.member()));
            }
            return new StructType(out.toArray(StructField[]::new));
        }

        public String memberName() {
            return "choice";
        }
    }

    /** Reads a frame's Spark schema back, recognising choices by their markers. */
    static Struct of(StructType schema) {
        List<Field> fields = new ArrayList<>(schema.fields().length);
        for (StructField f : schema.fields()) {
            fields.add(new Field(f.name(), of(f)));
        }
        return new Struct(fields);
    }

    static DynamicType of(StructField field) {
        if (ChoiceMarker.isChoiceField(field)) {
            return choiceOf((StructType) field.dataType());
        }
        return of(field.dataType());
    }

    static DynamicType of(DataType type) {
        if (ChoiceMarker.isChoiceStruct(type)) {
            return choiceOf((StructType) type);
        }
        if (type instanceof StructType struct) {
            return of(struct);
        }
        if (type instanceof ArrayType array) {
            return new Array(of(array.elementType()));
        }
        if (type instanceof MapType map) {
            return new MapOf(map.keyType(), of(map.valueType()));
        }
        if (type instanceof NullType) {
            return Null.INSTANCE;
        }
        return new Atomic(type);
    }

    private static Choice choiceOf(StructType struct) {
        List<DynamicType> members = new ArrayList<>(struct.fields().length);
        for (StructField member : struct.fields()) {
            members.add(of(member.dataType()));
        }
        return new Choice(members);
    }

    /** Glue's names for Spark's atomic types ({@code long}, not {@code bigint}). */
    static String atomicName(DataType type) {
        if (type instanceof IntegerType) return "int";
        if (type instanceof LongType) return "long";
        if (type instanceof DoubleType) return "double";
        if (type instanceof FloatType) return "float";
        if (type instanceof ShortType) return "short";
        if (type instanceof ByteType) return "byte";
        if (type instanceof DecimalType) return "decimal";
        if (type instanceof BooleanType) return "boolean";
        if (type instanceof StringType) return "string";
        if (type instanceof BinaryType) return "binary";
        if (type instanceof DateType) return "date";
        if (type instanceof TimestampType) return "timestamp";
        if (type instanceof TimestampNTZType) return "timestamp_ntz";
        if (type instanceof NullType) return "null";
        return type.typeName();
    }
}

package io.mortar.runtime.transform;

import java.util.Locale;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** Type names as Glue scripts write them ({@code long}, {@code int}, {@code decimal(10,2)}) to Spark types. */
final class TypeNames {
    private TypeNames() {}

    /** The Spark type, or an IllegalArgumentException naming the type and what it was for. */
    static DataType parse(String name, String usedFor) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "int", "integer" -> { return DataTypes.IntegerType; }
            case "long", "bigint" -> { return DataTypes.LongType; }
            case "short", "smallint" -> { return DataTypes.ShortType; }
            case "byte", "tinyint" -> { return DataTypes.ByteType; }
            case "float", "real" -> { return DataTypes.FloatType; }
            case "double" -> { return DataTypes.DoubleType; }
            case "boolean", "bool" -> { return DataTypes.BooleanType; }
            case "string", "varchar", "char" -> { return DataTypes.StringType; }
            case "date" -> { return DataTypes.DateType; }
            case "timestamp" -> { return DataTypes.TimestampType; }
            case "timestamp_ntz" -> { return DataTypes.TimestampNTZType; }
            case "binary" -> { return DataTypes.BinaryType; }
            case "decimal" -> { return DataTypes.createDecimalType(10, 0); }
            default -> {
                try {
                    return DataType.fromDDL(n);
                } catch (Exception e) { // Spark's ParseException is checked to Java, thrown anyway by Scala
                    throw new IllegalArgumentException("Unknown type '" + name + "' " + usedFor);
                }
            }
        }
    }

    /** Glue's generic names that mean "keep the value's own (complex) type". */
    static boolean isGeneric(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return n.equals("struct") || n.equals("array") || n.equals("map") || n.equals("choice");
    }
}

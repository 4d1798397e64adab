package io.mortar.runtime.io;

import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.TimestampNTZType;

/**
 * Column types between the catalog (Hive type names: {@code int}, {@code bigint}, {@code struct<a:int>},
 * {@code decimal(10,2)}, {@code varchar(20)}) and Spark. Spark's own type parser reads Hive's spelling; char and
 * varchar become strings because Spark's readers produce plain strings.
 */
public final class HiveTypes {
    private static final Pattern CHAR_TYPES = Pattern.compile("(?i)\\b(?:var)?char\\s*\\(\\s*\\d+\\s*\\)");

    private HiveTypes() {}

    public static DataType toSpark(String hiveType) {
        if (hiveType == null || hiveType.isBlank()) {
            return DataTypes.StringType;
        }
        String normalized = CHAR_TYPES.matcher(hiveType.trim()).replaceAll("string");
        try {
            return DataType.fromDDL(normalized);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The column type '" + hiveType + "' is not a type Mortar can read", e);
        }
    }

    public static String toHive(DataType type) {
        if (type instanceof TimestampNTZType) {
            return "timestamp";
        }
        return type.catalogString().replace("timestamp_ntz", "timestamp");
    }
}

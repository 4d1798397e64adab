package io.mortar.crawler.jdbc;

import io.mortar.crawler.schema.GlueType;
import java.sql.Types;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a database column's type, as {@code DatabaseMetaData.getColumns} reports it ({@code DATA_TYPE},
 * {@code TYPE_NAME}, {@code COLUMN_SIZE}, {@code DECIMAL_DIGITS}), to the Glue/Hive type a crawler writes into the
 * catalog. The {@code java.sql.Types} code decides; the vendor's type name only where the code cannot tell (MySQL's
 * unsigned integers and {@code tinyint(1)}, PostgreSQL's array element types, SQLite's declared types).
 */
final class JdbcTypeMapper {

    /**
     * A column's type as the driver reports it.
     *
     * @param jdbcType the {@code java.sql.Types} code
     * @param typeName the vendor's type name ({@code int4}, {@code varchar}, {@code INT UNSIGNED}, {@code _text})
     * @param size {@code COLUMN_SIZE}: precision for numbers, length for strings, bits for {@code BIT}; 0 if unknown
     * @param scale {@code DECIMAL_DIGITS}; 0 if unknown
     */
    record SqlType(int jdbcType, String typeName, int size, int scale) {
        SqlType {
            typeName = typeName == null ? "" : typeName;
        }
    }

    /** Hive's largest decimal precision. */
    private static final int MAX_PRECISION = 38;

    /**
     * An unconstrained decimal ({@code numeric} without precision in PostgreSQL, {@code NUMBER} in Oracle) can hold
     * any value; Hive needs bounds, and decimal(38,18) is what Spark reads such a column as, so a job reading the
     * table through the catalog and one reading it over JDBC agree.
     */
    private static final GlueType UNCONSTRAINED_DECIMAL = GlueType.decimal(MAX_PRECISION, 18);

    /** What older PostgreSQL drivers report as the precision of an unconstrained {@code numeric}. */
    private static final int PG_UNCONSTRAINED_NUMERIC_PRECISION = 131089;

    /**
     * PostgreSQL names an array type after its element with a leading {@code _} ({@code _int4}); the element's
     * {@code java.sql.Types} code is not in the column's metadata, so the common element types are named here.
     * Elements not listed (enums, domains, json, uuid, …) are strings.
     */
    private static final Map<String, Integer> PG_ELEMENT_TYPES = Map.ofEntries(
            Map.entry("bool", Types.BOOLEAN),
            Map.entry("int2", Types.SMALLINT),
            Map.entry("int4", Types.INTEGER),
            Map.entry("int8", Types.BIGINT),
            Map.entry("float4", Types.REAL),
            Map.entry("float8", Types.DOUBLE),
            Map.entry("numeric", Types.NUMERIC),
            Map.entry("date", Types.DATE),
            Map.entry("timestamp", Types.TIMESTAMP),
            Map.entry("timestamptz", Types.TIMESTAMP_WITH_TIMEZONE),
            Map.entry("bytea", Types.BINARY));

    /**
     * SQLite's driver reports a column's storage class (INTEGER, REAL → FLOAT, everything else VARCHAR), not its
     * declared type; the declared name ({@code TYPE_NAME}) says what the column holds. Decimals are doubles: SQLite
     * stores them as 8-byte floats. Names not listed keep the driver's code.
     */
    private static final Map<String, Integer> SQLITE_DECLARED_TYPES = Map.ofEntries(
            Map.entry("bigint", Types.BIGINT),
            Map.entry("smallint", Types.SMALLINT),
            Map.entry("tinyint", Types.TINYINT),
            Map.entry("boolean", Types.BOOLEAN),
            Map.entry("real", Types.DOUBLE),
            Map.entry("float", Types.DOUBLE),
            Map.entry("double", Types.DOUBLE),
            Map.entry("decimal", Types.DOUBLE),
            Map.entry("numeric", Types.DOUBLE),
            Map.entry("date", Types.DATE),
            Map.entry("datetime", Types.TIMESTAMP),
            Map.entry("timestamp", Types.TIMESTAMP),
            Map.entry("blob", Types.BLOB));

    private JdbcTypeMapper() {}

    /**
     * The Glue type for a column.
     *
     * @param classification the database's classification ({@link JdbcSource#classification()}): MySQL's
     *     unsigned integers and {@code tinyint(1)}, and SQLite's columns, need their type names read
     */
    static GlueType map(SqlType type, String classification) {
        String name = type.typeName().toLowerCase(Locale.ROOT);
        if (type.jdbcType() == Types.ARRAY) {
            return new GlueType.Array(arrayElement(type, name));
        }
        if (classification.equals("mysql")) {
            GlueType special = mysqlSpecial(type, name);
            if (special != null) {
                return special;
            }
        }
        if (classification.equals("sqlite")) {
            String declared = name.contains("(") ? name.substring(0, name.indexOf('(')).strip() : name;
            Integer code = SQLITE_DECLARED_TYPES.get(declared);
            if (code != null) {
                return map(new SqlType(code, type.typeName(), type.size(), type.scale()), "");
            }
        }
        if (name.equals("datetimeoffset")) {
            // SQL Server's timestamp with offset has a vendor code (-155) that java.sql.Types does not name
            return GlueType.TIMESTAMP;
        }
        return switch (type.jdbcType()) {
            case Types.BOOLEAN -> GlueType.BOOLEAN;
            // PostgreSQL reports boolean as BIT(1); a wider bit string is bytes, as Spark's JDBC reader reads it
            case Types.BIT -> type.size() <= 1 ? GlueType.BOOLEAN : GlueType.BINARY;
            case Types.TINYINT -> GlueType.TINYINT;
            case Types.SMALLINT -> GlueType.SMALLINT;
            case Types.INTEGER -> GlueType.INT;
            case Types.BIGINT -> GlueType.BIGINT;
            case Types.REAL -> GlueType.FLOAT;
            // JDBC's FLOAT is a double unless its binary precision fits a 4-byte float
            case Types.FLOAT -> type.size() > 0 && type.size() <= 24 ? GlueType.FLOAT : GlueType.DOUBLE;
            case Types.DOUBLE -> GlueType.DOUBLE;
            case Types.NUMERIC, Types.DECIMAL -> decimal(type.size(), type.scale());
            case Types.DATE -> GlueType.DATE;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> GlueType.TIMESTAMP;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> GlueType.BINARY;
            // TIME has no Hive type; strings, like CHAR/VARCHAR/CLOB/XML and every vendor type (json, uuid, …)
            default -> GlueType.STRING;
        };
    }

    /** decimal(p,s) as declared, bounded to Hive's 38 digits as Spark bounds it. */
    static GlueType decimal(int precision, int scale) {
        if (precision <= 0 || scale < 0 || precision == PG_UNCONSTRAINED_NUMERIC_PRECISION) {
            // no declared precision (PostgreSQL numeric reports 0, older drivers 131089; Oracle NUMBER a negative
            // scale): see UNCONSTRAINED_DECIMAL
            return UNCONSTRAINED_DECIMAL;
        }
        return GlueType.decimal(Math.min(precision, MAX_PRECISION), Math.min(scale, MAX_PRECISION));
    }

    private static GlueType arrayElement(SqlType array, String name) {
        if (!name.startsWith("_")) {
            // an array the driver does not describe further (H2's "INTEGER ARRAY", …)
            return GlueType.STRING;
        }
        String element = name.substring(1);
        Integer code = PG_ELEMENT_TYPES.get(element);
        // PostgreSQL reports the element's precision and scale on the array column (numeric(10,2)[]: 10 and 2)
        return code == null ? GlueType.STRING : map(new SqlType(code, element, array.size(), array.scale()), "");
    }

    /**
     * MySQL's integer types as their unsigned ranges need (INT UNSIGNED up to 2^32 in bigint, BIGINT UNSIGNED up to
     * 2^64 in decimal(20,0)), and {@code tinyint(1)}/{@code BIT(1)}, MySQL's booleans. {@code null} when the
     * generic mapping applies.
     */
    private static GlueType mysqlSpecial(SqlType type, String name) {
        boolean tinyint = name.startsWith("tinyint") || type.jdbcType() == Types.TINYINT;
        if ((tinyint || type.jdbcType() == Types.BIT) && (type.size() == 1 || name.startsWith("tinyint(1)"))
                && !name.contains("unsigned")) {
            return GlueType.BOOLEAN;
        }
        if (!name.contains("unsigned")) {
            return null;
        }
        if (name.startsWith("tinyint")) {
            return GlueType.SMALLINT;
        }
        if (name.startsWith("smallint") || name.startsWith("mediumint")) {
            return GlueType.INT;
        }
        if (name.startsWith("int")) {
            return GlueType.BIGINT;
        }
        if (name.startsWith("bigint")) {
            return GlueType.decimal(20, 0);
        }
        return null;
    }
}

package io.mortar.store.expression;

/**
 * How the values of a partition key compare, derived from the key's declared Hive type. Glue compares partition
 * values as the key's type (an {@code int} key compares numerically even though values are stored as text), so the
 * type decides both the value encoding and which predicates an expression may use on the key.
 */
public enum PartitionKeyType {
    /** {@code string}, {@code char(n)}, {@code varchar(n)}: compared as text, code point by code point. */
    STRING,
    /** {@code tinyint}, {@code smallint}, {@code int}/{@code integer}, {@code bigint}/{@code long}. */
    INTEGRAL,
    /** {@code decimal} and {@code decimal(p,s)}: compared numerically, like {@link java.math.BigDecimal#compareTo}. */
    DECIMAL,
    /** {@code date}, values {@code yyyy-MM-dd}. */
    DATE,
    /** {@code timestamp}, values {@code yyyy-MM-dd HH:mm:ss[.fffffffff]}. */
    TIMESTAMP,
    /** Every other type (boolean, double, float, binary, complex types, ...): a key of this type cannot be filtered on. */
    UNSUPPORTED;

    /**
     * The key type of a declared Hive type string such as {@code "int"}, {@code "varchar(10)"} or
     * {@code " DECIMAL(10, 2) "}; case and surrounding whitespace do not matter. Unknown, malformed or null type
     * strings give {@link #UNSUPPORTED} rather than an error, because only a key the expression actually uses must
     * have a usable type.
     */
    public static PartitionKeyType of(String hiveType) {
        return HiveType.parse(hiveType).keyType();
    }
}

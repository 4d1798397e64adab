package io.mortar.store.expression;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Order-preserving text encoding of partition values, stored in each key's slot column.
 *
 * <p>Glue compares partition values as their key's type, but a store keeps them as text. Encoding every value so
 * that plain code-point (byte-wise) text comparison orders encodings exactly like the typed values lets the
 * database evaluate compiled expressions with ordinary {@code =}, {@code <}, {@code BETWEEN} and {@code IN} on TEXT
 * columns, served by ordinary b-tree indexes. Numerically equal values ({@code 007} and {@code 7}, {@code 1.0} and
 * {@code 1}) get equal encodings, so equality and {@code IN} work on the encodings too.
 *
 * <ul>
 *   <li>STRING and UNSUPPORTED: the raw value, unchanged.</li>
 *   <li>INTEGRAL and DECIMAL: one shared numeric encoding (see {@link NumericEncoding}).</li>
 *   <li>DATE: {@code yyyy-MM-dd}, zero-padded; TIMESTAMP: {@code yyyy-MM-dd HH:mm:ss.fffffffff}, fixed width.</li>
 * </ul>
 */
public final class PartitionValueCodec {
    private PartitionValueCodec() {
    }

    /**
     * Encoded form, or null when raw is not castable to the type. STRING and UNSUPPORTED: raw itself, unchanged.
     * An INTEGRAL value must be an integer in the 64-bit range; use {@link #encode(String, PartitionKey)} to also
     * enforce a narrower declared type such as {@code tinyint}. A null raw value encodes to null.
     */
    public static String encode(String raw, PartitionKeyType type) {
        return encode(raw, HiveType.widest(type));
    }

    /**
     * Like {@link #encode(String, PartitionKeyType)} for the key's declared type, also enforcing the range of
     * narrow integral types ({@code tinyint} 8-bit, {@code smallint} 16-bit, {@code int} 32-bit). Stores should
     * use this one, so that a value outside its key's range counts as uncastable, as it does for literals.
     */
    public static String encode(String raw, PartitionKey key) {
        return encode(raw, HiveType.parse(key.hiveType()));
    }

    /**
     * Whether values of the two keys are encoded alike: same key type and, for integral keys, the same range. Names
     * and the spelling of the type ({@code INT}, {@code integer}) do not matter; {@code varchar(10)} and
     * {@code string} encode alike, {@code int} and {@code bigint} do not (a value can fit one and not the other).
     */
    public static boolean sameEncoding(PartitionKey a, PartitionKey b) {
        return HiveType.parse(a.hiveType()).equals(HiveType.parse(b.hiveType()));
    }

    static String encode(String raw, HiveType type) {
        Object value = parse(raw, type);
        return value == null ? null : format(value, type.keyType());
    }

    /**
     * The typed value of raw: a {@link String} for STRING and UNSUPPORTED, a {@link BigDecimal} for INTEGRAL and
     * DECIMAL, a {@link LocalDate} for DATE, a {@link LocalDateTime} for TIMESTAMP; null when raw is null or not
     * castable.
     */
    static Object parse(String raw, HiveType type) {
        if (raw == null) {
            return null;
        }
        return switch (type.keyType()) {
            case STRING, UNSUPPORTED -> raw;
            case INTEGRAL -> NumericEncoding.parseIntegral(raw, type.minValue(), type.maxValue());
            case DECIMAL -> NumericEncoding.parse(raw);
            case DATE -> TemporalValues.parseDate(raw);
            case TIMESTAMP -> TemporalValues.parseTimestamp(raw);
        };
    }

    /** The encoding of a value {@link #parse} returned for a key of the same type. */
    static String format(Object value, PartitionKeyType type) {
        return switch (type) {
            case STRING, UNSUPPORTED -> (String) value;
            case INTEGRAL, DECIMAL -> NumericEncoding.encode((BigDecimal) value);
            case DATE -> TemporalValues.formatDate((LocalDate) value);
            case TIMESTAMP -> TemporalValues.formatTimestamp((LocalDateTime) value);
        };
    }
}

package io.mortar.store.expression;

import java.util.Locale;

/**
 * A declared Hive type reduced to what partition filtering needs: the {@link PartitionKeyType} and, for integral
 * types, the range a value must lie in ({@code tinyint} is 8-bit, {@code smallint} 16, {@code int} 32,
 * {@code bigint} 64). {@code minValue}/{@code maxValue} mean nothing for the other types.
 *
 * <p>Parsing is hand-written rather than a regular expression because the compiler parses the type of every key an
 * expression references on every GetPartitions call.
 */
record HiveType(PartitionKeyType keyType, long minValue, long maxValue) {
    static final HiveType STRING = other(PartitionKeyType.STRING);
    static final HiveType TINYINT = integral(Byte.MIN_VALUE, Byte.MAX_VALUE);
    static final HiveType SMALLINT = integral(Short.MIN_VALUE, Short.MAX_VALUE);
    static final HiveType INT = integral(Integer.MIN_VALUE, Integer.MAX_VALUE);
    static final HiveType BIGINT = integral(Long.MIN_VALUE, Long.MAX_VALUE);
    static final HiveType DECIMAL = other(PartitionKeyType.DECIMAL);
    static final HiveType DATE = other(PartitionKeyType.DATE);
    static final HiveType TIMESTAMP = other(PartitionKeyType.TIMESTAMP);
    static final HiveType UNSUPPORTED = other(PartitionKeyType.UNSUPPORTED);

    private static final int MALFORMED = -1;

    private static HiveType integral(long min, long max) {
        return new HiveType(PartitionKeyType.INTEGRAL, min, max);
    }

    private static HiveType other(PartitionKeyType type) {
        return new HiveType(type, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The most permissive Hive type of a key type: what encoding uses when only the key type is known. */
    static HiveType widest(PartitionKeyType type) {
        return switch (type) {
            case STRING -> STRING;
            case INTEGRAL -> BIGINT;
            case DECIMAL -> DECIMAL;
            case DATE -> DATE;
            case TIMESTAMP -> TIMESTAMP;
            case UNSUPPORTED -> UNSUPPORTED;
        };
    }

    /** See {@link PartitionKeyType#of(String)}. */
    static HiveType parse(String declared) {
        if (declared == null) {
            return UNSUPPORTED;
        }
        String type = declared.strip().toLowerCase(Locale.ROOT);
        int nameEnd = 0;
        while (nameEnd < type.length() && type.charAt(nameEnd) >= 'a' && type.charAt(nameEnd) <= 'z') {
            nameEnd++;
        }
        int parameters = countParameters(type, nameEnd);
        if (parameters == MALFORMED) {
            return UNSUPPORTED;
        }
        return switch (type.substring(0, nameEnd)) {
            case "string" -> parameters == 0 ? STRING : UNSUPPORTED;
            // Hive requires a length for char and varchar, but a bare name is unambiguous, so accept it.
            case "char", "varchar" -> parameters <= 1 ? STRING : UNSUPPORTED;
            case "tinyint" -> parameters == 0 ? TINYINT : UNSUPPORTED;
            case "smallint" -> parameters == 0 ? SMALLINT : UNSUPPORTED;
            case "int", "integer" -> parameters == 0 ? INT : UNSUPPORTED;
            case "bigint", "long" -> parameters == 0 ? BIGINT : UNSUPPORTED;
            case "decimal" -> parameters <= 2 ? DECIMAL : UNSUPPORTED;
            case "date" -> parameters == 0 ? DATE : UNSUPPORTED;
            case "timestamp" -> parameters == 0 ? TIMESTAMP : UNSUPPORTED;
            default -> UNSUPPORTED;
        };
    }

    /**
     * Counts the parameters of an optional {@code (n[, n...])} suffix starting at {@code from}, allowing whitespace
     * around every part; {@link #MALFORMED} when the suffix is anything else.
     */
    private static int countParameters(String type, int from) {
        int pos = skipSpaces(type, from);
        if (pos == type.length()) {
            return 0;
        }
        if (type.charAt(pos) != '(') {
            return MALFORMED;
        }
        int count = 0;
        while (true) {
            pos = skipSpaces(type, pos + 1);
            int digitsStart = pos;
            while (pos < type.length() && type.charAt(pos) >= '0' && type.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == digitsStart) {
                return MALFORMED;
            }
            count++;
            pos = skipSpaces(type, pos);
            if (pos == type.length()) {
                return MALFORMED;
            }
            char separator = type.charAt(pos);
            if (separator == ')') {
                return skipSpaces(type, pos + 1) == type.length() ? count : MALFORMED;
            }
            if (separator != ',') {
                return MALFORMED;
            }
        }
    }

    private static int skipSpaces(String text, int from) {
        int pos = from;
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }
}

package io.mortar.runtime.frame;

import org.apache.spark.unsafe.types.UTF8String;

/**
 * What one text value holds, as a bit: int, long, double, boolean or string; 0 for an empty value (a null).
 *
 * <p>Each kind accepts only text that Java's parser of that type takes as it is (no surrounding spaces): an int is
 * {@code [+-]?[0-9]+} in int's range, a long the same in long's range, a double a decimal number with an optional
 * exponent ({@code 1.5}, {@code .5}, {@code 1.}, {@code 2e-3}) or an integer beyond long's range, a boolean
 * {@code true} or {@code false} in any case. That is what lets a reader read a column again with the type its
 * values showed: Spark's CSV parser parses each with exactly those parsers, so no value can fail there.
 *
 * <p>It reads the bytes of Spark's own strings in place, without allocating: it runs once per value of every text
 * column of a CSV source.
 */
final class TextKind {
    static final int INT = 1;
    static final int LONG = 2;
    static final int DOUBLE = 4;
    static final int BOOLEAN = 8;
    static final int STRING = 16;

    /** Digits of the largest long; a longer run of digits is always beyond long's range. */
    private static final int LONG_DIGITS = 19;

    private TextKind() {}

    static int of(UTF8String value) {
        int n = value.numBytes();
        if (n == 0) {
            return 0;
        }
        int integral = integral(value, n);
        if (integral != 0) {
            return integral;
        }
        if (decimal(value, n)) {
            return DOUBLE;
        }
        return isBoolean(value, n) ? BOOLEAN : STRING;
    }

    /** INT, LONG or DOUBLE (beyond long) for {@code [+-]?[0-9]+}, 0 for anything else. */
    private static int integral(UTF8String v, int n) {
        int i = 0;
        boolean negative = false;
        byte first = v.getByte(0);
        if (first == '+' || first == '-') {
            negative = first == '-';
            i = 1;
        }
        int digits = n - i;
        if (digits == 0) {
            return 0;
        }
        long magnitude = 0;
        for (int j = i; j < n; j++) {
            byte b = v.getByte(j);
            if (b < '0' || b > '9') {
                return 0;
            }
            if (j - i < LONG_DIGITS - 1) {
                magnitude = magnitude * 10 + (b - '0');
            }
        }
        if (digits >= LONG_DIGITS) {
            return ofLongDigits(v.toString());
        }
        return ofValue(negative ? -magnitude : magnitude);
    }

    private static int ofValue(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? INT : LONG;
    }

    /** Rare: 19 or more digits, which may or may not fit (leading zeros, the edges of long's range). */
    private static int ofLongDigits(String digits) {
        try {
            return ofValue(Long.parseLong(digits));
        } catch (NumberFormatException beyond) {
            return DOUBLE;
        }
    }

    /** {@code [+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?}, which Double.parseDouble accepts as it is. */
    private static boolean decimal(UTF8String v, int n) {
        int i = 0;
        byte b = v.getByte(0);
        if (b == '+' || b == '-') {
            i++;
        }
        int intDigits = 0;
        while (i < n && isDigit(v.getByte(i))) {
            i++;
            intDigits++;
        }
        int fractionDigits = 0;
        if (i < n && v.getByte(i) == '.') {
            i++;
            while (i < n && isDigit(v.getByte(i))) {
                i++;
                fractionDigits++;
            }
        }
        if (intDigits == 0 && fractionDigits == 0) {
            return false;
        }
        if (i < n && (v.getByte(i) == 'e' || v.getByte(i) == 'E')) {
            i++;
            if (i < n && (v.getByte(i) == '+' || v.getByte(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(v.getByte(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isBoolean(UTF8String v, int n) {
        return (n == 4 && matchesIgnoringCase(v, "true")) || (n == 5 && matchesIgnoringCase(v, "false"));
    }

    private static boolean matchesIgnoringCase(UTF8String v, String word) {
        for (int i = 0; i < word.length(); i++) {
            if ((v.getByte(i) | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

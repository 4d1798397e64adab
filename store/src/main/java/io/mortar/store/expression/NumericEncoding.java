package io.mortar.store.expression;

import java.math.BigDecimal;

/**
 * Numeric partition values: strict parsing and an ASCII encoding whose code-point order is the numeric order of
 * {@link BigDecimal#compareTo}, for any BigDecimal.
 *
 * <p>The encoding is a sign class, then for non-zero values the normalized exponent and significant digits:
 * <pre>
 *   zero      "1"
 *   positive  "2" + E + D
 *   negative  "0" + complement(E) + complement(D) + "~"
 * </pre>
 * where D is the significant digits without leading or trailing zeros (so {@code 1.50}, {@code 1.5} and
 * {@code 15E-1} all give {@code "15"}) and E is the adjusted exponent (the power of ten of the first significant
 * digit) plus a bias, zero-padded to a fixed width so that comparing it as text compares it as a number. Among
 * positives a larger exponent means a larger number; for equal exponents the digits compare left to right, and a
 * prefix ({@code 1} against {@code 1.5}) is smaller, as it should be. Negatives reverse that order: the exponent and
 * every digit are complemented ({@code 9 - d}), and the terminator {@code '~'}, which sorts above every digit,
 * makes a prefix larger, so that {@code -1 > -1.5}.
 */
final class NumericEncoding {
    /**
     * Makes every exponent non-negative. An exponent is {@code digitCount - 1 - scale} with an int scale, so it
     * lies in [-(2^31 - 1), 2^32 + digitCount]; biased, that fits {@link #EXPONENT_WIDTH} digits for any value
     * parsed from a string of realistic length.
     */
    private static final long EXPONENT_BIAS = 1L << 31;
    private static final int EXPONENT_WIDTH = 10;
    private static final long MAX_BIASED_EXPONENT = 9_999_999_999L;
    private static final BigDecimal MIN_LONG = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

    private NumericEncoding() {
    }

    /**
     * Parses {@code [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?} with ASCII digits only; null for anything else, including
     * whitespace and exponents beyond the int range. The syntax is checked here because {@link BigDecimal}'s own
     * parser also accepts non-ASCII digits.
     */
    static BigDecimal parse(String raw) {
        int length = raw.length();
        int pos = 0;
        if (pos < length && (raw.charAt(pos) == '+' || raw.charAt(pos) == '-')) {
            pos++;
        }
        int mantissaDigits = 0;
        for (; pos < length && isDigit(raw.charAt(pos)); pos++) {
            mantissaDigits++;
        }
        if (pos < length && raw.charAt(pos) == '.') {
            for (pos++; pos < length && isDigit(raw.charAt(pos)); pos++) {
                mantissaDigits++;
            }
        }
        if (mantissaDigits == 0) {
            return null;
        }
        if (pos < length && (raw.charAt(pos) == 'e' || raw.charAt(pos) == 'E')) {
            pos++;
            if (pos < length && (raw.charAt(pos) == '+' || raw.charAt(pos) == '-')) {
                pos++;
            }
            int exponentStart = pos;
            while (pos < length && isDigit(raw.charAt(pos))) {
                pos++;
            }
            if (pos == exponentStart) {
                return null;
            }
        }
        if (pos != length) {
            return null;
        }
        try {
            return new BigDecimal(raw);
        } catch (NumberFormatException exponentOutOfRange) {
            return null;
        }
    }

    /** Parses like {@link #parse} but only accepts an integer value within [min, max]; null otherwise. */
    static BigDecimal parseIntegral(String raw, long min, long max) {
        BigDecimal value = parse(raw);
        // Range first: it is cheap even for huge exponents, and it makes longValueExact below safe and fast.
        if (value == null || value.compareTo(MIN_LONG) < 0 || value.compareTo(MAX_LONG) > 0) {
            return null;
        }
        long exact;
        try {
            exact = value.longValueExact();
        } catch (ArithmeticException hasFraction) {
            return null;
        }
        return exact < min || exact > max ? null : BigDecimal.valueOf(exact);
    }

    static String encode(BigDecimal value) {
        int signum = value.signum();
        if (signum == 0) {
            return "1";
        }
        String digits = value.unscaledValue().abs().toString();
        int significant = digits.length();
        while (digits.charAt(significant - 1) == '0') {
            significant--;
        }
        // Computed in long arithmetic from the digit string, so no scale can overflow (stripTrailingZeros can).
        long biasedExponent = digits.length() - 1L - value.scale() + EXPONENT_BIAS;
        StringBuilder out = new StringBuilder(EXPONENT_WIDTH + significant + 2);
        if (signum > 0) {
            out.append('2');
            appendPadded(out, biasedExponent);
            out.append(digits, 0, significant);
        } else {
            out.append('0');
            appendPadded(out, MAX_BIASED_EXPONENT - biasedExponent);
            for (int i = 0; i < significant; i++) {
                out.append((char) ('9' - digits.charAt(i) + '0'));
            }
            out.append('~');
        }
        return out.toString();
    }

    private static void appendPadded(StringBuilder out, long value) {
        if (value < 0 || value > MAX_BIASED_EXPONENT) {
            throw new IllegalStateException("Exponent out of encodable range: " + value);
        }
        String digits = Long.toString(value);
        out.append("0".repeat(EXPONENT_WIDTH - digits.length())).append(digits);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

package io.mortar.server.config;

import java.util.Locale;

/**
 * Sizes as Java's {@code -Xmx} and Spark write them, the one way every size setting is read: a number of bytes with
 * an optional k, m, g or t (powers of 1024), such as {@code 64m} or {@code 2g}.
 */
public final class ByteSize {
    private ByteSize() {}

    /**
     * The bytes the text names.
     *
     * @throws NumberFormatException when the text is no size, or one beyond a long
     */
    public static long parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (!s.matches("\\d{1,19}[kmgt]?")) {
            throw new NumberFormatException("not a size: '" + text + "'");
        }
        char unit = s.charAt(s.length() - 1);
        int shift = switch (unit) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        long number = Long.parseLong(shift == 0 ? s : s.substring(0, s.length() - 1));
        if (number > Long.MAX_VALUE >> shift) {
            throw new NumberFormatException("too large a size: '" + text + "'");
        }
        return number << shift;
    }

    /** The size in the largest unit that writes it whole ({@code 1536m}, {@code 2g}, {@code 100k}). */
    public static String format(long bytes) {
        String[] units = {"t", "g", "m", "k"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (4 - i));
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return Long.toString(bytes);
    }
}

package io.mortar.tagging;

/**
 * The case folding the prefilter compares under: ASCII letters to lower case through a table (the hot path),
 * other characters with {@link Character#toLowerCase(char)}. Text and literals fold alike, so a literal a rule
 * requires, in any ASCII case, is found in the folded text.
 */
final class Folding {
    private static final char[] ASCII = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII[c] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
    }

    private Folding() {}

    static char fold(char c) {
        return c < 128 ? ASCII[c] : Character.toLowerCase(c);
    }

    static String fold(String s) {
        char[] out = new char[s.length()];
        for (int k = 0; k < out.length; k++) {
            out[k] = fold(s.charAt(k));
        }
        return new String(out);
    }
}

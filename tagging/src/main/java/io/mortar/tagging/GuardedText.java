package io.mortar.tagging;

/**
 * A text a confirming {@code java.util.regex} match reads through, counting the characters it reads: past a
 * budget it throws {@link Tripped}, and the rule counts as not matching that text. The budget is linear in the
 * text's length, so no rule — {@code (a+)+b} on a long run of {@code a}s — can make tagging a row take more than
 * linear time. One per thread; the same characters serve every rule of a row.
 */
final class GuardedText implements CharSequence {
    private final int stepsPerChar;
    private char[] chars = new char[256];
    private int length;
    private long budget;
    private long steps;

    /** A match stopped for reading too much. Preallocated: nothing is allocated when it trips. */
    static final class Tripped extends RuntimeException {
        static final Tripped INSTANCE = new Tripped();

        private Tripped() {
            super("regex step budget exceeded", null, false, false);
        }
    }

    GuardedText(int stepsPerChar) {
        this.stepsPerChar = stepsPerChar;
    }

    /** Takes {@code text} as the characters to match (copied into a reused buffer). */
    void set(CharSequence text) {
        int n = text.length();
        if (n > chars.length) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        if (text instanceof String s) {
            s.getChars(0, n, chars, 0);
        } else {
            for (int k = 0; k < n; k++) {
                chars[k] = text.charAt(k);
            }
        }
        length = n;
    }

    /** A buffer of at least {@code n} characters for a caller to fill, then {@link #setLength(int)}. */
    char[] buffer(int n) {
        if (n > chars.length) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        return chars;
    }

    void setLength(int n) {
        length = n;
    }

    char[] characters() {
        return chars;
    }

    /** Starts a confirming match: a fresh budget. */
    void arm() {
        steps = 0;
        budget = 1_000L + (long) stepsPerChar * length;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (++steps > budget) {
            throw Tripped.INSTANCE;
        }
        if (index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return chars[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(chars, start, end - start);
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}

package io.mortar.tagging;

import java.util.ArrayList;
import java.util.List;

/**
 * A Thompson NFA over UTF-16 code units for the rules the lazy DFA runs ({@link LazyDfa}), all rules in one
 * automaton. States: a character state (a set of characters, then one successor), a split (two successors), an
 * assertion (a zero-width condition, then one successor) and a match state (the rule matched). Character sets are
 * sorted, disjoint {@code [low, high]} ranges.
 */
final class Nfa {
    static final int CHAR = 0;
    static final int SPLIT = 1;
    static final int ASSERT = 2;
    static final int MATCH = 3;

    /** Zero-width conditions the DFA resolves from the characters around a position. */
    static final int BEGIN_TEXT = 0;
    static final int END_TEXT = 1;
    static final int WORD_BOUNDARY = 2;
    static final int NOT_WORD_BOUNDARY = 3;
    /**
     * Java's {@code $} without MULTILINE: the end of the text, or before a line terminator ending it. The DFA reads
     * it as the end of the text and leaves texts ending with a line terminator to the rules' regexes.
     */
    static final int END_OF_LINE_AT_END = 4;

    final List<int[]> ranges = new ArrayList<>(); // per state: the character ranges of a CHAR state
    private int[] kind = new int[64];
    private int[] out1 = new int[64];
    private int[] out2 = new int[64];
    private int[] arg = new int[64]; // the assertion of an ASSERT state, the rule of a MATCH state
    private int size;
    final List<Integer> starts = new ArrayList<>();

    int size() {
        return size;
    }

    int kind(int s) {
        return kind[s];
    }

    int out1(int s) {
        return out1[s];
    }

    int out2(int s) {
        return out2[s];
    }

    int arg(int s) {
        return arg[s];
    }

    int[] ranges(int s) {
        return ranges.get(s);
    }

    int add(int k, int a, int o1, int o2, int[] r) {
        if (size == kind.length) {
            int n = size * 2;
            kind = java.util.Arrays.copyOf(kind, n);
            out1 = java.util.Arrays.copyOf(out1, n);
            out2 = java.util.Arrays.copyOf(out2, n);
            arg = java.util.Arrays.copyOf(arg, n);
        }
        kind[size] = k;
        arg[size] = a;
        out1[size] = o1;
        out2[size] = o2;
        ranges.add(r);
        return size++;
    }

    void patch(int s, int o1, int o2) {
        out1[s] = o1;
        out2[s] = o2;
    }
}

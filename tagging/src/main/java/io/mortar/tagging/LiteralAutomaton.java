package io.mortar.tagging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aho-Corasick over the folded literals of many rules: one pass over a text reports every occurrence of every
 * literal, as the literal's number and where it ends. Built as a DFA — each state's transitions on ASCII are a row
 * of a dense table, failure links already followed and upper case already folded — so the scan is one array read
 * per character; a transition into a state with output is negative, so the common case tests nothing else.
 * Characters beyond ASCII, rare in literals, go through a per-state map with failure links. A state's output is
 * the literals ending there (its own and those of its failure chain), stored once, merged.
 */
final class LiteralAutomaton {
    private static final int ASCII = 128;

    final byte[] classOf = new byte[ASCII]; // ASCII char → its class: chars no literal holds share class 0
    private final int classes;
    private final int shift;              // a state's row is 1 << shift wide (classes rounded up to a power of two)
    /**
     * Row offset of state s + class → the next state's row offset (state << shift), OUTPUT-marked: the scan adds
     * a class to what it read and reads again, no multiplication on the path from one character to the next.
     */
    final int[] next;
    private final Map<Integer, Integer>[] wide; // while building: per state, non-ASCII char → state (goto only)
    private char[][] wideChars;                 // then: per state, its non-ASCII characters, sorted
    private int[][] wideTargets;                // and the states they lead to
    private final int[] fail;
    private final int[] outputStart;      // literals of state s: outputs[outputStart[s] .. outputStart[s + 1])
    private final int[] outputs;
    private final boolean hasWide;

    private static final int OUTPUT = 0x8000_0000;

    /** Receives each occurrence: literal {@code literal} (its index in the constructor's list) ends before {@code end}. */
    interface Sink {
        void hit(int literal, int end);
    }

    /** @param literals folded strings; a string given twice is two literals, each reported */
    @SuppressWarnings("unchecked")
    LiteralAutomaton(List<String> literals) {
        List<int[]> gotoAscii = new ArrayList<>();
        List<Map<Integer, Integer>> gotoWide = new ArrayList<>();
        List<Set<Integer>> outputs = new ArrayList<>();
        newState(gotoAscii, gotoWide, outputs);
        boolean anyWide = false;
        for (int index = 0; index < literals.size(); index++) {
            String literal = literals.get(index);
            {
                int s = 0;
                for (int k = 0; k < literal.length(); k++) {
                    char c = literal.charAt(k);
                    int t;
                    if (c < ASCII) {
                        t = gotoAscii.get(s)[c];
                        if (t <= 0) {
                            t = newState(gotoAscii, gotoWide, outputs);
                            gotoAscii.get(s)[c] = t;
                        }
                    } else {
                        anyWide = true;
                        Integer w = gotoWide.get(s).get((int) c);
                        if (w == null) {
                            w = newState(gotoAscii, gotoWide, outputs);
                            gotoWide.get(s).put((int) c, w);
                        }
                        t = w;
                    }
                    s = t;
                }
                outputs.get(s).add(index);
            }
        }
        int states = gotoAscii.size();
        this.hasWide = anyWide;
        int[] plain = new int[states * ASCII];
        this.fail = new int[states];
        this.wide = new Map[states];
        // breadth first: a state's failure target is shallower, so its transitions and outputs are final already
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ASCII; c++) {
            int t = gotoAscii.get(0)[c];
            plain[c] = Math.max(t, 0);
            if (t > 0) {
                fail[t] = 0;
                queue.add(t);
            }
        }
        wide[0] = gotoWide.get(0);
        for (int t : gotoWide.get(0).values()) {
            fail[t] = 0;
            queue.add(t);
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            wide[s] = gotoWide.get(s);
            outputs.get(s).addAll(outputs.get(fail[s]));
            for (int c = 0; c < ASCII; c++) {
                int t = gotoAscii.get(s)[c];
                if (t > 0) {
                    fail[t] = plain[fail[s] * ASCII + c];
                    plain[s * ASCII + c] = t;
                    queue.add(t);
                } else {
                    plain[s * ASCII + c] = plain[fail[s] * ASCII + c];
                }
            }
            for (Map.Entry<Integer, Integer> e : gotoWide.get(s).entrySet()) {
                int t = e.getValue();
                fail[t] = buildStep(plain, fail[s], (char) e.getKey().intValue());
                queue.add(t);
            }
        }
        this.outputStart = new int[states + 1];
        int total = 0;
        for (int s = 0; s < states; s++) {
            outputStart[s] = total;
            total += outputs.get(s).size();
        }
        outputStart[states] = total;
        this.outputs = new int[total];
        for (int s = 0; s < states; s++) {
            int k = outputStart[s];
            for (int literal : outputs.get(s)) {
                this.outputs[k++] = literal;
            }
        }
        // Compress the ASCII columns into classes: characters that occur in no literal behave alike (class 0);
        // upper case behaves as its lower case. A smaller table stays in the CPU's caches.
        boolean[] used = new boolean[ASCII];
        for (String literal : literals) {
            for (int k = 0; k < literal.length(); k++) {
                if (literal.charAt(k) < ASCII) {
                    used[literal.charAt(k)] = true;
                }
            }
        }
        int count = 1;
        for (int c = 0; c < ASCII; c++) {
            if (used[c]) {
                classOf[c] = (byte) count++;
            }
        }
        for (int c = 'A'; c <= 'Z'; c++) {
            classOf[c] = classOf[c + 32];
        }
        this.classes = count;
        this.shift = 32 - Integer.numberOfLeadingZeros(Math.max(count, 2) - 1);
        // class 0, a character of no literal, leads back to the root from anywhere: the row's zero
        int[] compact = new int[states << shift];
        for (int st = 0; st < states; st++) {
            for (int c = 0; c < ASCII; c++) {
                if (classOf[c] != 0 && !(c >= 'A' && c <= 'Z')) {
                    int target = plain[st * ASCII + c];
                    int offset = target << shift;
                    compact[(st << shift) + classOf[c]] = outputStart[target] != outputStart[target + 1]
                            ? offset | OUTPUT : offset;
                }
            }
        }
        this.next = compact;
        char[][] chars = new char[states][];
        int[][] targets = new int[states][];
        for (int st = 0; st < states; st++) {
            java.util.TreeMap<Integer, Integer> sorted = new java.util.TreeMap<>(wide[st]);
            chars[st] = new char[sorted.size()];
            targets[st] = new int[sorted.size()];
            int k = 0;
            for (Map.Entry<Integer, Integer> e : sorted.entrySet()) {
                chars[st][k] = (char) e.getKey().intValue();
                targets[st][k++] = e.getValue();
            }
        }
        this.wideChars = chars;
        this.wideTargets = targets;
    }

    private static int newState(List<int[]> gotoAscii, List<Map<Integer, Integer>> gotoWide, List<Set<Integer>> out) {
        int[] row = new int[ASCII];
        Arrays.fill(row, -1);
        gotoAscii.add(row);
        gotoWide.add(new HashMap<>(2));
        out.add(new LinkedHashSet<>());
        return gotoAscii.size() - 1;
    }

    /** The state after non-ASCII folded character {@code c} from state {@code s}, while building. */
    private int buildStep(int[] plain, int s, char c) {
        return c < ASCII ? plain[s * ASCII + c] : wideStep(s, c);
    }

    /** The state after folded character {@code c} from state {@code s} (the slow path for non-ASCII). */
    private int step(int s, char c) {
        if (c < ASCII) {
            return (next[(s << shift) + classOf[c]] & ~OUTPUT) >>> shift;
        }
        return wideStep(s, c);
    }

    private int wideStep(int s, char c) {
        while (true) {
            int t = wideTarget(s, c);
            if (t >= 0) {
                return t;
            }
            if (s == 0) {
                return 0;
            }
            s = fail[s];
        }
    }

    /** The goto of state {@code s} on non-ASCII {@code c}, or -1: no boxing on the matching path. */
    private int wideTarget(int s, char c) {
        if (wideChars != null) {
            int k = java.util.Arrays.binarySearch(wideChars[s], c);
            return k >= 0 ? wideTargets[s][k] : -1;
        }
        Integer t = wide[s].get((int) c);
        return t == null ? -1 : t;
    }

    int states() {
        return fail.length;
    }

    /** Reports each occurrence of a literal in {@code text[0..length)}, folded as it goes. */
    void scan(char[] text, int length, Sink sink) {
        int row = 0;
        for (int k = 0; k < length; k++) {
            row = advance(row, text[k], k + 1, sink);
        }
    }

    /**
     * One character: the row offset of the state after {@code c} from the state at {@code row} (0 at the start of
     * a text), reporting the literals that end there ({@code end} is the position after {@code c}).
     */
    int advance(int row, char c, int end, Sink sink) {
        int t;
        if (c < ASCII) {
            t = next[row + classOf[c]];
        } else {
            // a non-ASCII character may fold to an ASCII one ('İ' to 'i'): the table again
            char f = Folding.fold(c);
            t = f < ASCII ? next[row + classOf[f]] : hasWide ? marked(step(row >>> shift, f)) : 0;
        }
        return t >= 0 ? t : report(t, end, sink);
    }

    /** Reports the literals of the OUTPUT-marked row {@code t} reached at {@code end}; its row offset. */
    int report(int t, int end, Sink sink) {
        int reached = t & ~OUTPUT;
        int s = reached >>> shift;
        for (int o = outputStart[s], to = outputStart[s + 1]; o < to; o++) {
            sink.hit(outputs[o], end);
        }
        return reached;
    }

    /** A state as a row offset, OUTPUT-marked when it has output. */
    private int marked(int s) {
        int offset = s << shift;
        return outputStart[s] != outputStart[s + 1] ? offset | OUTPUT : offset;
    }
}

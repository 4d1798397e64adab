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
 * Aho-Corasick over the folded literals of many rules: one pass over a text reports every rule one of whose
 * literals occurs in it. Built as a DFA — each state's transitions on ASCII are a row of a dense table with the
 * failure links already followed — so the scan is one array read per character; characters beyond ASCII, rare in
 * literals, go through a per-state map with failure links. A state's output is the rules whose literal ends there
 * (its own and those of its failure chain), stored once, merged.
 */
final class LiteralAutomaton {
    private static final int ASCII = 128;

    private final int[] next;             // state * 128 + char → state
    private final Map<Integer, Integer>[] wide; // per state: non-ASCII char → state (goto only)
    private final int[] fail;
    private final int[] outputStart;      // rules of state s: outputRules[outputStart[s] .. outputStart[s + 1])
    private final int[] outputRules;
    private final boolean hasWide;

    /** The rules that report when the automaton passes through a state. */
    interface Sink {
        void candidate(int rule);
    }

    @SuppressWarnings("unchecked")
    LiteralAutomaton(List<Set<String>> literalsByRule) {
        List<int[]> gotoAscii = new ArrayList<>();
        List<Map<Integer, Integer>> gotoWide = new ArrayList<>();
        List<Set<Integer>> outputs = new ArrayList<>();
        newState(gotoAscii, gotoWide, outputs);
        boolean anyWide = false;
        for (int rule = 0; rule < literalsByRule.size(); rule++) {
            Set<String> literals = literalsByRule.get(rule);
            if (literals == null) {
                continue;
            }
            for (String literal : literals) {
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
                outputs.get(s).add(rule);
            }
        }
        int states = gotoAscii.size();
        this.hasWide = anyWide;
        this.next = new int[states * ASCII];
        this.fail = new int[states];
        this.wide = new Map[states];
        // breadth first: a state's failure target is shallower, so its transitions and outputs are final already
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ASCII; c++) {
            int t = gotoAscii.get(0)[c];
            next[c] = Math.max(t, 0);
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
                    fail[t] = next[fail[s] * ASCII + c];
                    next[s * ASCII + c] = t;
                    queue.add(t);
                } else {
                    next[s * ASCII + c] = next[fail[s] * ASCII + c];
                }
            }
            for (Map.Entry<Integer, Integer> e : gotoWide.get(s).entrySet()) {
                int t = e.getValue();
                fail[t] = step(fail[s], (char) e.getKey().intValue());
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
        this.outputRules = new int[total];
        for (int s = 0; s < states; s++) {
            int k = outputStart[s];
            for (int rule : outputs.get(s)) {
                outputRules[k++] = rule;
            }
        }
    }

    private static int newState(List<int[]> gotoAscii, List<Map<Integer, Integer>> gotoWide, List<Set<Integer>> out) {
        int[] row = new int[ASCII];
        Arrays.fill(row, -1);
        gotoAscii.add(row);
        gotoWide.add(new HashMap<>(2));
        out.add(new LinkedHashSet<>());
        return gotoAscii.size() - 1;
    }

    /** The state after folded character {@code c} from state {@code s} (the slow path for non-ASCII). */
    private int step(int s, char c) {
        if (c < ASCII) {
            return next[s * ASCII + c];
        }
        while (true) {
            Integer t = wide[s].get((int) c);
            if (t != null) {
                return t;
            }
            if (s == 0) {
                return 0;
            }
            s = fail[s];
        }
    }

    int states() {
        return fail.length;
    }

    /** Reports each rule with a literal in {@code text[0..length)}, folded on the fly; a rule may report twice. */
    void scan(char[] text, int length, Sink sink) {
        int s = 0;
        final int[] next = this.next;
        final int[] outputStart = this.outputStart;
        for (int k = 0; k < length; k++) {
            char c = text[k];
            if (c < ASCII) {
                s = next[(s << 7) + Folding.fold(c)];
            } else {
                // a non-ASCII character may fold to an ASCII one ('İ' to 'i'): the table again
                char f = Folding.fold(c);
                s = f < ASCII ? next[(s << 7) + f] : hasWide ? step(s, f) : 0;
            }
            int from = outputStart[s];
            int to = outputStart[s + 1];
            for (int o = from; o < to; o++) {
                sink.candidate(outputRules[o]);
            }
        }
    }
}

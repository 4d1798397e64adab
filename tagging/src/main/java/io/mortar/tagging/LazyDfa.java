package io.mortar.tagging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides many rules' {@code find()} in one pass over a text, with a DFA built lazily from their joint
 * {@link Nfa}: a DFA state is the set of NFA states alive after a character (the rules' starts join at every
 * position, which is what "find anywhere" means) and whether the character before was a word character and whether
 * it was the first; a transition is computed the first time it is taken and kept. Assertions resolve while taking a
 * transition, when the characters on both sides are known. A transition also says which rules matched just before
 * it, so one pass gives every matching rule. The DFA is for the rules the literal prefilter cannot narrow (no
 * literal, or a one-character one): each of them would otherwise run its regex on every text.
 *
 * <p>Texts with surrogate pairs (Java matches code points) or non-spacing marks next to which a word boundary is
 * Java's own business are left to the rules' regexes: {@link #scan} says so. A cache of more than
 * {@value #MAX_STATES} states is dropped and built again. One instance per thread.
 */
final class LazyDfa {
    private static final int MAX_STATES = 10_000;
    static final int UNKNOWN = Integer.MAX_VALUE;
    /** Marks a transition on which rules match: the common path reads one int per character. */
    private static final int HAS_OUTPUT = 0x8000_0000;
    /** Whether this JVM's {@code \b} counts non-ASCII letters as word characters (Java 17 does; 19 and later do not). */
    private static final boolean UNICODE_WORDS = Pattern.compile("\\b").matcher("\u00e9").find();

    private final Nfa nfa;
    private final int[] starts;
    private final boolean hasWordAssertions;
    private final int[] classStarts;      // sorted first code units of the character classes
    final int[] asciiKey = new int[128]; // an ASCII character's class * 2 + whether it is a word character
    private final int classes;
    private final int shift; // log2 of a state's row width (classes * 2, rounded up to a power of two)

    private final Map<StateKey, Integer> index = new HashMap<>();
    private final List<int[]> kernels = new ArrayList<>();
    private final List<Boolean> prevWords = new ArrayList<>();
    private final List<Boolean> atStarts = new ArrayList<>();
    /** Row offset (state << shift) + key → the next state's row offset, HAS_OUTPUT-marked; UNKNOWN until taken. */
    int[] transitions = new int[0];
    private int[] outputs = new int[0];      // same index → match set (0 for none)
    private int[] endOutputs = new int[0];   // state → match set at the end of the text
    private final List<int[]> matchSets = new ArrayList<>();
    private final Map<BitSet, Integer> matchSetIds = new HashMap<>();

    private int[] pendingSets = new int[16];
    private int pendingCount;

    /** Remembers a match set found mid-scan; reported once the whole text is known to be the DFA's to decide. */
    private void pending(int set) {
        for (int k = 0; k < pendingCount; k++) {
            if (pendingSets[k] == set) {
                return;
            }
        }
        if (pendingCount == pendingSets.length) {
            pendingSets = Arrays.copyOf(pendingSets, pendingCount * 2);
        }
        pendingSets[pendingCount++] = set;
    }

    private record StateKey(int[] kernel, boolean prevWord, boolean atStart) {
        @Override
        public boolean equals(Object o) {
            return o instanceof StateKey k && k.prevWord == prevWord && k.atStart == atStart
                    && Arrays.equals(k.kernel, kernel);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(kernel) * 4 + (prevWord ? 2 : 0) + (atStart ? 1 : 0);
        }
    }

    /** Receives each rule the scan found a match of (a rule may come more than once). */
    interface Sink {
        void matched(int rule);
    }

    LazyDfa(Nfa nfa) {
        this.nfa = nfa;
        this.starts = nfa.starts.stream().mapToInt(Integer::intValue).toArray();
        boolean words = false;
        java.util.TreeSet<Integer> bounds = new java.util.TreeSet<>();
        bounds.add(0);
        for (int s = 0; s < nfa.size(); s++) {
            if (nfa.kind(s) == Nfa.CHAR) {
                int[] r = nfa.ranges(s);
                for (int k = 0; k < r.length; k += 2) {
                    bounds.add(r[k]);
                    if (r[k + 1] < 0xFFFF) {
                        bounds.add(r[k + 1] + 1);
                    }
                }
            } else if (nfa.kind(s) == Nfa.ASSERT && nfa.arg(s) >= Nfa.WORD_BOUNDARY) {
                words = true;
            }
        }
        this.hasWordAssertions = words;
        this.classStarts = bounds.stream().mapToInt(Integer::intValue).toArray();
        this.classes = classStarts.length;
        this.shift = 32 - Integer.numberOfLeadingZeros(classes * 2 - 1);
        for (int c = 0; c < 128; c++) {
            asciiKey[c] = classOf((char) c) * 2 + (isWord((char) c) ? 1 : 0);
        }
        matchSets.add(new int[0]);
        matchSetIds.put(new BitSet(), 0);
        reset();
    }

    private int classOf(char c) {
        int k = Arrays.binarySearch(classStarts, c);
        return k >= 0 ? k : -k - 2;
    }

    private void reset() {
        index.clear();
        kernels.clear();
        prevWords.clear();
        atStarts.clear();
        transitions = new int[64 << shift];
        outputs = new int[64 << shift];
        endOutputs = new int[64];
        state(new int[0], false, true); // state 0: the start of a text
    }

    private int state(int[] kernel, boolean prevWord, boolean atStart) {
        StateKey key = new StateKey(kernel, prevWord, atStart);
        Integer known = index.get(key);
        if (known != null) {
            return known;
        }
        int id = kernels.size();
        kernels.add(kernel);
        prevWords.add(prevWord);
        atStarts.add(atStart);
        index.put(key, id);
        int width = 1 << shift;
        if ((id + 1) * width > transitions.length) {
            transitions = Arrays.copyOf(transitions, transitions.length * 2);
            outputs = Arrays.copyOf(outputs, outputs.length * 2);
        }
        if (id >= endOutputs.length) {
            endOutputs = Arrays.copyOf(endOutputs, endOutputs.length * 2);
        }
        Arrays.fill(transitions, id * width, (id + 1) * width, UNKNOWN);
        endOutputs[id] = UNKNOWN;
        return id;
    }

    static boolean isWord(char c) {
        if (c < 128) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
        }
        return UNICODE_WORDS && Character.isLetterOrDigit(c);
    }

    /**
     * Reports the rules with a match in {@code text[0..length)}.
     *
     * @return false when the text holds what only the rules' regexes decide (nothing was reported then)
     */
    boolean scan(char[] text, int length, Sink sink) {
        int row = start();
        for (int k = 0; k < length && row != GIVE_UP; k++) {
            row = advance(row, text[k]);
        }
        return finish(row, sink);
    }

    /** Returned by {@link #advance} for a character only the rules' regexes decide; the scan is over. */
    static final int GIVE_UP = -1 & ~HAS_OUTPUT;

    /** The row of the state at the start of a text (dropping the cache first when it has grown too big). */
    int start() {
        if (kernels.size() > MAX_STATES) {
            reset();
        }
        pendingCount = 0;
        return 0;
    }

    /** One character: the row offset of the next state, or {@link #GIVE_UP}. Matches are kept for {@link #finish}. */
    int advance(int row, char c) {
        int key;
        if (c < 128) {
            key = asciiKey[c];
        } else if (Character.isSurrogate(c)
                || hasWordAssertions && Character.getType(c) == Character.NON_SPACING_MARK) {
            return GIVE_UP;
        } else {
            key = classOf(c) * 2 + (isWord(c) ? 1 : 0);
        }
        int t = transitions[row + key];
        return t >= 0 && t != UNKNOWN ? t : slowStep(row, key);
    }

    /** A transition not taken before, or one on which rules match: the row offset of the next state. */
    int slowStep(int row, int key) {
        int at = row + key;
        int t = transitions[at];
        if (t == UNKNOWN) {
            t = compute(row >>> shift, key);
        }
        if (t < 0) {
            pending(outputs[at]);
            t &= ~HAS_OUTPUT;
        }
        return t;
    }

    /**
     * Reports the rules that matched, the text read through {@link #advance} up to {@code row}; false (nothing
     * reported) when the scan gave up.
     */
    boolean finish(int row, Sink sink) {
        if (row == GIVE_UP) {
            pendingCount = 0;
            return false;
        }
        int s = row >>> shift;
        for (int k = 0; k < pendingCount; k++) {
            for (int rule : matchSets.get(pendingSets[k])) {
                sink.matched(rule);
            }
        }
        pendingCount = 0;
        int end = endOutputs[s];
        if (end == UNKNOWN) {
            BitSet matched = new BitSet();
            closure(kernels.get(s), prevWords.get(s), atStarts.get(s), false, true, matched, null);
            end = matchSetId(matched);
            endOutputs[s] = end;
        }
        for (int rule : matchSets.get(end)) {
            sink.matched(rule);
        }
        return true;
    }

    /** The transition from {@code s} on {@code key} (a character class and whether it is a word character). */
    private int compute(int s, int key) {
        int cls = key >> 1;
        boolean word = (key & 1) != 0;
        BitSet matched = new BitSet();
        List<Integer> charStates = new ArrayList<>();
        closure(kernels.get(s), prevWords.get(s), atStarts.get(s), word, false, matched, charStates);
        char representative = (char) classStarts[cls];
        BitSet next = new BitSet();
        for (int cs : charStates) {
            if (contains(nfa.ranges(cs), representative)) {
                next.set(nfa.out1(cs));
            }
        }
        int[] kernel = next.stream().toArray();
        int target = state(kernel, word, false);
        int set = matchSetId(matched);
        int at = (s << shift) + key;
        transitions[at] = set == 0 ? target << shift : (target << shift) | HAS_OUTPUT;
        outputs[at] = set;
        return transitions[at];
    }

    private static boolean contains(int[] ranges, char c) {
        for (int k = 0; k < ranges.length; k += 2) {
            if (c < ranges[k]) {
                return false;
            }
            if (c <= ranges[k + 1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Follows splits and assertions from the kernel and the rules' starts, in the context of the characters on
     * both sides; collects matched rules and the character states reached.
     */
    private void closure(int[] kernel, boolean prevWord, boolean atStart, boolean nextWord, boolean atEnd,
                         BitSet matched, List<Integer> charStates) {
        BitSet seen = new BitSet(nfa.size());
        ArrayList<Integer> stack = new ArrayList<>();
        for (int s : kernel) {
            stack.add(s);
        }
        for (int s : starts) {
            stack.add(s);
        }
        while (!stack.isEmpty()) {
            int s = stack.remove(stack.size() - 1);
            if (s < 0 || seen.get(s)) {
                continue;
            }
            seen.set(s);
            switch (nfa.kind(s)) {
                case Nfa.CHAR -> {
                    if (charStates != null) {
                        charStates.add(s);
                    }
                }
                case Nfa.SPLIT -> {
                    stack.add(nfa.out2(s));
                    stack.add(nfa.out1(s));
                }
                case Nfa.MATCH -> matched.set(nfa.arg(s));
                default -> {
                    boolean holds = switch (nfa.arg(s)) {
                        case Nfa.BEGIN_TEXT -> atStart;
                        case Nfa.END_TEXT -> atEnd;
                        case Nfa.WORD_BOUNDARY -> prevWord != nextWord;
                        default -> prevWord == nextWord;
                    };
                    if (holds) {
                        stack.add(nfa.out1(s));
                    }
                }
            }
        }
    }

    private int matchSetId(BitSet rules) {
        Integer id = matchSetIds.get(rules);
        if (id == null) {
            id = matchSets.size();
            matchSets.add(rules.stream().toArray());
            matchSetIds.put(rules, id);
        }
        return id;
    }
}

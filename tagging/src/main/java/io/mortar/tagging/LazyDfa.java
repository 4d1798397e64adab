package io.mortar.tagging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Decides many rules' {@code find()} in one pass over a text, with a DFA built lazily from their joint
 * {@link Nfa}: a DFA state is the set of NFA states alive after a character (the rules' starts join at every
 * position, which is what "find anywhere" means) and whether the character before was a word character and whether
 * it was the first; a transition is computed the first time it is taken and kept. Assertions resolve while taking a
 * transition, when the characters on both sides are known. A transition also says which rules matched just before
 * it, so one pass gives every matching rule.
 *
 * <p>Building a state is the expensive part, and its cost must not grow with the number of rules: what the rules'
 * starts contribute to a transition is the same from every state, so it is computed once per context (the word-ness
 * of the characters on both sides, the start of the text) and character class, and a state's own closure is
 * computed once per context and shared by its transitions.
 *
 * <p>The cache is bounded ({@code maxStates}). A cache that fills is dropped at the start of the next text; one
 * that fills again after fewer than {@value #MIN_BYTES_PER_STATE} characters scanned per state built is
 * <em>thrashing</em> — the rules together have more states than the text reuses — which {@link #thrashing()} tells
 * the caller, who splits the rules into smaller automata (Rust's {@code regex-automata} and RE2 give up on a lazy
 * DFA on the same signal). A text that needs more than twice the budget alone is given up mid-scan.
 *
 * <p>Texts with surrogate pairs (Java matches code points) or non-spacing marks next to which a word boundary is
 * Java's own business are left to the rules' regexes: {@link #finish} says so. One instance per thread.
 */
final class LazyDfa {
    /**
     * Characters scanned per state built below which a cache that filled counts as thrashing. At 200, a dense rule
     * set's every-text DFA building a state per 260 characters of new rows kept dropping and rebuilding its cache
     * (6 times in 600,000 rows); at 500 it is split, and its halves fill no more: 21 → 24-25 MB/s on that workload.
     */
    static final int MIN_BYTES_PER_STATE = 500;
    static final int UNKNOWN = Integer.MAX_VALUE;
    /** The row of the state a scan falls into when it gives up: every transition leads back to it. */
    static final int DEAD = 0;
    /** Marks a transition on which rules match: the common path reads one int per character. */
    private static final int HAS_OUTPUT = 0x8000_0000;
    /** Whether this JVM's {@code \b} counts non-ASCII letters as word characters (Java 17 does; 19 and later do not). */
    private static final boolean UNICODE_WORDS = Pattern.compile("\\b").matcher("\u00e9").find();

    private final Nfa nfa;
    private final int[] starts;
    private final boolean hasWordAssertions;
    private final boolean hasDollar;
    private final int[] classStarts;      // sorted first code units of the character classes
    private final int[] firstKey;         // per class: its key (a class of both word and other characters: two keys)
    private final boolean[] mixed;        // per class: holds word and non-word characters
    private final int[] keyClass;         // per key: its class
    private final boolean[] keyWord;      // per key: whether its characters are word characters
    /**
     * A state's row width, its number of keys: transitions from state s are at {@code s * width + key}. Not rounded
     * to a power of two: the hot loop reads row offsets and never divides, and a big rule set's 90 keys would
     * otherwise take rows of 128, a third of the table (which misses the CPU's caches) wasted.
     */
    final int width;
    /** Per NFA state, per class: whether a character state accepts the class ({@link #maskWords} longs a state). */
    private final long[] classMask;
    private final int maskWords;
    final int[] asciiKey = new int[128];
    private final int maxStates;

    /**
     * The states by kernel and flags: open addressing, each slot a state's id + 1 (0 empty), so that finding the
     * state a new transition leads to (most lead to a known one) allocates nothing and follows no map entries.
     */
    private int[] index = new int[1024];
    private int indexed;
    private int[] hashes = new int[64];    // per state: the hash of its kernel and flags
    private final List<int[]> kernels = new ArrayList<>();
    private int[] flags = new int[64];     // per state: bit 0 the character before was a word character, bit 1 at start
    /** Row offset (state * width) + key → the next state's row offset, HAS_OUTPUT-marked; UNKNOWN until taken. */
    int[] transitions = new int[0];
    private int[] outputs = new int[0];    // state * 2 + next is word → match set (-1 until known)
    private int[][] closures = new int[0][]; // state * 2 + next is word → the character states of its closure
    private int[] endOutputs = new int[0]; // state → match set at the end of the text (-1 until known)
    private final int[][] startNext;       // (prevWord * 2 + atStart) * width + key → kernel the starts add
    private final int[][] startChars = new int[8][];  // context → character states of the starts' closure
    private final int[][] startMatches = new int[8][]; // context → rules the starts' closure matches
    private final int[][] endStartMatches = new int[4][]; // (prevWord, atStart) → rules matching empty at the end
    private final List<int[]> matchSets = new ArrayList<>();
    /**
     * The match sets by their rules: open addressing, each slot a set's id + 1 (0 empty). Not a map keyed by
     * {@link BitSet}, whose hash XORs the words: sets of a big rule set's rules collide in long chains.
     */
    private int[] matchSetIndex = new int[64];
    private int[] matchSetHashes = new int[16];
    private int[] ruleBuffer = new int[16];

    private int[] pendingSets = new int[16];
    private int pendingCount;

    // reused while building states
    private final int[] mark;
    private int markStamp;
    private int[] stack = new int[64];
    private int[] collected = new int[64];
    private int[] nextKernel = new int[64];
    private final BitSet matchedNow = new BitSet();

    // thrash accounting
    private long scanned;    // characters scanned since the cache was last dropped
    private int resets;
    private boolean thrashing;

    /** Receives each rule the scan found a match of (a rule may come more than once). */
    interface Sink {
        void matched(int rule);
    }

    /**
     * A cache of at most about 16 MB of transitions, built as texts need them (more states for automata of few
     * character classes): one DFA that holds a dense rule set's states reads faster than several smaller ones.
     */
    LazyDfa(Nfa nfa) {
        this(nfa, 0);
    }

    LazyDfa(Nfa nfa, int maxStates) {
        this.nfa = nfa;
        this.starts = nfa.starts.stream().mapToInt(Integer::intValue).toArray();
        this.mark = new int[nfa.size()];
        boolean words = false;
        boolean dollar = false;
        TreeSet<Integer> bounds = new TreeSet<>();
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
            } else if (nfa.kind(s) == Nfa.ASSERT && (nfa.arg(s) == Nfa.WORD_BOUNDARY
                    || nfa.arg(s) == Nfa.NOT_WORD_BOUNDARY)) {
                words = true;
            } else if (nfa.kind(s) == Nfa.ASSERT && nfa.arg(s) == Nfa.END_OF_LINE_AT_END) {
                dollar = true;
            }
        }
        this.hasWordAssertions = words;
        this.hasDollar = dollar;
        if (words) { // ASCII classes then tell word characters from others: one key each
            for (int b : new int[] {'0', '9' + 1, 'A', 'Z' + 1, '_', '_' + 1, 'a', 'z' + 1, 128}) {
                bounds.add(b);
            }
        }
        this.classStarts = bounds.stream().mapToInt(Integer::intValue).toArray();
        int classes = classStarts.length;
        this.firstKey = new int[classes];
        this.mixed = new boolean[classes];
        List<Integer> keyClasses = new ArrayList<>();
        List<Boolean> keyWords = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            firstKey[c] = keyClasses.size();
            // beyond ASCII, a class's characters may differ in word-ness; only word assertions care
            mixed[c] = words && classStarts[c] >= 128;
            if (mixed[c]) {
                keyClasses.add(c);
                keyWords.add(false);
                keyClasses.add(c);
                keyWords.add(true);
            } else {
                keyClasses.add(c);
                keyWords.add(isWord((char) classStarts[c]));
            }
        }
        int keys = keyClasses.size();
        this.width = Math.max(keys, 2);
        this.keyClass = keyClasses.stream().mapToInt(Integer::intValue).toArray();
        this.keyWord = new boolean[keys];
        for (int k = 0; k < keys; k++) {
            keyWord[k] = keyWords.get(k);
        }
        for (int c = 0; c < 128; c++) {
            asciiKey[c] = key((char) c);
        }
        this.maskWords = (classes + 63) >>> 6;
        this.classMask = classMasks(nfa, classStarts, maskWords);
        this.startNext = new int[4 * width][];
        // the budget in states of a table of rows rounded to a power of two (no more states for narrower rows: a
        // cache that keeps more states thrashes later, and its rules are split later)
        this.maxStates = maxStates > 0 ? maxStates
                : Math.max(4_096, Math.min(50_000, (1 << 22) / Integer.highestOneBit(2 * width - 1)));
        matchSetId(new BitSet()); // set 0: no rule
        reset();
    }

    private int key(char c) {
        int k = Arrays.binarySearch(classStarts, c);
        int cls = k >= 0 ? k : -k - 2;
        return mixed[cls] && isWord(c) ? firstKey[cls] + 1 : firstKey[cls];
    }

    private void reset() {
        clearIndex();
        kernels.clear();
        transitions = new int[64 * width];
        outputs = new int[128];
        closures = new int[128][];
        endOutputs = new int[64];
        flags = new int[64];
        hashes = new int[64];
        state(new int[0], 0); // state 0: DEAD, out of the index (an empty kernel is a live state too)
        clearIndex();
        Arrays.fill(transitions, 0, width, DEAD);
        state(new int[0], 2); // state 1: the start of a text
        state(new int[0], 0); // states 2 and 3: no partial match alive, after a non-word and a word character
        state(new int[0], 1);
        scanned = 0;
    }

    private void clearIndex() {
        Arrays.fill(index, 0);
        indexed = 0;
    }

    private int state(int[] kernel, int stateFlags) {
        return state(kernel, kernel.length, stateFlags);
    }

    /** The state of kernel {@code kernel[0..n)} (sorted) and flags, added when new (the kernel then copied). */
    private int state(int[] kernel, int n, int stateFlags) {
        int hash = stateFlags;
        for (int k = 0; k < n; k++) {
            hash = 31 * hash + kernel[k];
        }
        hash ^= hash >>> 16;
        int mask = index.length - 1;
        int slot = hash & mask;
        for (int e = index[slot]; e != 0; slot = (slot + 1) & mask, e = index[slot]) {
            int known = e - 1;
            if (hashes[known] == hash && flags[known] == stateFlags
                    && Arrays.equals(kernels.get(known), 0, kernels.get(known).length, kernel, 0, n)) {
                return known;
            }
        }
        int id = kernels.size();
        kernels.add(n == kernel.length ? kernel : Arrays.copyOf(kernel, n));
        if ((id + 1) * width > transitions.length) {
            transitions = Arrays.copyOf(transitions, transitions.length * 2);
        }
        if (id >= endOutputs.length) {
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
            endOutputs = Arrays.copyOf(endOutputs, endOutputs.length * 2);
            flags = Arrays.copyOf(flags, flags.length * 2);
            outputs = Arrays.copyOf(outputs, outputs.length * 2);
            closures = Arrays.copyOf(closures, closures.length * 2);
        }
        Arrays.fill(transitions, id * width, (id + 1) * width, UNKNOWN);
        hashes[id] = hash;
        index[slot] = id + 1;
        if (++indexed * 2 > index.length) { // at most half full: probes stay short
            int[] old = index;
            index = new int[old.length * 2];
            for (int e : old) {
                if (e != 0) {
                    int at = hashes[e - 1] & (index.length - 1);
                    while (index[at] != 0) {
                        at = (at + 1) & (index.length - 1);
                    }
                    index[at] = e;
                }
            }
        }
        flags[id] = stateFlags;
        endOutputs[id] = -1;
        outputs[2 * id] = -1;
        outputs[2 * id + 1] = -1;
        closures[2 * id] = null;
        closures[2 * id + 1] = null;
        return id;
    }

    /** States in the cache now (the dead state and the start state included). */
    int states() {
        return kernels.size();
    }

    /** Times the cache was dropped for being full. */
    int resets() {
        return resets;
    }

    /** Whether the cache filled faster than texts reuse it: the rules want splitting into smaller automata. */
    boolean thrashing() {
        return thrashing;
    }

    static boolean isWord(char c) {
        if (c < 128) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
        }
        return UNICODE_WORDS && Character.isLetterOrDigit(c);
    }

    /**
     * Whether the DFA decides {@code text[0..length)}: not when a rule's {@code $} could match before the line
     * terminator ending it (such texts go to the rules' regexes; the others have no such terminator).
     */
    boolean decides(char[] text, int length) {
        if (!hasDollar || length == 0) {
            return true;
        }
        char last = text[length - 1];
        return last != '\n' && last != '\r' && last != '\u0085' && last != '\u2028' && last != '\u2029';
    }

    /**
     * Reports the rules with a match in {@code text[0..length)}.
     *
     * @return false when the text holds what only the rules' regexes decide (nothing was reported then)
     */
    boolean scan(char[] text, int length, Sink sink) {
        if (!decides(text, length)) {
            return false;
        }
        int row = start(length);
        for (int k = 0; k < length; k++) {
            row = advance(row, text[k]);
        }
        return finish(row, sink);
    }

    /**
     * The row of the state at the start of a text of {@code length} characters (dropping the cache first when it
     * has grown too big, and judging then whether it thrashes).
     */
    int start(int length) {
        if (kernels.size() > maxStates) {
            if (scanned < (long) MIN_BYTES_PER_STATE * kernels.size()) {
                thrashing = true;
            }
            resets++;
            reset();
        }
        scanned += length;
        pendingCount = 0;
        return width; // state 1
    }

    /**
     * Like {@link #scan}, for rules each of whose matches holds a literal the prefilter found only within
     * {@code text[from..to)} (the first such literal starting at {@code from} when every match starts with one, else
     * {@code from} 0): reads from {@code from}, and past {@code to} only while some partial match is alive — no
     * match can start later.
     */
    boolean scanWindow(char[] text, int length, int from, int to, Sink sink) {
        if (!decides(text, length)) {
            return false;
        }
        int row = start(0);
        int k = 0;
        if (from > 0 && text[from - 1] < 128) { // the state of "nothing alive" after that character
            k = from;
            row = isWord(text[from - 1]) ? 3 * width : 2 * width;
        }
        int first = k;
        for (; k < to; k++) {
            row = advance(row, text[k]);
        }
        for (; k < length; k++) {
            if (row == 2 * width || row == 3 * width || row == DEAD) {
                scanned += k - first;
                if (row == DEAD) {
                    pendingCount = 0;
                    return false;
                }
                // nothing alive and no literal ahead: the matches found are all there are (and none is empty)
                reportPending(sink);
                return true;
            }
            row = advance(row, text[k]);
        }
        scanned += length - first;
        return finish(row, sink);
    }

    private void reportPending(Sink sink) {
        for (int k = 0; k < pendingCount; k++) {
            for (int rule : matchSets.get(pendingSets[k])) {
                sink.matched(rule);
            }
        }
        pendingCount = 0;
    }

    /** One character: the row offset of the next state ({@link #DEAD} once given up). */
    int advance(int row, char c) {
        int key;
        if (c < 128) {
            key = asciiKey[c];
        } else if (Character.isSurrogate(c)
                || hasWordAssertions && Character.getType(c) == Character.NON_SPACING_MARK) {
            return DEAD;
        } else {
            key = key(c);
        }
        int t = transitions[row + key];
        return t >= 0 && t != UNKNOWN ? t : slowStep(row, key);
    }

    /** A transition not taken before, or one on which rules match: the row offset of the next state. */
    int slowStep(int row, int key) {
        int at = row + key;
        int t = transitions[at];
        if (t == UNKNOWN) {
            if (kernels.size() > 2 * maxStates) {
                return DEAD; // this text alone outgrows the cache: its rules' regexes decide it
            }
            t = compute(row / width, key);
        }
        if (t < 0) {
            pending(outputs[2 * (row / width) + (keyWord[key] ? 1 : 0)]);
            t &= ~HAS_OUTPUT;
        }
        return t;
    }

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

    /**
     * Reports the rules that matched, the text read through {@link #advance} up to {@code row}; false (nothing
     * reported) when the scan gave up.
     */
    boolean finish(int row, Sink sink) {
        if (row == DEAD) {
            pendingCount = 0;
            return false;
        }
        int s = row / width;
        reportPending(sink);
        int end = endOutputs[s];
        if (end < 0) {
            BitSet matched = matchedNow;
            matched.clear();
            boolean prevWord = (flags[s] & 1) != 0;
            boolean atStart = (flags[s] & 2) != 0;
            closure(kernels.get(s), prevWord, atStart, false, true, matched);
            for (int rule : endStartMatches(prevWord, atStart)) {
                matched.set(rule);
            }
            end = matchSetId(matched);
            endOutputs[s] = end;
        }
        for (int rule : matchSets.get(end)) {
            sink.matched(rule);
        }
        return true;
    }

    /** The transition from {@code s} on {@code key}. */
    private int compute(int s, int key) {
        boolean word = keyWord[key];
        int slot = 2 * s + (word ? 1 : 0);
        int stateFlags = flags[s];
        boolean prevWord = (stateFlags & 1) != 0;
        boolean atStart = (stateFlags & 2) != 0;
        int[] chars = closures[slot];
        if (chars == null) {
            BitSet matched = matchedNow;
            matched.clear();
            int n = closure(kernels.get(s), prevWord, atStart, word, false, matched);
            chars = Arrays.copyOf(collected, n);
            int context = context(prevWord, atStart, word);
            startClosure(context);
            for (int rule : startMatches[context]) {
                matched.set(rule);
            }
            closures[slot] = chars;
            outputs[slot] = matchSetId(matched);
        }
        int cls = keyClass[key];
        int word64 = cls >>> 6;
        long bit = 1L << cls;
        int[] fromStarts = startNext(prevWord, atStart, key);
        if (++markStamp == 0) {
            Arrays.fill(mark, 0);
            markStamp = 1;
        }
        int n = 0;
        if (nextKernel.length < chars.length + fromStarts.length) {
            nextKernel = new int[Math.max(2 * nextKernel.length, chars.length + fromStarts.length)];
        }
        int[] next = nextKernel;
        for (int cs : chars) {
            if ((classMask[cs * maskWords + word64] & bit) != 0 && mark[nfa.out1(cs)] != markStamp) {
                mark[nfa.out1(cs)] = markStamp;
                next[n++] = nfa.out1(cs);
            }
        }
        for (int target : fromStarts) {
            if (mark[target] != markStamp) {
                mark[target] = markStamp;
                next[n++] = target;
            }
        }
        Arrays.sort(next, 0, n);
        int target = state(next, n, word ? 1 : 0);
        int at = s * width + key;
        transitions[at] = outputs[slot] == 0 ? target * width : (target * width) | HAS_OUTPUT;
        return transitions[at];
    }

    private static int context(boolean prevWord, boolean atStart, boolean nextWord) {
        return (prevWord ? 4 : 0) + (atStart ? 2 : 0) + (nextWord ? 1 : 0);
    }

    /** The character states and matches of the rules' starts in a context, computed once. */
    private void startClosure(int context) {
        if (startChars[context] == null) {
            BitSet matched = new BitSet();
            int n = closure(starts, (context & 4) != 0, (context & 2) != 0, (context & 1) != 0, false, matched);
            startChars[context] = Arrays.copyOf(collected, n);
            startMatches[context] = matched.stream().toArray();
        }
    }

    /**
     * The rules whose start matches the empty string at the end of a text, after a word character or not and at
     * its start or not: the same for every state, computed once (a big rule set's starts are thousands of states).
     */
    private int[] endStartMatches(boolean prevWord, boolean atStart) {
        int context = (prevWord ? 2 : 0) + (atStart ? 1 : 0);
        if (endStartMatches[context] == null) {
            BitSet matched = new BitSet();
            closure(starts, prevWord, atStart, false, true, matched);
            endStartMatches[context] = matched.stream().toArray();
        }
        return endStartMatches[context];
    }

    /** The NFA states the rules' starts lead to on {@code key}, from a state with the given context, computed once. */
    private int[] startNext(boolean prevWord, boolean atStart, int key) {
        int slot = ((prevWord ? 2 : 0) + (atStart ? 1 : 0)) * width + key;
        int[] out = startNext[slot];
        if (out == null) {
            int context = context(prevWord, atStart, keyWord[key]);
            startClosure(context);
            char representative = (char) classStarts[keyClass[key]];
            TreeSet<Integer> targets = new TreeSet<>();
            for (int cs : startChars[context]) {
                if (contains(nfa.ranges(cs), representative)) {
                    targets.add(nfa.out1(cs));
                }
            }
            out = targets.stream().mapToInt(Integer::intValue).toArray();
            startNext[slot] = out;
        }
        return out;
    }

    /**
     * Each character state's classes as bits, for the state-building loop: one read of a contiguous array rather than
     * a walk of the state's ranges (a big rule set's NFA has tens of thousands of states, their ranges scattered in
     * the heap). A class lies wholly inside or outside each range: the ranges' bounds define the classes.
     */
    private static long[] classMasks(Nfa nfa, int[] classStarts, int words) {
        long[] masks = new long[nfa.size() * words];
        for (int s = 0; s < nfa.size(); s++) {
            if (nfa.kind(s) != Nfa.CHAR) {
                continue;
            }
            int[] r = nfa.ranges(s);
            for (int k = 0; k < r.length; k += 2) {
                int from = Arrays.binarySearch(classStarts, r[k]);
                for (int c = from; c < classStarts.length && classStarts[c] <= r[k + 1]; c++) {
                    masks[s * words + (c >>> 6)] |= 1L << c;
                }
            }
        }
        return masks;
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
     * Follows splits and assertions from {@code from} in the context of the characters on both sides; collects
     * matched rules, and the character states reached into {@link #collected} (returning how many).
     */
    private int closure(int[] from, boolean prevWord, boolean atStart, boolean nextWord, boolean atEnd,
                        BitSet matched) {
        if (++markStamp == 0) {
            Arrays.fill(mark, 0);
            markStamp = 1;
        }
        int depth = 0;
        int found = 0;
        for (int k = from.length - 1; k >= 0; k--) {
            stack = push(stack, depth++, from[k]);
        }
        while (depth > 0) {
            int s = stack[--depth];
            if (s < 0 || mark[s] == markStamp) {
                continue;
            }
            mark[s] = markStamp;
            switch (nfa.kind(s)) {
                case Nfa.CHAR -> collected = push(collected, found++, s);
                case Nfa.SPLIT -> {
                    stack = push(stack, depth++, nfa.out2(s));
                    stack = push(stack, depth++, nfa.out1(s));
                }
                case Nfa.MATCH -> matched.set(nfa.arg(s));
                default -> {
                    boolean holds = switch (nfa.arg(s)) {
                        case Nfa.BEGIN_TEXT -> atStart;
                        case Nfa.END_TEXT, Nfa.END_OF_LINE_AT_END -> atEnd;
                        case Nfa.WORD_BOUNDARY -> prevWord != nextWord;
                        default -> prevWord == nextWord;
                    };
                    if (holds) {
                        stack = push(stack, depth++, nfa.out1(s));
                    }
                }
            }
        }
        return found;
    }

    private static int[] push(int[] array, int at, int value) {
        if (at == array.length) {
            array = Arrays.copyOf(array, at * 2);
        }
        array[at] = value;
        return array;
    }

    /** The id of a set of matched rules ({@code rules} is a reused buffer: a new set is kept as a copy). */
    private int matchSetId(BitSet rules) {
        int n = 0;
        int hash = 0;
        for (int rule = rules.nextSetBit(0); rule >= 0; rule = rules.nextSetBit(rule + 1)) {
            ruleBuffer = push(ruleBuffer, n++, rule);
            hash = (hash + rule) * 0x9E37_79B9;
        }
        hash ^= hash >>> 15;
        int mask = matchSetIndex.length - 1;
        int slot = hash & mask;
        for (int e = matchSetIndex[slot]; e != 0; slot = (slot + 1) & mask, e = matchSetIndex[slot]) {
            int[] known = matchSets.get(e - 1);
            if (matchSetHashes[e - 1] == hash && Arrays.equals(known, 0, known.length, ruleBuffer, 0, n)) {
                return e - 1;
            }
        }
        int id = matchSets.size();
        matchSets.add(Arrays.copyOf(ruleBuffer, n));
        matchSetHashes = push(matchSetHashes, id, hash);
        matchSetIndex[slot] = id + 1;
        if (2 * matchSets.size() > matchSetIndex.length) { // at most half full: probes stay short
            int[] old = matchSetIndex;
            matchSetIndex = new int[old.length * 2];
            for (int e : old) {
                if (e != 0) {
                    int at = matchSetHashes[e - 1] & (matchSetIndex.length - 1);
                    while (matchSetIndex[at] != 0) {
                        at = (at + 1) & (matchSetIndex.length - 1);
                    }
                    matchSetIndex[at] = e;
                }
            }
        }
        return id;
    }
}

package io.mortar.tagging;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Many regex rules compiled into one matcher. Per column, an Aho-Corasick automaton over the literals each rule
 * requires ({@link RequiredLiterals}) finds, in one pass over the text, the rules that can match. A rule that is
 * nothing but literals ({@link LiteralShape}: keywords, with {@code \b} or {@code (?i)}) is decided right at the
 * hit; other candidates are confirmed with their {@code java.util.regex} pattern, under a step budget linear in
 * the text ({@link GuardedText}). Rules the prefilter cannot narrow (no literal, or a one-character one) run
 * together in a lazily built DFA ({@link LazyDfa}) when their syntax allows, else by their regex on every text.
 * The result is exactly what each rule's {@code find()} says, rule by rule, at a fraction of the cost.
 *
 * <p>A {@code Tagger} is immutable and shared; each thread matches through its own {@link Matching}, which holds
 * every buffer the hot loop needs, so matching a row allocates nothing.
 */
public final class Tagger {
    /** Rules tag at most this many columns in all (a rule's columns are a bit mask). */
    public static final int MAX_COLUMNS = 64;

    /**
     * @param firstMatchOnly a row gets only the tag of the first rule (in rule order) that matches it
     * @param guardStepsPerChar characters a confirming match may read per character of text before it is given up
     */
    public record Options(boolean firstMatchOnly, int guardStepsPerChar) {
        public static final Options DEFAULTS = new Options(false, 1_000);

        public Options {
            if (guardStepsPerChar < 1) {
                throw new IllegalArgumentException("guardStepsPerChar must be at least 1");
            }
        }
    }

    private final List<TagRule> rules;
    private final List<String> columns;
    private final Options options;
    private final Pattern[] patterns;
    private final long[] ruleColumns;
    private final LiteralShape[] shapes;
    private final LiteralAutomaton[] automata;
    private final int[][] literalRule;      // per column: the rule of each literal of its automaton
    private final String[][] literalText;   // per column: each literal as the rule's shape wrote it (or null)
    private final int[][] unfiltered;
    private final Nfa[] nfas;               // per column: the rules its DFA decides (null if none)
    private final int[][] dfaRules;
    private final boolean[] dfaAlways;      // per column: some DFA rule has no useful literal (scan every text)
    private final long[] dfaColumns;        // per rule: the columns whose DFA decides it
    private final int[] tagOfRule;
    private final List<String> tags;
    private final int rulesWithLiterals;

    private Tagger(List<TagRule> rules, List<String> columns, Options options) {
        this.rules = List.copyOf(rules);
        this.columns = List.copyOf(columns);
        this.options = options;
        int n = rules.size();
        this.patterns = new Pattern[n];
        this.shapes = new LiteralShape[n];
        this.ruleColumns = new long[n];
        this.tagOfRule = new int[n];
        Map<String, Integer> columnIndex = new LinkedHashMap<>();
        for (String c : columns) {
            if (columnIndex.putIfAbsent(c, columnIndex.size()) != null) {
                throw new IllegalArgumentException("Column " + c + " is given twice");
            }
        }
        Map<String, Integer> tagIds = new LinkedHashMap<>();
        List<Set<String>> literals = new ArrayList<>();
        int withLiterals = 0;
        for (int r = 0; r < n; r++) {
            TagRule rule = rules.get(r);
            if (rule.tag().isEmpty()) {
                throw new InvalidRuleException(r, rule, "the tag is empty");
            }
            if (rule.columns().isEmpty()) {
                throw new InvalidRuleException(r, rule, "it names no column");
            }
            for (String c : rule.columns()) {
                Integer index = columnIndex.get(c);
                if (index == null) {
                    throw new InvalidRuleException(r, rule, "column " + c + " is not among " + columns);
                }
                ruleColumns[r] |= 1L << index;
            }
            try {
                patterns[r] = Pattern.compile(rule.regex(), rule.flags());
            } catch (PatternSyntaxException e) {
                throw new InvalidRuleException(r, rule, "the regex does not compile: " + e.getDescription()
                        + " near index " + e.getIndex());
            } catch (IllegalArgumentException e) {
                throw new InvalidRuleException(r, rule, "invalid flags: " + e.getMessage());
            }
            shapes[r] = LiteralShape.of(rule.regex(), rule.flags()).orElse(null);
            Optional<Set<String>> required = shapes[r] != null ? Optional.empty()
                    : RequiredLiterals.of(rule.regex(), rule.flags());
            literals.add(required.orElse(null));
            if (required.isPresent() || shapes[r] != null) {
                withLiterals++;
            }
            tagOfRule[r] = tagIds.computeIfAbsent(rule.tag(), t -> tagIds.size());
        }
        this.rulesWithLiterals = withLiterals;
        this.tags = List.copyOf(tagIds.keySet());
        this.automata = new LiteralAutomaton[columns.size()];
        this.literalRule = new int[columns.size()][];
        this.literalText = new String[columns.size()][];
        this.unfiltered = new int[columns.size()][];
        this.nfas = new Nfa[columns.size()];
        this.dfaRules = new int[columns.size()][];
        this.dfaAlways = new boolean[columns.size()];
        this.dfaColumns = new long[n];
        for (int c = 0; c < columns.size(); c++) {
            List<String> folded = new ArrayList<>();
            List<Integer> owners = new ArrayList<>();
            List<String> written = new ArrayList<>();
            List<Integer> always = new ArrayList<>();
            List<Integer> automatic = new ArrayList<>();
            Nfa nfa = new Nfa();
            // When some rule without a useful literal makes the DFA read every text of the column anyway, the DFA
            // takes every rule it can, keyword rules too: one automaton reads the text instead of two.
            boolean dfaReadsAll = false;
            for (int r = 0; r < n && !dfaReadsAll; r++) {
                dfaReadsAll = (ruleColumns[r] & (1L << c)) != 0 && shapes[r] == null && weak(literals.get(r))
                        && DfaSyntax.compile(rules.get(r).regex(), rules.get(r).flags(), r, new Nfa());
            }
            for (int r = 0; r < n; r++) {
                if ((ruleColumns[r] & (1L << c)) == 0) {
                    continue;
                }
                if (dfaReadsAll && DfaSyntax.compile(rules.get(r).regex(), rules.get(r).flags(), r, nfa)) {
                    automatic.add(r);
                    dfaColumns[r] |= 1L << c;
                    dfaAlways[c] = true;
                } else if (shapes[r] == null && DfaSyntax.compile(rules.get(r).regex(), rules.get(r).flags(), r,
                        nfa)) {
                    // The DFA decides the rule: on every text when no useful literal narrows it, else on the
                    // texts where the prefilter finds one of its literals (one DFA pass for all such rules).
                    automatic.add(r);
                    dfaColumns[r] |= 1L << c;
                    if (weak(literals.get(r))) {
                        dfaAlways[c] = true;
                    } else {
                        for (String literal : literals.get(r)) {
                            folded.add(literal);
                            owners.add(r);
                            written.add(null);
                        }
                    }
                } else if (shapes[r] != null) {
                    for (String literal : shapes[r].literals()) {
                        folded.add(Folding.fold(literal));
                        owners.add(r);
                        written.add(literal);
                    }
                } else if (literals.get(r) != null) {
                    for (String literal : literals.get(r)) {
                        folded.add(literal);
                        owners.add(r);
                        written.add(null);
                    }
                } else {
                    always.add(r);
                }
            }
            automata[c] = new LiteralAutomaton(folded);
            literalRule[c] = owners.stream().mapToInt(Integer::intValue).toArray();
            literalText[c] = written.toArray(String[]::new);
            unfiltered[c] = always.stream().mapToInt(Integer::intValue).toArray();
            nfas[c] = automatic.isEmpty() ? null : nfa;
            dfaRules[c] = automatic.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** No literal set, or one with a one-character string: the prefilter would let nearly every text through. */
    private static boolean weak(Set<String> literals) {
        return literals == null || literals.stream().anyMatch(l -> l.length() <= 1);
    }

    /**
     * Compiles the rules for rows of {@code columns}.
     *
     * @throws InvalidRuleException naming the first rule that does not compile or names an unknown column
     */
    public static Tagger compile(List<TagRule> rules, List<String> columns, Options options) {
        requireNonNull(rules, "rules");
        requireNonNull(columns, "columns");
        requireNonNull(options, "options");
        if (columns.size() > MAX_COLUMNS) {
            throw new IllegalArgumentException("At most " + MAX_COLUMNS + " columns can be tagged, not "
                    + columns.size());
        }
        return new Tagger(rules, columns, options);
    }

    public List<TagRule> rules() {
        return rules;
    }

    public List<String> columns() {
        return columns;
    }

    /** The distinct tags, in the order of the rules that first name them; {@link Matching} reports their indexes. */
    public List<String> tags() {
        return tags;
    }

    /** How many rules the literal prefilter covers (the others are confirmed on every text of their columns). */
    public int rulesWithLiterals() {
        return rulesWithLiterals;
    }

    /** How many rules the DFA decides on some column ({@link LazyDfa}). */
    public int rulesDecidedByAutomaton() {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (int[] forColumn : dfaRules) {
            for (int r : forColumn) {
                out.add(r);
            }
        }
        return out.size();
    }

    /** How many rules are decided at the prefilter's hits on some column, without their regex ({@link LiteralShape}). */
    public int rulesDecidedByLiterals() {
        int n = 0;
        for (int r = 0; r < shapes.length; r++) {
            n += shapes[r] != null && dfaColumns[r] != ruleColumns[r] ? 1 : 0;
        }
        return n;
    }

    public Matching newMatching() {
        return new Matching();
    }

    /**
     * One thread's matching state. Set each column's text ({@link #set} or {@link #buffer} then
     * {@link #setLength}), then {@link #matchRow()} or {@link #matchColumn(int)}; read the tags with
     * {@link #tagCount()} and {@link #tag(int)}.
     */
    public final class Matching implements LiteralAutomaton.Sink, LazyDfa.Sink {
        private final GuardedText[] texts = new GuardedText[columns.size()];
        private final LazyDfa[] dfas = new LazyDfa[columns.size()];
        private final boolean[] present = new boolean[columns.size()];
        private final Matcher[] matchers = new Matcher[rules.size()];
        private final int[] ruleStamp = new int[rules.size()];
        private final int[] matchedStamp = new int[rules.size()];
        private final long[] candidateColumns = new long[rules.size()];
        private final int[] candidates = new int[rules.size()];
        private final int[] tagStamp = new int[tags.size()];
        private final int[] foundTags = new int[tags.size()];
        private int stamp;
        private int candidateCount;
        private int tagCount;
        private int scanning;
        private boolean dfaWanted;
        private int[] scanningRules;
        private String[] scanningLiterals;
        private long guardTrips;

        private Matching() {
            for (int c = 0; c < texts.length; c++) {
                texts[c] = new GuardedText(options.guardStepsPerChar());
            }
        }

        /** Column {@code column}'s text; null when the row has none there. */
        public void set(int column, CharSequence value) {
            present[column] = value != null;
            if (value != null) {
                texts[column].set(value);
            }
        }

        /** A buffer of at least {@code capacity} characters to decode column {@code column}'s text into. */
        public char[] buffer(int column, int capacity) {
            return texts[column].buffer(capacity);
        }

        /** The column's text is the first {@code length} characters of its {@link #buffer}; -1 for none. */
        public void setLength(int column, int length) {
            present[column] = length >= 0;
            if (length >= 0) {
                texts[column].setLength(length);
            }
        }

        /** Matches every rule on the row's columns. @return how many tags the row gets */
        public int matchRow() {
            begin();
            for (int c = 0; c < texts.length; c++) {
                if (present[c]) {
                    collect(c);
                }
            }
            return confirm(-1);
        }

        /** Matches the rules on one column only (per-column tags). @return how many tags that column gets */
        public int matchColumn(int column) {
            begin();
            if (present[column]) {
                collect(column);
            }
            return confirm(column);
        }

        public int tagCount() {
            return tagCount;
        }

        /** The {@code k}-th tag found, as an index into {@link Tagger#tags()}, in rule order. */
        public int tag(int k) {
            return foundTags[k];
        }

        /** Confirming matches given up on their step budget so far (each counted as no match). */
        public long guardTrips() {
            return guardTrips;
        }

        private void begin() {
            if (++stamp == 0) { // wrapped after 4 billion rows: start the stamps afresh
                Arrays.fill(ruleStamp, 0);
                Arrays.fill(matchedStamp, 0);
                Arrays.fill(tagStamp, 0);
                stamp = 1;
            }
            candidateCount = 0;
            tagCount = 0;
        }

        private void collect(int column) {
            scanning = column;
            scanningRules = literalRule[column];
            scanningLiterals = literalText[column];
            GuardedText text = texts[column];
            char[] chars = text.characters();
            int length = text.length();
            LiteralAutomaton literals = automata[column];
            boolean decided;
            if (dfaAlways[column]) {
                decided = literals.states() == 1 ? dfa(column).scan(chars, length, this)
                        : scanBoth(literals, dfa(column), chars, length);
            } else {
                dfaWanted = false;
                literals.scan(chars, length, this);
                decided = !dfaWanted || dfa(column).scan(chars, length, this);
            }
            if (!decided) {
                for (int rule : dfaRules[column]) {
                    candidate(rule); // the text needs the rules' own regexes
                }
            }
            for (int rule : unfiltered[column]) {
                candidate(rule);
            }
        }

        /**
         * Both automata read the text in one loop: their two chains of table reads are independent and overlap.
         * An ASCII text (nearly all) takes a loop with no other branch than the rare ones to a slow path.
         */
        private boolean scanBoth(LiteralAutomaton literals, LazyDfa dfa, char[] chars, int length) {
            int dfaRow = dfa.start();
            int literalRow = 0;
            int ascii = 0;
            for (int k = 0; k < length; k++) {
                ascii |= chars[k];
            }
            if (ascii < 128) {
                final int[] next = literals.next;
                final byte[] classOf = literals.classOf;
                final int[] keys = dfa.asciiKey;
                for (int k = 0; k < length; k++) {
                    char c = chars[k];
                    int t = next[literalRow + classOf[c]];
                    literalRow = t >= 0 ? t : literals.report(t, k + 1, this);
                    int key = keys[c];
                    int u = dfa.transitions[dfaRow + key];
                    dfaRow = u >= 0 && u != LazyDfa.UNKNOWN ? u : dfa.slowStep(dfaRow, key);
                }
                return dfa.finish(dfaRow, this);
            }
            for (int k = 0; k < length; k++) {
                char c = chars[k];
                literalRow = literals.advance(literalRow, c, k + 1, this);
                if (dfaRow != LazyDfa.GIVE_UP) {
                    dfaRow = dfa.advance(dfaRow, c);
                }
            }
            return dfa.finish(dfaRow, this);
        }

        private LazyDfa dfa(int column) {
            if (dfas[column] == null) {
                dfas[column] = new LazyDfa(nfas[column]);
            }
            return dfas[column];
        }

        @Override
        public void matched(int rule) {
            if (matchedStamp[rule] != stamp) {
                candidate(rule);
                matchedStamp[rule] = stamp;
            }
        }

        @Override
        public void hit(int literal, int end) {
            int rule = scanningRules[literal];
            if (matchedStamp[rule] == stamp) {
                return; // decided already
            }
            LiteralShape shape = shapes[rule];
            if (shape == null) {
                if ((dfaColumns[rule] & (1L << scanning)) != 0) {
                    dfaWanted = true; // the column's DFA pass decides it, with the others (or reads along)
                } else {
                    candidate(rule);
                }
                return;
            }
            GuardedText text = texts[scanning];
            switch (shape.check(scanningLiterals[literal], text.characters(), text.length(), end)) {
                case MATCH -> {
                    candidate(rule);
                    matchedStamp[rule] = stamp;
                }
                case ASK_THE_REGEX -> candidate(rule);
                case NO_MATCH -> { }
            }
        }

        private void candidate(int rule) {
            if (ruleStamp[rule] != stamp) {
                ruleStamp[rule] = stamp;
                candidateColumns[rule] = 0;
                candidates[candidateCount++] = rule;
            }
            candidateColumns[rule] |= 1L << scanning;
        }

        /** Confirms the candidates in rule order; {@code onlyColumn} -1 for any of a rule's columns. */
        private int confirm(int onlyColumn) {
            if (candidateCount > 1) {
                Arrays.sort(candidates, 0, candidateCount);
            }
            for (int k = 0; k < candidateCount; k++) {
                int rule = candidates[k];
                int tag = tagOfRule[rule];
                if (tagStamp[tag] == stamp) {
                    continue; // another rule gave this tag already
                }
                long columnsLeft = candidateColumns[rule];
                boolean matched = matchedStamp[rule] == stamp;
                while (columnsLeft != 0 && !matched) {
                    int c = Long.numberOfTrailingZeros(columnsLeft);
                    columnsLeft &= columnsLeft - 1;
                    if (onlyColumn < 0 || c == onlyColumn) {
                        matched = find(rule, texts[c]);
                    }
                }
                if (matched) {
                    tagStamp[tag] = stamp;
                    foundTags[tagCount++] = tag;
                    if (options.firstMatchOnly()) {
                        break;
                    }
                }
            }
            return tagCount;
        }

        private boolean find(int rule, GuardedText text) {
            Matcher m = matchers[rule];
            if (m == null) {
                m = patterns[rule].matcher(text);
                matchers[rule] = m;
            } else {
                m.reset(text);
            }
            text.arm();
            try {
                return m.find();
            } catch (GuardedText.Tripped e) {
                guardTrips++;
                return false;
            }
        }
    }
}

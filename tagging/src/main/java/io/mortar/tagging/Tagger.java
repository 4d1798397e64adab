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
 * hit. Rules whose syntax a DFA decides ({@link DfaSyntax}) are decided by lazily built DFAs ({@link LazyDfa}) over
 * groups of rules, so that no DFA takes more rules than its states can hold: a cost model puts rules whose partial
 * matches read across words ({@code \W+(?:\w+\W+){0,2}}, {@code .*}) in groups of {@value #LONG_LIVED_GROUP},
 * the others together; each thread splits a group whose DFA thrashes, between rules that count different things,
 * down to one rule, which is then left to its regex. A group with a rule without a useful literal reads every text
 * (in the prefilter's loop); the others only where the prefilter finds their literals — where a prefix is followed
 * by a suffix when every match starts with one and ends with another — and only from the first such literal to past
 * the last, while a partial match is alive. Any other candidate is confirmed with its {@code java.util.regex}
 * pattern, under a step budget linear in the text ({@link GuardedText}). The result is exactly what each rule's
 * {@code find()} says, rule by rule, at a fraction of the cost.
 *
 * <p>A {@code Tagger} is immutable and shared; each thread matches through its own {@link Matching}, which holds
 * every buffer the hot loop needs and its DFAs, so matching a row allocates nothing (but a DFA's new states).
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
    private final int[][] literalLength;    // per column: each literal's length
    private final byte[][] literalRole;     // per column: what a hit of each literal means (SHAPE, …)

    /** A hit decides the rule: its regex is nothing but the literals ({@link LiteralShape}). */
    private static final byte SHAPE = 0;
    /** A hit makes the rule a candidate its regex confirms. */
    private static final byte CANDIDATE = 1;
    /** A hit has the rule's DFA read the text around it. */
    private static final byte TRIGGER = 2;
    /** A hit of one of the strings the rule's matches start with: its DFA reads the text if a suffix follows. */
    private static final byte PREFIX = 3;
    /** A hit of one of the strings the rule's matches end with. */
    private static final byte SUFFIX = 4;
    private final boolean[] prefixed;       // per rule: its prefilter literals start each of its matches
    private final int[] splitRank;          // per rule: its place when a thrashing DFA's rules are cut in two
    private final int[][] unfiltered;
    private final GroupPlan[][] groups;     // per column: the automata deciding its rules
    private final long[] dfaColumns;        // per rule: the columns where an automaton decides it
    private final int[] tagOfRule;
    private final List<String> tags;
    private final int rulesWithLiterals;

    /**
     * Rules one lazy DFA decides together on a column: what the cost model chose at compile time (each thread's
     * {@link Matching} may split a group whose DFA thrashes).
     *
     * @param always some rule has no useful literal: the DFA reads every text of the column, else only the texts
     *     where the prefilter finds a literal of one of the rules
     */
    private record GroupPlan(int[] rules, boolean always, Nfa nfa) {}

    /**
     * Rules whose partial matches read across words share a DFA with at most this many others: their partial matches
     * multiply each other's states, so on rows not seen before DFAs of 8 built a state per 300 characters read and
     * smaller ones pay back their extra scans (dense R = 1,000: 24.3 → 24.9 MB/s; sparse R = 100: 234 → 332 MB/s).
     */
    static final int LONG_LIVED_GROUP = 4;
    /** Other rules share a DFA with at most this many others. */
    static final int SHORT_LIVED_GROUP = 2_000;

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
        List<Set<String>> prefixes = new ArrayList<>();
        List<Set<String>> suffixes = new ArrayList<>();
        this.prefixed = new boolean[n];
        DfaSyntax.Shape[] dfaShapes = new DfaSyntax.Shape[n];
        String[] repeated = new String[n];
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
            DfaSyntax.Analysis analysis = DfaSyntax.analyze(rule.regex(), rule.flags());
            dfaShapes[r] = analysis.shape();
            prefixes.add(shapes[r] == null ? analysis.prefixes().orElse(null) : null);
            suffixes.add(shapes[r] == null ? analysis.suffixes().orElse(null) : null);
            repeated[r] = analysis.repeated();
            tagOfRule[r] = tagIds.computeIfAbsent(rule.tag(), t -> tagIds.size());
        }
        // a thrashing DFA is cut between rules that repeat different character sets (digits, hex, words…): such
        // rules' partial matches multiply each other's states, while rules repeating the same sets move in step
        Integer[] order = new Integer[n];
        for (int r = 0; r < n; r++) {
            order[r] = r;
        }
        Arrays.sort(order, (a, b) -> repeated[a].equals(repeated[b]) ? Integer.compare(a, b)
                : repeated[a].compareTo(repeated[b]));
        this.splitRank = new int[n];
        for (int k = 0; k < n; k++) {
            splitRank[order[k]] = k;
        }
        this.rulesWithLiterals = withLiterals;
        this.tags = List.copyOf(tagIds.keySet());
        this.automata = new LiteralAutomaton[columns.size()];
        this.literalRule = new int[columns.size()][];
        this.literalText = new String[columns.size()][];
        this.literalLength = new int[columns.size()][];
        this.literalRole = new byte[columns.size()][];
        this.unfiltered = new int[columns.size()][];
        this.groups = new GroupPlan[columns.size()][];
        this.dfaColumns = new long[n];
        for (int c = 0; c < columns.size(); c++) {
            List<String> folded = new ArrayList<>();
            List<Integer> owners = new ArrayList<>();
            List<String> written = new ArrayList<>();
            List<Byte> roles = new ArrayList<>();
            List<Integer> always = new ArrayList<>();
            List<Integer> shortLived = new ArrayList<>();
            List<Integer> longLived = new ArrayList<>();
            // When a short-lived rule without a useful literal makes their DFA read every text of the column
            // anyway, that DFA takes the keyword rules too: one automaton reads the text instead of two.
            boolean shortReadsAll = false;
            for (int r = 0; r < n && !shortReadsAll; r++) {
                shortReadsAll = (ruleColumns[r] & (1L << c)) != 0 && shapes[r] == null && weak(literals.get(r))
                        && dfaShapes[r] == DfaSyntax.Shape.SHORT_LIVED;
            }
            for (int r = 0; r < n; r++) {
                if ((ruleColumns[r] & (1L << c)) == 0) {
                    continue;
                }
                boolean automaton = dfaShapes[r] != DfaSyntax.Shape.REFUSED && (shapes[r] == null
                        || shortReadsAll && dfaShapes[r] == DfaSyntax.Shape.SHORT_LIVED);
                if (automaton) {
                    (dfaShapes[r] == DfaSyntax.Shape.LONG_LIVED ? longLived : shortLived).add(r);
                    dfaColumns[r] |= 1L << c;
                } else if (shapes[r] != null) {
                    for (String literal : shapes[r].literals()) {
                        folded.add(Folding.fold(literal));
                        owners.add(r);
                        written.add(literal);
                        roles.add(SHAPE);
                    }
                } else if (literals.get(r) != null) {
                    for (String literal : literals.get(r)) {
                        folded.add(literal);
                        owners.add(r);
                        written.add(null);
                        roles.add(CANDIDATE);
                    }
                } else {
                    always.add(r);
                }
            }
            List<GroupPlan> plans = new ArrayList<>();
            plan(shortLived, SHORT_LIVED_GROUP, literals, plans);
            plan(longLived, LONG_LIVED_GROUP, literals, plans);
            for (GroupPlan plan : plans) {
                if (!plan.always()) {
                    // the DFA runs on the texts where the prefilter finds one of its rules' literals, from the
                    // first one when they start every match
                    for (int r : plan.rules()) {
                        Set<String> prefix = prefixes.get(r);
                        Set<String> suffix = suffixes.get(r);
                        prefixed[r] = prefix != null && (shortest(prefix) >= 3 || suffix != null
                                || shortest(prefix) >= shortest(literals.get(r)));
                        List<Set<String>> sets = prefixed[r] && suffix != null ? List.of(prefix, suffix)
                                : List.of(prefixed[r] ? prefix : literals.get(r));
                        for (int k = 0; k < sets.size(); k++) {
                            for (String literal : sets.get(k)) {
                                folded.add(literal);
                                owners.add(r);
                                written.add(null);
                                roles.add(sets.size() == 1 ? TRIGGER : k == 0 ? PREFIX : SUFFIX);
                            }
                        }
                    }
                }
            }
            automata[c] = new LiteralAutomaton(folded);
            literalRule[c] = owners.stream().mapToInt(Integer::intValue).toArray();
            literalText[c] = written.toArray(String[]::new);
            literalLength[c] = folded.stream().mapToInt(String::length).toArray();
            literalRole[c] = new byte[roles.size()];
            for (int k = 0; k < roles.size(); k++) {
                literalRole[c][k] = roles.get(k);
            }
            unfiltered[c] = always.stream().mapToInt(Integer::intValue).toArray();
            groups[c] = plans.toArray(GroupPlan[]::new);
        }
    }

    /**
     * Splits {@code candidates} into groups of at most {@code size} rules, rules with a useful literal apart from
     * those without (which make their DFA read every text): a group of literal rules is scanned only on the texts
     * where the prefilter finds one.
     */
    private void plan(List<Integer> candidates, int size, List<Set<String>> literals, List<GroupPlan> out) {
        List<Integer> weakRules = new ArrayList<>();
        List<Integer> strongRules = new ArrayList<>();
        for (int r : candidates) {
            (shapes[r] == null && weak(literals.get(r)) ? weakRules : strongRules).add(r);
        }
        if (!weakRules.isEmpty() && size > LONG_LIVED_GROUP) {
            weakRules.addAll(strongRules); // a short-lived DFA reading every text takes the others too
            strongRules.clear();
        }
        for (List<Integer> kind : List.of(weakRules, strongRules)) {
            for (int from = 0; from < kind.size(); from += size) {
                int[] members = kind.subList(from, Math.min(kind.size(), from + size)).stream()
                        .mapToInt(Integer::intValue).toArray();
                out.add(new GroupPlan(members, kind == weakRules, nfaOf(members)));
            }
        }
    }

    private Nfa nfaOf(int[] members) {
        Nfa nfa = new Nfa();
        for (int r : members) {
            if (!DfaSyntax.compile(rules.get(r).regex(), rules.get(r).flags(), r, nfa)) {
                throw new IllegalStateException("rule " + r + " was classified for the DFA but does not compile");
            }
        }
        return nfa;
    }

    private static int shortest(Set<String> strings) {
        return strings.stream().mapToInt(String::length).min().orElse(0);
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
        int count = 0;
        for (long c : dfaColumns) {
            count += c != 0 ? 1 : 0;
        }
        return count;
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
        private final boolean[] present = new boolean[columns.size()];
        private final Group[][] groups = new Group[columns.size()][];
        private final int[][] groupOf = new int[columns.size()][]; // per column, per rule: its group (-1 for none)
        private final Matcher[] matchers = new Matcher[rules.size()];
        private final int[] ruleStamp = new int[rules.size()];
        private final int[] matchedStamp = new int[rules.size()];
        private final long[] candidateColumns = new long[rules.size()];
        private final long[] candidateBits = new long[(rules.size() + 63) / 64]; // in rule order, no sorting
        private final int[] tagStamp = new int[tags.size()];
        private final int[] foundTags = new int[tags.size()];
        private int stamp;
        private int candidateCount;
        private int tagCount;
        private int scanning;
        private int[] scanningRules;
        private String[] scanningLiterals;
        private int[] scanningLengths;
        private byte[] scanningRoles;
        private int scan;                 // counts column scans: the stamp of the per-rule prefix and suffix hits
        private final int[] prefixScan = new int[rules.size()];
        private final int[] prefixEnd = new int[rules.size()];
        private final int[] suffixScan = new int[rules.size()];
        private final int[] suffixEnd = new int[rules.size()];
        private Group[] scanningGroups;
        private int[] scanningGroupOf;
        private long guardTrips;
        private int splits;

        private Matching() {
            for (int c = 0; c < texts.length; c++) {
                texts[c] = new GuardedText(options.guardStepsPerChar());
                GroupPlan[] plans = Tagger.this.groups[c];
                groups[c] = new Group[plans.length];
                groupOf[c] = new int[rules.size()];
                Arrays.fill(groupOf[c], -1);
                for (int g = 0; g < plans.length; g++) {
                    groups[c][g] = new Group(plans[g].rules(), plans[g].always(), plans[g].nfa(), prefixed);
                    for (int r : plans[g].rules()) {
                        groupOf[c][r] = g;
                    }
                }
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

        /** How many times a thrashing DFA was split in two (or, for one rule, left to the rule's regex). */
        int splits() {
            return splits;
        }

        /** How many DFAs decide the column's rules now. */
        int automata(int column) {
            return groups[column].length;
        }

        private void begin() {
            if (++stamp == 0) { // wrapped after 4 billion rows: start the stamps afresh
                Arrays.fill(ruleStamp, 0);
                Arrays.fill(matchedStamp, 0);
                Arrays.fill(tagStamp, 0);
                for (Group[] column : groups) {
                    for (Group g : column) {
                        g.wanted = 0;
                        g.fromStamp = 0;
                    }
                }
                stamp = 1;
            }
            candidateCount = 0;
            tagCount = 0;
        }

        private void collect(int column) {
            scanning = column;
            scanningRules = literalRule[column];
            scanningLiterals = literalText[column];
            scanningLengths = literalLength[column];
            scanningRoles = literalRole[column];
            if (++scan == 0) { // wrapped: start the per-scan stamps afresh
                Arrays.fill(prefixScan, 0);
                Arrays.fill(suffixScan, 0);
                scan = 1;
            }
            scanningGroups = groups[column];
            scanningGroupOf = groupOf[column];
            GuardedText text = texts[column];
            char[] chars = text.characters();
            int length = text.length();
            LiteralAutomaton literals = automata[column];
            Group[] forColumn = scanningGroups;
            int first = 0;
            LazyDfa readsAll = forColumn.length > 0 && forColumn[0].always ? forColumn[0].dfa() : null;
            if (readsAll != null && readsAll.decides(chars, length)) {
                // the DFA that reads every text reads it in the same loop as the prefilter
                Group g = forColumn[0];
                LazyDfa dfa = readsAll;
                int row = dfa.start(length);
                row = literals.states() == 1 ? scanDfa(dfa, row, chars, length)
                        : scanBoth(literals, dfa, row, chars, length);
                settle(g, dfa.finish(row, this));
                first = 1;
            } else {
                literals.scan(chars, length, this);
            }
            Group waiting = null; // a DFA reading every text, waiting for another to read the text in step with
            for (int g = first; g < forColumn.length; g++) {
                Group group = forColumn[g];
                if (group.always || group.wanted == stamp) {
                    LazyDfa dfa = group.dfa();
                    if (dfa == null || !dfa.decides(chars, length)) {
                        settle(group, false); // left to its rules' regexes
                    } else if (group.always && waiting == null) {
                        waiting = group;
                    } else if (group.always) {
                        scanPair(waiting, group, chars, length);
                        waiting = null;
                    } else {
                        settle(group, dfa.scanWindow(chars, length, group.prefixed ? group.from : 0, group.to,
                                this));
                    }
                }
            }
            if (waiting != null) {
                LazyDfa dfa = waiting.dfa;
                settle(waiting, dfa.finish(scanDfa(dfa, dfa.start(length), chars, length), this));
            }
            for (int rule : unfiltered[column]) {
                candidate(rule);
            }
        }

        /** After a group's scan: its rules become candidates if the DFA gave up; a thrashing DFA is split. */
        private void settle(Group group, boolean decided) {
            if (!decided) {
                for (int rule : group.rules) {
                    candidate(rule); // the text needs the rules' own regexes
                }
            }
            if (group.dfa != null && group.dfa.thrashing()) {
                split(group);
            }
        }

        /**
         * A DFA whose states outgrow its cache faster than texts reuse them: its rules go into two DFAs of half as
         * many rules (states grow faster than the rules' count), down to one rule, which is then left to its regex.
         * Each thread adapts on its own texts; what a scan reports is the same whichever automata decide.
         */
        private void split(Group group) {
            splits++;
            int column = scanning;
            if (group.rules.length == 1) {
                group.regexOnly = true;
                group.dfa = null;
                return;
            }
            int[] ranked = group.rules.clone();
            for (int k = 0; k < ranked.length; k++) {
                ranked[k] = splitRank[ranked[k]];
            }
            Arrays.sort(ranked);
            int[] byRank = new int[splitRank.length];
            for (int r : group.rules) {
                byRank[splitRank[r]] = r;
            }
            for (int k = 0; k < ranked.length; k++) {
                ranked[k] = byRank[ranked[k]];
            }
            int half = ranked.length / 2;
            int[] first = Arrays.copyOf(ranked, half);
            int[] second = Arrays.copyOfRange(ranked, half, ranked.length);
            Arrays.sort(first);
            Arrays.sort(second);
            group.reset(first, nfaOf(first), prefixed);
            Group[] grown = Arrays.copyOf(groups[column], groups[column].length + 1);
            grown[grown.length - 1] = new Group(second, group.always, nfaOf(second), prefixed);
            for (int r : second) {
                groupOf[column][r] = grown.length - 1;
            }
            groups[column] = grown;
            scanningGroups = grown;
        }

        /**
         * Two DFAs that read every text (a group split for thrashing, or groups the cost model kept apart) read it in
         * one loop: their chains of table reads are independent, so the CPU waits for the two tables' cache misses
         * at once rather than one after the other.
         */
        private void scanPair(Group first, Group second, char[] chars, int length) {
            LazyDfa a = first.dfa;
            LazyDfa b = second.dfa;
            int rowA = a.start(length);
            int rowB = b.start(length);
            int ascii = 0;
            for (int k = 0; k < length; k++) {
                ascii |= chars[k];
            }
            if (ascii < 128) {
                final int[] keysA = a.asciiKey;
                final int[] keysB = b.asciiKey;
                for (int k = 0; k < length; k++) {
                    char c = chars[k];
                    int keyA = keysA[c];
                    int u = a.transitions[rowA + keyA];
                    rowA = u >= 0 && u != LazyDfa.UNKNOWN ? u : a.slowStep(rowA, keyA);
                    int keyB = keysB[c];
                    int v = b.transitions[rowB + keyB];
                    rowB = v >= 0 && v != LazyDfa.UNKNOWN ? v : b.slowStep(rowB, keyB);
                }
            } else {
                for (int k = 0; k < length; k++) {
                    rowA = a.advance(rowA, chars[k]);
                    rowB = b.advance(rowB, chars[k]);
                }
            }
            settle(first, a.finish(rowA, this));
            settle(second, b.finish(rowB, this));
        }

        /** The DFA alone (no literal to look for): an ASCII text takes the loop with no branch but the slow path. */
        private int scanDfa(LazyDfa dfa, int row, char[] chars, int length) {
            int ascii = 0;
            for (int k = 0; k < length; k++) {
                ascii |= chars[k];
            }
            if (ascii < 128) {
                final int[] keys = dfa.asciiKey;
                for (int k = 0; k < length; k++) {
                    int key = keys[chars[k]];
                    int u = dfa.transitions[row + key];
                    row = u >= 0 && u != LazyDfa.UNKNOWN ? u : dfa.slowStep(row, key);
                }
                return row;
            }
            for (int k = 0; k < length; k++) {
                row = dfa.advance(row, chars[k]);
            }
            return row;
        }

        /**
         * Both automata read the text in one loop: their two chains of table reads are independent and overlap.
         * An ASCII text (nearly all) takes a loop with no other branch than the rare ones to a slow path.
         */
        private int scanBoth(LiteralAutomaton literals, LazyDfa dfa, int dfaRow, char[] chars, int length) {
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
                return dfaRow;
            }
            for (int k = 0; k < length; k++) {
                char c = chars[k];
                literalRow = literals.advance(literalRow, c, k + 1, this);
                dfaRow = dfa.advance(dfaRow, c);
            }
            return dfaRow;
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
            byte role = scanningRoles[literal];
            if (role == CANDIDATE) {
                candidate(rule);
            } else if (role == SHAPE) {
                GuardedText text = texts[scanning];
                switch (shapes[rule].check(scanningLiterals[literal], text.characters(), text.length(), end)) {
                    case MATCH -> {
                        candidate(rule);
                        matchedStamp[rule] = stamp;
                    }
                    case ASK_THE_REGEX -> candidate(rule);
                    case NO_MATCH -> { }
                }
            } else {
                grouped(rule, role, end - scanningLengths[literal], end);
            }
        }

        /**
         * A hit of a rule its group's DFA decides: the group reads the text from the first place a match of its
         * rules can start to past the last literal; it is wanted once a rule's literals are all there (a prefix and
         * a suffix ending after it, or any literal of a rule with one set).
         */
        private void grouped(int rule, byte role, int start, int end) {
            Group group = scanningGroups[scanningGroupOf[rule]];
            if (role != SUFFIX) {
                if (group.fromStamp != stamp) {
                    group.fromStamp = stamp;
                    group.from = start;
                } else if (start < group.from) {
                    group.from = start;
                }
            }
            group.to = end;
            boolean wanted;
            if (role == TRIGGER) {
                wanted = true;
            } else if (role == PREFIX) {
                if (prefixScan[rule] != scan) {
                    prefixScan[rule] = scan;
                    prefixEnd[rule] = end; // hits come in the order they end: the first ends first
                }
                wanted = suffixScan[rule] == scan && suffixEnd[rule] >= end;
            } else {
                suffixScan[rule] = scan;
                suffixEnd[rule] = end;
                wanted = prefixScan[rule] == scan && end >= prefixEnd[rule];
            }
            if (wanted) {
                group.wanted = stamp;
            }
        }

        private void candidate(int rule) {
            if (ruleStamp[rule] != stamp) {
                ruleStamp[rule] = stamp;
                candidateColumns[rule] = 0;
                candidateBits[rule >>> 6] |= 1L << rule;
                candidateCount++;
            }
            candidateColumns[rule] |= 1L << scanning;
        }

        /** Confirms the candidates in rule order; {@code onlyColumn} -1 for any of a rule's columns. */
        private int confirm(int onlyColumn) {
            boolean done = candidateCount == 0;
            for (int w = 0; w < candidateBits.length; w++) {
                long bits = candidateBits[w];
                if (bits == 0) {
                    continue;
                }
                candidateBits[w] = 0;
                for (; bits != 0 && !done; bits &= bits - 1) {
                    done = confirm(w * 64 + Long.numberOfTrailingZeros(bits), onlyColumn);
                }
            }
            return tagCount;
        }

        /** Confirms one candidate; true when no other is wanted (the first match only). */
        private boolean confirm(int rule, int onlyColumn) {
            int tag = tagOfRule[rule];
            if (tagStamp[tag] == stamp) {
                return false; // another rule gave this tag already
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
            if (!matched) {
                return false;
            }
            tagStamp[tag] = stamp;
            foundTags[tagCount++] = tag;
            return options.firstMatchOnly();
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

    /** A group of rules and their DFA in one thread. */
    private static final class Group {
        private int[] rules;
        private final boolean always;
        private Nfa nfa;
        private LazyDfa dfa;
        private boolean regexOnly; // its one rule's DFA thrashed: the rule's regex decides it
        private boolean prefixed; // each rule's literals start its matches: the scan starts at the first one found
        private int wanted; // the row stamp of the last row where the prefilter found a rule's literals
        private int fromStamp;
        private int from;   // on that row: where the first literal found starts
        private int to;     // and where the last one ends

        Group(int[] rules, boolean always, Nfa nfa, boolean[] prefixedRules) {
            this.always = always;
            reset(rules, nfa, prefixedRules);
        }

        void reset(int[] members, Nfa nfa, boolean[] prefixedRules) {
            this.rules = members;
            this.nfa = nfa;
            this.dfa = null;
            boolean all = true;
            for (int r : members) {
                all &= prefixedRules[r];
            }
            this.prefixed = all;
        }

        /** The DFA, built on first use (a thread may never need most groups); null for a rule left to its regex. */
        LazyDfa dfa() {
            if (dfa == null && !regexOnly) {
                dfa = new LazyDfa(nfa);
            }
            return dfa;
        }
    }
}

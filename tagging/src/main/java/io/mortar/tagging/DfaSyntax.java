package io.mortar.tagging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles the part of {@code java.util.regex} syntax whose {@code find()} an automaton decides exactly into
 * {@link Nfa} states: characters, escapes and classes ({@code \d \w \s}, ranges, negation), {@code .}, groups,
 * alternation, greedy and lazy quantifiers, {@code (?i)} and {@code (?s)}, {@code ^} and {@code \A} at the start of
 * the text, {@code \z}, {@code $} (the end of a text not ending with a line terminator: see
 * {@link Nfa#END_OF_LINE_AT_END}), and word boundaries. Anything else — back references, lookaround, possessive
 * quantifiers, {@code \Z}, multiline anchors, Unicode classes — is refused, and the rule keeps its confirming
 * regex.
 *
 * <p>Case-insensitivity is Java's default, ASCII-only: an ASCII letter also matches its other case; {@code .}
 * excludes Java's line terminators ({@code \n \r \u0085 \u2028 \u2029}) unless {@code (?s)}.
 */
final class DfaSyntax {
    private static final int MAX_STATES_PER_RULE = 4_000;
    private static final int[] ALL = {0, 0xFFFF};
    private static final int[] DIGIT = {'0', '9'};
    private static final int[] WORD = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
    private static final int[] SPACE = {'\t', '\r', ' ', ' '}; // \t \n \x0B \f \r and space
    private static final int[] NOT_LINE_END = complement(ranges('\n', '\n', '\r', '\r', 0x85, 0x85, 0x2028, 0x2029));

    private final String p;
    private int i;
    private boolean caseInsensitive;
    private boolean dotAll;

    /** The AST: characters, sequence, alternation, repetition, assertion. */
    private sealed interface Node permits Chars, Seq, Alt, Rep, Assert {}

    private record Chars(int[] ranges) implements Node {}

    private record Seq(List<Node> items) implements Node {}

    private record Alt(List<Node> branches) implements Node {}

    private record Rep(Node body, int min, int max) implements Node {} // max -1 for unbounded

    private record Assert(int kind) implements Node {}

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private DfaSyntax(String pattern, int flags) {
        this.p = pattern;
        this.caseInsensitive = (flags & Pattern.CASE_INSENSITIVE) != 0;
        this.dotAll = (flags & Pattern.DOTALL) != 0;
    }

    /**
     * Adds the rule's states to {@code nfa} (its start among {@code nfa.starts}), or leaves {@code nfa} as it was
     * and returns false when the regex uses what the automaton does not decide.
     */
    static boolean compile(String regex, int flags, int rule, Nfa nfa) {
        Node ast = parse(regex, flags);
        return ast != null && add(ast, rule, nfa);
    }

    /** The regex's AST, or null when it uses what the automaton does not decide. */
    private static Node parse(String regex, int flags) {
        if ((flags & ~(Pattern.CASE_INSENSITIVE | Pattern.DOTALL)) != 0) {
            return null;
        }
        try {
            DfaSyntax parser = new DfaSyntax(regex, flags);
            Node ast = parser.alternation();
            return parser.i == regex.length() ? ast : null;
        } catch (RuntimeException e) { // Unsupported, or a corner the parser misreads: the regex decides
            return null;
        }
    }

    /** Adds the rule's states to {@code nfa}, its start among {@code nfa.starts}; false past the state budget. */
    private static boolean add(Node ast, int rule, Nfa nfa) {
        int before = nfa.size();
        int match = nfa.add(Nfa.MATCH, rule, -1, -1, null);
        Optional<Integer> start = emit(ast, match, nfa, before);
        if (start.isEmpty()) {
            return false; // too many states: what was added stays unreachable (no start leads there)
        }
        nfa.starts.add(start.get());
        return true;
    }

    /**
     * What the tagger needs to know of a rule, from one parse ({@link #classify}, {@link #prefixes},
     * {@link #suffixes}, {@link #repeatedSets}).
     */
    record Analysis(Shape shape, Optional<Set<String>> prefixes, Optional<Set<String>> suffixes, String repeated) {
        static final Analysis REFUSED = new Analysis(Shape.REFUSED, Optional.empty(), Optional.empty(), "");
    }

    static Analysis analyze(String regex, int flags) {
        Node ast = parse(regex, flags);
        if (ast == null || !add(ast, 0, new Nfa())) {
            return Analysis.REFUSED;
        }
        try {
            java.util.TreeSet<String> sets = new java.util.TreeSet<>();
            repeated(ast, false, sets);
            return new Analysis(readsAcrossWords(ast) ? Shape.LONG_LIVED : Shape.SHORT_LIVED, usable(end(ast, false)),
                    usable(end(ast, true)), String.join(" ", sets));
        } catch (RuntimeException e) {
            return Analysis.REFUSED;
        }
    }

    private static Optional<Set<String>> usable(End p) {
        if (p == null || p.strings().isEmpty() || p.strings().stream().anyMatch(x -> x.length() < 2)) {
            return Optional.empty();
        }
        return Optional.of(p.strings());
    }

    /** What {@link #classify} says of a regex. */
    enum Shape {
        /** The automaton cannot decide it: its regex does. */
        REFUSED,
        /** Each of its partial matches dies within a word or two: many such rules share one automaton well. */
        SHORT_LIVED,
        /**
         * A repetition that reads across words ({@code \W+(?:\w+\W+){0,2}}, {@code .*}) keeps partial matches
         * alive over the text after a word: together with other rules, each such pending match multiplies the
         * states of a DFA, so such rules go into small automata of their own.
         */
        LONG_LIVED
    }

    /** Whether the automaton decides the regex, and how its partial matches live (see {@link Shape}). */
    static Shape classify(String regex, int flags) {
        return analyze(regex, flags).shape();
    }

    /** Prefix and suffix sets larger than this are not worth a prefilter entry. */
    private static final int MAX_ENDS = 64;

    /**
     * Strings, folded ({@link Folding}), one of which every match of the regex starts with; empty when none of
     * two characters or more can be named. A DFA deciding such a rule need not read the text before the first place
     * the prefilter finds one: no match starts earlier.
     */
    static Optional<Set<String>> prefixes(String regex, int flags) {
        return analyze(regex, flags).prefixes();
    }

    /**
     * Strings, folded, one of which every match of the regex ends with (zero-width assertions aside); empty when
     * none of two characters or more can be named. With {@link #prefixes}: a rule can match only where the
     * prefilter finds one of its prefixes followed by one of its suffixes.
     */
    static Optional<Set<String>> suffixes(String regex, int flags) {
        return analyze(regex, flags).suffixes();
    }

    /** Folded strings each match of a node starts (or ends) with; {@code whole} when each match is one of them. */
    private record End(Set<String> strings, boolean whole) {}

    private static final End EMPTY = new End(Set.of(""), true);
    private static final End NOTHING_KNOWN = new End(Set.of(""), false);

    /** The strings a node's matches start ({@code suffix} false) or end with; null when too many to name. */
    private static End end(Node node, boolean suffix) {
        if (node instanceof Assert) {
            return EMPTY; // zero-width: what follows (or precedes) starts (or ends) the match
        }
        if (node instanceof Chars c) {
            int[] r = c.ranges();
            Set<String> chars = new java.util.LinkedHashSet<>();
            for (int k = 0; k < r.length; k += 2) {
                if (r[k + 1] - r[k] >= MAX_ENDS || chars.size() > MAX_ENDS) {
                    return NOTHING_KNOWN;
                }
                for (int x = r[k]; x <= r[k + 1]; x++) {
                    chars.add(String.valueOf(Folding.fold((char) x)));
                }
            }
            return chars.size() > 16 ? NOTHING_KNOWN : new End(chars, true);
        }
        if (node instanceof Seq s) {
            Set<String> acc = Set.of("");
            List<Node> items = s.items();
            for (int k = 0; k < items.size(); k++) {
                End p = end(items.get(suffix ? items.size() - 1 - k : k), suffix);
                Set<String> joined = p == null ? null : join(acc, p.strings(), suffix);
                if (joined == null) {
                    return new End(acc, false);
                }
                acc = joined;
                if (!p.whole()) {
                    return new End(acc, false);
                }
            }
            return new End(acc, true);
        }
        if (node instanceof Alt a) {
            Set<String> union = new java.util.LinkedHashSet<>();
            boolean whole = true;
            for (Node branch : a.branches()) {
                End p = end(branch, suffix);
                if (p == null) {
                    return null;
                }
                union.addAll(p.strings());
                whole &= p.whole();
            }
            return union.size() > MAX_ENDS ? null : new End(union, whole);
        }
        Rep r = (Rep) node;
        if (r.max() == 0) {
            return EMPTY;
        }
        End body = end(r.body(), suffix);
        if (body == null) {
            return null;
        }
        if (r.min() == 0) { // optional: nothing, or the body once ("s?": "" or "s")
            if (r.max() != 1 || !body.whole()) {
                return NOTHING_KNOWN;
            }
            Set<String> either = new java.util.LinkedHashSet<>(body.strings());
            either.add("");
            return new End(either, true);
        }
        if (body.whole() && r.min() == r.max()) {
            Set<String> acc = Set.of("");
            for (int k = 0; k < r.min(); k++) {
                acc = join(acc, body.strings(), suffix);
                if (acc == null) {
                    return new End(body.strings(), false);
                }
            }
            return new End(acc, true);
        }
        return new End(body.strings(), false);
    }

    /** Each of {@code known} extended by each of {@code more} (after, or before for suffixes); null past the bound. */
    private static Set<String> join(Set<String> known, Set<String> more, boolean suffix) {
        if ((long) known.size() * more.size() > MAX_ENDS * 4L) {
            return null;
        }
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String x : known) {
            for (String y : more) {
                out.add(suffix ? y + x : x + y);
            }
        }
        return out.size() > MAX_ENDS ? null : out;
    }

    /**
     * The character sets the regex repeats ({@code \d{4}}, {@code [\w.]+}), as a string: rules with the same ones
     * count through the same texts in step, and share a DFA with fewer states than rules that count different
     * things. Empty when it repeats nothing (or the automaton does not decide it).
     */
    static String repeatedSets(String regex, int flags) {
        return analyze(regex, flags).repeated();
    }

    private static void repeated(Node node, boolean inRepeat, Set<String> out) {
        if (node instanceof Chars c && inRepeat) {
            out.add(java.util.Arrays.toString(c.ranges()));
        } else if (node instanceof Seq s) {
            s.items().forEach(n -> repeated(n, inRepeat, out));
        } else if (node instanceof Alt a) {
            a.branches().forEach(n -> repeated(n, inRepeat, out));
        } else if (node instanceof Rep r) {
            repeated(r.body(), inRepeat || r.max() != 1, out);
        }
    }

    /** Some repetition of {@code node} reads both a word character and a space. */
    private static boolean readsAcrossWords(Node node) {
        if (node instanceof Seq s) {
            return s.items().stream().anyMatch(DfaSyntax::readsAcrossWords);
        }
        if (node instanceof Alt a) {
            return a.branches().stream().anyMatch(DfaSyntax::readsAcrossWords);
        }
        if (node instanceof Rep r) {
            return r.max() != 1 && accepts(r.body(), 'a') && accepts(r.body(), ' ') || readsAcrossWords(r.body());
        }
        return false;
    }

    /** Whether some character state of {@code node} accepts {@code c}. */
    private static boolean accepts(Node node, char c) {
        if (node instanceof Chars ch) {
            int[] r = ch.ranges();
            for (int k = 0; k < r.length; k += 2) {
                if (c >= r[k] && c <= r[k + 1]) {
                    return true;
                }
            }
            return false;
        }
        if (node instanceof Seq s) {
            return s.items().stream().anyMatch(n -> accepts(n, c));
        }
        if (node instanceof Alt a) {
            return a.branches().stream().anyMatch(n -> accepts(n, c));
        }
        if (node instanceof Rep r) {
            return accepts(r.body(), c);
        }
        return false;
    }

    /** The states of {@code node} leading to {@code next}; empty when the rule grows past its state budget. */
    private static Optional<Integer> emit(Node node, int next, Nfa nfa, int base) {
        if (nfa.size() - base > MAX_STATES_PER_RULE) {
            return Optional.empty();
        }
        if (node instanceof Chars c) {
            return Optional.of(nfa.add(Nfa.CHAR, 0, next, -1, c.ranges()));
        }
        if (node instanceof Assert a) {
            return Optional.of(nfa.add(Nfa.ASSERT, a.kind(), next, -1, null));
        }
        if (node instanceof Seq s) {
            int at = next;
            for (int k = s.items().size() - 1; k >= 0; k--) {
                Optional<Integer> o = emit(s.items().get(k), at, nfa, base);
                if (o.isEmpty()) {
                    return o;
                }
                at = o.get();
            }
            return Optional.of(at);
        }
        if (node instanceof Alt a) {
            Optional<Integer> at = emit(a.branches().get(a.branches().size() - 1), next, nfa, base);
            for (int k = a.branches().size() - 2; k >= 0 && at.isPresent(); k--) {
                Optional<Integer> branch = emit(a.branches().get(k), next, nfa, base);
                if (branch.isEmpty()) {
                    return branch;
                }
                at = Optional.of(nfa.add(Nfa.SPLIT, 0, branch.get(), at.get(), null));
            }
            return at;
        }
        Rep r = (Rep) node;
        int at = next;
        if (r.max() < 0) {
            int loop = nfa.add(Nfa.SPLIT, 0, -1, next, null);
            Optional<Integer> body = emit(r.body(), loop, nfa, base);
            if (body.isEmpty()) {
                return body;
            }
            nfa.patch(loop, body.get(), next);
            at = loop;
        } else {
            for (int k = r.min(); k < r.max(); k++) { // the optional copies, innermost first
                Optional<Integer> body = emit(r.body(), at, nfa, base);
                if (body.isEmpty()) {
                    return body;
                }
                at = nfa.add(Nfa.SPLIT, 0, body.get(), at, null);
            }
        }
        for (int k = 0; k < r.min(); k++) {
            Optional<Integer> body = emit(r.body(), at, nfa, base);
            if (body.isEmpty()) {
                return body;
            }
            at = body.get();
        }
        return Optional.of(at);
    }

    private boolean more() {
        return i < p.length();
    }

    private char peek() {
        return p.charAt(i);
    }

    private Node alternation() {
        List<Node> branches = new ArrayList<>();
        branches.add(sequence());
        while (more() && peek() == '|') {
            i++;
            branches.add(sequence());
        }
        return branches.size() == 1 ? branches.get(0) : new Alt(branches);
    }

    private Node sequence() {
        List<Node> items = new ArrayList<>();
        while (more() && peek() != '|' && peek() != ')') {
            Node item = quantified();
            if (item != null) {
                items.add(item);
            }
        }
        return new Seq(items);
    }

    private Node quantified() {
        Node atom = atom();
        while (more()) {
            char c = peek();
            int min;
            int max;
            if (c == '*') {
                min = 0;
                max = -1;
                i++;
            } else if (c == '+') {
                min = 1;
                max = -1;
                i++;
            } else if (c == '?') {
                min = 0;
                max = 1;
                i++;
            } else if (c == '{' && i + 1 < p.length() && Character.isDigit(p.charAt(i + 1))) {
                int close = p.indexOf('}', i);
                String[] bounds = p.substring(i + 1, close).split(",", -1);
                min = Integer.parseInt(bounds[0].strip());
                max = bounds.length == 1 ? min : bounds[1].isBlank() ? -1 : Integer.parseInt(bounds[1].strip());
                if (min > 1_000 || max > 1_000) {
                    throw new Unsupported();
                }
                i = close + 1;
            } else {
                break;
            }
            if (more() && peek() == '+') {
                throw new Unsupported(); // possessive: whether it matches at all can differ from the greedy form
            }
            if (more() && peek() == '?') {
                i++; // lazy: the same strings match
            }
            if (atom == null) {
                throw new Unsupported(); // a quantified flag group
            }
            atom = new Rep(atom, min, max);
        }
        return atom;
    }

    /** An atom; null for an inline flag group, which matches nothing itself. */
    private Node atom() {
        char c = peek();
        switch (c) {
            case '(':
                return group();
            case '[':
                return new Chars(characterClass());
            case '.':
                i++;
                return new Chars(dotAll ? ALL : NOT_LINE_END);
            case '^':
                i++;
                return new Assert(Nfa.BEGIN_TEXT);
            case '$':
                i++;
                return new Assert(Nfa.END_OF_LINE_AT_END);
            case '*':
            case '+':
            case '?':
            case '{':
                throw new Unsupported();
            case '\\':
                return escape();
            default:
                i++;
                return new Chars(single(c));
        }
    }

    private Node group() {
        i++; // (
        boolean savedCase = caseInsensitive;
        boolean savedDot = dotAll;
        if (more() && peek() == '?') {
            i++;
            if (more() && peek() == ':') {
                i++;
            } else if (more() && peek() == '<' && i + 1 < p.length() && Character.isLetter(p.charAt(i + 1))) {
                i = p.indexOf('>', i) + 1; // a named group
            } else {
                boolean on = true;
                while (more() && peek() != ')' && peek() != ':') {
                    char f = p.charAt(i++);
                    switch (f) {
                        case '-' -> on = false;
                        case 'i' -> caseInsensitive = on;
                        case 's' -> dotAll = on;
                        default -> throw new Unsupported(); // lookaround, atomic groups, other flags
                    }
                }
                if (!more()) {
                    throw new Unsupported();
                }
                if (peek() == ')') {
                    i++;
                    return null; // (?i) holds to the end of the enclosing group
                }
                i++; // ':' — the flags hold inside this group only
                Node inner = alternation();
                expectClose();
                caseInsensitive = savedCase;
                dotAll = savedDot;
                return inner;
            }
        }
        Node inner = alternation();
        expectClose();
        caseInsensitive = savedCase;
        dotAll = savedDot;
        return inner;
    }

    private void expectClose() {
        if (!more() || peek() != ')') {
            throw new Unsupported();
        }
        i++;
    }

    private Node escape() {
        i++; // backslash
        char c = p.charAt(i);
        switch (c) {
            case 'd': i++; return new Chars(DIGIT);
            case 'D': i++; return new Chars(complement(DIGIT));
            case 'w': i++; return new Chars(WORD);
            case 'W': i++; return new Chars(complement(WORD));
            case 's': i++; return new Chars(SPACE);
            case 'S': i++; return new Chars(complement(SPACE));
            case 'b':
                i++;
                if (more() && peek() == '{') {
                    throw new Unsupported();
                }
                return new Assert(Nfa.WORD_BOUNDARY);
            case 'B': i++; return new Assert(Nfa.NOT_WORD_BOUNDARY);
            case 'A': i++; return new Assert(Nfa.BEGIN_TEXT);
            case 'z': i++; return new Assert(Nfa.END_TEXT);
            case 'Q': {
                int end = p.indexOf("\\E", i + 1);
                String quoted = end < 0 ? p.substring(i + 1) : p.substring(i + 1, end);
                i = end < 0 ? p.length() : end + 2;
                if (quoted.length() > 1 && more() && "*+?{".indexOf(peek()) >= 0) {
                    throw new Unsupported(); // the quantifier binds to the last quoted character alone
                }
                List<Node> chars = new ArrayList<>();
                for (char q : quoted.toCharArray()) {
                    chars.add(new Chars(single(q)));
                }
                return new Seq(chars);
            }
            default:
                return new Chars(single(literalEscape()));
        }
    }

    /** A one-character escape ({@code \t}, {@code \x41}, {@code \.}, …), consumed. */
    private char literalEscape() {
        char c = p.charAt(i);
        switch (c) {
            case 't': i++; return '\t';
            case 'n': i++; return '\n';
            case 'r': i++; return '\r';
            case 'f': i++; return '\f';
            case 'a': i++; return '\u0007';
            case 'e': i++; return '\u001B';
            case 'c': {
                char x = p.charAt(i + 1);
                i += 2;
                return (char) (x ^ 64);
            }
            case 'x': {
                if (p.charAt(i + 1) == '{') {
                    throw new Unsupported();
                }
                char x = (char) Integer.parseInt(p.substring(i + 1, i + 3), 16);
                i += 3;
                return x;
            }
            case 'u': {
                char x = (char) Integer.parseInt(p.substring(i + 1, i + 5), 16);
                i += 5;
                if (Character.isSurrogate(x)) {
                    throw new Unsupported();
                }
                return x;
            }
            default:
                if (Character.isLetterOrDigit(c)) {
                    throw new Unsupported(); // \0 octal, \p{…}, back references, \h, \R, …
                }
                i++;
                return c;
        }
    }

    private int[] characterClass() {
        i++; // [
        boolean negated = more() && peek() == '^';
        if (negated) {
            i++;
        }
        List<int[]> parts = new ArrayList<>();
        boolean first = true;
        while (true) {
            if (!more()) {
                throw new Unsupported();
            }
            char c = peek();
            if (c == ']' && !first) {
                i++;
                break;
            }
            first = false;
            if (c == '[' || (c == '&' && p.startsWith("&&", i))) {
                throw new Unsupported(); // nested classes, intersections
            }
            char low;
            if (c == '\\') {
                i++;
                char e = peek();
                switch (e) {
                    case 'd' -> {
                        i++;
                        parts.add(DIGIT);
                        continue;
                    }
                    case 'D' -> {
                        i++;
                        parts.add(complement(DIGIT));
                        continue;
                    }
                    case 'w' -> {
                        i++;
                        parts.add(WORD);
                        continue;
                    }
                    case 'W' -> {
                        i++;
                        parts.add(complement(WORD));
                        continue;
                    }
                    case 's' -> {
                        i++;
                        parts.add(SPACE);
                        continue;
                    }
                    case 'S' -> {
                        i++;
                        parts.add(complement(SPACE));
                        continue;
                    }
                    default -> low = literalEscape();
                }
            } else {
                if (Character.isSurrogate(c)) {
                    throw new Unsupported();
                }
                low = c;
                i++;
            }
            char high = low;
            if (more() && peek() == '-' && i + 1 < p.length() && p.charAt(i + 1) != ']') {
                i++;
                if (peek() == '\\') {
                    i++;
                    if ("dDwWsS".indexOf(peek()) >= 0) {
                        throw new Unsupported();
                    }
                    high = literalEscape();
                } else {
                    high = peek();
                    i++;
                }
                if (high < low || Character.isSurrogate(high)) {
                    throw new Unsupported();
                }
            }
            parts.add(caseInsensitive ? withOtherCase(low, high) : new int[] {low, high});
        }
        int[] set = union(parts);
        return negated ? complement(set) : set;
    }

    private int[] single(char c) {
        if (Character.isSurrogate(c)) {
            throw new Unsupported(); // Java matches code points; this automaton reads code units
        }
        return caseInsensitive ? withOtherCase(c, c) : new int[] {c, c};
    }

    /** {@code [low, high]} with the other case of each ASCII letter in it (Java's ASCII-only case folding). */
    private static int[] withOtherCase(char low, char high) {
        List<int[]> parts = new ArrayList<>();
        parts.add(new int[] {low, high});
        for (int c = Math.max(low, 'A'); c <= Math.min(high, 'z'); c++) {
            if (c >= 'A' && c <= 'Z') {
                parts.add(new int[] {c + 32, c + 32});
            } else if (c >= 'a' && c <= 'z') {
                parts.add(new int[] {c - 32, c - 32});
            }
        }
        return union(parts);
    }

    static int[] ranges(int... bounds) {
        return bounds;
    }

    /** Sorted, merged ranges of all the given range lists. */
    static int[] union(List<int[]> parts) {
        List<int[]> pairs = new ArrayList<>();
        for (int[] part : parts) {
            for (int k = 0; k < part.length; k += 2) {
                pairs.add(new int[] {part[k], part[k + 1]});
            }
        }
        pairs.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<Integer> out = new ArrayList<>();
        for (int[] pair : pairs) {
            int n = out.size();
            if (n > 0 && pair[0] <= out.get(n - 1) + 1) {
                out.set(n - 1, Math.max(out.get(n - 1), pair[1]));
            } else {
                out.add(pair[0]);
                out.add(pair[1]);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The code units not in {@code set} (which is sorted and merged). */
    static int[] complement(int[] set) {
        List<Integer> out = new ArrayList<>();
        int from = 0;
        for (int k = 0; k < set.length; k += 2) {
            if (set[k] > from) {
                out.add(from);
                out.add(set[k] - 1);
            }
            from = set[k + 1] + 1;
        }
        if (from <= 0xFFFF) {
            out.add(from);
            out.add(0xFFFF);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}

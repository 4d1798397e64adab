package io.mortar.tagging;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The strings one of which every match of a regex must contain — the literal prefilter's key. For
 * {@code (?i)time ?out|deadline exceeded} they are {@code {time, deadline exceeded}}; for {@code gr[ae]y} {@code
 * {gray, grey}}; for {@code \d{3}-\d{4}} {@code {-}}. Strings come case-folded ({@link Folding}), as the prefilter
 * compares folded text, so a case-sensitive rule's set is a superset of what it needs, never a subset.
 *
 * <p>The analysis reads {@code java.util.regex} syntax and is conservative: whatever it does not follow (comments
 * mode, Unicode case folding, nested class operations, a construct it does not know) gives no set, and the rule is
 * then confirmed on every text — slower, never wrong. Each subexpression yields the finite set of strings it matches
 * exactly, when small, and a set it requires; concatenation joins exact runs into longer strings, alternation unions
 * the branches' sets, an optional part requires nothing.
 */
final class RequiredLiterals {
    /** Above this many strings a set is given up (exact) or shortened to prefixes (required). */
    private static final int MAX_SET = 64;
    private static final int MAX_UNION = 256;
    private static final int SHORTENED = 3;

    private final String p;
    private int i;

    private RequiredLiterals(String pattern) {
        this.p = pattern;
    }

    /** The folded strings, or empty when no set can be named (the rule must then be tried on every text). */
    static Optional<Set<String>> of(String regex, int flags) {
        if ((flags & (Pattern.UNICODE_CASE | Pattern.CANON_EQ | Pattern.UNICODE_CHARACTER_CLASS)) != 0) {
            return Optional.empty();
        }
        if ((flags & (Pattern.LITERAL)) != 0) {
            return regex.isEmpty() ? Optional.empty() : Optional.of(Set.of(Folding.fold(regex)));
        }
        if ((flags & Pattern.COMMENTS) != 0) {
            return Optional.empty();
        }
        try {
            RequiredLiterals parser = new RequiredLiterals(regex);
            Info top = parser.alternation();
            if (parser.i != regex.length()) {
                return Optional.empty();
            }
            Set<String> best = better(top.required, top.exact);
            if (best == null || best.isEmpty() || best.contains("")) {
                return Optional.empty();
            }
            Set<String> folded = new LinkedHashSet<>();
            best.forEach(s -> folded.add(Folding.fold(s)));
            return Optional.of(Collections.unmodifiableSet(folded));
        } catch (RuntimeException e) { // GiveUp, or a malformed corner the parser misread
            return Optional.empty();
        }
    }

    /**
     * What a subexpression contributes: {@code exact}, every string it can match (null when not a small finite set;
     * {@code {""}} for a zero-width one), and {@code required}, strings one of which each of its matches contains
     * (null for none).
     */
    private record Info(Set<String> exact, Set<String> required) {
        static final Info NOTHING = new Info(null, null);
        static final Info ZERO_WIDTH = new Info(Set.of(""), null);

        static Info literal(String s) {
            return new Info(Set.of(s), Set.of(s));
        }
    }

    /** A construct the analysis does not follow: the rule gets no literal set. */
    private static final class GiveUp extends RuntimeException {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    private boolean more() {
        return i < p.length();
    }

    private char peek() {
        return p.charAt(i);
    }

    private boolean at(String s) {
        return p.startsWith(s, i);
    }

    private Info alternation() {
        java.util.List<Info> branches = new java.util.ArrayList<>();
        branches.add(concatenation());
        while (more() && peek() == '|') {
            i++;
            branches.add(concatenation());
        }
        if (branches.size() == 1) {
            return branches.get(0);
        }
        Set<String> exact = new LinkedHashSet<>();
        Set<String> required = new LinkedHashSet<>();
        for (Info b : branches) {
            if (exact != null) {
                if (b.exact == null || exact.size() + b.exact.size() > MAX_SET) {
                    exact = null;
                } else {
                    exact.addAll(b.exact);
                }
            }
            if (required != null) {
                Set<String> r = better(b.required, b.exact);
                if (r == null || r.contains("")) {
                    required = null;
                } else {
                    required.addAll(r);
                }
            }
        }
        return new Info(exact, required == null ? null : bounded(required));
    }

    /** A union too large for the prefilter becomes the set of its strings' prefixes (still required). */
    private static Set<String> bounded(Set<String> strings) {
        if (strings.size() <= MAX_UNION) {
            return strings;
        }
        Set<String> prefixes = new LinkedHashSet<>();
        for (String s : strings) {
            prefixes.add(s.length() <= SHORTENED ? s : s.substring(0, SHORTENED));
        }
        return prefixes.size() <= MAX_UNION ? prefixes : null;
    }

    private Info concatenation() {
        Set<String> run = Set.of("");
        boolean allExact = true;
        Set<String> best = null;
        while (more() && peek() != '|' && peek() != ')') {
            Info e = quantified();
            if (e.exact != null && run.size() * (long) e.exact.size() <= MAX_SET) {
                run = product(run, e.exact);
                continue;
            }
            allExact = false;
            best = better(best, run);
            best = better(best, e.required);
            run = e.exact != null ? e.exact : Set.of("");
        }
        best = better(best, run);
        return new Info(allExact ? run : null, best);
    }

    private static Set<String> product(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>();
        for (String x : a) {
            for (String y : b) {
                out.add(x + y);
            }
        }
        return out;
    }

    /** The set a prefilter would rather use: the one whose shortest string is longest, then the smaller. */
    private static Set<String> better(Set<String> a, Set<String> b) {
        return score(b) > score(a) ? b : a;
    }

    private static long score(Set<String> s) {
        if (s == null || s.isEmpty()) {
            return Long.MIN_VALUE;
        }
        int shortest = Integer.MAX_VALUE;
        for (String x : s) {
            shortest = Math.min(shortest, x.length());
        }
        return shortest == 0 ? Long.MIN_VALUE + 1 : shortest * 1_000_000L - s.size();
    }

    private Info quantified() {
        Info atom = atom();
        while (more()) {
            char c = peek();
            if (c == '*') {
                i++;
                atom = Info.NOTHING;
            } else if (c == '?') {
                i++;
                atom = new Info(atom.exact == null || atom.exact.size() >= MAX_SET ? null : withEmpty(atom.exact),
                        null);
            } else if (c == '+') {
                i++;
                atom = new Info(null, better(atom.required, atom.exact));
            } else if (c == '{' && i + 1 < p.length() && Character.isDigit(p.charAt(i + 1))) {
                int close = p.indexOf('}', i);
                if (close < 0) {
                    throw new GiveUp();
                }
                String[] bounds = p.substring(i + 1, close).split(",", -1);
                int min = Integer.parseInt(bounds[0].strip());
                boolean fixed = bounds.length == 1;
                i = close + 1;
                if (min == 0) {
                    atom = Info.NOTHING;
                } else if (fixed && atom.exact != null && Math.pow(atom.exact.size(), min) <= MAX_SET && min <= 16) {
                    Set<String> repeated = Set.of("");
                    for (int n = 0; n < min; n++) {
                        repeated = product(repeated, atom.exact);
                    }
                    atom = new Info(repeated, repeated);
                } else {
                    atom = new Info(null, better(atom.required, atom.exact));
                }
            } else {
                break;
            }
            // a lazy or possessive quantifier matches the same strings
            if (more() && (peek() == '?' || peek() == '+')) {
                i++;
            }
        }
        return atom;
    }

    private static Set<String> withEmpty(Set<String> s) {
        Set<String> out = new LinkedHashSet<>(s);
        out.add("");
        return out;
    }

    private Info atom() {
        char c = p.charAt(i);
        switch (c) {
            case '(':
                return group();
            case '[':
                return characterClass();
            case '.':
                i++;
                return Info.NOTHING;
            case '^':
            case '$':
                i++;
                return Info.ZERO_WIDTH;
            case '\\':
                return escape();
            case '*':
            case '+':
            case '?':
            case '{':
                throw new GiveUp();
            default:
                if (Character.isHighSurrogate(c) && i + 1 < p.length()) {
                    i += 2;
                    return Info.literal(p.substring(i - 2, i));
                }
                i++;
                return Info.literal(String.valueOf(c));
        }
    }

    private Info group() {
        i++; // (
        boolean zeroWidth = false;
        if (at("?")) {
            if (at("?:") || at("?>")) {
                i += 2;
            } else if (at("?=") || at("?!")) {
                i += 2;
                zeroWidth = true;
            } else if (at("?<=") || at("?<!")) {
                i += 3;
                zeroWidth = true;
            } else if (at("?<")) {
                int close = p.indexOf('>', i);
                if (close < 0) {
                    throw new GiveUp();
                }
                i = close + 1;
            } else {
                // inline flags: (?idmsuxU-idmsuxU) or (?flags:X)
                int j = i + 1;
                while (j < p.length() && "idmsuxU-".indexOf(p.charAt(j)) >= 0) {
                    j++;
                }
                if (j >= p.length()) {
                    throw new GiveUp();
                }
                String flags = p.substring(i + 1, j);
                if (flags.contains("x") || flags.contains("u") || flags.contains("U")) {
                    throw new GiveUp(); // comments mode, Unicode case folding: not followed
                }
                if (p.charAt(j) == ')') {
                    i = j + 1;
                    return Info.ZERO_WIDTH;
                }
                if (p.charAt(j) != ':') {
                    throw new GiveUp();
                }
                i = j + 1;
            }
        }
        Info inner = alternation();
        if (!more() || peek() != ')') {
            throw new GiveUp();
        }
        i++;
        return zeroWidth ? Info.ZERO_WIDTH : inner;
    }

    /** A class of a few literal characters ({@code [ae]}, {@code [0-3]}) is their set; any other matches nothing known. */
    private Info characterClass() {
        i++; // [
        boolean negated = more() && peek() == '^';
        if (negated) {
            i++;
        }
        Set<String> chars = new LinkedHashSet<>();
        boolean simple = !negated;
        boolean first = true;
        int depth = 1;
        while (more()) {
            char c = peek();
            if (c == ']' && !first) {
                depth--;
                i++;
                if (depth == 0) {
                    break;
                }
                continue;
            }
            first = false;
            if (c == '[') {
                depth++;
                simple = false;
                i++;
                continue;
            }
            if (c == '&' && at("&&")) {
                simple = false;
                i += 2;
                continue;
            }
            char literal;
            if (c == '\\') {
                Character escaped = classEscape();
                if (escaped == null) {
                    simple = false;
                    continue;
                }
                literal = escaped;
            } else {
                literal = c;
                i++;
            }
            if (more() && peek() == '-' && i + 1 < p.length() && p.charAt(i + 1) != ']') {
                i++; // -
                char high;
                if (peek() == '\\') {
                    Character escaped = classEscape();
                    if (escaped == null) {
                        simple = false;
                        continue;
                    }
                    high = escaped;
                } else {
                    high = peek();
                    i++;
                }
                if (high - literal > 16) {
                    simple = false;
                } else {
                    for (char x = literal; x <= high; x++) {
                        chars.add(String.valueOf(x));
                    }
                }
            } else {
                chars.add(String.valueOf(literal));
            }
        }
        if (depth != 0) {
            throw new GiveUp();
        }
        if (!simple || chars.isEmpty() || chars.size() > 16) {
            return Info.NOTHING;
        }
        return new Info(chars, chars);
    }

    /** An escape inside a class: its literal character, or null for a class escape ({@code \d}, {@code \p{L}}). */
    private Character classEscape() {
        i++; // backslash
        char c = p.charAt(i);
        if ("dDwWsShHvV".indexOf(c) >= 0) {
            i++;
            return null;
        }
        if (c == 'p' || c == 'P') {
            i++;
            if (more() && peek() == '{') {
                int close = p.indexOf('}', i);
                if (close < 0) {
                    throw new GiveUp();
                }
                i = close + 1;
            } else {
                i++;
            }
            return null;
        }
        String literal = literalEscape();
        if (literal == null || literal.length() != 1) {
            throw new GiveUp();
        }
        return literal.charAt(0);
    }

    private Info escape() {
        i++; // backslash
        if (!more()) {
            throw new GiveUp();
        }
        char c = peek();
        if ("dDwWsShHvVRX".indexOf(c) >= 0) {
            i++;
            return Info.NOTHING;
        }
        if (c == 'p' || c == 'P') {
            i++;
            if (more() && peek() == '{') {
                int close = p.indexOf('}', i);
                if (close < 0) {
                    throw new GiveUp();
                }
                i = close + 1;
            } else {
                i++;
            }
            return Info.NOTHING;
        }
        if ("bBAzZG".indexOf(c) >= 0) {
            i++;
            if (c == 'b' && more() && peek() == '{') {
                throw new GiveUp(); // \b{g}
            }
            return Info.ZERO_WIDTH;
        }
        if (c >= '1' && c <= '9') {
            while (more() && Character.isDigit(peek())) {
                i++;
            }
            return Info.NOTHING; // a back reference
        }
        if (c == 'k') {
            int close = p.indexOf('>', i);
            if (close < 0) {
                throw new GiveUp();
            }
            i = close + 1;
            return Info.NOTHING;
        }
        if (c == 'Q') {
            int end = p.indexOf("\\E", i + 1);
            String quoted = end < 0 ? p.substring(i + 1) : p.substring(i + 1, end);
            i = end < 0 ? p.length() : end + 2;
            if (quoted.length() > 1 && more() && "*+?{".indexOf(peek()) >= 0) {
                throw new GiveUp(); // the quantifier binds to the last quoted character alone
            }
            return quoted.isEmpty() ? Info.ZERO_WIDTH : Info.literal(quoted);
        }
        String literal = literalEscape();
        if (literal == null) {
            throw new GiveUp();
        }
        return Info.literal(literal);
    }

    /** An escape standing for one character (or a surrogate pair), consumed; null if it is not one. */
    private String literalEscape() {
        char c = p.charAt(i);
        switch (c) {
            case 't': i++; return "\t";
            case 'n': i++; return "\n";
            case 'r': i++; return "\r";
            case 'f': i++; return "\f";
            case 'a': i++; return "\u0007";
            case 'e': i++; return "\u001B";
            case 'c': {
                char x = p.charAt(i + 1);
                i += 2;
                return String.valueOf((char) (x ^ 64));
            }
            case 'x': {
                int code;
                if (p.charAt(i + 1) == '{') {
                    int close = p.indexOf('}', i);
                    code = Integer.parseInt(p.substring(i + 2, close), 16);
                    i = close + 1;
                } else {
                    code = Integer.parseInt(p.substring(i + 1, i + 3), 16);
                    i += 3;
                }
                return new String(Character.toChars(code));
            }
            case 'u': {
                int code = Integer.parseInt(p.substring(i + 1, i + 5), 16);
                i += 5;
                return String.valueOf((char) code);
            }
            case '0': {
                int j = i + 1;
                int code = 0;
                int digits = 0;
                while (j < p.length() && digits < 3 && p.charAt(j) >= '0' && p.charAt(j) <= '7'
                        && code * 8 + (p.charAt(j) - '0') <= 0377) {
                    code = code * 8 + (p.charAt(j) - '0');
                    j++;
                    digits++;
                }
                if (digits == 0) {
                    throw new GiveUp();
                }
                i = j;
                return String.valueOf((char) code);
            }
            default:
                if (Character.isLetterOrDigit(c)) {
                    return null; // an escape this analysis does not know (Java would have refused most)
                }
                i++;
                return String.valueOf(c);
        }
    }

    /** For tests: the set as a sorted, plain set. */
    static Set<String> forTest(String regex) {
        return of(regex, 0).map(HashSet::new).orElse(null);
    }
}

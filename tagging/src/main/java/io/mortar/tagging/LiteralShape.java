package io.mortar.tagging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A rule whose regex is nothing but literals — {@code refund}, {@code \b(?:refund|chargeback)\b},
 * {@code (?i)payment failed} — matches exactly where the prefilter finds one of its literals, with the right case
 * and, for {@code \b}, word boundaries on both sides. Such a rule is decided at the prefilter's hit without running
 * its regex (most rules of keyword tables are of this shape). A boundary next to a non-ASCII character is left to
 * the regex, whose idea of a word character there this code does not copy.
 *
 * @param literals the alternatives as written (unfolded)
 * @param caseInsensitive ASCII case-insensitive ({@code (?i)} or the flag; non-ASCII characters compare exactly)
 */
record LiteralShape(List<String> literals, boolean caseInsensitive, boolean boundaryBefore, boolean boundaryAfter) {
    private static final String META = ".[]{}()*+?^$|\\";

    /** The shape of {@code regex}, if it has it. */
    static Optional<LiteralShape> of(String regex, int flags) {
        if ((flags & ~(Pattern.CASE_INSENSITIVE | Pattern.MULTILINE | Pattern.DOTALL | Pattern.LITERAL)) != 0) {
            return Optional.empty();
        }
        boolean insensitive = (flags & Pattern.CASE_INSENSITIVE) != 0;
        if ((flags & Pattern.LITERAL) != 0) {
            return regex.isEmpty() ? Optional.empty()
                    : Optional.of(new LiteralShape(List.of(regex), insensitive, false, false));
        }
        String r = regex;
        if (r.startsWith("(?i)")) {
            insensitive = true;
            r = r.substring(4);
        }
        boolean before = r.startsWith("\\b");
        if (before) {
            r = r.substring(2);
        }
        boolean after = r.endsWith("\\b") && !r.endsWith("\\\\b");
        if (after) {
            r = r.substring(0, r.length() - 2);
        }
        boolean grouped = true;
        if (r.startsWith("(?:") && r.endsWith(")") && closesAtEnd(r, 3)) {
            r = r.substring(3, r.length() - 1);
        } else if (r.startsWith("(") && !r.startsWith("(?") && r.endsWith(")") && closesAtEnd(r, 1)) {
            r = r.substring(1, r.length() - 1);
        } else {
            grouped = false;
        }
        if (!grouped && (before || after) && r.indexOf('|') >= 0) {
            return Optional.empty(); // \bfoo|bar\b: each boundary belongs to one branch only
        }
        List<String> literals = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\') {
                if (i + 1 >= r.length() || Character.isLetterOrDigit(r.charAt(i + 1))) {
                    return Optional.empty(); // \d, \b inside, \1, \Q…: not a plain literal
                }
                current.append(r.charAt(++i));
            } else if (c == '|') {
                if (current.isEmpty()) {
                    return Optional.empty();
                }
                literals.add(current.toString());
                current.setLength(0);
            } else if (META.indexOf(c) >= 0 || Character.isSurrogate(c)) {
                return Optional.empty();
            } else {
                current.append(c);
            }
        }
        if (current.isEmpty()) {
            return Optional.empty();
        }
        literals.add(current.toString());
        return Optional.of(new LiteralShape(literals, insensitive, before, after));
    }

    /** Whether the group opened at the start closes at the very end (not {@code (a)|(b)}). */
    private static boolean closesAtEnd(String r, int from) {
        int depth = 1;
        for (int i = from; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i == r.length() - 1;
                }
            } else if (c == '[') {
                return false;
            }
        }
        return false;
    }

    /** What a hit of {@code literal} ending at {@code end} in {@code text} says about the rule. */
    enum Verdict { MATCH, NO_MATCH, ASK_THE_REGEX }

    Verdict check(String literal, char[] text, int length, int end) {
        int start = end - literal.length();
        for (int k = 0; k < literal.length(); k++) {
            char want = literal.charAt(k);
            char got = text[start + k];
            if (got != want && !(caseInsensitive && want < 128 && got < 128
                    && Folding.fold(want) == Folding.fold(got))) {
                return Verdict.NO_MATCH;
            }
        }
        if (boundaryBefore) {
            Verdict b = boundary(text, length, start);
            if (b != Verdict.MATCH) {
                return b;
            }
        }
        if (boundaryAfter) {
            return boundary(text, length, end);
        }
        return Verdict.MATCH;
    }

    /** Java's {@code \b} at {@code at}, for ASCII neighbours; a non-ASCII neighbour asks the regex. */
    private static Verdict boundary(char[] text, int length, int at) {
        int left = at > 0 ? word(text[at - 1]) : 0;
        int right = at < length ? word(text[at]) : 0;
        if (left < 0 || right < 0) {
            return Verdict.ASK_THE_REGEX;
        }
        return left != right ? Verdict.MATCH : Verdict.NO_MATCH;
    }

    /** 1 for an ASCII word character, 0 for another ASCII character, -1 for a character beyond ASCII. */
    private static int word(char c) {
        if (c >= 128) {
            return -1;
        }
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' ? 1 : 0;
    }
}

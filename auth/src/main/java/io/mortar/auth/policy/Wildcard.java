package io.mortar.auth.policy;

import java.util.BitSet;

/**
 * One action or resource pattern of a policy, compiled when the policy is parsed: IAM's {@code *} (any run of
 * characters, across {@code :} and {@code /} too) and {@code ?} (exactly one character), nothing else special.
 *
 * <p>Every API call is authorized through these, so a pattern is compiled into the cheapest shape that decides it:
 * {@code *} alone matches without looking, a pattern without wildcards is one comparison, {@code prefix*} one
 * {@code regionMatches}; only the rest walks the general matcher, which allocates nothing and backtracks only to the
 * last {@code *} (linear for the one-star patterns policies use, at worst pattern × input). A
 * {@code java.util.regex} compiled once would also be correct, but every call would allocate a {@code Matcher} and
 * the common shapes above would pay a regex engine for what a string comparison decides.
 *
 * <p>Actions match ignoring case, as IAM's do ({@code glue:GetTable} ≡ {@code GLUE:gettable}); resources match with
 * case, as ARNs do.
 */
sealed interface Wildcard {
    /** The length of IAM's {@code ${*}}, {@code ${?}} and {@code ${$}}. */
    int ESCAPE_LENGTH = 4;

    boolean matches(String input);

    static Wildcard compile(String pattern, boolean ignoreCase) {
        return compile(pattern, ignoreCase, false);
    }

    /**
     * As {@link #compile(String, boolean)}; with {@code escapes}, IAM's {@code ${*}}, {@code ${?}} and {@code ${$}}
     * stand for those characters themselves (how a resource names something whose name has a {@code *} in it).
     */
    static Wildcard compile(String pattern, boolean ignoreCase, boolean escapes) {
        StringBuilder text = new StringBuilder(pattern.length());
        BitSet wildcards = new BitSet();
        for (int i = 0; i < pattern.length(); ) {
            if (escapes && isEscape(pattern, i)) {
                text.append(pattern.charAt(i + 2));
                i += ESCAPE_LENGTH;
                continue;
            }
            char c = pattern.charAt(i++);
            if (c == '*' || c == '?') {
                wildcards.set(text.length());
            }
            text.append(c);
        }
        String literal = text.toString();
        if (wildcards.isEmpty()) {
            return new Exact(literal, ignoreCase);
        }
        int last = literal.length() - 1;
        if (wildcards.cardinality() == 1 && wildcards.get(last) && literal.charAt(last) == '*') {
            return last == 0 ? Any.INSTANCE : new Prefix(literal.substring(0, last), ignoreCase);
        }
        boolean[] isWildcard = new boolean[literal.length()];
        wildcards.stream().forEach(i -> isWildcard[i] = true);
        return new Glob(ignoreCase ? literal.toLowerCase(java.util.Locale.ROOT) : literal, isWildcard, ignoreCase);
    }

    /** IAM's three special-character variables, each four characters long. */
    static boolean isEscape(String pattern, int at) {
        return pattern.startsWith("${", at) && at + 3 < pattern.length() && pattern.charAt(at + 3) == '}'
                && "*?$".indexOf(pattern.charAt(at + 2)) >= 0;
    }

    /** {@code *}: everything. */
    enum Any implements Wildcard {
        INSTANCE;

        @Override
        public boolean matches(String input) {
            return true;
        }
    }

    /** No wildcard: the input is the pattern. */
    record Exact(String text, boolean ignoreCase) implements Wildcard {
        @Override
        public boolean matches(String input) {
            return ignoreCase ? text.equalsIgnoreCase(input) : text.equals(input);
        }
    }

    /** {@code prefix*}, the commonest shape ({@code glue:Get*}, {@code arn:…:table/sales/*}). */
    record Prefix(String prefix, boolean ignoreCase) implements Wildcard {
        @Override
        public boolean matches(String input) {
            return input.regionMatches(ignoreCase, 0, prefix, 0, prefix.length());
        }
    }

    /**
     * Any other mix of literals, {@code *} and {@code ?}; {@code pattern} is lower case when matching ignores case,
     * and {@code wildcard} says which of its {@code *} and {@code ?} are wildcards (the others were escaped).
     */
    record Glob(String pattern, boolean[] wildcard, boolean ignoreCase) implements Wildcard {
        @Override
        public boolean matches(String input) {
            int p = 0;
            int i = 0;
            // Where the last * was and the input position it is retried from: on a mismatch the * takes one more
            // character. Earlier stars never need revisiting, because the last one can absorb anything they could.
            int star = -1;
            int retry = 0;
            while (i < input.length()) {
                if (p < pattern.length()) {
                    char pc = pattern.charAt(p);
                    if (pc == '*' && wildcard[p]) {
                        star = p++;
                        retry = i;
                        continue;
                    }
                    if ((pc == '?' && wildcard[p]) || pc == fold(input.charAt(i))) {
                        p++;
                        i++;
                        continue;
                    }
                }
                if (star < 0) {
                    return false;
                }
                p = star + 1;
                i = ++retry;
            }
            while (p < pattern.length() && pattern.charAt(p) == '*' && wildcard[p]) {
                p++;
            }
            return p == pattern.length();
        }

        private char fold(char c) {
            if (!ignoreCase) {
                return c;
            }
            return c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
        }
    }
}

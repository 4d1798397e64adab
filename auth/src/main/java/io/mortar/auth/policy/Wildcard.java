package io.mortar.auth.policy;

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

    boolean matches(String input);

    static Wildcard compile(String pattern, boolean ignoreCase) {
        if (pattern.equals("*")) {
            return Any.INSTANCE;
        }
        int firstWildcard = firstWildcard(pattern, 0);
        if (firstWildcard < 0) {
            return new Exact(pattern, ignoreCase);
        }
        if (firstWildcard == pattern.length() - 1 && pattern.charAt(firstWildcard) == '*') {
            return new Prefix(pattern.substring(0, firstWildcard), ignoreCase);
        }
        return new Glob(ignoreCase ? pattern.toLowerCase(java.util.Locale.ROOT) : pattern, ignoreCase);
    }

    private static int firstWildcard(String pattern, int from) {
        for (int i = from; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?') {
                return i;
            }
        }
        return -1;
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

    /** Any other mix of literals, {@code *} and {@code ?}; {@code pattern} is lower case when matching ignores case. */
    record Glob(String pattern, boolean ignoreCase) implements Wildcard {
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
                    if (pc == '*') {
                        star = p++;
                        retry = i;
                        continue;
                    }
                    if (pc == '?' || pc == fold(input.charAt(i))) {
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
            while (p < pattern.length() && pattern.charAt(p) == '*') {
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

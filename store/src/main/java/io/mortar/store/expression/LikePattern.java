package io.mortar.store.expression;

/**
 * Glue LIKE matching in memory: {@code %} matches any sequence, {@code _} exactly one character, everything else
 * itself, case-sensitively. Characters are code points, as in SQLite's GLOB and PostgreSQL's LIKE on UTF8 text.
 */
final class LikePattern {
    private LikePattern() {
    }

    /**
     * The classic greedy wildcard match: on a mismatch, resume after the most recent {@code %}, letting it absorb
     * one more character. Linear in practice, O(pattern x value) at worst; no regex, so no regex pitfalls.
     */
    static boolean matches(String pattern, String value) {
        int[] p = pattern.codePoints().toArray();
        int[] v = value.codePoints().toArray();
        int pi = 0;
        int vi = 0;
        int lastPercent = -1;
        int absorbedUpTo = 0;
        while (vi < v.length) {
            if (pi < p.length && p[pi] == '%') {
                lastPercent = pi++;
                absorbedUpTo = vi;
            } else if (pi < p.length && (p[pi] == '_' || p[pi] == v[vi])) {
                pi++;
                vi++;
            } else if (lastPercent >= 0) {
                pi = lastPercent + 1;
                vi = ++absorbedUpTo;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == '%') {
            pi++;
        }
        return pi == p.length;
    }
}

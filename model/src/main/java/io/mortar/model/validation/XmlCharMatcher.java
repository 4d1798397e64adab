package io.mortar.model.validation;

/**
 * A hand-written matcher for the two patterns that guard most Glue strings (names, descriptions, locations,
 * parameter keys): {@link StringMatchers#SINGLE_LINE} (U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF and tab) and
 * {@link StringMatchers#MULTI_LINE} (the same plus CR and LF): the XML 1.0 character range minus most C0 controls.
 * They run on every name of every partition and column, so a char loop replaces the regex engine's per-code-point
 * class lookups.
 *
 * <p>Semantics match Java's regex on the same text exactly: the model writes the supplementary range as a pair of
 * surrogate escapes, which Java reads as the code points U+10000–U+10FFFF, so a well-formed surrogate pair passes
 * while a lone surrogate, U+FFFE and U+FFFF fail. {@code StringMatchersTest} checks this against
 * {@link java.util.regex.Pattern} on random strings.
 */
final class XmlCharMatcher implements StringMatcher {
    private final int allowedControls;
    private final String name;

    /** @param allowedControls the C0 control characters (below U+0020) the pattern admits */
    XmlCharMatcher(String name, char... allowedControls) {
        int mask = 0;
        for (char c : allowedControls) {
            if (c >= 0x20) {
                throw new IllegalArgumentException("not a C0 control character: U+" + Integer.toHexString(c));
            }
            mask |= 1 << c;
        }
        this.allowedControls = mask;
        this.name = name;
    }

    @Override
    public boolean matches(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20) {
                if ((allowedControls & (1 << c)) == 0) {
                    return false;
                }
            } else if (c > 0xD7FF && (c < 0xE000 || c > 0xFFFD)) {
                // U+D800–U+DFFF or U+FFFE/U+FFFF: only a high surrogate followed by a low one (a supplementary
                // code point) is admitted
                if (!Character.isHighSurrogate(c) || i + 1 == n || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "XmlCharMatcher[" + name + "]";
    }
}

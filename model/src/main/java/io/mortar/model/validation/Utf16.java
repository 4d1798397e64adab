package io.mortar.model.validation;

/**
 * Well-formed UTF-16: every surrogate is half of a high-low pair. A JSON escape of one surrogate alone produces a
 * lone one, which has no UTF-8 form: the store would write it as {@code ?}, so two distinct values would become one.
 */
final class Utf16 {
    private Utf16() {
    }

    /** The index of the first surrogate that is not part of a pair, or -1 when {@code text} is well-formed. */
    static int loneSurrogateAt(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == n || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    /** {@code text} with each lone surrogate written as a JSON-style escape (backslash, u, four hex digits). */
    static String escapeLoneSurrogates(String text) {
        int at = loneSurrogateAt(text);
        if (at < 0) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 8).append(text, 0, at);
        for (int i = at, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                escaped.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                escaped.append(String.format("\\u%04X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}

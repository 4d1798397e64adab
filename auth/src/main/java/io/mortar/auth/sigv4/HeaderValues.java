package io.mortar.auth.sigv4;

import java.util.List;
import java.util.Map;

/**
 * Reads a request's headers by name regardless of case. The map the HTTP edge hands over may be case-sensitive
 * and may hold one header under two spellings; a signature covers all of its values, in the order they came.
 */
final class HeaderValues {
    private HeaderValues() {
    }

    /** The first value of the header, or null when the request has none. */
    static String first(Map<String, List<String>> headers, String lowerCaseName) {
        if (headers instanceof LookedUpHeaders lookedUp) {
            List<String> values = lookedUp.values(lowerCaseName);
            return values.isEmpty() ? null : values.get(0);
        }
        List<String> exact = headers.get(lowerCaseName);
        if (exact != null && !exact.isEmpty()) {
            return exact.get(0);
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(lowerCaseName)
                    && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }

    /**
     * Appends the header's canonical value: each value trimmed, runs of white space inside it made one space, the
     * values joined by commas (AWS's rule for a repeated header). Nothing is appended for a header the request lacks.
     */
    static void appendCanonical(StringBuilder out, Map<String, List<String>> headers, String lowerCaseName) {
        if (headers instanceof LookedUpHeaders lookedUp) {
            appendJoined(out, lookedUp.values(lowerCaseName));
            return;
        }
        boolean firstValue = true;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() == null || !header.getKey().equalsIgnoreCase(lowerCaseName)) {
                continue;
            }
            for (String value : header.getValue()) {
                if (!firstValue) {
                    out.append(',');
                }
                firstValue = false;
                appendTrimmed(out, value);
            }
        }
    }

    private static void appendJoined(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendTrimmed(out, values.get(i));
        }
    }

    /** Trims the value and collapses each run of white space inside it to one space. */
    private static void appendTrimmed(StringBuilder out, String value) {
        boolean pendingSpace = false;
        boolean wroteAny = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isWhitespace(c)) {
                pendingSpace = wroteAny;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
                wroteAny = true;
            }
        }
    }

    /** The white space the AWS signers collapse: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }
}

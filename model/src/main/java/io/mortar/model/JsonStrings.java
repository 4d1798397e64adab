package io.mortar.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flat JSON documents of strings, a list ({@code ["2024","eu"]}) or an object ({@code {"k":"v"}}), written and
 * read without Jackson's data binding.
 *
 * <p>The catalog stores each partition's values and parameters this way and reads them back for every partition
 * it lists, a thousand per GetPartitions page, where binding through an {@code ObjectMapper} (parser set-up,
 * type resolution, deserializer dispatch) cost more than the SQL. The text written is exactly what Jackson writes
 * for the same list or map, so stored documents and the hashes taken of them do not depend on which one wrote
 * them; reading accepts any JSON of that shape (whitespace, every escape, {@code null} elements).
 */
public final class JsonStrings {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonStrings() {}

    public static String writeList(List<String> values) {
        StringBuilder out = new StringBuilder(16 + values.size() * 12);
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(out, values.get(i));
        }
        return out.append(']').toString();
    }

    public static String writeMap(Map<String, String> map) {
        StringBuilder out = new StringBuilder(16 + map.size() * 24);
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(out, e.getKey());
            out.append(':');
            appendString(out, e.getValue());
        }
        return out.append('}').toString();
    }

    /** Jackson's escaping: quote, backslash and control characters; everything else as is. */
    private static void appendString(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                out.append(c);
                continue;
            }
            out.append('\\');
            switch (c) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '\b' -> out.append('b');
                case '\t' -> out.append('t');
                case '\n' -> out.append('n');
                case '\f' -> out.append('f');
                case '\r' -> out.append('r');
                default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append('"');
    }

    /** The strings of a JSON array of strings (elements may be null). */
    public static List<String> readList(String json) {
        Reader reader = new Reader(json);
        reader.expect('[');
        if (reader.consumeIf(']')) {
            reader.end();
            return Collections.emptyList();
        }
        List<String> out = new ArrayList<>(4);
        do {
            out.add(reader.stringOrNull());
        } while (reader.consumeIf(','));
        reader.expect(']');
        reader.end();
        return out;
    }

    /** The members of a JSON object whose values are strings (or null), in document order. */
    public static Map<String, String> readMap(String json) {
        Reader reader = new Reader(json);
        reader.expect('{');
        Map<String, String> out = new LinkedHashMap<>();
        if (reader.consumeIf('}')) {
            reader.end();
            return out;
        }
        do {
            String key = reader.string();
            reader.expect(':');
            out.put(key, reader.stringOrNull());
        } while (reader.consumeIf(','));
        reader.expect('}');
        reader.end();
        return out;
    }

    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        private void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return;
                }
                pos++;
            }
        }

        void expect(char c) {
            if (!consumeIf(c)) {
                throw corrupt("expected '" + c + "'");
            }
        }

        boolean consumeIf(char c) {
            skipWhitespace();
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void end() {
            skipWhitespace();
            if (pos != text.length()) {
                throw corrupt("unexpected trailing content");
            }
        }

        String stringOrNull() {
            skipWhitespace();
            if (text.startsWith("null", pos)) {
                pos += 4;
                return null;
            }
            return string();
        }

        String string() {
            expect('"');
            int start = pos;
            // Fast path: no escapes, the common case, is one substring.
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '"') {
                    return text.substring(start, pos++);
                }
                if (c == '\\') {
                    break;
                }
                pos++;
            }
            StringBuilder out = new StringBuilder(pos - start + 16).append(text, start, pos);
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    break;
                }
                char escape = text.charAt(pos++);
                switch (escape) {
                    case '"', '\\', '/' -> out.append(escape);
                    case 'b' -> out.append('\b');
                    case 't' -> out.append('\t');
                    case 'n' -> out.append('\n');
                    case 'f' -> out.append('\f');
                    case 'r' -> out.append('\r');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw corrupt("truncated \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text, pos, pos + 4, 16));
                        } catch (NumberFormatException e) {
                            throw corrupt("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw corrupt("bad escape \\" + escape);
                }
            }
            throw corrupt("unterminated string");
        }

        private IllegalArgumentException corrupt(String problem) {
            return new IllegalArgumentException("Not a flat JSON document of strings (" + problem + " at " + pos
                    + "): " + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
        }
    }
}

package io.mortar.model;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flat JSON documents of strings, a list ({@code ["2024","eu"]}) or an object ({@code {"k":"v"}}): how the catalog
 * stores each partition's values and parameters, and reads them back for every partition it lists, a thousand per
 * GetPartitions page.
 *
 * <p>Strings are escaped by Jackson's {@link JsonStringEncoder}, the escaping its generator applies (quote, backslash
 * and control characters, with the five short escapes and upper-case &#92;u00XX; {@code /}, DEL, non-ASCII and
 * lone surrogates as they are). That text must never change: stored value lists are compared as text and are unique
 * keys (JsonStringsStoredTextTest holds every byte of it).
 *
 * <p>Reading is this class's own, and strict: exactly the JSON grammar of a flat array or object of strings and
 * nulls. Jackson's streaming parser reads the same documents (JsonStringsTest checks that the two agree on random and
 * corrupted ones) but sets up a parser per document: about 150 ns a list where this takes 50. Measured in the
 * partition benchmark's before/after mode, a page of 1,000 partitions (two documents each) came back 3–6 % slower
 * with Jackson reading them, and BatchCreatePartition wrote 3–5 % fewer partitions a second with Jackson's generator
 * where the encoder alone now writes.
 */
public final class JsonStrings {
    private static final JsonStringEncoder ESCAPES = JsonStringEncoder.getInstance();

    private JsonStrings() {}

    public static String writeList(List<String> values) {
        StringBuilder out = new StringBuilder(16 + values.size() * 12).append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(out, values.get(i));
        }
        return out.append(']').toString();
    }

    /** A null key has no JSON form: a NullPointerException. */
    public static String writeMap(Map<String, String> map) {
        StringBuilder out = new StringBuilder(16 + map.size() * 24).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new NullPointerException("A JSON object's member name cannot be null");
            }
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

    private static void appendString(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        ESCAPES.quoteAsString(value, out);
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

    /** One pass over the text: JSON's whitespace, strings with every escape, {@code null}. */
    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
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
            // Nothing escaped, nearly always: the string is one substring.
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '"') {
                    return text.substring(start, pos++);
                }
                if (c == '\\' || c < 0x20) {
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
                if (c < 0x20) {
                    throw corrupt("unescaped control character");
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
                    case 'u' -> out.append(hexChar());
                    default -> throw corrupt("bad escape \\" + escape);
                }
            }
            throw corrupt("unterminated string");
        }

        /** The four hex digits of a &#92;u escape: ASCII ones only (Character.digit takes any script's). */
        private char hexChar() {
            if (pos + 4 > text.length()) {
                throw corrupt("truncated \\u escape");
            }
            int value = 0;
            for (int end = pos + 4; pos < end; pos++) {
                char c = text.charAt(pos);
                int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (digit < 0) {
                    throw corrupt("bad \\u escape");
                }
                value = value << 4 | digit;
            }
            return (char) value;
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

        private IllegalArgumentException corrupt(String problem) {
            return new IllegalArgumentException("Not a flat JSON document of strings (" + problem + " at " + pos
                    + "): " + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
        }
    }
}

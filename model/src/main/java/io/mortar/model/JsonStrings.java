package io.mortar.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flat JSON documents of strings, a list ({@code ["2024","eu"]}) or an object ({@code {"k":"v"}}), written and
 * read with Jackson's streaming generator and parser rather than its data binding.
 *
 * <p>The catalog stores each partition's values and parameters this way and reads them back for every partition
 * it lists, a thousand per GetPartitions page, where binding through an {@code ObjectMapper} (type resolution,
 * deserializer dispatch) cost more than the SQL. The generator writes characters (the result is a String; nothing
 * is encoded) with the shared factory's default escaping: quote, backslash and control characters, with the five
 * short escapes and upper-case {@code &#92;u00XX}; {@code /}, DEL, non-ASCII and lone surrogates as they are. That
 * is byte for byte what Mortar's own writer wrote before, and it must stay so: stored value lists are compared as
 * text and are unique keys (JsonStringsStoredTextTest holds it), so no escaping option may be turned on here.
 * Reading is strict JSON of that shape (whitespace, every escape, {@code null} elements).
 */
public final class JsonStrings {
    /** GlueJson's: one factory in the model (JsonStringsStoredTextTest fails if its escaping is ever changed). */
    private static final JsonFactory FACTORY = GlueJson.mapper().getFactory();

    private JsonStrings() {}

    public static String writeList(List<String> values) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.writeStartArray();
            for (String value : values) {
                generator.writeString(value); // null is written as null
            }
            generator.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** A null key has no JSON form: a NullPointerException. */
    public static String writeMap(Map<String, String> map) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            for (Map.Entry<String, String> e : map.entrySet()) {
                generator.writeFieldName(requireKey(e.getKey()));
                generator.writeString(e.getValue());
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The strings of a JSON array of strings (elements may be null). */
    public static List<String> readList(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            expect(parser, parser.nextToken(), JsonToken.START_ARRAY, json);
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                end(parser, json);
                return Collections.emptyList();
            }
            List<String> out = new ArrayList<>(4);
            for (; token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                out.add(stringOrNull(parser, token, json));
            }
            end(parser, json);
            return out;
        } catch (IOException e) {
            throw corrupt(json, e);
        }
    }

    /** The members of a JSON object whose values are strings (or null), in document order. */
    public static Map<String, String> readMap(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT, json);
            Map<String, String> out = new LinkedHashMap<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String key = parser.currentName(); // the parser allows only a name or the end here
                out.put(key, stringOrNull(parser, parser.nextToken(), json));
            }
            end(parser, json);
            return out;
        } catch (IOException e) {
            throw corrupt(json, e);
        }
    }

    private static String requireKey(String key) {
        if (key == null) {
            throw new NullPointerException("A JSON object's member name cannot be null");
        }
        return key;
    }

    private static String stringOrNull(JsonParser parser, JsonToken token, String json) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser, token, JsonToken.VALUE_STRING, json);
        return parser.getText();
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected, String json) {
        if (actual != expected) {
            throw corrupt(json, "expected " + expected + " but found " + (actual == null ? "the end" : actual)
                    + " at " + parser.currentTokenLocation().getCharOffset(), null);
        }
    }

    private static void end(JsonParser parser, String json) throws IOException {
        if (parser.nextToken() != null) {
            throw corrupt(json, "unexpected trailing content at " + parser.currentTokenLocation().getCharOffset(),
                    null);
        }
    }

    private static IllegalArgumentException corrupt(String json, IOException e) {
        return e instanceof JsonProcessingException p
                ? corrupt(json, p.getOriginalMessage() + (p.getLocation() == null ? ""
                        : " at " + p.getLocation().getCharOffset()), e)
                : corrupt(json, e.getMessage(), e);
    }

    private static IllegalArgumentException corrupt(String json, String problem, Throwable cause) {
        return new IllegalArgumentException("Not a flat JSON document of strings (" + problem + "): "
                + (json.length() > 200 ? json.substring(0, 200) + "…" : json), cause);
    }
}

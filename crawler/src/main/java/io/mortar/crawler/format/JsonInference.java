package io.mortar.crawler.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.crawler.schema.Column;
import io.mortar.crawler.schema.GlueType;
import io.mortar.crawler.schema.SchemaMerger;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Glue's JSON classification: the records of JSON lines (or of any sequence of top-level values), or the elements
 * of a top-level array, or — with a custom classifier's JsonPath — the values the path selects. Types: integers
 * {@code int} (or {@code bigint} beyond 32 bits), other numbers {@code double}, {@code boolean}, {@code string},
 * objects {@code struct<…>}, arrays {@code array<…>}; records merge with {@link SchemaMerger}'s widening. A record
 * cut off by the end of the sample is ignored; any other syntax error means the file is not JSON.
 */
public final class JsonInference {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** {@code linePerRecord}: the records were a sequence of top-level objects (JSON lines), not one array. */
    public record Result(List<Column> columns, int records, boolean linePerRecord) {
    }

    /** At least one record parsed, or empty; {@code path} null for the built-in classifier. */
    public Optional<Result> infer(TextSample sample, JsonPath path, int maxRecords) {
        List<JsonNode> records = new ArrayList<>();
        boolean sequence = false;
        try (JsonParser parser = MAPPER.createParser(sample.bytes())) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            boolean topLevelArray = first == JsonToken.START_ARRAY;
            sequence = !topLevelArray && path == null;
            if (path == null && topLevelArray) {
                readArrayElements(parser, records, maxRecords);
            } else if (path == null) {
                readValueSequence(parser, records, maxRecords);
            } else {
                readValueSequenceForPath(parser, path, records, maxRecords);
            }
        } catch (IOException e) {
            if (!(sample.truncated() && cutOffAtEnd(e, sample))) {
                return Optional.empty();
            }
        }
        if (records.isEmpty() || records.stream().anyMatch(r -> !r.isObject())) {
            return Optional.empty();
        }
        GlueType merged = null;
        for (JsonNode record : records) {
            merged = SchemaMerger.merge(merged, typeOf(record));
        }
        return Optional.of(new Result(((GlueType.Struct) merged).columns(), records.size(), sequence));
    }

    private static boolean cutOffAtEnd(IOException e, TextSample sample) {
        var location = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getLocation() : null;
        // an error in the last 64 KiB of a truncated sample is where the cut fell
        return location != null && location.getByteOffset() >= sample.size() - 64 * 1024;
    }

    private static void readArrayElements(JsonParser parser, List<JsonNode> out, int max) throws IOException {
        while (out.size() < max) {
            JsonToken t = parser.nextToken();
            if (t == null || t == JsonToken.END_ARRAY) {
                return;
            }
            out.add(parser.readValueAsTree());
        }
    }

    private static void readValueSequence(JsonParser parser, List<JsonNode> out, int max) throws IOException {
        while (out.size() < max) {
            JsonNode node = parser.readValueAsTree();
            if (node == null) {
                return;
            }
            out.add(node);
            if (parser.nextToken() == null) {
                return;
            }
        }
    }

    private static void readValueSequenceForPath(JsonParser parser, JsonPath path, List<JsonNode> out, int max)
            throws IOException {
        while (out.size() < max) {
            JsonNode node = parser.readValueAsTree();
            if (node == null) {
                return;
            }
            for (JsonNode selected : path.select(node)) {
                if (out.size() < max) {
                    out.add(selected);
                }
            }
            if (parser.nextToken() == null) {
                return;
            }
        }
    }

    static GlueType typeOf(JsonNode node) {
        if (node.isObject()) {
            List<GlueType.Field> fields = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                GlueType t = typeOf(e.getValue());
                String name = e.getKey().toLowerCase(Locale.ROOT);
                if (t != null && fields.stream().noneMatch(f -> f.name().equals(name))) {
                    fields.add(new GlueType.Field(name, t));
                }
            }
            return new GlueType.Struct(fields);
        }
        if (node.isArray()) {
            GlueType element = null;
            for (JsonNode e : node) {
                element = SchemaMerger.merge(element, typeOf(e));
            }
            return new GlueType.Array(element == null ? GlueType.STRING : element);
        }
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return GlueType.BOOLEAN;
        }
        if (node.isInt()) {
            return GlueType.INT;
        }
        if (node.isLong() || node.isBigInteger()) {
            return node.isBigInteger() ? GlueType.DOUBLE : GlueType.BIGINT;
        }
        if (node.isNumber()) {
            return GlueType.DOUBLE;
        }
        return GlueType.STRING;
    }
}

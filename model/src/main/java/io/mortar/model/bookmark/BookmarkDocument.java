package io.mortar.model.bookmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The document a job bookmark stores (Glue's {@code JobBookmark}, a JSON string): each transformation context's
 * state. The job runtime writes it, the server stores it without looking inside, and {@code mortar bookmark} reads
 * it back; this class is the one reader and writer of its JSON.
 *
 * <pre>{@code
 * {"contexts": {
 *   "orders": {"kind": "files", "target": "sales.orders", "maxBand": 900000, "maxFilesInBand": 1000,
 *              "slices": {"s3://lake/orders/day=1/": {"mark": 1765000000000, "floor": 1764999100000,
 *                                                     "window": {"s3://…/f.csv": 1764999990000}}}},
 *   "customers": {"kind": "jdbc", "target": "postgresql:public.customers", "keys": ["id"], "sortOrder": "asc",
 *                 "last": [1234]}}}
 * }</pre>
 */
public record BookmarkDocument(Map<String, SourceBookmark> contexts) {
    // Decimals as BigDecimal: a JDBC key of type NUMERIC read back as a double would lose digits, and the next run
    // would compare rows against a different key than the one last read.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    public static final BookmarkDocument EMPTY = new BookmarkDocument(Map.of());

    public BookmarkDocument {
        contexts = Map.copyOf(contexts);
    }

    /** This document with one context's state replaced (or added). */
    public BookmarkDocument with(String context, SourceBookmark state) {
        Map<String, SourceBookmark> next = new LinkedHashMap<>(contexts);
        next.put(context, state);
        return new BookmarkDocument(next);
    }

    /** Reads a stored document; null or blank is the empty document. */
    public static BookmarkDocument parse(String json) {
        if (json == null || json.isBlank()) {
            return EMPTY;
        }
        try {
            JsonNode root = JSON.readTree(json);
            Map<String, SourceBookmark> out = new LinkedHashMap<>();
            JsonNode contexts = root.path("contexts");
            for (Iterator<Map.Entry<String, JsonNode>> it = contexts.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), source(e.getKey(), e.getValue()));
            }
            return new BookmarkDocument(out);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A job bookmark is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode contextsNode = root.putObject("contexts");
        new TreeMap<>(contexts).forEach((name, state) -> {
            ObjectNode node = contextsNode.putObject(name);
            if (state instanceof FilesBookmark files) {
                node.put("kind", "files").put("target", files.target()).put("maxBand", files.maxBand())
                        .put("maxFilesInBand", files.maxFilesInBand());
                ObjectNode slices = node.putObject("slices");
                files.sortedSlices().forEach((location, mark) -> {
                    ObjectNode slice = slices.putObject(location).put("mark", mark.mark()).put("floor", mark.floor());
                    ObjectNode window = slice.putObject("window");
                    mark.sortedWindow().forEach(window::put);
                });
            } else if (state instanceof JdbcBookmark jdbc) {
                node.put("kind", "jdbc").put("target", jdbc.target()).put("sortOrder", jdbc.sortOrder());
                ArrayNode keys = node.putArray("keys");
                jdbc.keys().forEach(keys::add);
                ArrayNode last = node.putArray("last");
                jdbc.last().forEach(value -> last.add((JsonNode) JSON.valueToTree(value)));
            }
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SourceBookmark source(String name, JsonNode node) {
        String kind = node.path("kind").asText("");
        String target = node.path("target").asText("");
        return switch (kind) {
            case "files" -> {
                Map<String, FileMark> slices = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.path("slices").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> slice = it.next();
                    Map<String, Long> window = new LinkedHashMap<>();
                    slice.getValue().path("window").fields()
                            .forEachRemaining(f -> window.put(f.getKey(), f.getValue().asLong()));
                    long mark = slice.getValue().path("mark").asLong();
                    slices.put(slice.getKey(), new FileMark(mark, slice.getValue().path("floor").asLong(mark),
                            window));
                }
                yield new FilesBookmark(target, node.path("maxBand").asLong(FilesBookmark.DEFAULT_MAX_BAND),
                        node.path("maxFilesInBand").asInt(FilesBookmark.DEFAULT_MAX_FILES_IN_BAND), slices);
            }
            case "jdbc" -> {
                List<String> keys = new ArrayList<>();
                node.path("keys").forEach(k -> keys.add(k.asText()));
                List<Object> last = new ArrayList<>();
                node.path("last").forEach(v -> last.add(scalar(v)));
                yield new JdbcBookmark(target, keys, JdbcBookmark.isDescending(node.path("sortOrder").asText("asc")),
                        last);
            }
            default -> throw new IllegalArgumentException("The bookmark of transformation context '" + name
                    + "' has an unknown kind '" + kind + "'");
        };
    }

    private static Object scalar(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.asLong() : v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.asText();
    }
}

package io.mortar.server.upgrade;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mortar.model.GlueJson;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.glue.model.GlueException;

/**
 * The snapshot's JSON: SDK objects as the Glue JSON the server sends ({@link GlueJson}), object members sorted
 * by name at every level and printed two spaces to a level with Unix line ends, so the same store always gives
 * the same text and a changed value is a changed line.
 */
final class SnapshotJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SnapshotJson() {}

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** An SDK object (a response or a shape inside one) as the Glue JSON the server wrote. */
    static JsonNode glue(SdkPojo pojo) {
        return GlueJson.parse(GlueJson.write(pojo));
    }

    static ArrayNode glue(Collection<? extends SdkPojo> pojos) {
        ArrayNode out = array();
        pojos.forEach(p -> out.add(glue(p)));
        return out;
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode out = array();
        values.forEach(out::add);
        return out;
    }

    /**
     * A read's answer, or the Glue error it ended in (error type and message): a store that used to refuse a
     * read must go on refusing it the same way.
     */
    static JsonNode answerOrError(Supplier<JsonNode> read) {
        try {
            return read.get();
        } catch (GlueException e) {
            ObjectNode error = object();
            error.put("error", e.awsErrorDetails().errorCode());
            error.put("message", e.awsErrorDetails().errorMessage());
            return error;
        }
    }

    /** A partition's values as one readable map key: the values as a JSON array. */
    static String valuesKey(List<String> values) {
        try {
            return GlueJson.mapper().writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same document with every object's members in name order. */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode out = object();
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = array();
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }

    /** The canonical text: members sorted, pretty-printed, a newline at the end. */
    static String text(JsonNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return GlueJson.mapper().writer(printer).writeValueAsString(sorted(node)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String text) {
        return GlueJson.parse(text);
    }
}

package io.mortar.runtime.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Typed access to a node's fields, failing with the node and field named. */
final class Fields {
    private final PipelineNode node;

    Fields(PipelineNode node) {
        this.node = node;
    }

    PipelineNode node() {
        return node;
    }

    String requireText(String field) {
        JsonNode value = node.spec().get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid(field, value == null ? "is required" : "must be a non-empty string");
        }
        return value.asText();
    }

    JsonNode requireArray(String field) {
        JsonNode value = node.spec().get(field);
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw invalid(field, value == null ? "is required" : "must be a non-empty list");
        }
        return value;
    }

    List<String> requireStrings(String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : requireArray(field)) {
            if (!e.isTextual()) {
                throw invalid(field, "must be a list of strings but holds " + e);
            }
            out.add(e.asText());
        }
        return out;
    }

    long threshold(String field) {
        JsonNode value = node.spec().get(field);
        if (value == null) {
            return 0;
        }
        if (!value.canConvertToLong() || value.asLong() < 0) {
            throw invalid(field, "must be a whole number, 0 (unlimited) or more, but is " + value);
        }
        return value.asLong();
    }

    PipelineDefinitionException invalid(String field, String problem) {
        return PipelineDefinitionException.at(node.id(), field, problem);
    }
}

package io.mortar.runtime.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One validated node of a pipeline: its id, kind, the ids of the nodes it reads, and its definition (with
 * {@code ${arg}} placeholders already replaced).
 */
public record PipelineNode(String id, Kind kind, List<String> inputs, ObjectNode spec) {
    public enum Kind {
        SOURCE, TRANSFORM, SINK;

        String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The transform's name, for transform nodes. */
    public String transform() {
        return spec.path("transform").asText();
    }
}

package io.mortar.runtime.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mortar.runtime.io.ConnectionTypes;
import io.mortar.runtime.sql.SqlScript;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A declarative job ({@code *.json}), Glue Studio's visual jobs as a file:
 * {@code {"nodes": [{"id", "type": "source|transform|sink", …}]}}. Sources read a catalog table or options,
 * transforms name one of {@link PipelineTransform}, sinks write to a catalog table or options. The whole
 * definition is checked before anything runs (unknown types and fields, missing or unknown inputs, cycles), with
 * errors naming the node and field; {@code ${name}} in any string is replaced by the run argument {@code --name}.
 */
public final class Pipeline {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> COMMON = Set.of("id", "type", "inputs", "transformationContext");
    /** A source or a sink says where its data is: a catalog table or connection options. */
    private static final Set<String> ENDPOINT_FIELDS = Set.of("catalog", "options");
    private static final Set<String> TRANSFORM_COMMON = Set.of("transform", "stageThreshold", "totalThreshold");
    private static final Set<String> CATALOG_SOURCE = Set.of("database", "table", "pushDownPredicate",
            "catalogPartitionPredicate", "additionalOptions");
    private static final Set<String> CATALOG_SINK = Set.of("database", "table", "additionalOptions");
    private static final Set<String> OPTIONS_FIELDS = Set.of("connectionType", "options", "format", "formatOptions");

    private final List<PipelineNode> nodes;

    private Pipeline(List<PipelineNode> nodes) {
        this.nodes = nodes;
    }

    /** Nodes in an order where every node comes after its inputs. */
    public List<PipelineNode> nodes() {
        return nodes;
    }

    public static Pipeline parse(String json, Map<String, String> args) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PipelineDefinitionException("The pipeline is not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (root == null || !root.isObject() || !root.path("nodes").isArray() || root.get("nodes").isEmpty()) {
            throw new PipelineDefinitionException("The pipeline must be an object with a non-empty 'nodes' list");
        }
        Map<String, PipelineNode> byId = new LinkedHashMap<>();
        int position = 0;
        for (JsonNode raw : root.get("nodes")) {
            position++;
            if (!raw.isObject()) {
                throw new PipelineDefinitionException("Pipeline node " + position + " is not an object");
            }
            PipelineNode node = node(position, (ObjectNode) raw.deepCopy(), args);
            if (byId.putIfAbsent(node.id(), node) != null) {
                throw PipelineDefinitionException.at(node.id(), "id", "is used by more than one node");
            }
        }
        for (PipelineNode node : byId.values()) {
            for (String input : node.inputs()) {
                if (!byId.containsKey(input)) {
                    throw PipelineDefinitionException.at(node.id(), "inputs", "names '" + input
                            + "', which is not a node of the pipeline");
                }
                if (byId.get(input).kind() == PipelineNode.Kind.SINK) {
                    throw PipelineDefinitionException.at(node.id(), "inputs", "names the sink '" + input
                            + "'; a sink produces no frame to read");
                }
            }
        }
        if (byId.values().stream().noneMatch(n -> n.kind() == PipelineNode.Kind.SINK)) {
            throw new PipelineDefinitionException("The pipeline has no sink node, so it would write nothing");
        }
        return new Pipeline(ordered(byId));
    }

    private static PipelineNode node(int position, ObjectNode spec, Map<String, String> args) {
        JsonNode idNode = spec.get("id");
        if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
            throw new PipelineDefinitionException("Pipeline node " + position + ": field 'id' is required and must be"
                    + " a non-empty string");
        }
        String id = idNode.asText();
        substitute(id, spec, args);
        String type = spec.path("type").asText("");
        PipelineNode.Kind kind = switch (type) {
            case "source" -> PipelineNode.Kind.SOURCE;
            case "transform" -> PipelineNode.Kind.TRANSFORM;
            case "sink" -> PipelineNode.Kind.SINK;
            default -> throw PipelineDefinitionException.at(id, "type", spec.has("type")
                    ? "is '" + type + "'; use source, transform or sink" : "is required: source, transform or sink");
        };
        List<String> inputs = inputs(id, spec);
        PipelineNode node = new PipelineNode(id, kind, inputs, spec);
        switch (kind) {
            case SOURCE -> {
                if (!inputs.isEmpty()) {
                    throw PipelineDefinitionException.at(id, "inputs", "must be absent: a source reads no other node");
                }
                checkFields(node, ENDPOINT_FIELDS);
                endpoint(node, CATALOG_SOURCE);
            }
            case SINK -> {
                if (inputs.size() != 1) {
                    throw PipelineDefinitionException.at(id, "inputs", "must name exactly one node for a sink, but names "
                            + inputs.size());
                }
                checkFields(node, ENDPOINT_FIELDS);
                endpoint(node, CATALOG_SINK);
            }
            case TRANSFORM -> transform(node);
        }
        return node;
    }

    private static void transform(PipelineNode node) {
        Fields f = new Fields(node);
        String name = f.requireText("transform");
        PipelineTransform transform = PipelineTransform.named(name);
        if (transform == null) {
            throw f.invalid("transform", "is '" + name + "', which is not a transform; use one of "
                    + PipelineTransform.names());
        }
        Set<String> allowed = new java.util.HashSet<>(TRANSFORM_COMMON);
        allowed.addAll(transform.fields());
        checkFields(node, allowed);
        int n = node.inputs().size();
        if (transform.inputs() > 0 && n != transform.inputs()) {
            throw f.invalid("inputs", "must name " + transform.inputs() + " node" + (transform.inputs() == 1 ? "" : "s")
                    + " for " + transform.jsonName() + ", but names " + n);
        }
        if (transform.inputs() < 0 && n == 0) {
            throw f.invalid("inputs", "must name at least one node for " + transform.jsonName());
        }
        f.threshold("stageThreshold");
        f.threshold("totalThreshold");
        transform.validate(f);
    }

    /** A source's or sink's {@code catalog} or {@code options} (exactly one). */
    private static void endpoint(PipelineNode node, Set<String> catalogFields) {
        JsonNode catalog = node.spec().get("catalog");
        JsonNode options = node.spec().get("options");
        if ((catalog == null) == (options == null)) {
            throw PipelineDefinitionException.at(node.id(), catalog == null ? "catalog" : "options",
                    catalog == null ? "or 'options' is required" : "cannot be given with 'catalog': use one of them");
        }
        if (catalog != null) {
            checkObject(node, "catalog", catalog, catalogFields);
            text(node, "catalog", catalog, "database");
            text(node, "catalog", catalog, "table");
            if (catalog.has("additionalOptions") && !catalog.get("additionalOptions").isObject()) {
                throw PipelineDefinitionException.at(node.id(), "catalog.additionalOptions", "must be an object");
            }
        } else {
            checkObject(node, "options", options, OPTIONS_FIELDS);
            if (!options.path("options").isObject()) {
                throw PipelineDefinitionException.at(node.id(), "options.options",
                        "is required: the connection options, e.g. {\"paths\": [\"s3://…\"]}");
            }
            if (options.has("formatOptions") && !options.get("formatOptions").isObject()) {
                throw PipelineDefinitionException.at(node.id(), "options.formatOptions", "must be an object");
            }
            String type = options.path("connectionType").asText("s3");
            if (!ConnectionTypes.isJdbc(ConnectionTypes.normalize(type))) {
                text(node, "options", options, "format");
            }
        }
    }

    private static void text(PipelineNode node, String parent, JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw PipelineDefinitionException.at(node.id(), parent + "." + field,
                    value == null ? "is required" : "must be a non-empty string");
        }
    }

    private static void checkObject(PipelineNode node, String name, JsonNode value, Set<String> allowed) {
        if (!value.isObject()) {
            throw PipelineDefinitionException.at(node.id(), name, "must be an object");
        }
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw PipelineDefinitionException.at(node.id(), name + "." + field, "is not known; expected "
                        + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static void checkFields(PipelineNode node, Set<String> allowed) {
        for (Iterator<String> it = node.spec().fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!COMMON.contains(field) && !allowed.contains(field)) {
                throw PipelineDefinitionException.at(node.id(), field, "is not known for a "
                        + node.kind().jsonName() + (node.kind() == PipelineNode.Kind.TRANSFORM
                        ? " " + node.transform() : "") + " node");
            }
        }
    }

    private static List<String> inputs(String id, ObjectNode spec) {
        JsonNode inputs = spec.get("inputs");
        if (inputs == null) {
            return List.of();
        }
        if (!inputs.isArray()) {
            throw PipelineDefinitionException.at(id, "inputs", "must be a list of node ids");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode input : inputs) {
            if (!input.isTextual()) {
                throw PipelineDefinitionException.at(id, "inputs", "must be a list of node ids but holds " + input);
            }
            out.add(input.asText());
        }
        return List.copyOf(out);
    }

    /** Replaces {@code ${name}} in every string value of the node, in place. */
    private static void substitute(String id, JsonNode node, Map<String, String> args) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual()) {
                    e.setValue(new TextNode(substituted(id, e.getValue().asText(), args)));
                } else {
                    substitute(id, e.getValue(), args);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, new TextNode(substituted(id, array.get(i).asText(), args)));
                } else {
                    substitute(id, array.get(i), args);
                }
            }
        }
    }

    private static String substituted(String id, String text, Map<String, String> args) {
        try {
            return SqlScript.substitute(text, args);
        } catch (IllegalArgumentException e) {
            throw new PipelineDefinitionException("Pipeline node '" + id + "': "
                    + e.getMessage().replace("The SQL script uses", "uses"));
        }
    }

    /** Depth-first topological order; a cycle is reported with its path. */
    private static List<PipelineNode> ordered(Map<String, PipelineNode> byId) {
        List<PipelineNode> out = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1 = visiting, 2 = done
        for (String id : byId.keySet()) {
            visit(id, byId, state, new ArrayList<>(), out);
        }
        return List.copyOf(out);
    }

    private static void visit(String id, Map<String, PipelineNode> byId, Map<String, Integer> state, List<String> path,
                              List<PipelineNode> out) {
        Integer s = state.get(id);
        if (s != null && s == 2) {
            return;
        }
        path.add(id);
        if (s != null) {
            List<String> cycle = path.subList(path.indexOf(id), path.size());
            throw PipelineDefinitionException.at(id, "inputs", "forms a cycle: " + String.join(" -> ", cycle));
        }
        state.put(id, 1);
        for (String input : byId.get(id).inputs()) {
            visit(input, byId, state, path, out);
        }
        state.put(id, 2);
        path.remove(path.size() - 1);
        out.add(byId.get(id));
    }
}

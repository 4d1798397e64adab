package io.mortar.runtime.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.runtime.MortarContext;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.TransformOptions;
import io.mortar.runtime.tagging.RegexTagging;
import io.mortar.runtime.tagging.TagOptions;
import io.mortar.runtime.tagging.TagRuleSource;
import io.mortar.runtime.transform.ApplyMapping;
import io.mortar.runtime.transform.ResolveChoice;
import io.mortar.tagging.TagRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The transforms a pipeline node can name, each with how many inputs it takes, the fields it accepts (checked
 * before anything runs) and how it applies to its input frames. Common to all: {@code transformationContext}
 * (defaults to the node id), {@code stageThreshold}, {@code totalThreshold}.
 */
enum PipelineTransform {
    APPLY_MAPPING("ApplyMapping", 1, Set.of("mappings")) {
        @Override
        void validate(Fields f) {
            JsonNode mappings = f.requireArray("mappings");
            for (JsonNode m : mappings) {
                mapping(f, m);
            }
        }

        @Override
        DynamicFrame apply(MortarContext mortar, PipelineNode node, List<DynamicFrame> in, TransformOptions opts) {
            Fields f = new Fields(node);
            List<ApplyMapping.Mapping> mappings = new ArrayList<>();
            for (JsonNode m : node.spec().get("mappings")) {
                mappings.add(mapping(f, m));
            }
            return in.get(0).applyMapping(mappings, opts);
        }

        private static ApplyMapping.Mapping mapping(Fields f, JsonNode m) {
            if (m.isArray() && m.size() == 4 && allText(m)) {
                return ApplyMapping.mapping(m.get(0).asText(), m.get(1).asText(), m.get(2).asText(), m.get(3).asText());
            }
            if (m.isObject() && m.path("source").isTextual() && m.path("target").isTextual()) {
                return ApplyMapping.mapping(m.get("source").asText(), m.path("sourceType").asText(null),
                        m.get("target").asText(), m.path("targetType").asText(null));
            }
            throw f.invalid("mappings", "must hold [source, sourceType, target, targetType] arrays or "
                    + "{\"source\",\"sourceType\",\"target\",\"targetType\"} objects, but has " + m);
        }
    },
    SELECT_FIELDS("SelectFields", 1, Set.of("paths")) {
        @Override
        void validate(Fields f) {
            f.requireStrings("paths");
        }

        @Override
        DynamicFrame apply(MortarContext mortar, PipelineNode node, List<DynamicFrame> in, TransformOptions opts) {
            return in.get(0).selectFields(new Fields(node).requireStrings("paths"), opts);
        }
    },
    DROP_FIELDS("DropFields", 1, Set.of("paths")) {
        @Override
        void validate(Fields f) {
            f.requireStrings("paths");
        }

        @Override
        DynamicFrame apply(MortarContext mortar, PipelineNode node, List<DynamicFrame> in, TransformOptions opts) {
            return in.get(0).dropFields(new Fields(node).requireStrings("paths"), opts);
        }
    },
    RENAME_FIELD("RenameField", 1, Set.of("oldPath", "newPath")) {
        @Override
        void validate(Fields f) {
            f.requireText("oldPath");
            f.requireText("newPath");
        }

        @Override
        DynamicFrame apply(MortarContext mortar, PipelineNode node, List<DynamicFrame> in, TransformOptions opts) {
            Fields f = new Fields(node);
            return in.get(0).renameField(f.requireText("oldPath"), f.requireText("newPath"), opts);
        }
    },
    RESOLVE_CHOICE("ResolveChoice", 1, Set.of("specs", "choice")) {
        @Override
        void validate(Fields f) {
            boolean specs = f.node().spec().has("specs");
            boolean choice = f.node().spec().has("choice");
            if (specs == choice) {
                throw f.invalid(specs ? "choice" : "specs", specs ? "cannot be given with 'specs': use one of them"
                        : "is required (or 'choice'): a list of [path, action] pairs");
            }
            if (specs) {
                specs(f);
            } else {
                f.requireText("choice");
            }
        }

        @Override
        DynamicFrame apply(MortarContext mortar, PipelineNode node, List<DynamicFrame> in, TransformOptions opts) {
            Fields f = new Fields(node);
            if (node.spec().has("choice")) {
                return in.get(0).resolveChoice(f.requireText("choice"), opts);
            }
            return in.get(0).resolveChoice(specs(f), opts);
        }

        private static List<ResolveChoice.Spec> specs(Fields f) {
            List<ResolveChoice.Spec> out = new ArrayList<>();
            for (JsonNode s : f.requireArray("specs")) {
                if (s.isArray() && s.size() == 2 && allText(s)) {
                    out.add(ResolveChoice.spec(s.get(0).asText(), s.get(1).asText()));
                } else if (s.isObject() && s.path("path").isTextual() && s.path("action").isTextual()) {
                    out.add(ResolveChoice.spec(s.get("path").asText(), s.get("action").asText()));
                } else {
                    throw f.invalid("specs", "must hold [path, action] pairs or {\"path\",\"action\"} objects, but has "
                            + s);
                }
            }
            return out;
        }
    },
    FILTER("Filter", 1, Set.of("condition")) {
        @Override
        void validate(Fields f) {
            f.requireText("condition");
        }

        /** A Spark SQL condition over the frame's columns, e.g. {@code "amount > 100 AND country = 'DE'"}. */
        @Override
        DynamicFrame apply(MortarContext mortar, PipelineNode node, List<DynamicFrame> in, TransformOptions opts) {
            DynamicFrame frame = in.get(0);
            return frame.derive(frame.toDF().where(new Fields(node).requireText("condition")), opts);
        }
    },
    JOIN("Join", 2, Set.of("keys1", "keys2")) {
        @Override
        void validate(Fields f) {
            List<String> keys1 = f.requireStrings("keys1");
            List<String> keys2 = f.requireStrings("keys2");
            if (keys1.size() != keys2.size()) {
                throw f.invalid("keys2", "must name as many keys as 'keys1' (" + keys1.size() + ") but names "
                        + keys2.size());
            }
        }

        @Override
        DynamicFrame apply(MortarContext mortar, PipelineNode node, List<DynamicFrame> in, TransformOptions opts) {
            Fields f = new Fields(node);
            return in.get(0).join(f.requireStrings("keys1"), f.requireStrings("keys2"), in.get(1), opts);
        }
    },
    DROP_NULL_FIELDS("DropNullFields", 1, Set.of()) {
        @Override
        void validate(Fields f) {}

        @Override
        DynamicFrame apply(MortarContext mortar, PipelineNode node, List<DynamicFrame> in, TransformOptions opts) {
            return in.get(0).dropNullFields(opts);
        }
    },
    SQL("Sql", -1, Set.of("query", "aliases")) {
        @Override
        void validate(Fields f) {
            f.requireText("query");
            JsonNode aliases = f.node().spec().get("aliases");
            if (aliases != null) {
                if (!aliases.isObject()) {
                    throw f.invalid("aliases", "must be an object mapping input node ids to view names");
                }
                aliases.fieldNames().forEachRemaining(id -> {
                    if (!f.node().inputs().contains(id)) {
                        throw f.invalid("aliases", "names '" + id + "', which is not one of the node's inputs "
                                + f.node().inputs());
                    }
                    if (!aliases.get(id).isTextual() || aliases.get(id).asText().isBlank()) {
                        throw f.invalid("aliases", "gives input '" + id + "' a view name that is not a string");
                    }
                });
            }
        }

        /**
         * Spark SQL over the inputs, each visible as a temporary view named by its node id (or its alias); catalog
         * tables are visible too, as {@code database.table}.
         */
        @Override
        DynamicFrame apply(MortarContext mortar, PipelineNode node, List<DynamicFrame> in, TransformOptions opts) {
            JsonNode aliases = node.spec().path("aliases");
            List<String> views = new ArrayList<>();
            try {
                for (int i = 0; i < in.size(); i++) {
                    String input = node.inputs().get(i);
                    String view = aliases.path(input).asText(input);
                    in.get(i).toDF().createOrReplaceTempView(view);
                    views.add(view);
                }
                Dataset<Row> result = mortar.sql(new Fields(node).requireText("query"));
                return DynamicFrame.combine(in, result, opts.stageName(node.id()), opts);
            } finally {
                views.forEach(v -> mortar.spark().catalog().dropTempView(v));
            }
        }
    },
    TAG("Tag", 1, Set.of("rules", "outputColumn", "firstMatchOnly", "perColumn", "guardStepsPerChar")) {
        @Override
        void validate(Fields f) {
            ruleSource(f);
            JsonNode spec = f.node().spec();
            if (spec.has("outputColumn")) {
                f.requireText("outputColumn");
                if (spec.path("perColumn").asBoolean(false)) {
                    throw f.invalid("outputColumn", "cannot be given with perColumn: each tagged column's tags go to"
                            + " <column>_tags");
                }
            }
            for (String flag : List.of("firstMatchOnly", "perColumn")) {
                if (spec.has(flag) && !spec.get(flag).isBoolean()) {
                    throw f.invalid(flag, "must be true or false, but is " + spec.get(flag));
                }
            }
            if (spec.has("guardStepsPerChar")) {
                JsonNode steps = spec.get("guardStepsPerChar");
                if (!steps.canConvertToInt() || !steps.isIntegralNumber() || steps.asInt() < 1) {
                    throw f.invalid("guardStepsPerChar", "must be a whole number of at least 1, but is " + steps);
                }
            }
        }

        /**
         * Regex tagging ({@link RegexTagging}) with the rules of a rule table read from a file, the catalog or JDBC
         * ({@link TagRuleSource}).
         */
        @Override
        DynamicFrame apply(MortarContext mortar, PipelineNode node, List<DynamicFrame> in, TransformOptions opts) {
            Fields f = new Fields(node);
            JsonNode spec = node.spec();
            TagOptions options = new TagOptions(spec.path("outputColumn").asText(TagOptions.DEFAULT_OUTPUT_COLUMN),
                    spec.path("firstMatchOnly").asBoolean(false), spec.path("perColumn").asBoolean(false),
                    spec.path("guardStepsPerChar").asInt(TagOptions.DEFAULT_GUARD_STEPS_PER_CHAR));
            DynamicFrame frame = in.get(0);
            try {
                List<TagRule> rules = ruleSource(f).load(mortar);
                return frame.derive(RegexTagging.apply(frame.toDF(), rules, options), opts);
            } catch (IllegalArgumentException e) { // a bad rule or rule table: say which node's
                throw new IllegalArgumentException("Pipeline node '" + node.id() + "': " + e.getMessage(), e);
            }
        }

        private static TagRuleSource ruleSource(Fields f) {
            JsonNode rules = f.node().spec().get("rules");
            if (rules == null || !rules.isObject()) {
                throw f.invalid("rules", rules == null ? "is required: where the rule table is, e.g. {\"path\": "
                        + "\"s3://…/rules.csv\", \"format\": \"csv\"}" : "must be an object");
            }
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> spec = JSON.convertValue(rules, Map.class);
                return TagRuleSource.of(spec);
            } catch (TagRuleSource.InvalidSpecException e) {
                throw f.invalid(e.field().isEmpty() ? "rules" : "rules." + e.field(), e.problem());
            }
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String jsonName;
    private final int inputs;
    private final Set<String> fields;

    PipelineTransform(String jsonName, int inputs, Set<String> fields) {
        this.jsonName = jsonName;
        this.inputs = inputs;
        this.fields = fields;
    }

    String jsonName() {
        return jsonName;
    }

    /** How many inputs the transform takes; -1 for one or more. */
    int inputs() {
        return inputs;
    }

    Set<String> fields() {
        return fields;
    }

    abstract void validate(Fields f);

    abstract DynamicFrame apply(MortarContext mortar, PipelineNode node, List<DynamicFrame> in, TransformOptions opts);

    static PipelineTransform named(String name) {
        for (PipelineTransform t : values()) {
            if (t.jsonName.equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }

    static List<String> names() {
        List<String> out = new ArrayList<>();
        for (PipelineTransform t : values()) {
            out.add(t.jsonName);
        }
        return out;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode e : array) {
            if (!e.isTextual()) {
                return false;
            }
        }
        return true;
    }
}

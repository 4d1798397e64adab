package io.mortar.runtime.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.runtime.MortarContext;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.TransformOptions;
import io.mortar.runtime.io.CatalogSource;
import io.mortar.runtime.io.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a validated {@link Pipeline}: nodes in dependency order, each sink's write as its own Spark job. */
public final class PipelineRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MortarContext mortar;

    public PipelineRunner(MortarContext mortar) {
        this.mortar = mortar;
    }

    /** @return each sink's result, by node id */
    public Map<String, WriteResult> run(Pipeline pipeline) {
        Map<String, DynamicFrame> frames = new HashMap<>();
        Map<String, WriteResult> results = new LinkedHashMap<>();
        for (PipelineNode node : pipeline.nodes()) {
            LOG.info("Pipeline node '{}' ({})", node.id(), node.kind().jsonName());
            List<DynamicFrame> in = new ArrayList<>();
            node.inputs().forEach(id -> in.add(frames.get(id)));
            switch (node.kind()) {
                case SOURCE -> frames.put(node.id(), source(node));
                case TRANSFORM -> frames.put(node.id(), transform(node, in));
                case SINK -> results.put(node.id(), sink(node, in.get(0)));
            }
        }
        return results;
    }

    private DynamicFrame source(PipelineNode node) {
        String ctx = context(node);
        JsonNode catalog = node.spec().get("catalog");
        if (catalog != null) {
            CatalogSource source = mortar.fromCatalog(catalog.get("database").asText(), catalog.get("table").asText())
                    .transformationContext(ctx)
                    .options(map(catalog.get("additionalOptions")));
            if (catalog.hasNonNull("pushDownPredicate")) {
                source.pushDownPredicate(catalog.get("pushDownPredicate").asText());
            }
            if (catalog.hasNonNull("catalogPartitionPredicate")) {
                source.catalogPartitionPredicate(catalog.get("catalogPartitionPredicate").asText());
            }
            return source.dynamicFrame();
        }
        JsonNode options = node.spec().get("options");
        return mortar.fromOptions(options.path("connectionType").asText("s3"), map(options.get("options")),
                        options.path("format").asText(null), map(options.get("formatOptions")))
                .transformationContext(ctx)
                .dynamicFrame();
    }

    private DynamicFrame transform(PipelineNode node, List<DynamicFrame> in) {
        Fields f = new Fields(node);
        TransformOptions opts = TransformOptions.of(context(node), f.threshold("stageThreshold"),
                f.threshold("totalThreshold"));
        return PipelineTransform.named(node.transform()).apply(mortar, node, in, opts);
    }

    private WriteResult sink(PipelineNode node, DynamicFrame frame) {
        String ctx = context(node);
        JsonNode catalog = node.spec().get("catalog");
        if (catalog != null) {
            return mortar.writeToCatalog(frame, catalog.get("database").asText(), catalog.get("table").asText(),
                    map(catalog.get("additionalOptions")), ctx);
        }
        JsonNode options = node.spec().get("options");
        return mortar.writeToOptions(frame, options.path("connectionType").asText("s3"), map(options.get("options")),
                options.path("format").asText(null), map(options.get("formatOptions")), ctx);
    }

    private static String context(PipelineNode node) {
        return node.spec().path("transformationContext").asText(node.id());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node) {
        return node == null || node.isNull() ? Map.of() : JSON.convertValue(node, Map.class);
    }
}

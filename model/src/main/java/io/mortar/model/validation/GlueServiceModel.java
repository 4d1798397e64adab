package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * AWS Glue's service model (botocore's {@code glue/2017-03-31/service-2.json}), loaded once and compiled into one
 * validator per operation input, so every request is checked for JSON types, required members and the model's
 * constraints the way Glue checks it, with Glue's messages.
 *
 * <p>Thread-safe and immutable: the validator graph is built completely before the instance is constructed and is
 * never modified afterwards.
 *
 * <p>The bundled model is part of the jar, so failing to read it is a broken build, not a runtime condition: the
 * first {@link #load()} then throws (an {@code ExceptionInInitializerError}) and the server should not start.
 */
public final class GlueServiceModel {
    static final String RESOURCE = "/io/mortar/model/glue-service-2.json.gz";

    private final Map<String, ShapeValidator> inputs;
    private final Set<String> operationNames;
    private final Set<String> skippedPatterns;
    private final int compiledShapeCount;

    private GlueServiceModel(Map<String, ShapeValidator> inputs, Set<String> skippedPatterns, int compiledShapeCount) {
        this.inputs = Map.copyOf(inputs);
        this.operationNames = Collections.unmodifiableSortedSet(new TreeSet<>(inputs.keySet()));
        this.skippedPatterns = Set.copyOf(skippedPatterns);
        this.compiledShapeCount = compiledShapeCount;
    }

    /**
     * The model bundled with Mortar, parsed and compiled on first use and then shared. The first call takes about
     * 150 ms (1.2 MB of JSON); call it at startup to keep that off the first request.
     */
    public static GlueServiceModel load() {
        return Bundled.INSTANCE;
    }

    /** Lazy holder: class initialisation makes the first load thread-safe and publishes the result safely. */
    private static final class Bundled {
        static final GlueServiceModel INSTANCE = fromResource();
    }

    public boolean hasOperation(String operationName) {
        return operationName != null && inputs.containsKey(operationName);
    }

    /** All operation names of the model, sorted. */
    public Set<String> operationNames() {
        return operationNames;
    }

    /**
     * Throws when {@code body} violates the operation's input shape: a SerializationException at the first member of
     * the wrong JSON type, otherwise one InvalidInputException listing every constraint violation.
     *
     * @param body the request body as parsed; must be a JSON object, possibly empty
     * @throws GlueException UnknownOperationException when the model has no such operation
     */
    public void validateInput(String operationName, JsonNode body) {
        ShapeValidator input = inputs.get(Objects.requireNonNull(operationName, "operationName"));
        if (input == null) {
            throw new GlueException(GlueErrorCode.UNKNOWN_OPERATION, "Unknown operation " + operationName);
        }
        if (body == null || !body.isObject()) {
            throw new GlueException(GlueErrorCode.SERIALIZATION,
                    "Expected a JSON object as the request body but found " + JsonText.typeName(body));
        }
        ValidationContext ctx = new ValidationContext();
        input.validate(body, ctx);
        ctx.throwIfViolated();
    }

    /** The model patterns Java cannot compile, which are therefore not checked. */
    Set<String> skippedPatterns() {
        return skippedPatterns;
    }

    /** How many distinct shapes the operation inputs reach; each was compiled exactly once. */
    int compiledShapeCount() {
        return compiledShapeCount;
    }

    /** Compiles a service model given as its JSON tree; tests use it for small hand-written models. */
    static GlueServiceModel fromJson(JsonNode model) {
        ShapeCompiler compiler = new ShapeCompiler(model.path("shapes"));
        Map<String, ShapeValidator> inputs = new HashMap<>();
        for (Map.Entry<String, JsonNode> operation : model.path("operations").properties()) {
            String inputShape = operation.getValue().path("input").path("shape").textValue();
            inputs.put(operation.getKey(), inputShape == null ? noInput() : compiler.compile(inputShape));
        }
        return new GlueServiceModel(inputs, compiler.skippedPatterns(), compiler.compiledShapeCount());
    }

    private static GlueServiceModel fromResource() {
        try (InputStream raw = GlueServiceModel.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("The AWS Glue service model is missing from the classpath: " + RESOURCE);
            }
            try (InputStream json = new GZIPInputStream(raw, 64 * 1024)) {
                return fromJson(new ObjectMapper().readTree(json));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the AWS Glue service model " + RESOURCE, e);
        }
    }

    /** An operation the model declares without an input accepts any object, like one with an empty input shape. */
    private static ShapeValidator noInput() {
        return new StructureValidator("(no input)", new String[0], new String[0], new ShapeValidator[0], new boolean[0]);
    }
}

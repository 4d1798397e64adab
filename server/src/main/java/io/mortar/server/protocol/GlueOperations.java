package io.mortar.server.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.model.GlueJson;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The operations this server implements, by their Glue name: how to read each request and which service
 * method answers it. Services register here; the protocol edge knows nothing about any of them.
 */
public final class GlueOperations {
    /** One operation: reads its request document, lets the guard look at the request, returns its response. */
    public interface Operation {
        SdkPojo invoke(JsonNode body, Guard guard);
    }

    /**
     * Decides whether the caller may make this request, once it is read (what a request acts on is in it): throws
     * the GlueException that refuses it.
     */
    @FunctionalInterface
    public interface Guard {
        Guard NONE = (operation, request) -> { };

        void check(String operation, SdkPojo request);
    }

    private final Map<String, Operation> operations = new TreeMap<>();

    public <R> GlueOperations add(String name, Supplier<? extends SdkBuilder<?, R>> requestBuilder,
                                  Function<R, ? extends SdkPojo> handler) {
        Operation operation = (body, guard) -> {
            R request = GlueJson.read(body, requestBuilder.get());
            guard.check(name, (SdkPojo) request);
            return handler.apply(request);
        };
        if (operations.putIfAbsent(name, operation) != null) {
            throw new IllegalStateException("Operation registered twice: " + name);
        }
        return this;
    }

    public Operation get(String name) {
        return operations.get(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(operations.keySet());
    }
}

package io.mortar.server.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import io.mortar.model.validation.GlueServiceModel;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jetbrains.annotations.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The AWS Glue JSON 1.1 edge: {@code POST /} with {@code X-Amz-Target: AWSGlue.<Operation>}. Checks the body
 * against Glue's service model, binds it, calls the operation, writes the response; and is the one place where
 * errors become wire errors: {@code {"__type", "Message"}} plus {@code X-Amzn-ErrorType}, status 400
 * (500 only for InternalServiceException).
 */
public final class GlueJsonProtocol implements Handler {
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "AWSGlue.";
    private static final Logger LOG = LoggerFactory.getLogger(GlueJsonProtocol.class);

    private final GlueOperations operations;
    private final GlueServiceModel model;

    public GlueJsonProtocol(GlueOperations operations, GlueServiceModel model) {
        this.operations = requireNonNull(operations, "operations");
        this.model = requireNonNull(model, "model");
    }

    @Override
    public void handle(@NotNull Context ctx) {
        String requestId = UUID.randomUUID().toString();
        ctx.header("x-amzn-RequestId", requestId);
        String operationName = null;
        try {
            operationName = operationName(ctx.header("X-Amz-Target"));
            GlueOperations.Operation operation = operations.get(operationName);
            if (operation == null) {
                throw new GlueException(GlueErrorCode.UNKNOWN_OPERATION, model.hasOperation(operationName)
                        ? "Operation " + operationName + " is not supported by Mortar yet."
                        : "Unknown operation " + operationName + ".");
            }
            byte[] raw = ctx.bodyAsBytes();
            JsonNode body = raw.length == 0 ? GlueJson.mapper().createObjectNode() : GlueJson.parse(raw);
            if (!body.isObject()) {
                throw new GlueException(GlueErrorCode.SERIALIZATION, "The request body must be a JSON object.");
            }
            model.validateInput(operationName, body);
            SdkPojo response = operation.invoke(body);
            ctx.status(200).contentType(CONTENT_TYPE).result(GlueJson.write(response));
        } catch (GlueException e) {
            if (e.code() == GlueErrorCode.INTERNAL_SERVICE) {
                internalError(ctx, operationName, requestId, e);
            } else {
                LOG.debug("{} rejected: {} {}", operationName, e.code().wireName(), e.getMessage());
                writeError(ctx, e.code(), e.getMessage());
            }
        } catch (RuntimeException e) {
            internalError(ctx, operationName, requestId, e);
        }
    }

    /** The cause goes to the log under the request id; the client gets the id, never store or stack details. */
    private static void internalError(Context ctx, String operationName, String requestId, Exception e) {
        LOG.error("{} failed (request {})", operationName, requestId, e);
        writeError(ctx, GlueErrorCode.INTERNAL_SERVICE,
                "Internal error while processing " + operationName + " (request " + requestId + ").");
    }

    private static String operationName(String target) {
        if (target == null || target.isEmpty()) {
            throw new GlueException(GlueErrorCode.UNKNOWN_OPERATION,
                    "Missing X-Amz-Target header; expected AWSGlue.<Operation>.");
        }
        if (!target.startsWith(TARGET_PREFIX) || target.length() == TARGET_PREFIX.length()) {
            throw new GlueException(GlueErrorCode.UNKNOWN_OPERATION,
                    "Unknown target " + target + "; expected AWSGlue.<Operation>.");
        }
        return target.substring(TARGET_PREFIX.length());
    }

    static void writeError(Context ctx, GlueErrorCode code, String message) {
        ObjectNode error = GlueJson.mapper().createObjectNode();
        error.put("__type", code.wireName());
        error.put("Message", message);
        ctx.status(code.httpStatus())
                .header("X-Amzn-ErrorType", code.wireName())
                .contentType(CONTENT_TYPE)
                .result(error.toString().getBytes(StandardCharsets.UTF_8));
    }
}

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
 * errors become wire errors, for the Glue API and for Mortar's own endpoints beside it: {@code {"__type",
 * "Message"}} plus {@code X-Amzn-ErrorType}, status 400 (500 only for InternalServiceException, 404 for a path of
 * Mortar's own endpoints that names nothing).
 */
public final class GlueJsonProtocol implements Handler {
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "AWSGlue.";
    private static final String REQUEST_ID = "x-amzn-RequestId";
    private static final Logger LOG = LoggerFactory.getLogger(GlueJsonProtocol.class);

    private final GlueOperations operations;
    private final GlueServiceModel model;

    public GlueJsonProtocol(GlueOperations operations, GlueServiceModel model) {
        this.operations = requireNonNull(operations, "operations");
        this.model = requireNonNull(model, "model");
    }

    @Override
    public void handle(@NotNull Context ctx) {
        requestId(ctx); // every Glue response carries one, not only errors
        String operationName = null;
        try {
            // Read the whole body before any answer, rejections included: answering a request whose body is still
            // arriving makes Jetty drop the connection, and the client sees no answer at all.
            byte[] raw = ctx.bodyAsBytes();
            operationName = operationName(ctx.header("X-Amz-Target"));
            GlueOperations.Operation operation = operations.get(operationName);
            if (operation == null) {
                throw new GlueException(GlueErrorCode.UNKNOWN_OPERATION, model.hasOperation(operationName)
                        ? "Operation " + operationName + " is not supported by Mortar yet."
                        : "Unknown operation " + operationName + ".");
            }
            JsonNode body = raw.length == 0 ? GlueJson.mapper().createObjectNode() : GlueJson.parse(raw);
            if (!body.isObject()) {
                throw new GlueException(GlueErrorCode.SERIALIZATION, "The request body must be a JSON object.");
            }
            model.validateInput(operationName, body);
            SdkPojo response = operation.invoke(body);
            ctx.status(200).contentType(CONTENT_TYPE).result(GlueJson.write(response));
        } catch (RuntimeException e) {
            writeFailure(ctx, operationName, e);
        }
    }

    /**
     * Renders a failed request, of the Glue API or of one of Mortar's own endpoints beside it (MortarServer routes
     * their exceptions here): a GlueException as its code says; anything else, and InternalServiceException, as a
     * 500 InternalServiceException. Its cause goes to the log under the request id; the client gets the id, never
     * store or stack details.
     *
     * @param what the operation or endpoint, for the log and the message
     */
    public static void writeFailure(Context ctx, String what, Exception e) {
        if (e instanceof GlueException glue && glue.code() != GlueErrorCode.INTERNAL_SERVICE) {
            LOG.debug("{} rejected: {} {}", what, glue.code().wireName(), glue.getMessage());
            write(ctx, glue.code().httpStatus(), glue.code(), glue.getMessage());
            return;
        }
        String requestId = requestId(ctx);
        LOG.error("{} failed (request {})", what, requestId, e);
        write(ctx, GlueErrorCode.INTERNAL_SERVICE.httpStatus(), GlueErrorCode.INTERNAL_SERVICE,
                "Internal error while processing " + what + " (request " + requestId + ").");
    }

    /**
     * Mortar's own GET endpoints when what their path names does not exist: 404, as such a path answers on the
     * web and as the {@code mortar} CLI expects (Glue's RPC protocol answers EntityNotFoundException with 400).
     */
    public static void writeNotFound(Context ctx, String message) {
        write(ctx, 404, GlueErrorCode.ENTITY_NOT_FOUND, message);
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

    /** The one error renderer: {@code {"__type", "Message"}}, {@code X-Amzn-ErrorType} and a request id. */
    private static void write(Context ctx, int status, GlueErrorCode code, String message) {
        requestId(ctx);
        ObjectNode error = GlueJson.mapper().createObjectNode();
        error.put("__type", code.wireName());
        error.put("Message", message);
        ctx.status(status)
                .header("X-Amzn-ErrorType", code.wireName())
                .contentType(CONTENT_TYPE)
                .result(error.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The response's request id, given one now if it has none yet. */
    private static String requestId(Context ctx) {
        String id = ctx.res().getHeader(REQUEST_ID);
        if (id == null) {
            id = UUID.randomUUID().toString();
            ctx.header(REQUEST_ID, id);
        }
        return id;
    }
}

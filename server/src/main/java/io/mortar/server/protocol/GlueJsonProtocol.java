package io.mortar.server.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import io.mortar.model.validation.GlueServiceModel;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Function;
import org.jetbrains.annotations.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The AWS Glue JSON 1.1 edge: {@code POST /} with {@code X-Amz-Target: AWSGlue.<Operation>}. Checks the body
 * against Glue's service model, binds it, calls the operation, writes the response; and is the one place where
 * errors become wire errors, for the Glue API and for Mortar's own endpoints beside it: {@code {"__type",
 * "Message"}} plus {@code X-Amzn-ErrorType}, status 400 (500 only for InternalServiceException, 404 for a path of
 * Mortar's own endpoints that names nothing). Errors of HTTP itself keep their status and get a Glue type here
 * ({@link #codeForHttpStatus}), whether Javalin or Jetty's layer of the edge ({@code io.mortar.server.http}) writes
 * them.
 */
public final class GlueJsonProtocol implements Handler {
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    public static final String ERROR_TYPE_HEADER = "X-Amzn-ErrorType";
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    /**
     * The request attribute holding the body as the HTTP edge read it ({@code byte[]}), before the request reached
     * Javalin: the protocol takes it from there without copying it.
     */
    public static final String BODY_ATTRIBUTE = "io.mortar.server.request-body";
    private static final String TARGET_PREFIX = "AWSGlue.";
    private static final Logger LOG = LoggerFactory.getLogger(GlueJsonProtocol.class);

    private final GlueOperations operations;
    private final GlueServiceModel model;
    private final Function<Context, GlueOperations.Guard> guards;

    public GlueJsonProtocol(GlueOperations operations, GlueServiceModel model) {
        this(operations, model, ctx -> GlueOperations.Guard.NONE);
    }

    /** @param guards the guard of each request: who made it decides what it may do */
    public GlueJsonProtocol(GlueOperations operations, GlueServiceModel model,
                            Function<Context, GlueOperations.Guard> guards) {
        this.operations = requireNonNull(operations, "operations");
        this.model = requireNonNull(model, "model");
        this.guards = requireNonNull(guards, "guards");
    }

    @Override
    public void handle(@NotNull Context ctx) {
        requestId(ctx); // every Glue response carries one, not only errors
        String operationName = null;
        try {
            // The whole body before any answer, rejections included: answering a request whose body is still
            // arriving makes Jetty drop the connection, and the client sees no answer at all. The HTTP edge has
            // read it already (within the request limits) and hands it on.
            byte[] raw = ctx.attribute(BODY_ATTRIBUTE) instanceof byte[] read ? read : ctx.bodyAsBytes();
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
            SdkPojo response = operation.invoke(body, guards.apply(ctx));
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
        if (e instanceof HttpResponseException http) {
            writeHttpError(ctx, http.getStatus(), http.getMessage());
            return;
        }
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

    /**
     * An error of HTTP itself rather than of an operation (no route for the path or the method, a body too large),
     * in the Glue shape like every other error, with its HTTP status kept.
     */
    public static void writeHttpError(Context ctx, int status, String message) {
        write(ctx, status, codeForHttpStatus(status), message);
    }

    /**
     * The Glue error type of an HTTP error status: an unknown path or method names no operation; a body too large
     * or too slow has AWS's names for those; a server-side status is Glue's one fault; any other client error is a
     * request that could not be read, which is what SerializationException says in the JSON protocol.
     */
    public static GlueErrorCode codeForHttpStatus(int status) {
        return switch (status) {
            case 404, 405, 501 -> GlueErrorCode.UNKNOWN_OPERATION;
            case 408 -> GlueErrorCode.REQUEST_TIMEOUT;
            case 413 -> GlueErrorCode.REQUEST_TOO_LARGE;
            case 429, 503 -> GlueErrorCode.THROTTLING;
            case 505 -> GlueErrorCode.SERIALIZATION; // an HTTP version Jetty does not speak: unreadable
            default -> status >= 500 ? GlueErrorCode.INTERNAL_SERVICE : GlueErrorCode.SERIALIZATION;
        };
    }

    /** The body of every error: {@code {"__type": …, "Message": …}}. */
    public static byte[] errorJson(GlueErrorCode code, String message) {
        ObjectNode error = GlueJson.mapper().createObjectNode();
        error.put("__type", code.wireName());
        error.put("Message", message);
        return error.toString().getBytes(StandardCharsets.UTF_8);
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
        ctx.status(status)
                .header(ERROR_TYPE_HEADER, code.wireName())
                .contentType(CONTENT_TYPE)
                .result(errorJson(code, message));
    }

    /** The response's request id, given one now if it has none yet. */
    private static String requestId(Context ctx) {
        String id = ctx.res().getHeader(REQUEST_ID_HEADER);
        if (id == null) {
            id = UUID.randomUUID().toString();
            ctx.header(REQUEST_ID_HEADER, id);
        }
        return id;
    }
}

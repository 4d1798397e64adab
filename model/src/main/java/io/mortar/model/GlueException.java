package io.mortar.model;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type Mortar's services throw for a request that cannot be served. It carries the Glue error
 * code; only the HTTP edge turns it into a wire response. Messages are formatted like Glue's own
 * ({@code "Database sales not found."}).
 */
public class GlueException extends RuntimeException {
    private final GlueErrorCode code;

    public GlueException(GlueErrorCode code, String message) {
        super(requireNonNull(message, "message"));
        this.code = requireNonNull(code, "code");
    }

    public GlueException(GlueErrorCode code, String message, Throwable cause) {
        super(requireNonNull(message, "message"), cause);
        this.code = requireNonNull(code, "code");
    }

    public GlueErrorCode code() {
        return code;
    }

    public static GlueException entityNotFound(String format, Object... args) {
        return new GlueException(GlueErrorCode.ENTITY_NOT_FOUND, String.format(format, args));
    }

    public static GlueException alreadyExists(String format, Object... args) {
        return new GlueException(GlueErrorCode.ALREADY_EXISTS, String.format(format, args));
    }

    public static GlueException invalidInput(String format, Object... args) {
        return new GlueException(GlueErrorCode.INVALID_INPUT, String.format(format, args));
    }

    public static GlueException concurrentModification(String format, Object... args) {
        return new GlueException(GlueErrorCode.CONCURRENT_MODIFICATION, String.format(format, args));
    }

    public static GlueException limitExceeded(String format, Object... args) {
        return new GlueException(GlueErrorCode.RESOURCE_NUMBER_LIMIT_EXCEEDED, String.format(format, args));
    }

    public static GlueException invalidState(String format, Object... args) {
        return new GlueException(GlueErrorCode.INVALID_STATE, String.format(format, args));
    }

    public static GlueException illegalWorkflowState(String format, Object... args) {
        return new GlueException(GlueErrorCode.ILLEGAL_WORKFLOW_STATE, String.format(format, args));
    }

    public static GlueException concurrentRunsExceeded(String format, Object... args) {
        return new GlueException(GlueErrorCode.CONCURRENT_RUNS_EXCEEDED, String.format(format, args));
    }

    public static GlueException internal(String message, Throwable cause) {
        return new GlueException(GlueErrorCode.INTERNAL_SERVICE, message, cause);
    }
}

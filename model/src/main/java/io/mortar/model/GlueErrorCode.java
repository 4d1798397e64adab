package io.mortar.model;

/**
 * Every error Mortar puts on the wire: the AWS Glue {@code __type} name and the HTTP status it travels with.
 * Glue's model sets no status codes, so every modelled error is 400 except the fault
 * {@code InternalServiceException} (500); the generic JSON-protocol and HTTP errors keep their own statuses.
 */
public enum GlueErrorCode {
    ENTITY_NOT_FOUND("EntityNotFoundException", 400),
    ALREADY_EXISTS("AlreadyExistsException", 400),
    INVALID_INPUT("InvalidInputException", 400),
    CONCURRENT_MODIFICATION("ConcurrentModificationException", 400),
    RESOURCE_NUMBER_LIMIT_EXCEEDED("ResourceNumberLimitExceededException", 400),
    INVALID_STATE("InvalidStateException", 400),
    CONFLICT("ConflictException", 400),
    CONCURRENT_RUNS_EXCEEDED("ConcurrentRunsExceededException", 400),
    CRAWLER_RUNNING("CrawlerRunningException", 400),
    ILLEGAL_WORKFLOW_STATE("IllegalWorkflowStateException", 400),
    CRAWLER_NOT_RUNNING("CrawlerNotRunningException", 400),
    CRAWLER_STOPPING("CrawlerStoppingException", 400),
    SCHEDULER_RUNNING("SchedulerRunningException", 400),
    SCHEDULER_NOT_RUNNING("SchedulerNotRunningException", 400),
    SCHEDULER_TRANSITIONING("SchedulerTransitioningException", 400),
    NO_SCHEDULE("NoScheduleException", 400),
    OPERATION_TIMEOUT("OperationTimeoutException", 400),
    THROTTLING("ThrottlingException", 400),
    ACCESS_DENIED("AccessDeniedException", 400),
    /** A stored secret cannot be decrypted (Glue's error for KMS failures). */
    GLUE_ENCRYPTION("GlueEncryptionException", 400),
    INTERNAL_SERVICE("InternalServiceException", 500),
    /** JSON protocol: the target names no operation this server knows. */
    UNKNOWN_OPERATION("UnknownOperationException", 400),
    /** JSON protocol: the body is not JSON, or a member has the wrong JSON type. */
    SERIALIZATION("SerializationException", 400),
    /** JSON protocol: a request without the X-Amz-Target header or with a foreign target prefix. */
    MISSING_ACTION("MissingAction", 400),
    /** SigV4: a request with no signature at all (no {@code Authorization} header). */
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 403),
    /** SigV4: an {@code Authorization} header that lacks a part, or a request without its date. */
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", 403),
    /** SigV4: an access key (or session token) this server does not know. */
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 403),
    /** SigV4: a signature that does not match, or is out of date, scope, region or service. */
    INVALID_SIGNATURE("InvalidSignatureException", 403),
    /** SigV4: a temporary credential used after it expired (a run's credential once the run ended). */
    EXPIRED_TOKEN("ExpiredTokenException", 403),
    /** HTTP: a {@code Host} this server does not answer to (DNS rebinding), refused before anything else. */
    MISDIRECTED_REQUEST("MisdirectedRequestException", 421),
    /** HTTP: a request body over the server's limit, refused before it is read (AWS's name for the 413). */
    REQUEST_TOO_LARGE("RequestEntityTooLargeException", 413),
    /** HTTP: a request body that stopped arriving, or arrived too slowly; the AWS SDKs retry this name. */
    REQUEST_TIMEOUT("RequestTimeoutException", 408);

    private final String wireName;
    private final int httpStatus;

    GlueErrorCode(String wireName, int httpStatus) {
        this.wireName = wireName;
        this.httpStatus = httpStatus;
    }

    /** The {@code __type} value and {@code X-Amzn-ErrorType} header clients read. */
    public String wireName() {
        return wireName;
    }

    public int httpStatus() {
        return httpStatus;
    }
}

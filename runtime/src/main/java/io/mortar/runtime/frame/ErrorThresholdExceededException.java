package io.mortar.runtime.frame;

/** A step produced (or a frame accumulated) more error records than its threshold allows. */
public final class ErrorThresholdExceededException extends RuntimeException {
    private final String stage;
    private final long errors;
    private final long threshold;

    public ErrorThresholdExceededException(String message, String stage, long errors, long threshold) {
        super(message);
        this.stage = stage;
        this.errors = errors;
        this.threshold = threshold;
    }

    public String stage() {
        return stage;
    }

    public long errors() {
        return errors;
    }

    public long threshold() {
        return threshold;
    }
}

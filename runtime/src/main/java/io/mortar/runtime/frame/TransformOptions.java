package io.mortar.runtime.frame;

/**
 * What every transform, source and sink step is given, as in Glue: the transformation context (the step's name,
 * which job bookmarks key on and error records are tagged with), a free-text {@code info}, and the error
 * thresholds. {@code stageThreshold} caps the error records this step may produce, {@code totalThreshold} the error
 * records accumulated up to and including it; 0 means unlimited. Exceeding one fails the step.
 */
public record TransformOptions(String transformationContext, String info, long stageThreshold, long totalThreshold) {
    public static final TransformOptions NONE = new TransformOptions("", "", 0, 0);

    public TransformOptions {
        transformationContext = transformationContext == null ? "" : transformationContext;
        info = info == null ? "" : info;
        if (stageThreshold < 0) {
            throw new IllegalArgumentException("stageThreshold must be 0 (unlimited) or more, got " + stageThreshold);
        }
        if (totalThreshold < 0) {
            throw new IllegalArgumentException("totalThreshold must be 0 (unlimited) or more, got " + totalThreshold);
        }
    }

    public static TransformOptions of(String transformationContext) {
        return new TransformOptions(transformationContext, "", 0, 0);
    }

    public static TransformOptions of(String transformationContext, long stageThreshold, long totalThreshold) {
        return new TransformOptions(transformationContext, "", stageThreshold, totalThreshold);
    }

    public TransformOptions withThresholds(long stage, long total) {
        return new TransformOptions(transformationContext, info, stage, total);
    }

    public TransformOptions withInfo(String newInfo) {
        return new TransformOptions(transformationContext, newInfo, stageThreshold, totalThreshold);
    }

    public boolean hasThresholds() {
        return stageThreshold > 0 || totalThreshold > 0;
    }

    /** The name error records and messages use: the context, or the transform's own name when there is none. */
    public String stageName(String fallback) {
        return transformationContext.isEmpty() ? fallback : transformationContext;
    }
}

package io.mortar.bench;

/**
 * Whether a figure of the current code is slower than the baseline's, given the ratio current/baseline and the
 * noise margin: a ratio inside the margin is what the same code measures against itself, so it is no evidence of
 * a change either way.
 */
enum Verdict {
    FASTER("no slower than before (faster)"),
    SAME("no slower than before"),
    SLOWER("SLOWER than before");

    final String text;

    Verdict(String text) {
        this.text = text;
    }

    /**
     * @param ratio current / baseline
     * @param lowerIsBetter true for times, false for throughput
     * @param margin the noise margin as a fraction (0.10 = 10 %)
     */
    static Verdict judge(double ratio, boolean lowerIsBetter, double margin) {
        if (Double.isNaN(ratio) || ratio <= 0) {
            throw new IllegalArgumentException("no ratio to judge: " + ratio);
        }
        double slowdown = slowdown(ratio, lowerIsBetter);
        if (slowdown > 1 + margin) {
            return SLOWER;
        }
        return slowdown < 1 / (1 + margin) ? FASTER : SAME;
    }

    /** How many times slower the current code is (below 1: faster), whichever way the figure points. */
    static double slowdown(double ratio, boolean lowerIsBetter) {
        return lowerIsBetter ? ratio : 1 / ratio;
    }
}

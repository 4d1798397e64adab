package io.mortar.bench;

import java.util.Arrays;

/** Recorded latencies of one query, in nanoseconds, and their nearest-rank percentiles. */
record Latencies(long[] nanos) {
    Latencies {
        nanos = nanos.clone();
        Arrays.sort(nanos);
    }

    int samples() {
        return nanos.length;
    }

    /** Nearest-rank percentile in milliseconds (p in (0, 100]). */
    double percentileMillis(double p) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * nanos.length);
        return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))] / 1e6;
    }

    double p50() {
        return percentileMillis(50);
    }

    double p99() {
        return percentileMillis(99);
    }
}

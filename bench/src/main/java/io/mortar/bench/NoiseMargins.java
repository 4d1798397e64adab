package io.mortar.bench;

import java.util.Locale;

/**
 * How much worse than the baseline a figure may measure before the before/after report calls it slower, as
 * fractions: for throughput (the whole load and the median of its steps), for the percentiles of each listing,
 * and for the median of the listings' paired ratios. The defaults are the widest spread that comparing a revision
 * with itself showed on a shared 2-core machine (bench/README.md), rounded up: throughput within 4 % at 100,000
 * partitions (within 11 % at 20,000, where a load step lasts a fraction of a second), p50 within 6 %, p95 up to
 * 1.16, p99 up to 1.37, the paired ratios within 8 %. Most of what remains at p50 and in the paired ratios is one
 * JVM against another of the same code, which no alternation removes.
 */
record NoiseMargins(double throughput, double p50, double p95, double p99, double paired) {
    static final NoiseMargins DEFAULT = new NoiseMargins(0.10, 0.10, 0.20, 0.40, 0.10);

    NoiseMargins {
        for (double m : new double[] {throughput, p50, p95, p99, paired}) {
            if (!(m >= 0)) {
                throw new IllegalArgumentException("a noise margin must be 0 % or more, not " + m * 100 + " %");
            }
        }
    }

    /** {@code this} with the margins named in {@code spec} changed, e.g. {@code "p50=5,p99=30"} (percent). */
    NoiseMargins with(String spec) {
        NoiseMargins m = this;
        for (String part : spec.split(",")) {
            String[] kv = part.split("=", 2);
            String name = kv[0].trim().toLowerCase(Locale.ROOT);
            if (kv.length != 2) {
                throw new IllegalArgumentException("--noise-margins: expected NAME=PERCENT, got '" + part + "'");
            }
            double v;
            try {
                v = Double.parseDouble(kv[1].trim().replace("%", "")) / 100;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--noise-margins: " + name + " needs a number of percent, not '"
                        + kv[1].trim() + "'");
            }
            m = switch (name) {
                case "throughput" -> new NoiseMargins(v, m.p50, m.p95, m.p99, m.paired);
                case "p50" -> new NoiseMargins(m.throughput, v, m.p95, m.p99, m.paired);
                case "p95" -> new NoiseMargins(m.throughput, m.p50, v, m.p99, m.paired);
                case "p99" -> new NoiseMargins(m.throughput, m.p50, m.p95, v, m.paired);
                case "paired" -> new NoiseMargins(m.throughput, m.p50, m.p95, m.p99, v);
                default -> throw new IllegalArgumentException("--noise-margins: unknown figure '" + name
                        + "' (throughput, p50, p95, p99, paired)");
            };
        }
        return m;
    }

    /** As the option takes it: {@code throughput=10,p50=10,…} (percent). */
    String spec() {
        return String.format(Locale.ROOT, "throughput=%s,p50=%s,p95=%s,p99=%s,paired=%s", percent(throughput),
                percent(p50), percent(p95), percent(p99), percent(paired));
    }

    private static String percent(double fraction) {
        double p = fraction * 100;
        return p == Math.rint(p) ? Long.toString(Math.round(p)) : Double.toString(p);
    }
}

package io.mortar.bench;

import io.mortar.bench.BeforeAfterBenchmark.Comparison;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The before/after mode's printed result: for each backend, every figure of the current code beside the
 * baseline's, the ratio current/baseline, which way is better, and whether the current code is worse than the
 * baseline by more than the noise margin; then one verdict line per backend.
 */
final class BeforeAfterReport {
    /**
     * One judged figure. {@code current} and {@code baseline} give the two values (null for a paired ratio, which
     * has only the ratio); {@code ratio} gives current/baseline.
     */
    record Row(String label, Function<Comparison, Double> current, Function<Comparison, Double> baseline,
               Function<Comparison, Double> ratio, boolean lowerIsBetter, double margin) {}

    private static final String ROW = "%-36s %12s %12s %8s  %-6s %6s  %s%n";

    private final BenchOptions options;
    private final ServerBuild current;
    private final ServerBuild baseline;
    private final List<Comparison> comparisons;
    private final double totalSeconds;
    private final String loadAtStart;

    BeforeAfterReport(BenchOptions options, ServerBuild current, ServerBuild baseline, List<Comparison> comparisons,
                      double totalSeconds, String loadAtStart) {
        this.options = options;
        this.current = current;
        this.baseline = baseline;
        this.comparisons = comparisons;
        this.totalSeconds = totalSeconds;
        this.loadAtStart = loadAtStart;
    }

    /** Throughput, then p50, p95 and p99 of each of the three listings, each followed by its paired ratio. */
    static List<Row> rows(NoiseMargins margins) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("BatchCreatePartition throughput", c -> c.load().first().perSecond(),
                c -> c.load().second().perSecond(), null, false, margins.throughput()));
        rows.add(new Row("BatchCreatePartition paired", null, null, c -> c.load().pairedRatio(),
                false, margins.throughput()));
        Map<String, Function<Comparison, SideBySide<Latencies>>> listings = new LinkedHashMap<>();
        listings.put("selective GetPartitions", Comparison::selective);
        listings.put("~1000-result GetPartitions", Comparison::wide);
        listings.put("unfiltered first page (1000)", Comparison::unfiltered);
        listings.forEach((label, listing) -> {
            rows.add(percentile(label, listing, 50, margins.p50()));
            rows.add(percentile(label, listing, 95, margins.p95()));
            rows.add(percentile(label, listing, 99, margins.p99()));
            rows.add(new Row(label + " paired", null, null, c -> listing.apply(c).pairedRatio(),
                    true, margins.paired()));
        });
        return rows;
    }

    private static Row percentile(String label, Function<Comparison, SideBySide<Latencies>> listing, int p,
                                  double margin) {
        return new Row(label + " p" + p, c -> listing.apply(c).first().percentileMillis(p),
                c -> listing.apply(c).second().percentileMillis(p), null, true, margin);
    }

    void print(PrintStream out) {
        BenchOptions.BeforeAfter mode = options.beforeAfter();
        out.println();
        out.println("=== Mortar partition benchmark: before/after ===");
        Report.printWorkload(out, options, loadAtStart);
        out.printf("current:  %s (%s)%n", current.description(), current.cliBuild());
        out.printf("baseline: %s (%s)%n", baseline.description(), baseline.cliBuild());
        out.printf("servers: each its own JVM, java %s … MortarCli server --port 0, with a fresh data directory;"
                + " SQLite in it, or a fresh PostgreSQL database%n", String.join(" ", mode.serverJvmOptions()));
        out.printf("turns: both loaded in %d alternating steps, the first a warm-up not counted (PostgreSQL:"
                + " VACUUM ANALYZE of both after each), then idle %d s (SQLite); per listing %d warm-up each, then %d timed each, alternating listing"
                + " by listing; the server that goes first swaps at every turn%n", mode.loadSteps(),
                mode.settleSeconds(), options.warmup(), options.iterations());
        out.printf("ratio = current / baseline; paired = the median of that ratio over every two turns (load"
                + " steps, listings), in one of which each went first; SLOWER than before = worse than the baseline by more than the noise margin (%s,"
                + " in percent)%n", mode.margins().spec());
        List<Row> rows = rows(mode.margins());
        List<String> verdicts = new ArrayList<>();
        for (Comparison c : comparisons) {
            verdicts.add(printComparison(out, c, rows));
        }
        out.println();
        out.println("--- verdict ---");
        verdicts.forEach(out::println);
        out.printf("%ntotal run time %.0f min (builds included)%n", totalSeconds / 60);
    }

    /** Prints one backend's table and returns its verdict line. */
    private String printComparison(PrintStream out, Comparison c, List<Row> rows) {
        out.println();
        out.printf("--- %s at %,d partitions ---%n", c.backend().label, options.partitions());
        out.printf(ROW, "figure", "current", "baseline", "ratio", "better", "margin", "verdict");
        List<String> slower = new ArrayList<>();
        int faster = 0;
        double least = Double.MAX_VALUE;
        double most = 0;
        for (Row row : rows) {
            Double now = row.current() == null ? null : row.current().apply(c);
            Double before = row.baseline() == null ? null : row.baseline().apply(c);
            double ratio = row.ratio() != null ? row.ratio().apply(c) : now / before;
            Verdict verdict = Verdict.judge(ratio, row.lowerIsBetter(), row.margin());
            double slowdown = Verdict.slowdown(ratio, row.lowerIsBetter());
            least = Math.min(least, slowdown);
            most = Math.max(most, slowdown);
            if (verdict == Verdict.SLOWER) {
                slower.add(String.format("%s (ratio %.3f, margin %.0f %%)", row.label(), ratio, row.margin() * 100));
            } else if (verdict == Verdict.FASTER) {
                faster++;
            }
            out.printf(ROW, row.label(), now == null ? "-" : Report.format(now, row.lowerIsBetter()),
                    before == null ? "-" : Report.format(before, row.lowerIsBetter()), String.format("%.3f", ratio),
                    row.lowerIsBetter() ? "lower" : "higher", String.format("%.0f%%", row.margin() * 100),
                    verdict.text);
        }
        if (c.currentBytes() > 0 && c.baselineBytes() > 0) {
            out.printf(ROW, "store size on disk", String.format("%,d MB", c.currentBytes() >> 20),
                    String.format("%,d MB", c.baselineBytes() >> 20),
                    String.format("%.3f", (double) c.currentBytes() / c.baselineBytes()), "lower", "-", "(not judged)");
        }
        out.printf("spread: of the %d judged figures, worse/better from %.3f to %.3f (current/baseline for times,"
                + " baseline/current for throughput)%n", rows.size(), least, most);
        String label = String.format("%-28s", c.backend().label);
        if (!slower.isEmpty()) {
            return label + "SLOWER than before in " + slower.size() + " of " + rows.size() + " figures: "
                    + String.join("; ", slower);
        }
        return label + "no slower than before: all " + rows.size() + " figures within their noise margin"
                + (faster > 0 ? " or better (" + faster + " better beyond it)" : "");
    }
}

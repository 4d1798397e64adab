package io.mortar.bench;

import io.mortar.bench.PartitionBenchmark.Figures;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The benchmark's printed result: for every table size, each Mortar figure beside moto's at the same size and
 * the ratio (how many times faster Mortar is; above 1 is better), then the targets.
 */
final class Report {
    private static final String MOTO = "moto";
    private static final double TARGET_P50_MS = 10;
    private static final double TARGET_RATIO = 20;

    private final BenchOptions options;
    private final Map<String, Map<Long, Figures>> results;
    private final double totalSeconds;
    private final String loadAtStart;

    Report(BenchOptions options, Map<String, Map<Long, Figures>> results, double totalSeconds, String loadAtStart) {
        this.options = options;
        this.results = results;
        this.totalSeconds = totalSeconds;
        this.loadAtStart = loadAtStart;
    }

    static String loadAverage() {
        return LoadAverage.now();
    }

    /** One row of the table: how to read it from the figures, and whether smaller is better. */
    private record Metric(String label, Function<Figures, Double> value, boolean latency) {}

    private static final Metric[] METRICS = {
        new Metric("BatchCreatePartition throughput", f -> f.load().perSecond(), false),
        new Metric("selective GetPartitions p50", f -> f.selective().p50(), true),
        new Metric("selective GetPartitions p99", f -> f.selective().p99(), true),
        new Metric("~1000-result GetPartitions p50", f -> f.wide().p50(), true),
        new Metric("~1000-result GetPartitions p99", f -> f.wide().p99(), true),
        new Metric("unfiltered first page (1000) p50", f -> f.unfiltered() == null ? null : f.unfiltered().p50(), true),
        new Metric("unfiltered first page (1000) p99", f -> f.unfiltered() == null ? null : f.unfiltered().p99(), true),
    };

    void print(PrintStream out) {
        out.println();
        out.println("=== Mortar partition benchmark ===");
        printWorkload(out, options, loadAtStart);
        out.printf("samples: Mortar %d warm-up + %d timed per query; moto up to %d timed (at least 5, %d s budget)"
                + " after 2 warm-up%n", options.warmup(), options.iterations(), options.iterations(),
                options.motoQueryBudget().toSeconds());
        out.printf("latency = whole GetPartitions listing as the client sees it (request, all pages, SDK parsing);"
                + " ratio = how many times faster Mortar is than moto at the same size%n");

        TreeSet<Long> sizes = new TreeSet<>();
        results.values().forEach(bySize -> sizes.addAll(bySize.keySet()));
        for (long size : sizes.descendingSet()) {
            Figures moto = results.getOrDefault(MOTO, Map.of()).get(size);
            out.println();
            out.printf("--- at %,d partitions%s ---%n", size, moto == null
                    ? " (moto not measured at this size)" : " (moto at the same size)");
            out.printf("%-36s %-28s %14s %14s %12s%n", "figure", "target", "Mortar", "moto", "ratio");
            for (Metric metric : METRICS) {
                for (Map.Entry<String, Map<Long, Figures>> target : results.entrySet()) {
                    if (target.getKey().equals(MOTO) || !target.getValue().containsKey(size)) {
                        continue;
                    }
                    Double mine = metric.value().apply(target.getValue().get(size));
                    if (mine == null) {
                        continue;
                    }
                    Double theirs = moto == null ? null : metric.value().apply(moto);
                    out.printf("%-36s %-28s %14s %14s %12s%n", metric.label(), target.getKey(),
                            format(mine, metric.latency()), theirs == null ? "-" : format(theirs, metric.latency()),
                            theirs == null ? "-" : String.format("%.1fx", metric.latency() ? theirs / mine
                                    : mine / theirs));
                }
            }
            for (Map.Entry<String, Map<Long, Figures>> target : results.entrySet()) {
                Figures f = target.getValue().get(size);
                if (f != null) {
                    out.printf("%-36s %-28s %s; samples selective %d, ~1000 %d%n", "footprint", target.getKey(),
                            f.footprint(), f.selective().samples(), f.wide().samples());
                }
            }
        }
        printTargets(out);
        out.printf("%ntotal run time %.0f min%n", totalSeconds / 60);
    }

    /** The machine (with its load now and at the start), the table, the client and the queries. */
    static void printWorkload(PrintStream out, BenchOptions options, String loadAtStart) {
        out.printf("machine: %d cores, %s %s, Java %s; everything on this machine over loopback;"
                + " load average %s at start, %s at end%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                loadAtStart, loadAverage());
        out.printf("table: %s.%s, partition keys year int, month int, region string; %d regions a month;"
                + " every partition with its own Location, 10 columns, Parquet serde%n", PartitionDataSet.DATABASE,
                PartitionDataSet.TABLE, PartitionDataSet.REGIONS);
        out.printf("client: AWS SDK v2 GlueClient, Apache HTTP client (keep-alive), %d loader threads,"
                + " BatchCreatePartition of %d%n", options.loaders(), PartitionLoader.BATCH);
        out.printf("queries: selective = %d results, e.g. \"%s\"; ~1000-result = %d results, e.g. \"%s\""
                + " (MaxResults 1000, all pages); unfiltered = first page of MaxResults 1000%n",
                PartitionDataSet.SELECTIVE_RESULTS, PartitionDataSet.selectiveExpression(options.partitions()),
                PartitionDataSet.WIDE_RESULTS, PartitionDataSet.wideExpression(options.partitions()));
    }

    private void printTargets(PrintStream out) {
        out.println();
        out.println("--- targets ---");
        Map<Long, Figures> motoBySize = results.getOrDefault(MOTO, Map.of());
        for (Map.Entry<String, Map<Long, Figures>> target : results.entrySet()) {
            if (target.getKey().equals(MOTO)) {
                continue;
            }
            Figures full = target.getValue().get(options.partitions());
            if (full != null) {
                double p50 = full.selective().p50();
                out.printf("selective p50 <= %.0f ms at %,d partitions  %-28s %8.2f ms   %s%n", TARGET_P50_MS,
                        options.partitions(), target.getKey(), p50, p50 <= TARGET_P50_MS ? "MET" : "NOT MET");
            }
            for (Map.Entry<Long, Figures> m : motoBySize.entrySet()) {
                Figures mine = target.getValue().get(m.getKey());
                if (mine != null) {
                    double ratio = m.getValue().selective().p50() / mine.selective().p50();
                    out.printf("selective p50 >= %.0fx moto at %,d partitions  %-28s %8.1fx     %s%n", TARGET_RATIO,
                            m.getKey(), target.getKey(), ratio, ratio >= TARGET_RATIO ? "MET" : "NOT MET");
                }
            }
        }
    }

    static String format(double value, boolean latency) {
        if (latency) {
            return value >= 100 ? String.format("%,.0f ms", value) : String.format("%.2f ms", value);
        }
        return String.format("%,.0f /s", value);
    }
}

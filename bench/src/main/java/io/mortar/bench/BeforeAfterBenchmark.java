package io.mortar.bench;

import io.mortar.bench.AlternatingMeasurement.Side;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The partition benchmark's before/after mode: the working tree's server against a baseline revision's, built
 * alike, each in its own JVM with the same options, on fresh stores of the same kind, loaded with the same
 * partitions and queried alike in alternating turns. The report gives every figure of both and the ratio.
 */
final class BeforeAfterBenchmark {
    static final String CURRENT = "current";
    static final String BASELINE = "baseline";

    /**
     * Both servers' figures on one backend (first = current, second = baseline), with the size of each store on
     * disk (-1 if unknown).
     */
    record Comparison(MortarTarget.Backend backend, SideBySide<LoadResult> load, SideBySide<Latencies> selective,
                      SideBySide<Latencies> wide, SideBySide<Latencies> unfiltered, long currentBytes,
                      long baselineBytes) {}

    private final BenchOptions options;
    private final BenchOptions.BeforeAfter mode;
    private final Path root;

    BeforeAfterBenchmark(BenchOptions options, Path root) {
        this.options = options;
        this.mode = options.beforeAfter();
        this.root = root;
    }

    void run() throws Exception {
        long started = System.nanoTime();
        ServerBuild baseline = ServerBuild.ofRevision(root, mode.baselineRev(),
                root.resolve("bench").resolve("target").resolve("baseline"));
        ServerBuild current = ServerBuild.ofWorkingTree(root);
        // the builds are not part of the measurement, nor is the load they leave on the machine's averages
        String loadAtStart = Report.loadAverage();
        List<Comparison> comparisons = new ArrayList<>();
        for (MortarTarget.Backend backend : options.backends()) {
            comparisons.add(compare(backend, current, baseline));
        }
        new BeforeAfterReport(options, current, baseline, comparisons, (System.nanoTime() - started) / 1e9,
                loadAtStart).print(System.out);
    }

    private Comparison compare(MortarTarget.Backend backend, ServerBuild current, ServerBuild baseline)
            throws Exception {
        try (ServerTarget a = start(CURRENT, current, backend);
             ServerTarget b = start(BASELINE, baseline, backend);
             GlueClient ca = BenchTarget.client(a, options.loaders() + 2);
             GlueClient cb = BenchTarget.client(b, options.loaders() + 2)) {
            PartitionBenchmark.createTable(ca);
            PartitionBenchmark.createTable(cb);
            AlternatingMeasurement turns = new AlternatingMeasurement(new Side(CURRENT, ca), new Side(BASELINE, cb),
                    options.loaders(), mode.loadSteps(), options.warmup(), options.iterations());
            long size = options.partitions();
            Log.info("%s: loading both servers to %,d partitions in %d alternating steps", backend.label, size,
                    mode.loadSteps());
            SideBySide<LoadResult> load = turns.load(size, () -> analyze(a, b));
            settle(backend);
            Log.info("%s: selective GetPartitions", backend.label);
            SideBySide<Latencies> selective = turns.query(PartitionDataSet.selectiveExpression(size), null, 0,
                    PartitionDataSet.SELECTIVE_RESULTS);
            Log.info("%s: ~1000-result GetPartitions", backend.label);
            SideBySide<Latencies> wide = turns.query(PartitionDataSet.wideExpression(size), 1000, 0,
                    PartitionDataSet.WIDE_RESULTS);
            Log.info("%s: unfiltered first page", backend.label);
            SideBySide<Latencies> unfiltered = turns.query(null, 1000, 1, 1000);
            Log.info("%s: p50 current/baseline: selective %.2f/%.2f ms, ~1000-result %.2f/%.2f ms, unfiltered"
                    + " %.2f/%.2f ms", backend.label, selective.first().p50(), selective.second().p50(),
                    wide.first().p50(), wide.second().p50(), unfiltered.first().p50(), unfiltered.second().p50());
            return new Comparison(backend, load, selective, wide, unfiltered, bytes(a), bytes(b));
        }
    }

    /**
     * PostgreSQL: gathers both databases' statistics after every load step. Left to autovacuum, the first ANALYZE
     * of a fresh database comes when its launcher gets to it, sooner for one than for the other, and until then
     * BatchCreatePartition runs several times slower: one such run measured the same code at 0.48 times the
     * other's throughput. SQLite: nothing, Mortar keeps SQLite's statistics itself.
     */
    private static void analyze(ServerTarget a, ServerTarget b) {
        a.store().vacuumAnalyze();
        b.store().vacuumAnalyze();
    }

    /**
     * SQLite: leaves both servers idle until Mortar's own refresh of SQLite's statistics, a minute after the last
     * write, has run (it recycles the readers, whose page caches start cold), so that it falls into neither's
     * measurement.
     */
    private void settle(MortarTarget.Backend backend) throws InterruptedException {
        if (backend != MortarTarget.Backend.POSTGRESQL && mode.settleSeconds() > 0) {
            Log.info("%s: both servers idle for %d s (Mortar refreshes SQLite's statistics a minute after writes)",
                    backend.label, mode.settleSeconds());
            Thread.sleep(mode.settleSeconds() * 1000L);
        }
    }

    private ServerTarget start(String name, ServerBuild build, MortarTarget.Backend backend) {
        return ServerTarget.start(name, build, FreshStore.create(backend, options.pgUrl(), options.keep()),
                mode.serverJvmOptions());
    }

    private static long bytes(ServerTarget target) {
        try {
            return target.store().bytes();
        } catch (RuntimeException e) {
            Log.info("%s: store size unknown (%s)", target.name(), e.getMessage());
            return -1;
        }
    }
}

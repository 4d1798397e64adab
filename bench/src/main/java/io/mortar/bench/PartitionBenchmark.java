package io.mortar.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The end-to-end partition benchmark: Mortar (SQLite, PostgreSQL) and moto's server, each loaded through the
 * Glue API with BatchCreatePartition and queried with GetPartitions by the AWS SDK's GlueClient over HTTP, as a
 * real client would. Prints every figure beside moto's, measured in the same run, and the ratio.
 *
 * <p>moto keeps everything in Python memory and loads slowly, so it is loaded for a time budget (or to
 * {@code --moto-size}); when that falls short of {@code --partitions}, each Mortar store is measured at moto's
 * size on the way up as well, so that every ratio compares tables of equal size.
 */
public final class PartitionBenchmark {
    /** What one target measured at one table size. */
    record Figures(LoadResult load, Latencies selective, Latencies wide, Latencies unfiltered, String footprint) {}

    private final BenchOptions options;
    /** target name → table size → figures. */
    private final Map<String, Map<Long, Figures>> results = new LinkedHashMap<>();

    private PartitionBenchmark(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.beforeAfter() != null) {
            // the repository whose working tree is "current" and whose history holds the baseline
            Path root = Path.of(ExternalCommand.output(Path.of(System.getProperty("mortar.root", ".")), "git",
                    "rev-parse", "--show-toplevel"));
            new BeforeAfterBenchmark(options, root).run();
        } else {
            new PartitionBenchmark(options).run();
        }
        System.exit(0); // the SDK's and Jetty's non-daemon threads must not keep a finished benchmark alive
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        String loadAtStart = Report.loadAverage();
        long motoSize = 0;
        if (options.moto()) {
            motoSize = runMoto();
        }
        List<Long> sizes = new ArrayList<>();
        if (motoSize > 0 && motoSize < options.partitions()) {
            sizes.add(motoSize);
        }
        sizes.add(options.partitions());
        for (MortarTarget.Backend backend : options.backends()) {
            runMortar(backend, sizes);
        }
        new Report(options, results, (System.nanoTime() - started) / 1e9, loadAtStart).print(System.out);
    }

    private long runMoto() throws Exception {
        try (MotoTarget moto = MotoTarget.start(options.python());
             GlueClient client = BenchTarget.client(moto, options.loaders() + 2)) {
            createTable(client);
            long goal = options.motoSize() > 0 ? options.motoSize() : options.partitions();
            Duration budget = options.motoSize() > 0 ? null : options.motoLoadBudget();
            Log.info("moto: loading up to %,d partitions%s", goal,
                    budget == null ? "" : " for at most " + budget.toMinutes() + " min");
            LoadResult load = new PartitionLoader(client, options.loaders(), "moto").load(0, goal, budget);
            long size = load.partitions();
            Log.info("moto: loaded %,d partitions in %.0f s (%,.0f/s)", size, load.seconds(), load.perSecond());
            if (size < PartitionDataSet.REGIONS) {
                throw new IllegalStateException("moto loaded only " + size + " partitions; too few to query");
            }
            // moto is slow enough per query that a few warm-ups suffice and each series runs on a time budget.
            int warmup = Math.min(options.warmup(), 2);
            measure("moto", client, size, load, warmup, options.motoQueryBudget(), 5, false, moto);
            return size;
        }
    }

    private void runMortar(MortarTarget.Backend backend, List<Long> sizes) throws Exception {
        try (MortarTarget mortar = MortarTarget.start(backend, options.pgUrl(), options.keep());
             GlueClient client = BenchTarget.client(mortar, options.loaders() + 2)) {
            createTable(client);
            PartitionLoader loader = new PartitionLoader(client, options.loaders(), mortar.name());
            long loaded = 0;
            double loadSeconds = 0;
            for (long size : sizes) {
                Log.info("%s: loading partitions %,d to %,d", mortar.name(), loaded, size);
                LoadResult step = loader.load(loaded, size, null);
                loaded = size;
                loadSeconds += step.seconds();
                LoadResult load = new LoadResult(loaded, loadSeconds);
                Log.info("%s: %,d partitions loaded in %.0f s (%,.0f/s)", mortar.name(), loaded, loadSeconds,
                        load.perSecond());
                measure(mortar.name(), client, size, load, options.warmup(), Duration.ofHours(1), options.iterations(),
                        true, mortar);
            }
        }
    }

    private void measure(String target, GlueClient client, long size, LoadResult load, int warmup, Duration budget,
                         int minSamples, boolean unfiltered, BenchTarget footprintOf) {
        QueryRunner runner = new QueryRunner(client);
        String selective = PartitionDataSet.selectiveExpression(size);
        String wide = PartitionDataSet.wideExpression(size);
        Log.info("%s at %,d: selective GetPartitions (%s)", target, size, selective);
        Latencies sel = runner.run(selective, null, 0, PartitionDataSet.SELECTIVE_RESULTS, warmup,
                options.iterations(), budget, minSamples);
        Log.info("%s at %,d: selective p50 %.2f ms p99 %.2f ms (%d samples)", target, size, sel.p50(), sel.p99(),
                sel.samples());
        Log.info("%s at %,d: wide GetPartitions (%s)", target, size, wide);
        Latencies wid = runner.run(wide, 1000, 0, PartitionDataSet.WIDE_RESULTS, warmup, options.iterations(), budget,
                minSamples);
        Log.info("%s at %,d: wide p50 %.2f ms p99 %.2f ms (%d samples)", target, size, wid.p50(), wid.p99(),
                wid.samples());
        Latencies all = null;
        if (unfiltered) {
            all = runner.run(null, 1000, 1, 1000, warmup, options.iterations(), budget, minSamples);
            Log.info("%s at %,d: unfiltered first page p50 %.2f ms p99 %.2f ms", target, size, all.p50(), all.p99());
        }
        results.computeIfAbsent(target, t -> new TreeMap<>())
                .put(size, new Figures(load, sel, wid, all, footprintOf.footprint()));
    }

    static void createTable(GlueClient client) {
        client.createDatabase(b -> b.databaseInput(d -> d.name(PartitionDataSet.DATABASE)));
        client.createTable(b -> b.databaseName(PartitionDataSet.DATABASE).tableInput(PartitionDataSet.table()));
    }
}

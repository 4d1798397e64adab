package io.mortar.bench.tagging;

import io.mortar.bench.LoadAverage;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link MatcherBenchmark} and prints, for R = 10, 100 and 1000 rules, the matcher's throughput in MB/s of
 * text per core beside the naive matcher's, measured in the same run, and their ratio. Target: at least 200 MB/s at
 * R = 100. {@code java -cp 'bench/target/mortar-bench.jar:bench/target/lib/*'
 * io.mortar.bench.tagging.MatcherThroughput}
 */
public final class MatcherThroughput {
    private MatcherThroughput() {}

    public static void main(String[] args) throws Exception {
        String loadAtStart = LoadAverage.now();
        Options options = new OptionsBuilder().include(MatcherBenchmark.class.getName()).build();
        Collection<RunResult> results = new Runner(options).run();
        MatcherBenchmark probe = new MatcherBenchmark();
        Map<Integer, double[]> byRules = new LinkedHashMap<>();
        for (RunResult result : results) {
            int rules = Integer.parseInt(result.getParams().getParam("rules"));
            String method = result.getParams().getBenchmark();
            double msPerBatch = result.getPrimaryResult().getScore();
            double[] pair = byRules.computeIfAbsent(rules, r -> new double[2]);
            pair[method.endsWith("tagger") ? 0 : 1] = msPerBatch;
        }
        System.out.println();
        System.out.println("=== Mortar tagging matcher (one thread) ===");
        System.out.printf("machine: %d cores, Java %s; %d rows of 3 columns of ~100 characters per batch; load average"
                + " %s at start, %s at end%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), MatcherBenchmark.ROWS, loadAtStart, LoadAverage.now());
        System.out.printf("%6s %18s %18s %10s  %s%n", "rules", "naive MB/s", "tagger MB/s", "ratio",
                "target (R=100: >= 200 MB/s)");
        for (Map.Entry<Integer, double[]> e : byRules.entrySet()) {
            probe.rules = e.getKey();
            probe.setUp();
            double mb = probe.batchChars() / 1e6; // characters, each one byte of the ASCII texts
            double tagger = mb / (e.getValue()[0] / 1000);
            double naive = mb / (e.getValue()[1] / 1000);
            System.out.printf("%6d %18.1f %18.1f %10.1f  %s%n", e.getKey(), naive, tagger, tagger / naive,
                    e.getKey() == 100 ? (tagger >= 200 ? "met" : "NOT met") : "");
        }
    }
}

package io.mortar.bench.tagging;

import io.mortar.bench.LoadAverage;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link MatcherBenchmark} case by case — by default sparse R = 10, 100, 1000 (the friendly workload) and
 * dense R = 100, 1000, 5000 (the worst realistic one) — and prints the matcher's throughput in MB/s of text on one
 * thread beside the per-rule regexes' (each rule's own {@code find()}, what a per-rule UDF and {@code rlike} do),
 * measured in the same run, their ratio and the issue's targets. Cases of {@value #BOUNDED_FROM} rules or more run
 * on {@value #BOUNDED_ROWS}-row batches (rule-by-rule regexes take tens of seconds per 1,000 dense rows there).
 * The batches are taken in turn from a pool of {@value #DISTINCT_ROWS} different rows ({@code --distinct}), so
 * that the matcher's DFAs are not measured warm on rows they read before; the output says how many rows there were
 * and how many differ.
 * {@code java -cp 'bench/target/mortar-bench.jar:bench/target/lib/*' io.mortar.bench.tagging.MatcherThroughput
 * [--cases sparse:100,dense:1000 | --workload sparse,dense --rules 100,1000] [--rows N] [--distinct N] [--warmup N]
 * [--iterations N] [--seconds S]}
 */
public final class MatcherThroughput {
    static final int BOUNDED_FROM = 5000;
    static final int BOUNDED_ROWS = 200;

    private MatcherThroughput() {}

    static final int DISTINCT_ROWS = 1_000_000;

    /**
     * @param poolRows rows the batches were taken from in turn, {@code distinctRows} of them different
     * @param taggedRows about how many rows the matcher tagged in its warm-up and measured iterations
     */
    private record Measured(TaggingCase c, int rows, int poolRows, int distinctRows, long taggedRows,
                            double tagsPerRow, double naiveMbs, double taggerMbs) {
        /** How many times the matcher went round the pool: above 1, it read rows its DFAs had seen. */
        double rounds() {
            return taggedRows / (double) poolRows;
        }
    }

    public static void main(String[] args) throws Exception {
        String cases = null;
        String workloads = null;
        String ruleCounts = null;
        Integer rows = null;
        int distinct = DISTINCT_ROWS;
        int warmup = 3;
        int iterations = 5;
        int seconds = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cases" -> cases = args[++i];
                case "--workload" -> workloads = args[++i];
                case "--rules" -> ruleCounts = args[++i];
                case "--rows" -> rows = Integer.valueOf(args[++i]);
                case "--distinct" -> distinct = Integer.parseInt(args[++i].replace("_", ""));
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: MatcherThroughput [--cases " + TaggingCase.DEFAULT_CASES + "]"
                            + " [--workload sparse,dense] [--rules 100,1000,5000] [--rows N per batch (1000; "
                            + BOUNDED_ROWS + " from R = " + BOUNDED_FROM + ")] [--distinct " + DISTINCT_ROWS
                            + " rows the batches go round] [--warmup 3] [--iterations 5]"
                            + " [--seconds 2]");
                    System.exit(2);
                }
            }
        }
        String loadAtStart = LoadAverage.now();
        List<Measured> measured = new ArrayList<>();
        for (TaggingCase c : TaggingCase.of(cases, workloads, ruleCounts, "100,1000,5000")) {
            int batchRows = rows != null ? rows : c.rules() >= BOUNDED_FROM ? BOUNDED_ROWS : 1000;
            Options options = new OptionsBuilder().include(MatcherBenchmark.class.getName())
                    .param("workload", c.workload().label()).param("rules", Integer.toString(c.rules()))
                    .param("rows", Integer.toString(batchRows)).param("distinct", Integer.toString(distinct))
                    .warmupIterations(warmup)
                    .measurementIterations(iterations).warmupTime(TimeValue.seconds(seconds))
                    .measurementTime(TimeValue.seconds(seconds)).build();
            double taggerMs = Double.NaN;
            double naiveMs = Double.NaN;
            for (RunResult result : new Runner(options).run()) {
                double msPerBatch = result.getPrimaryResult().getScore();
                if (result.getParams().getBenchmark().endsWith("tagger")) {
                    taggerMs = msPerBatch;
                } else {
                    naiveMs = msPerBatch;
                }
            }
            MatcherBenchmark probe = new MatcherBenchmark();
            probe.workload = c.workload().label();
            probe.rules = c.rules();
            probe.rows = batchRows;
            probe.distinct = distinct;
            probe.setUp();
            double mb = probe.batchChars() / 1e6; // characters, each one byte of the ASCII texts
            long tagged = Math.round((warmup + iterations) * seconds * 1000.0 / taggerMs * batchRows);
            measured.add(new Measured(c, batchRows, probe.poolRows(), probe.distinctRows(), tagged,
                    probe.tagger() / (double) batchRows, mb / (naiveMs / 1000), mb / (taggerMs / 1000)));
        }
        System.out.println();
        System.out.println("=== Mortar tagging matcher (one thread) ===");
        System.out.printf("machine: %d cores, Java %s; rows of 3 columns of ~100 characters, each call a batch of"
                + " the next rows of a pool, round it; load average %s at start, %s at end%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAtStart,
                LoadAverage.now());
        System.out.printf("%-8s %6s %6s %8s %9s %7s %9s %14s %14s %9s  %s%n", "workload", "rules", "batch", "pool",
                "distinct", "rounds", "tags/row", "per-rule MB/s", "matcher MB/s", "ratio", "targets");
        for (Measured m : measured) {
            double ratio = m.taggerMbs() / m.naiveMbs();
            System.out.printf("%-8s %6d %6d %8d %9d %7.2f %9.2f %14s %14s %8sx  %s%n", m.c().workload().label(),
                    m.c().rules(), m.rows(), m.poolRows(), m.distinctRows(), m.rounds(), m.tagsPerRow(),
                    megabytes(m.naiveMbs()), megabytes(m.taggerMbs()), megabytes(ratio),
                    m.c().verdict(m.taggerMbs(), ratio));
        }
        System.out.println("(per-rule: every rule's own java.util.regex find() on each of its columns, as a per-rule"
                + " UDF or Spark's rlike runs it; batch: rows per call; pool: rows the calls go round, distinct of"
                + " them different; rounds: times the matcher went round the pool in its warm-up and measurement,"
                + " about; tags/row: rules matched per row of the first batch)");
    }

    /**
     * Three significant digits: the slowest cases run at a few kB/s, and a ratio just under 1x (0.96x) must not
     * print as the 1.0x it misses.
     */
    static String megabytes(double mbPerSecond) {
        return mbPerSecond >= 100 ? String.format("%.0f", mbPerSecond) : mbPerSecond >= 10
                ? String.format("%.1f", mbPerSecond) : mbPerSecond >= 1 ? String.format("%.2f", mbPerSecond)
                : String.format("%.3g", mbPerSecond);
    }
}

package io.mortar.bench.tagging;

import io.mortar.tagging.TagRule;
import io.mortar.tagging.Tagger;
import io.mortar.tagging.samples.TicketGenerator;
import io.mortar.tagging.samples.Workload;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tagging matcher alone, one thread: tagging one batch of rows (1,000 by default; three ~100-character
 * columns) with R realistic rules of a {@link Workload} — sparse ({@code SampleTickets}: a row matches a few rules)
 * or dense ({@code DenseTickets}: a row matches one rule in twelve) — against the naive matcher: every rule's own
 * compiled {@code java.util.regex} pattern, {@code find()} on each of its columns, as a per-rule UDF (and Spark's
 * {@code rlike}) does it. {@link MatcherThroughput} runs it and prints MB/s and the ratio.
 *
 * <p>Each call tags the next batch of a pool of {@code distinct} different rows (1,000,000 by default: about as
 * many as the matcher tags in a dense R = 1,000 run), going round it: the matcher's lazy DFAs keep the states its
 * texts lead to, so a batch tagged again and again would measure a cache warmed on those very rows (dense
 * R = 1,000 read 22 MB/s on one repeated batch of 1,000 rows, 17 MB/s on 30,000 rows), where a job reads millions
 * of rows once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MatcherBenchmark {
    @Param({"sparse", "dense"})
    public String workload;

    @Param({"10", "100", "1000"})
    public int rules;

    /** Rows per batch: fewer bound the slowest cases (dense R = 5,000 by rule-by-rule regexes). */
    @Param({"1000"})
    public int rows;

    /** Different rows the batches are taken from in turn (rounded up to whole batches). */
    @Param({"1000000"})
    public int distinct;

    private String[][] pool;
    private int next; // the first row of the next batch
    private Tagger.Matching matching;
    private Matcher[] naive;
    private int[][] naiveColumns;

    @Setup(Level.Trial)
    public void setUp() {
        TicketGenerator corpus = Workload.of(workload).generator(42);
        List<TagRule> ruleList = corpus.rules(rules);
        pool = new String[Math.max(1, (distinct + rows - 1) / rows) * rows][];
        for (int r = 0; r < pool.length; r++) {
            pool[r] = corpus.row(100);
        }
        next = 0;
        List<String> columns = corpus.columns();
        matching = Tagger.compile(ruleList, columns, Tagger.Options.DEFAULTS).newMatching();
        naive = new Matcher[ruleList.size()];
        naiveColumns = new int[ruleList.size()][];
        for (int k = 0; k < ruleList.size(); k++) {
            naive[k] = Pattern.compile(ruleList.get(k).regex(), ruleList.get(k).flags()).matcher("");
            naiveColumns[k] = ruleList.get(k).columns().stream().mapToInt(columns::indexOf).toArray();
        }
    }

    /** The characters a batch holds on average (each one byte of the ASCII texts), for MB/s. */
    double batchChars() {
        long n = 0;
        for (String[] row : pool) {
            for (String v : row) {
                n += v.length();
            }
        }
        return n * (double) rows / pool.length;
    }

    /** Rows of the pool, and how many of them differ (the generator may repeat a short row). */
    int poolRows() {
        return pool.length;
    }

    int distinctRows() {
        Set<List<String>> seen = new HashSet<>();
        for (String[] row : pool) {
            seen.add(Arrays.asList(row));
        }
        return seen.size();
    }

    /** The rows of the next batch: {@code pool[from, from + rows)}. */
    private int nextBatch() {
        int from = next;
        next = from + rows == pool.length ? 0 : from + rows;
        return from;
    }

    @Benchmark
    public int tagger() {
        int tags = 0;
        int from = nextBatch();
        for (int r = from; r < from + rows; r++) {
            String[] row = pool[r];
            for (int c = 0; c < row.length; c++) {
                matching.set(c, row[c]);
            }
            tags += matching.matchRow();
        }
        return tags;
    }

    @Benchmark
    public int naive() {
        int tags = 0;
        int from = nextBatch();
        for (int r = from; r < from + rows; r++) {
            String[] row = pool[r];
            for (int k = 0; k < naive.length; k++) {
                for (int c : naiveColumns[k]) {
                    if (naive[k].reset(row[c]).find()) {
                        tags++;
                        break;
                    }
                }
            }
        }
        return tags;
    }
}

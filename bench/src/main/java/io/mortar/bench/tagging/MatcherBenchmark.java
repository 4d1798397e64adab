package io.mortar.bench.tagging;

import io.mortar.tagging.TagRule;
import io.mortar.tagging.Tagger;
import io.mortar.tagging.samples.TicketGenerator;
import io.mortar.tagging.samples.Workload;
import java.util.List;
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

    private String[][] batch;
    private Tagger.Matching matching;
    private Matcher[] naive;
    private int[][] naiveColumns;

    @Setup(Level.Trial)
    public void setUp() {
        TicketGenerator corpus = Workload.of(workload).generator(42);
        List<TagRule> ruleList = corpus.rules(rules);
        batch = new String[rows][];
        for (int r = 0; r < rows; r++) {
            batch[r] = corpus.row(100);
        }
        List<String> columns = corpus.columns();
        matching = Tagger.compile(ruleList, columns, Tagger.Options.DEFAULTS).newMatching();
        naive = new Matcher[ruleList.size()];
        naiveColumns = new int[ruleList.size()][];
        for (int k = 0; k < ruleList.size(); k++) {
            naive[k] = Pattern.compile(ruleList.get(k).regex(), ruleList.get(k).flags()).matcher("");
            naiveColumns[k] = ruleList.get(k).columns().stream().mapToInt(columns::indexOf).toArray();
        }
    }

    /** The characters one batch holds, for MB/s. */
    long batchChars() {
        long n = 0;
        for (String[] row : batch) {
            for (String v : row) {
                n += v.length();
            }
        }
        return n;
    }

    @Benchmark
    public int tagger() {
        int tags = 0;
        for (String[] row : batch) {
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
        for (String[] row : batch) {
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

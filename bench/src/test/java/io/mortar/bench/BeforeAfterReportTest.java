package io.mortar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.bench.BeforeAfterBenchmark.Comparison;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BeforeAfterReportTest {
    private static final int ROWS = 14; // throughput and its steps; p50, p95, p99 and paired of three listings

    private final BenchOptions options = BenchOptions.parse(new String[] {"--baseline-rev", "HEAD", "--partitions",
        "20000", "--backends", "sqlite"});

    @Test
    void theSameFiguresOnBothSidesAreNoSlowerThanBefore() {
        String report = print(comparison(1.0, 1.0));

        assertThat(report).contains("ratio = current / baseline");
        assertThat(line(report, "selective GetPartitions p50")).contains("4.00 ms", "1.000", "lower",
                "no slower than before");
        assertThat(line(report, "BatchCreatePartition throughput")).contains("10,000 /s", "1.000", "higher");
        assertThat(line(report, "Mortar/SQLite  ")).contains("no slower than before: all " + ROWS + " figures");
        assertThat(report).contains("worse/better from 1.000 to 1.000");
    }

    @Test
    void listingsTwiceAsSlowAreSlowerThanBeforeAndNamed() {
        String report = print(comparison(2.0, 1.0));

        assertThat(line(report, "selective GetPartitions p50")).contains("8.00 ms", "4.00 ms", "2.000",
                "SLOWER than before");
        assertThat(line(report, "~1000-result GetPartitions paired")).contains("2.000", "SLOWER");
        assertThat(line(report, "BatchCreatePartition throughput")).contains("no slower than before");
        assertThat(line(report, "Mortar/SQLite  ")).contains("SLOWER than before in 12 of " + ROWS + " figures",
                "selective GetPartitions p50 (ratio 2.000, margin 10 %)");
    }

    @Test
    void aSlowerLoadIsSlowerThanBeforeAndAFasterOneIsNot() {
        assertThat(line(print(comparison(1.0, 0.8)), "BatchCreatePartition throughput")).contains("8,000 /s",
                "10,000 /s", "0.800", "SLOWER than before");
        assertThat(line(print(comparison(1.0, 1.5)), "Mortar/SQLite  ")).contains("no slower than before",
                "2 better beyond it");
    }

    /** Current's listings take {@code slower} times the baseline's; its load runs at {@code faster} its speed. */
    private static Comparison comparison(double slower, double faster) {
        long[] baseline = new long[1000];
        long[] current = new long[1000];
        double[] b = new double[1000];
        double[] c = new double[1000];
        for (int i = 0; i < baseline.length; i++) {
            baseline[i] = (i < 500 ? 4_000_000L : 6_000_000L) + i;
            current[i] = Math.round(baseline[i] * slower);
            b[i] = baseline[i];
            c[i] = current[i];
        }
        SideBySide<Latencies> listing = new SideBySide<>(new Latencies(current), new Latencies(baseline),
                SideBySide.medianRatio(c, b));
        SideBySide<LoadResult> load = new SideBySide<>(new LoadResult(20_000, 2.0 / faster),
                new LoadResult(20_000, 2.0), faster);
        return new Comparison(MortarTarget.Backend.SQLITE, load, listing, listing, listing, 9 << 20, 9 << 20);
    }

    private String print(Comparison comparison) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new BeforeAfterReport(options, new ServerBuild("working tree at abc", Path.of("cli/target")),
                new ServerBuild("revision abc subject", Path.of("bench/target/baseline/abc")), List.of(comparison),
                60, "0.5 0.5 0.5").print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String line(String report, String start) {
        return report.lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + start + " in\n" + report));
    }
}

package io.mortar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.bench.AuthOverheadBenchmark.Case;
import io.mortar.bench.AuthOverheadBenchmark.Operation;
import io.mortar.bench.AuthOverheadBenchmark.Result;
import io.mortar.bench.AuthSigners.Signer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthOverheadReportTest {
    private static final AuthOverheadOptions OPTIONS = AuthOverheadOptions.parse(new String[0]);
    private static final Signer ROOT = new Signer("root", "everything", BenchTarget.PLACEHOLDER_KEYS);
    private static final Operation GET_TABLE = new Operation("GetTable", true, client -> () -> 0);
    private static final Operation BATCH = new Operation("BatchGetPartition, 100 keys", false, client -> () -> 0);

    @Test
    void casesPoolTheirRoundsAndGiveEachRoundsRatio() {
        Case c = new Case(GET_TABLE, ROOT, List.of(round(1.0, 1.1, 1.2, 1.0, 1.0, 1.0),
                round(2.0, 2.0, 2.0, 1.0, 1.0, 1.0)), List.of("1.00 1 1", "3.50 1 1"));

        assertThat(c.on().samples()).isEqualTo(6);
        assertThat(c.on().p50()).isEqualTo(1.2);
        assertThat(c.off().p50()).isEqualTo(1.0);
        assertThat(c.ratio(50)).isEqualTo(1.2);
        assertThat(c.roundRatios()).containsExactly(1.1, 2.0);
    }

    @Test
    void theGoalIsJudgedOnGetTableAndGetPartitionsOnly() {
        String met = print(List.of(new Case(GET_TABLE, ROOT, List.of(round(1.05, 1.05, 1.05, 1, 1, 1)),
                List.of("0.5 0.5 0.5")), new Case(BATCH, ROOT, List.of(round(3, 3, 3, 1, 1, 1)),
                List.of("0.5 0.5 0.5"))));
        assertThat(met).contains("Mortar/SQLite                MET: worst p50 ratio 1.050 (GetTable signed by root)")
                .contains("BatchGetPartition, 100 keys     root        3.000 ms  1.000 ms  3.000");

        String notMet = print(List.of(new Case(GET_TABLE, ROOT, List.of(round(1.2, 1.2, 1.2, 1, 1, 1)),
                List.of("0.5 0.5 0.5"))));
        assertThat(notMet).contains("NOT MET: worst p50 ratio 1.200 (GetTable signed by root)")
                .contains("+200").contains("0.5-0.5");
    }

    /** Three calls with authentication and three without, in milliseconds. */
    private static SideBySide<Latencies> round(double on1, double on2, double on3, double off1, double off2,
                                               double off3) {
        long[] on = {nanos(on1), nanos(on2), nanos(on3)};
        long[] off = {nanos(off1), nanos(off2), nanos(off3)};
        return new SideBySide<>(new Latencies(on), new Latencies(off), 1.0);
    }

    private static long nanos(double millis) {
        return Math.round(millis * 1e6);
    }

    private static String print(List<Case> cases) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new AuthOverheadReport(OPTIONS, List.of(new Result(MortarTarget.Backend.SQLITE,
                new SideBySide<>(new LoadResult(100, 1), new LoadResult(100, 1), 1.0), cases, 10)), "0 0 0", 60)
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

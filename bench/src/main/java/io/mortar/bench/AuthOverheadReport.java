package io.mortar.bench;

import io.mortar.bench.AuthOverheadBenchmark.Case;
import io.mortar.bench.AuthOverheadBenchmark.Result;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The auth-overhead benchmark's printed result: per store, every case's p50 and p95 with authentication beside
 * without, their ratio, the paired ratio, what authentication adds to the p50 in microseconds, the p50 ratio's
 * spread over the rounds and the machine's load while the case ran; then whether the goal holds.
 */
final class AuthOverheadReport {
    private static final String ROW = "%-31s %-10s %9s %9s %6s %9s %9s %6s %6s %7s  %-13s %s%n";

    private final AuthOverheadOptions options;
    private final List<Result> results;
    private final String loadAtStart;
    private final double totalSeconds;

    AuthOverheadReport(AuthOverheadOptions options, List<Result> results, String loadAtStart, double totalSeconds) {
        this.options = options;
        this.results = results;
        this.loadAtStart = loadAtStart;
        this.totalSeconds = totalSeconds;
    }

    void print(PrintStream out) {
        out.println();
        out.println("=== Mortar authentication overhead: the same calls with authentication on and off ===");
        out.printf("machine: %d cores, %s %s, Java %s; everything in this JVM over loopback; load average %s at"
                + " start, %s at end%n", Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), loadAtStart, LoadAverage.now());
        out.printf("servers: two Mortars on fresh stores of the same kind, one verifying SigV4 and authorizing by the"
                + " signer's policies, one without authentication; the same %s.%s of %,d partitions in both%n",
                PartitionDataSet.DATABASE, PartitionDataSet.TABLE, options.partitions());
        out.printf("clients: the AWS SDK's GlueClient (Apache client, keep-alive), each case's keys"
                + " signing for both servers; one call at a time%n");
        out.printf("turns: %,d warm-up calls per operation and client, then %d rounds over every case, each %d"
                + " warm-up + %d timed calls per server, alternating call by call, the server that goes first"
                + " swapping every turn%n", Math.max(options.warmup(), options.userKeys()), options.rounds(),
                options.roundWarmup(), options.iterations());
        out.printf("ratio = with / without authentication; paired = the median over rounds of the median over every"
                + " two turns of that ratio; +us = p50 with minus without; rounds = the lowest and highest p50 ratio"
                + " of a round; load = the 1-minute load average after each round (lowest-highest)%n");
        Set<String> policies = new LinkedHashSet<>();
        results.forEach(r -> r.cases().forEach(c -> policies.add(c.signer().name() + ": " + c.signer().policy())));
        out.println("signers: " + String.join("; ", policies));
        List<String> verdicts = new ArrayList<>();
        for (Result result : results) {
            verdicts.add(printResult(out, result));
        }
        out.println();
        out.printf("--- goal: GetTable and GetPartitions p50 with authentication <= %.2f x without ---%n",
                AuthOverheadBenchmark.GOAL);
        verdicts.forEach(out::println);
        out.printf("%ntotal run time %.1f min%n", totalSeconds / 60);
    }

    private String printResult(PrintStream out, Result result) {
        out.println();
        out.printf("--- %s, %,d partitions, %,d users' keys besides the root key ---%n", result.backend().label,
                options.partitions(), result.userKeys() + 2);
        out.printf(ROW, "operation", "signer", "on p50", "off p50", "ratio", "on p95", "off p95", "ratio", "paired",
                "+us p50", "rounds", "load");
        double worst = 0;
        String worstCase = "";
        for (Case c : result.cases()) {
            double ratio = c.ratio(50);
            if (c.operation().judged() && ratio > worst) {
                worst = ratio;
                worstCase = c.operation().name() + " signed by " + c.signer().name();
            }
            double[] rounds = c.roundRatios();
            out.printf(ROW, c.operation().name(), c.signer().name(), millis(c.on().p50()), millis(c.off().p50()),
                    String.format("%.3f", ratio), millis(c.on().percentileMillis(95)),
                    millis(c.off().percentileMillis(95)), String.format("%.3f", c.ratio(95)),
                    String.format("%.3f", c.pairedRatio()),
                    String.format("%+.0f", (c.on().p50() - c.off().p50()) * 1000),
                    String.format("%.3f-%.3f", Arrays.stream(rounds).min().orElseThrow(),
                            Arrays.stream(rounds).max().orElseThrow()), loadRange(c.loads()));
        }
        LoadResult on = result.load().first();
        LoadResult off = result.load().second();
        out.printf("BatchCreatePartition, 100 a call, %d threads (root key): %,.0f/s with, %,.0f/s without"
                + " authentication, ratio %.3f (without / with), paired %.3f%n", options.loaders(), on.perSecond(),
                off.perSecond(), off.perSecond() / on.perSecond(), 1 / result.load().pairedRatio());
        return String.format("%-28s %s: worst p50 ratio %.3f (%s)", result.backend().label,
                worst <= AuthOverheadBenchmark.GOAL ? "MET" : "NOT MET", worst, worstCase);
    }

    private static String millis(double ms) {
        return String.format("%.3f ms", ms);
    }

    private static String loadRange(List<String> loads) {
        double[] oneMinute = loads.stream().mapToDouble(l -> {
            try {
                return Double.parseDouble(l.split(" ")[0]);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }).toArray();
        return String.format("%.1f-%.1f", Arrays.stream(oneMinute).min().orElse(Double.NaN),
                Arrays.stream(oneMinute).max().orElse(Double.NaN));
    }
}

package io.mortar.bench;

import java.io.PrintStream;
import java.util.Map;

/** The load benchmark's printed result: one block per backend, then the goals. */
final class LoadReport {
    private static final double GOAL_SQLITE_P99_MS = 100;
    private static final double GOAL_POSTGRESQL_PER_SECOND = 1000;

    /** What one backend gave. */
    record Outcome(LoadRun.Result result, AcknowledgedWrites.Audit audit, String loadBefore, String loadAfter,
                   String footprint) {
        long errors() {
            return result.errors().values().stream().mapToLong(Long::longValue).sum();
        }

        long missing() {
            return audit.partitionsMissing() + audit.updatesLost();
        }
    }

    private final LoadOptions options;
    private final Map<MortarTarget.Backend, Outcome> outcomes;

    LoadReport(LoadOptions options, Map<MortarTarget.Backend, Outcome> outcomes) {
        this.options = options;
        this.outcomes = outcomes;
    }

    void print(PrintStream out) {
        out.println();
        out.println("=== Mortar load benchmark ===");
        out.printf("%d clients, %d s measured after %d s of warm-up, %,d partitions loaded first; mix %s%n",
                options.clients(), options.seconds(), options.warmupSeconds(), options.partitions(),
                options.mix().describe());
        out.printf("%d processors; Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        for (Map.Entry<MortarTarget.Backend, Outcome> e : outcomes.entrySet()) {
            printBackend(out, e.getKey(), e.getValue());
        }
        out.println();
        out.println("--- goals ---");
        for (Map.Entry<MortarTarget.Backend, Outcome> e : outcomes.entrySet()) {
            Outcome o = e.getValue();
            String label = e.getKey().label;
            goal(out, label, "0 errors", o.errors() + " errors", o.errors() == 0);
            goal(out, label, "0 acknowledged writes missing", o.missing() + " missing", o.missing() == 0);
            if (e.getKey() == MortarTarget.Backend.POSTGRESQL) {
                goal(out, label, ">= 1,000 requests/s", String.format("%,.0f requests/s", o.result().perSecond()),
                        o.result().perSecond() >= GOAL_POSTGRESQL_PER_SECOND);
            } else {
                goal(out, label, "p99 < 100 ms", String.format("p99 %.1f ms", o.result().all().p99()),
                        o.result().all().p99() < GOAL_SQLITE_P99_MS);
            }
        }
    }

    private static void printBackend(PrintStream out, MortarTarget.Backend backend, Outcome o) {
        LoadRun.Result r = o.result();
        out.println();
        out.printf("--- %s (load average %s before, %s after; %s) ---%n", backend.label, o.loadBefore(),
                o.loadAfter(), o.footprint());
        out.printf("%-28s %10s %10s %9s %9s %9s%n", "operation", "requests", "per s", "p50 ms", "p99 ms", "max ms");
        for (LoadOperation op : LoadOperation.values()) {
            row(out, op.label, r.latencies().get(op), r.seconds());
        }
        row(out, "all", r.all(), r.seconds());
        out.printf("CPU of this JVM (server and clients, warm-up included) per request: %.2f ms%n",
                r.cpuMillisPerRequest());
        if (r.errors().isEmpty()) {
            out.println("errors: none");
        } else {
            out.println("errors:");
            r.errors().forEach((type, n) -> out.printf("  %,8d  %s%n", n, type));
        }
        AcknowledgedWrites.Audit a = o.audit();
        out.printf("acknowledged writes missing: %d of %,d CreatePartition, %d of %,d UpdateTable"
                        + " (final state: update %d; VersionId %d, expected %d)%n",
                a.partitionsMissing(), a.partitionsAcknowledged(), a.updatesLost(), a.updatesAcknowledged(),
                a.finalUpdate(), a.finalVersion(), a.versionsExpected());
    }

    private static void row(PrintStream out, String label, Latencies l, double seconds) {
        out.printf("%-28s %,10d %,10.1f %9.1f %9.1f %9.1f%n", label, l.samples(), l.samples() / seconds, l.p50(),
                l.p99(), l.percentileMillis(100));
    }

    private static void goal(PrintStream out, String target, String goal, String measured, boolean met) {
        out.printf("%-22s %-32s %-24s %s%n", target, goal, measured, met ? "MET" : "NOT MET");
    }
}

package io.mortar.bench.tagging;

import io.mortar.tagging.samples.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * One measured case of the tagging benchmarks: a workload and a rule count, written {@code dense:1000} on the
 * command line. The default cases put the friendly workload (sparse) beside the worst realistic one (dense, up to
 * 5,000 rules).
 */
record TaggingCase(Workload workload, int rules) {
    static final String DEFAULT_CASES = "sparse:10,sparse:100,sparse:1000,dense:100,dense:1000,dense:5000";

    TaggingCase {
        if (rules < 1) {
            throw new IllegalArgumentException("a case needs at least one rule: " + rules);
        }
    }

    /** {@code sparse:100,dense:1000}: each a workload and a rule count. */
    static List<TaggingCase> parse(String cases) {
        List<TaggingCase> out = new ArrayList<>();
        for (String c : cases.split(",")) {
            String[] parts = c.trim().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("a case is workload:rules (dense:1000), not " + c);
            }
            out.add(new TaggingCase(Workload.of(parts[0]), Integer.parseInt(parts[1].trim().replace("_", ""))));
        }
        return out;
    }

    /** Every workload with every rule count ({@code --workload dense --rules 100,1000}). */
    static List<TaggingCase> product(String workloads, String ruleCounts) {
        List<TaggingCase> out = new ArrayList<>();
        for (String w : workloads.split(",")) {
            for (String r : ruleCounts.split(",")) {
                out.add(new TaggingCase(Workload.of(w), Integer.parseInt(r.trim().replace("_", ""))));
            }
        }
        return out;
    }

    /** The cases of {@code --cases}, or of {@code --workload} × {@code --rules} when either is given. */
    static List<TaggingCase> of(String cases, String workloads, String ruleCounts, String defaultRuleCounts) {
        if (workloads == null && ruleCounts == null) {
            return parse(cases == null ? DEFAULT_CASES : cases);
        }
        if (cases != null) {
            throw new IllegalArgumentException("give --cases, or --workload and --rules, not both");
        }
        return product(workloads == null ? "sparse,dense" : workloads,
                ruleCounts == null ? defaultRuleCounts : ruleCounts);
    }

    /**
     * The targets for the matcher alone, one thread: dense R = 1,000 at least 20x the per-rule regexes and
     * 20 MB/s, dense R = 5,000 at least 50x, sparse R = 100 at least 200 MB/s, and never below 1x. Each target is
     * judged on its own, so that a case which misses one of two targets (dense R = 1,000 at 113x but 17 MB/s) names
     * only the one it misses; a case whose measurement failed (NaN) meets nothing.
     */
    String verdict(double matcherMbPerSecond, double ratio) {
        List<Target> targets = new ArrayList<>();
        targets.add(new Target(">= 1x", ratio >= 1));
        if (workload == Workload.DENSE && rules == 1000) {
            targets.add(new Target(">= 20x", ratio >= 20));
            targets.add(new Target(">= 20 MB/s", matcherMbPerSecond >= 20));
        } else if (workload == Workload.DENSE && rules == 5000) {
            targets.add(new Target(">= 50x", ratio >= 50));
        } else if (workload == Workload.SPARSE && rules == 100) {
            targets.add(new Target(">= 200 MB/s", matcherMbPerSecond >= 200));
        }
        List<String> unmet = targets.stream().filter(t -> !t.met()).map(Target::label).toList();
        String all = String.join(", ", targets.stream().map(Target::label).toList());
        if (Double.isNaN(matcherMbPerSecond) || Double.isNaN(ratio)) {
            return all + ": NOT measured";
        }
        return all + ": " + (unmet.isEmpty() ? "met" : "NOT met (" + String.join("; ", unmet) + ")");
    }

    /** One target and whether the case meets it (comparisons with NaN are false: a failed run meets nothing). */
    private record Target(String label, boolean met) {}

    @Override
    public String toString() {
        return workload.label() + ":" + rules;
    }
}

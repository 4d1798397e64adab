package io.mortar.bench;

import java.util.Arrays;

/**
 * How often each {@link LoadOperation} is sent, in percent (in {@link LoadOperation}'s order, summing to 100): each
 * client picks its next request at random with these weights.
 */
record LoadMix(int[] percents) {
    /** Reads dominate, as in a catalog serving queries, and every write kind is frequent enough to contend. */
    static final LoadMix DEFAULT = new LoadMix(new int[] {40, 30, 20, 10});

    LoadMix {
        if (percents.length != LoadOperation.values().length || Arrays.stream(percents).anyMatch(p -> p < 0)
                || Arrays.stream(percents).sum() != 100) {
            throw new IllegalArgumentException("--mix needs " + LoadOperation.values().length
                    + " percentages summing to 100 (GetTable,GetPartitions,CreatePartition,UpdateTable), not "
                    + Arrays.toString(percents));
        }
        percents = percents.clone();
    }

    static LoadMix parse(String spec) {
        return new LoadMix(Arrays.stream(spec.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray());
    }

    /** The operation for a uniform random number in [0, 100). */
    LoadOperation pick(int roll) {
        int bound = 0;
        for (LoadOperation op : LoadOperation.values()) {
            bound += percents[op.ordinal()];
            if (roll < bound) {
                return op;
            }
        }
        throw new IllegalArgumentException("roll " + roll + " is not in [0, 100)");
    }

    int percent(LoadOperation op) {
        return percents[op.ordinal()];
    }

    String describe() {
        StringBuilder sb = new StringBuilder();
        for (LoadOperation op : LoadOperation.values()) {
            sb.append(sb.isEmpty() ? "" : " / ").append(op.label).append(' ').append(percent(op)).append(" %");
        }
        return sb.toString();
    }
}

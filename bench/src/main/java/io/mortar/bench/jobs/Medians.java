package io.mortar.bench.jobs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians of a handful of end-to-end timings: robust to the one round the machine was busy elsewhere. */
public final class Medians {
    private Medians() {}

    public static double of(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

package io.mortar.bench;

import java.util.Arrays;

/**
 * One figure of two servers measured in alternating turns, with a paired ratio: over every two consecutive turns
 * (in one of which each side went first), one side's sum over the other's, and the median of those ratios. Each
 * turn runs the two back to back, under the same load from the rest of the machine, so that median holds still
 * when the machine's load moves the figures themselves (a percentile of the whole run mixes quiet and busy
 * minutes, and shifts with how many samples each side happened to take in which); taking the turns two by two
 * cancels what going first or second does to a sample.
 *
 * @param first the first side's figure over all turns
 * @param second the second side's
 * @param pairedRatio the median ratio of the first side's figure over the second's, two turns at a time
 */
record SideBySide<T>(T first, T second, double pairedRatio) {
    /**
     * The median over {@code i = 0, 2, 4, …} of {@code (first[i] + first[i+1]) / (second[i] + second[i+1])}; a
     * last odd turn is left out.
     */
    static double medianRatio(double[] first, double[] second) {
        if (first.length != second.length || first.length < 2) {
            throw new IllegalArgumentException("at least two paired turns needed, got " + first.length + " and "
                    + second.length);
        }
        double[] ratios = new double[first.length / 2];
        for (int k = 0; k < ratios.length; k++) {
            ratios[k] = (first[2 * k] + first[2 * k + 1]) / (second[2 * k] + second[2 * k + 1]);
        }
        Arrays.sort(ratios);
        int mid = ratios.length / 2;
        return ratios.length % 2 == 1 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2;
    }
}

package io.mortar.bench;

/** How many partitions a load created and how long it took. */
record LoadResult(long partitions, double seconds) {
    double perSecond() {
        return seconds <= 0 ? Double.NaN : partitions / seconds;
    }
}

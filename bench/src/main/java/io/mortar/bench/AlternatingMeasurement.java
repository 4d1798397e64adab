package io.mortar.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * Two servers measured in turns, so that whatever else the machine does meanwhile falls on both alike: they are
 * loaded in steps (a step into one, then the same step into the other) and queried listing by listing, and the
 * server that goes first swaps at every turn (A B, B A, A B, …), so neither always runs right after the other.
 */
final class AlternatingMeasurement {
    /** One server under test, by the name its progress is logged under. */
    record Side(String name, GlueClient client) {}

    private final List<Side> sides;
    private final int loaders;
    private final int loadSteps;
    private final int warmup;
    private final int iterations;

    /**
     * @param loadSteps the steps each server is loaded in
     * @param warmup untimed listings per query and server before the timed ones
     * @param iterations timed listings per query and server
     */
    AlternatingMeasurement(Side first, Side second, int loaders, int loadSteps, int warmup, int iterations) {
        this.sides = List.of(first, second);
        this.loaders = loaders;
        this.loadSteps = loadSteps;
        this.warmup = warmup;
        this.iterations = iterations;
    }

    /** The two sides in the order they take turn {@code turn}. */
    static <T> List<T> inTurn(int turn, List<T> pair) {
        return turn % 2 == 0 ? pair : List.of(pair.get(1), pair.get(0));
    }

    /** Partitions {@code [0, partitions)} cut into {@code steps} consecutive ranges of whole batches. */
    static List<long[]> steps(long partitions, int steps) {
        long batches = (partitions + PartitionLoader.BATCH - 1) / PartitionLoader.BATCH;
        List<long[]> ranges = new ArrayList<>();
        long from = 0;
        for (int i = 1; i <= steps; i++) {
            long to = Math.min(partitions, batches * i / steps * PartitionLoader.BATCH);
            if (to > from) {
                ranges.add(new long[] {from, to});
                from = to;
            }
        }
        return ranges;
    }

    /** Work done between load steps, outside the timed part (such as gathering a database's statistics). */
    @FunctionalInterface
    interface BetweenSteps {
        void run() throws Exception;
    }

    /**
     * Loads both servers with partitions {@code [0, partitions)}, calling {@code betweenSteps} after every step.
     * The first step warms up both servers and this client (the first of them to load would otherwise pay for
     * the client's warm-up alone) and is not counted: the throughput of each is that of the other steps, the
     * paired ratio that of the first's throughput over the second's, two steps at a time.
     */
    SideBySide<LoadResult> load(long partitions, BetweenSteps betweenSteps) throws Exception {
        List<long[]> ranges = steps(partitions, loadSteps);
        if (ranges.size() < 3) {
            throw new IllegalArgumentException("at least 3 load steps are needed: one to warm up, two to compare");
        }
        int counted = ranges.size() - 1;
        double[][] seconds = new double[2][counted];
        for (int step = 0; step < ranges.size(); step++) {
            long[] range = ranges.get(step);
            for (int side : inTurn(step, List.of(0, 1))) {
                String name = sides.get(side).name();
                LoadResult part = new PartitionLoader(sides.get(side).client(), loaders, name)
                        .load(range[0], range[1], null);
                if (step > 0) {
                    seconds[side][step - 1] = part.seconds();
                }
                Log.info("%s: partitions %,d to %,d in %.1f s (%,.0f/s)%s", name, range[0], range[1],
                        part.seconds(), part.perSecond(), step == 0 ? ", warm-up, not counted" : "");
            }
            betweenSteps.run();
        }
        long timed = partitions - ranges.get(0)[1];
        // equal partitions in a step, so throughput first/second = seconds second/first
        return new SideBySide<>(new LoadResult(timed, Arrays.stream(seconds[0]).sum()),
                new LoadResult(timed, Arrays.stream(seconds[1]).sum()),
                SideBySide.medianRatio(seconds[1], seconds[0]));
    }

    /**
     * Times one GetPartitions listing on both servers: the warm-up listings, then the timed ones, one by one in
     * turns, the paired ratio being that of the first's times over the second's, two turns at a time.
     * Arguments as for {@link QueryRunner#run}.
     */
    SideBySide<Latencies> query(String expression, Integer maxResults, int pages, int expected) {
        return alternate(client -> {
            QueryRunner runner = new QueryRunner(client);
            return () -> runner.time(expression, maxResults, pages, expected);
        });
    }

    /**
     * Times one call on both servers as {@link #query} times a listing: {@code call} makes, for a side's client,
     * the call that returns how long it took, in nanoseconds (and throws if its answer is wrong).
     */
    SideBySide<Latencies> alternate(Function<GlueClient, LongSupplier> call) {
        List<LongSupplier> calls = sides.stream().map(side -> call.apply(side.client())).toList();
        for (int i = 0; i < warmup; i++) {
            for (int side : inTurn(i, List.of(0, 1))) {
                calls.get(side).getAsLong();
            }
        }
        long[][] nanos = new long[2][iterations];
        for (int i = 0; i < iterations; i++) {
            for (int side : inTurn(i, List.of(0, 1))) {
                nanos[side][i] = calls.get(side).getAsLong();
            }
        }
        return new SideBySide<>(new Latencies(nanos[0]), new Latencies(nanos[1]), SideBySide.medianRatio(
                Arrays.stream(nanos[0]).asDoubleStream().toArray(), Arrays.stream(nanos[1]).asDoubleStream().toArray()));
    }
}

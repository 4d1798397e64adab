package io.mortar.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;

/**
 * Loads partitions {@code [from, to)} of the {@link PartitionDataSet} with BatchCreatePartition, from several
 * threads sharing one client (as a loader job would). Batches are handed out in order, so when a time budget
 * stops the load early the partitions created are still exactly a prefix {@code [from, from + created)}.
 */
final class PartitionLoader {
    static final int BATCH = 100;

    private final GlueClient client;
    private final int threads;
    private final String label;

    PartitionLoader(GlueClient client, int threads, String label) {
        this.client = client;
        this.threads = threads;
        this.label = label;
    }

    LoadResult load(long from, long to, Duration budget) throws Exception {
        AtomicLong next = new AtomicLong(from);
        AtomicLong created = new AtomicLong();
        long start = System.nanoTime();
        long deadline = budget == null ? Long.MAX_VALUE : start + budget.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long batchStart = next.getAndAdd(BATCH);
                        if (batchStart >= to) {
                            return null;
                        }
                        long batchEnd = Math.min(to, batchStart + BATCH);
                        BatchCreatePartitionResponse response = client.batchCreatePartition(b -> b
                                .databaseName(PartitionDataSet.DATABASE).tableName(PartitionDataSet.TABLE)
                                .partitionInputList(PartitionDataSet.partitions(batchStart, batchEnd)));
                        if (response.hasErrors() && !response.errors().isEmpty()) {
                            throw new IllegalStateException(label + ": BatchCreatePartition reported errors, first: "
                                    + response.errors().get(0));
                        }
                        created.addAndGet(batchEnd - batchStart);
                    }
                    return null;
                }));
            }
            long lastReport = start;
            for (Future<?> worker : workers) {
                while (true) {
                    try {
                        worker.get(5, java.util.concurrent.TimeUnit.SECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException stillRunning) {
                        long now = System.nanoTime();
                        if (now - lastReport > 30_000_000_000L) {
                            lastReport = now;
                            double seconds = (now - start) / 1e9;
                            Log.info("%s: loaded %,d of %,d partitions in %.0f s (%,.0f/s)", label,
                                    from + created.get(), to, seconds, created.get() / seconds);
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new LoadResult(created.get(), (System.nanoTime() - start) / 1e9);
    }
}

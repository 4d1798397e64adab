package io.mortar.bench;

import java.time.Duration;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;

/**
 * Times GetPartitions as a client sees it: one sample is the whole listing, every page followed to its end, the
 * response parsed by the SDK. Each sample checks the number of partitions returned, so a fast wrong answer
 * cannot pass for a fast right one.
 */
final class QueryRunner {
    private final GlueClient client;

    QueryRunner(GlueClient client) {
        this.client = client;
    }

    /**
     * @param expression the Expression, or null for an unfiltered listing
     * @param maxResults MaxResults per page, or null for the service's default
     * @param pages the number of pages to read (0 = all)
     * @param expected the number of partitions the listing must return
     * @param budget stop sampling after this long, once {@code minSamples} samples are in
     */
    Latencies run(String expression, Integer maxResults, int pages, int expected, int warmup, int iterations,
                  Duration budget, int minSamples) {
        for (int i = 0; i < warmup; i++) {
            once(expression, maxResults, pages, expected);
        }
        long[] samples = new long[iterations];
        long deadline = System.nanoTime() + budget.toNanos();
        int taken = 0;
        while (taken < iterations && (taken < minSamples || System.nanoTime() < deadline)) {
            samples[taken++] = time(expression, maxResults, pages, expected);
        }
        return new Latencies(java.util.Arrays.copyOf(samples, taken));
    }

    /** One timed listing, in nanoseconds; arguments as for {@link #run}. */
    long time(String expression, Integer maxResults, int pages, int expected) {
        long start = System.nanoTime();
        once(expression, maxResults, pages, expected);
        return System.nanoTime() - start;
    }

    private void once(String expression, Integer maxResults, int pages, int expected) {
        String token = null;
        int count = 0;
        int page = 0;
        do {
            String nextToken = token;
            GetPartitionsResponse response = client.getPartitions(b -> b
                    .databaseName(PartitionDataSet.DATABASE).tableName(PartitionDataSet.TABLE)
                    .expression(expression).maxResults(maxResults).nextToken(nextToken));
            count += response.partitions().size();
            token = response.nextToken();
            page++;
        } while (token != null && (pages == 0 || page < pages));
        if (count != expected) {
            throw new IllegalStateException("GetPartitions(" + expression + ") returned " + count
                    + " partitions, expected " + expected);
        }
    }
}

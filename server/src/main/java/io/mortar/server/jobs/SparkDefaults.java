package io.mortar.server.jobs;

import java.util.Map;

/**
 * Spark settings every job driver starts with, before the job's sizing, the server's {@code mortar.jobs.spark-conf}
 * and the job's own {@code --conf} (each of which may override them).
 *
 * <p>{@code spark.sql.sources.parallelPartitionDiscovery.parallelism}: past 32 paths Spark lists files in a Spark
 * job with one task per path, up to 10,000 tasks. Reading 2,000 small CSV files on {@code local[2]} spent most of its
 * time scheduling those tasks (and CSV's schema inference lists the files again): 5.2 s from their folder, 9.1 s
 * named one by one (as a bookmarked read names them); with 64 tasks, 1.6 s and 1.9 s. On S3 each of the 64 tasks
 * still lists its share of the paths in parallel with the others.
 */
public final class SparkDefaults {
    public static final Map<String, String> DRIVER = Map.of(
            "spark.sql.sources.parallelPartitionDiscovery.parallelism", "64");

    private SparkDefaults() {}
}

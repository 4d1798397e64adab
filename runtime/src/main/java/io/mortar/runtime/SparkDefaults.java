package io.mortar.runtime;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Spark settings a job driver starts with unless the run's Spark configuration (the job's sizing, the server's
 * {@code mortar.jobs.spark-conf}, the job's {@code --conf}) already sets them.
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

    /** Sets each default on {@code builder} that {@code given} (what spark-submit passed) does not set. */
    public static SparkSession.Builder applyTo(SparkSession.Builder builder, SparkConf given) {
        missingFrom(given).forEach(builder::config);
        return builder;
    }

    /** The defaults {@code given} does not set. */
    static Map<String, String> missingFrom(SparkConf given) {
        Map<String, String> out = new TreeMap<>();
        DRIVER.forEach((key, value) -> {
            if (!given.contains(key)) {
                out.put(key, value);
            }
        });
        return out;
    }
}

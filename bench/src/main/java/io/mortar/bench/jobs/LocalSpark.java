package io.mortar.bench.jobs;

import io.mortar.runtime.SparkDefaults;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session the benchmarks that host Spark themselves run on: local[2], no UI, UTC, logs at WARN, with the
 * settings Mortar gives every job driver ({@link SparkDefaults}), so what they measure is what a job gets.
 */
public final class LocalSpark {
    private LocalSpark() {}

    public static SparkSession session(String appName) {
        SparkSession.Builder builder = SparkSession.builder().master("local[2]").appName(appName)
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.session.timeZone", "UTC");
        SparkSession spark = SparkDefaults.applyTo(builder, new SparkConf()).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}

package io.mortar.bench.jobs;

import org.apache.spark.sql.SparkSession;

/** The Spark session the benchmarks that host Spark themselves run on: local[2], no UI, UTC, logs at WARN. */
public final class LocalSpark {
    private LocalSpark() {}

    public static SparkSession session(String appName) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName(appName)
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}

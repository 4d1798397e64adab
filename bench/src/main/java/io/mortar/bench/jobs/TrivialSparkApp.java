package io.mortar.bench.jobs;

import org.apache.spark.sql.SparkSession;

/**
 * The job-start benchmark's job: a Spark program that does almost nothing (one tiny aggregation), so that
 * what is measured is start-up and shut-down. The same class runs through Mortar and through a plain
 * {@code SparkSubmit}.
 */
public final class TrivialSparkApp {
    private TrivialSparkApp() {}

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("trivial").getOrCreate();
        long sum = spark.range(1000).selectExpr("sum(id) AS s").first().getLong(0);
        if (sum != 499_500L) {
            throw new IllegalStateException("wrong sum " + sum);
        }
    }
}

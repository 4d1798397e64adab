package io.mortar.runtime;

import static java.util.Objects.requireNonNull;

import org.apache.spark.sql.SparkSession;

/** What a running job is given: its Spark session and its arguments. */
public final class JobContext {
    private final SparkSession spark;
    private final JobArguments args;

    public JobContext(SparkSession spark, JobArguments args) {
        this.spark = requireNonNull(spark, "spark");
        this.args = requireNonNull(args, "args");
    }

    public SparkSession spark() {
        return spark;
    }

    public JobArguments args() {
        return args;
    }

    public String jobName() {
        return args.require("JOB_NAME");
    }

    public String runId() {
        return args.getOrDefault("JOB_RUN_ID", "");
    }
}

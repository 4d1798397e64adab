package io.mortar.runtime;

import static java.util.Objects.requireNonNull;

import org.apache.spark.sql.SparkSession;

/** What a running job is given: its Spark session, its arguments and the catalog ({@link #mortar()}). */
public final class JobContext {
    private final SparkSession spark;
    private final JobArguments args;
    private MortarContext mortar;

    public JobContext(SparkSession spark, JobArguments args) {
        this.spark = requireNonNull(spark, "spark");
        this.args = requireNonNull(args, "args");
    }

    /** With a given MortarContext (tests, embedding). */
    public JobContext(SparkSession spark, JobArguments args, MortarContext mortar) {
        this(spark, args);
        this.mortar = requireNonNull(mortar, "mortar");
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

    /** Catalog reads and writes, sources and sinks: the job's GlueContext. Connects on first use. */
    public synchronized MortarContext mortar() {
        if (mortar == null) {
            mortar = MortarContext.create(spark);
        }
        return mortar;
    }

    synchronized void close() {
        if (mortar != null) {
            mortar.close();
        }
    }
}

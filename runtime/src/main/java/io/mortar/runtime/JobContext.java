package io.mortar.runtime;

import static java.util.Objects.requireNonNull;

import io.mortar.runtime.bookmark.JobBookmarks;
import org.apache.spark.sql.SparkSession;

/** What a running job is given: its Spark session, its arguments and the catalog ({@link #mortar()}). */
public final class JobContext {
    private final SparkSession spark;
    private final JobArguments args;
    private final JobBookmarks bookmarks;
    private MortarContext mortar;

    public JobContext(SparkSession spark, JobArguments args) {
        this.spark = requireNonNull(spark, "spark");
        this.args = requireNonNull(args, "args");
        this.bookmarks = JobBookmarks.of(args.asMap(), () -> mortar().glue());
    }

    /** With a given MortarContext (tests, embedding). */
    public JobContext(SparkSession spark, JobArguments args, MortarContext mortar) {
        this(spark, args);
        this.mortar = requireNonNull(mortar, "mortar");
        mortar.transformationContexts().bookmarks(bookmarks);
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
            mortar.transformationContexts().bookmarks(bookmarks);
        }
        return mortar;
    }

    /**
     * The run's job bookmark ({@code --job-bookmark-option}): sources with a transformation context read only what
     * is new, and what they read is committed when the run succeeds. {@link JobBookmarks#commit()} is Glue's
     * {@code Job.commit()}; Mortar's job kinds commit at the end by themselves.
     */
    public JobBookmarks bookmarks() {
        return bookmarks;
    }

    synchronized void close() {
        if (mortar != null) {
            mortar.close();
        }
    }
}

package io.mortar.runtime;

import io.mortar.runtime.pipeline.Pipeline;
import io.mortar.runtime.pipeline.PipelineRunner;
import io.mortar.runtime.sql.SqlJobRunner;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main class of every job driver: {@code SparkSubmit --class io.mortar.runtime.DriverMain
 * mortar-runtime.jar --JOB_NAME … --scriptLocation …}. It opens the Spark session, runs the script by its kind
 * and reports the outcome in the run's status file before exiting 0 (succeeded) or 1 (failed).
 */
public final class DriverMain {
    private static final Logger LOG = LoggerFactory.getLogger(DriverMain.class);

    private DriverMain() {}

    public static void main(String[] argv) {
        RunStatusFile status = RunStatusFile.fromEnvironment();
        int exitCode = 0;
        SparkSession spark = null;
        JobContext context = null;
        Optional<ExecutorWatchdog> watchdog = Optional.empty();
        try {
            JobArguments args = JobArguments.parse(argv);
            ScriptLocation script = new ScriptLocation(args.require("scriptLocation"));
            ScriptLocation.Kind kind = script.kind(args.get("class").isPresent());
            // spark-submit hands the run's settings to this JVM as system properties, which SparkConf reads
            spark = SparkDefaults.applyTo(SparkSession.builder(), new SparkConf())
                    .appName(args.getOrDefault("JOB_NAME", "mortar-job")).getOrCreate();
            watchdog = ExecutorWatchdog.start(spark.sparkContext());
            mapS3ToS3a(spark.sparkContext().hadoopConfiguration());
            context = new JobContext(spark, args);
            status.running();
            LOG.info("Running {} job {} (run {}) from {}", kind, args.getOrDefault("JOB_NAME", "?"),
                    context.runId(), script.location());
            switch (kind) {
                case JAVA -> JavaJobRunner.run(context);
                case SQL -> SqlJobRunner.run(context, script.read(spark.sparkContext().hadoopConfiguration()));
                case PIPELINE -> new PipelineRunner(context.mortar()).run(
                        Pipeline.parse(script.read(spark.sparkContext().hadoopConfiguration()), args.asMap()));
            }
            // Mortar's job kinds commit their bookmark at the end (Glue's scripts call Job.commit()); the server
            // stores it when it records the success, so a run that fails from here on commits nothing
            context.bookmarks().commit();
            status.succeeded(context.bookmarks().committed());
            LOG.info("Job succeeded");
        } catch (Throwable failure) {
            exitCode = 1;
            // jobs cancelled for want of executors: the reason, not the cancellation, is the run's error
            Throwable reported = watchdog.flatMap(ExecutorWatchdog::failure).<Throwable>map(f -> f).orElse(failure);
            LOG.error("Job failed", reported);
            status.failed(reported);
        } finally {
            watchdog.ifPresent(ExecutorWatchdog::close);
            if (context != null) {
                context.close();
            }
            if (spark != null) {
                spark.stop();
            }
        }
        System.exit(exitCode);
    }

    /** Glue jobs say {@code s3://}; Hadoop serves it through S3A unless the launcher already configured it. */
    static void mapS3ToS3a(Configuration hadoop) {
        if (hadoop.get("fs.s3.impl") == null) {
            hadoop.set("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        }
    }
}

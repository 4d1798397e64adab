package io.mortar.runtime;

import io.mortar.runtime.pipeline.Pipeline;
import io.mortar.runtime.pipeline.PipelineRunner;
import io.mortar.runtime.sql.SqlJobRunner;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import io.mortar.runtime.python.PythonDriver;
import io.mortar.runtime.python.PythonScriptException;
import io.mortar.runtime.scalascript.CompiledScript;
import io.mortar.runtime.scalascript.ScalaScripts;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;
import scala.Option;
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
    private static final String S3A = "org.apache.hadoop.fs.s3a.S3AFileSystem";

    private DriverMain() {}

    public static void main(String[] argv) {
        RunStatusFile status = RunStatusFile.fromEnvironment();
        int exitCode = 0;
        try {
            JobArguments args = JobArguments.parse(argv);
            ScriptLocation script = new ScriptLocation(args.require("scriptLocation"));
            ScriptLocation.Kind kind = script.kind(args.get("class").isPresent(),
                    args.get("job-language").orElse(null));
            Class<?> javaClass = kind == ScriptLocation.Kind.JAVA ? JavaJobRunner.jobClass(args) : null;
            LOG.info("Running {} job {} (run {}) from {}", kind, args.getOrDefault("JOB_NAME", "?"),
                    args.getOrDefault("JOB_RUN_ID", ""), script.location());
            if (kind.scriptMakesSession() || (javaClass != null && !JavaJobRunner.isMortarJob(javaClass))) {
                runGlueScript(kind, script, javaClass, argv, status);
            } else {
                runMortarJob(kind, script, javaClass, args, status);
            }
            LOG.info("Job succeeded");
        } catch (Throwable failure) {
            exitCode = 1;
            if (failure instanceof PythonScriptException) {
                LOG.error("Job failed: {}", failure.getMessage()); // Python printed the traceback above
            } else {
                LOG.error("Job failed", failure);
            }
            status.failed(failure);
        } finally {
            stopActiveSparkContext();
        }
        System.exit(exitCode);
    }

    /** Mortar's own job kinds: handed a session, their bookmark committed at the end. */
    private static void runMortarJob(ScriptLocation.Kind kind, ScriptLocation script, Class<?> javaClass,
                                     JobArguments args, RunStatusFile status) throws Throwable {
        // spark-submit hands the run's settings to this JVM as system properties, which SparkConf reads
        SparkSession spark = SparkDefaults.applyTo(SparkSession.builder(), new SparkConf())
                .appName(args.getOrDefault("JOB_NAME", "mortar-job")).getOrCreate();
        Optional<ExecutorWatchdog> watchdog = ExecutorWatchdog.start(spark.sparkContext());
        mapS3ToS3a(spark.sparkContext().hadoopConfiguration());
        JobContext context = new JobContext(spark, args);
        try {
            status.running();
            switch (kind) {
                case JAVA -> JavaJobRunner.run(javaClass, context);
                case SQL -> SqlJobRunner.run(context, script.read(spark.sparkContext().hadoopConfiguration()));
                case PIPELINE -> new PipelineRunner(context.mortar()).run(
                        Pipeline.parse(script.read(spark.sparkContext().hadoopConfiguration()), args.asMap()));
                default -> throw new IllegalStateException("Not a Mortar job kind: " + kind);
            }
            // Mortar's job kinds commit their bookmark at the end (Glue's scripts call Job.commit()); the server
            // stores it when it records the success, so a run that fails from here on commits nothing
            context.bookmarks().commit();
            status.succeeded(context.bookmarks().committed());
        } catch (Throwable failure) {
            // jobs cancelled for want of executors: the reason, not the cancellation, is the run's error
            throw watchdog.flatMap(ExecutorWatchdog::failure).<Throwable>map(f -> f).orElse(failure);
        } finally {
            watchdog.ifPresent(ExecutorWatchdog::close);
            context.close();
        }
    }

    /**
     * Glue's scripts — Python, Scala, a Java class's {@code main} — make their own SparkContext with the settings
     * spark-submit left in the system properties, so the driver adds its defaults there and makes none itself.
     * The script's GlueContext takes the run's context from {@link ScriptRun}; its {@code Job.commit()} decides the
     * bookmark.
     */
    private static void runGlueScript(ScriptLocation.Kind kind, ScriptLocation script, Class<?> javaClass,
                                      String[] argv, RunStatusFile status) throws Throwable {
        SparkDefaults.missingFrom(new SparkConf()).forEach(System::setProperty);
        if (System.getProperty("spark.hadoop.fs.s3.impl") == null) {
            System.setProperty("spark.hadoop.fs.s3.impl", S3A);
        }
        ScriptRun run = ScriptRun.begin(argv);
        try {
            status.running();
            switch (kind) {
                case PYTHON -> PythonDriver.run(script, run);
                case JAVA -> JavaJobRunner.runMain(javaClass, run.argv());
                case SCALA -> runScalaScript(script, run);
                default -> throw new IllegalStateException("Not a Glue script kind: " + kind);
            }
            status.succeeded(run.committedBookmark());
        } catch (Throwable failure) {
            throw run.watchdogFailure().orElse(failure);
        } finally {
            run.close();
        }
    }

    /**
     * A Scala script: compiled (or found in the compile cache), then its {@code --class} object's {@code main} run
     * with the run's arguments, its classes loaded over the driver's. On a cluster the script's jar is one of the
     * application's jars, so executors load the classes of its functions; a local master's executors share this
     * JVM, whose context class loader is the script's when its SparkContext starts.
     */
    private static void runScalaScript(ScriptLocation script, ScriptRun run) throws Exception {
        String source = script.read(PythonDriver.hadoopConfiguration(new SparkConf()));
        CompiledScript compiled = ScalaScripts.fromEnvironment().compile(script.fileName(), source);
        if (!System.getProperty("spark.master", "local").startsWith("local")) {
            String jars = System.getProperty("spark.jars", "");
            String jar = compiled.jar().toUri().toString();
            System.setProperty("spark.jars", jars.isBlank() ? jar : jars + "," + jar);
        }
        String className = run.args().get("class").orElse("GlueApp");
        ClassLoader driverLoader = Thread.currentThread().getContextClassLoader();
        ClassLoader scriptLoader = compiled.loader(driverLoader);
        Class<?> app;
        try {
            app = Class.forName(className, true, scriptLoader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("The Scala script " + script.fileName() + " defines no object "
                    + className + " (named by --class)", e);
        }
        Thread.currentThread().setContextClassLoader(scriptLoader);
        try {
            JavaJobRunner.runMain(app, run.argv());
        } finally {
            Thread.currentThread().setContextClassLoader(driverLoader);
        }
    }

    /** A script may leave its SparkContext running; the driver ends it before exiting. */
    private static void stopActiveSparkContext() {
        try {
            Option<SparkContext> active = SparkContext$.MODULE$.getActive();
            if (active.isDefined()) {
                active.get().stop();
            }
        } catch (RuntimeException e) {
            LOG.warn("Stopping the Spark context failed", e);
        }
    }

    /** Glue jobs say {@code s3://}; Hadoop serves it through S3A unless the launcher already configured it. */
    static void mapS3ToS3a(Configuration hadoop) {
        if (hadoop.get("fs.s3.impl") == null) {
            hadoop.set("fs.s3.impl", S3A);
        }
    }
}

package io.mortar.runtime;

import static java.util.Objects.requireNonNull;

import io.mortar.runtime.bookmark.JobBookmarks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The run of a script that makes its own SparkContext — a Glue script in Python, Scala or Java — as the Glue API
 * layers inside the driver see it. The driver begins it with the run's arguments before the script starts;
 * the script's {@code GlueContext} asks for {@link #context(SparkSession)} when it is made, which is when the
 * run's catalog connection, bookmarks and executor watchdog come to be. The bookmark is what the script's
 * {@code Job.commit()} committed, nothing else: a Glue script that never commits moves no bookmark.
 *
 * <p>Outside a Mortar driver (a script run by hand, a test) there is no begun run, and {@link #current()} makes
 * one from no arguments.
 */
public final class ScriptRun {
    private static ScriptRun current;

    private final JobArguments args;
    private final List<String> argv;
    private JobContext context;
    private Optional<ExecutorWatchdog> watchdog = Optional.empty();

    private ScriptRun(JobArguments args, List<String> argv) {
        this.args = requireNonNull(args, "args");
        this.argv = List.copyOf(argv);
    }

    /** Called by the driver before the script runs, with the arguments exactly as its command line had them. */
    static synchronized ScriptRun begin(String[] argv) {
        current = new ScriptRun(JobArguments.parse(argv), List.of(argv));
        return current;
    }

    /** The run the driver began, or one without arguments outside a driver. */
    public static synchronized ScriptRun current() {
        if (current == null) {
            current = new ScriptRun(JobArguments.of(Map.of()), List.of());
        }
        return current;
    }

    public JobArguments args() {
        return args;
    }

    /** The arguments as the command line gave them ({@code --name value …}): what a script's argv holds. */
    public List<String> argv() {
        return argv;
    }

    /** The run's job context over the script's session: made once, by the first GlueContext. */
    public synchronized JobContext context(SparkSession spark) {
        if (context == null) {
            SparkContext sc = spark.sparkContext();
            DriverMain.mapS3ToS3a(sc.hadoopConfiguration());
            watchdog = ExecutorWatchdog.start(sc);
            context = new JobContext(spark, args);
        }
        return context;
    }

    /** The context if the script made a GlueContext. */
    public synchronized Optional<JobContext> context() {
        return Optional.ofNullable(context);
    }

    /** What the script's {@code Job.commit()} committed, for the server to store with the success. */
    synchronized Optional<JobBookmarks.Staged> committedBookmark() {
        return context == null ? Optional.empty() : context.bookmarks().committed();
    }

    /** Why the watchdog cancelled the run's Spark jobs, if it did: that, not the cancellation, is the error. */
    synchronized Optional<Throwable> watchdogFailure() {
        return watchdog.flatMap(ExecutorWatchdog::failure);
    }

    synchronized void close() {
        watchdog.ifPresent(ExecutorWatchdog::close);
        if (context != null) {
            context.close();
        }
    }
}

package io.mortar.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's backstop against waiting forever for executors on a Spark standalone cluster. A standalone master
 * never starts an executor that no worker can hold, and Spark then waits, warning, until the run's Timeout (hours).
 * The launcher fits executors to the workers it sees; this catches what it cannot see (a master whose status it
 * could not read, workers gone since): once Spark jobs have waited {@value #TIMEOUT_KEY} (default
 * {@value #DEFAULT_TIMEOUT}) without a single executor, their jobs are cancelled and the run fails saying why.
 * Time without active jobs does not count, so neither a driver busy on its own nor dynamic allocation trips it.
 */
final class ExecutorWatchdog implements AutoCloseable {
    static final String TIMEOUT_KEY = "spark.mortar.executorWaitTimeout";
    static final String DEFAULT_TIMEOUT = "10min";
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorWatchdog.class);
    private static final long CHECK_SECONDS = 1;

    private final BooleanSupplier starved;
    private final Runnable cancelJobs;
    private final Duration timeout;
    private final String why;
    private ScheduledExecutorService checker;
    private long starvedSince = -1;
    private volatile IllegalStateException failure;

    /**
     * @param starved whether jobs are waiting while the application has no executor
     * @param cancelJobs cancels the waiting jobs
     * @param why the failure's message
     */
    ExecutorWatchdog(BooleanSupplier starved, Runnable cancelJobs, Duration timeout, String why) {
        this.starved = starved;
        this.cancelJobs = cancelJobs;
        this.timeout = timeout;
        this.why = why;
    }

    /** Watches a standalone cluster's application; nothing to watch on a local master (executors are the driver). */
    static Optional<ExecutorWatchdog> start(SparkContext sc) {
        SparkConf conf = sc.getConf();
        if (!sc.master().startsWith("spark://")) {
            return Optional.empty();
        }
        Duration timeout = Duration.ofMillis(conf.getTimeAsMs(TIMEOUT_KEY, DEFAULT_TIMEOUT));
        String why = String.format("No executor started on %s while the run's Spark jobs waited %d s for one: no"
                + " worker has %s of memory and %s free for an executor (spark.executor.memory, spark.executor.cores)."
                + " The master's log says why; size executors to fit the workers, or raise %s to wait longer.",
                sc.master(), timeout.toSeconds(), conf.get("spark.executor.memory", "1g"),
                conf.contains("spark.executor.cores") ? conf.get("spark.executor.cores") + " core(s)" : "a core",
                TIMEOUT_KEY);
        // the driver itself is one of the "executors" the status tracker lists
        ExecutorWatchdog watchdog = new ExecutorWatchdog(() -> sc.statusTracker().getActiveJobIds().length > 0
                && sc.statusTracker().getExecutorInfos().length <= 1, sc::cancelAllJobs, timeout, why);
        watchdog.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mortar-executor-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.checker.scheduleWithFixedDelay(() -> watchdog.check(System.nanoTime()), CHECK_SECONDS, CHECK_SECONDS,
                TimeUnit.SECONDS);
        return Optional.of(watchdog);
    }

    /** One look at the application; past the timeout, and until an executor starts, waiting jobs are cancelled. */
    void check(long nowNanos) {
        try {
            if (!starved.getAsBoolean()) {
                starvedSince = -1;
                return;
            }
            if (starvedSince < 0) {
                starvedSince = nowNanos;
            }
            if (nowNanos - starvedSince >= timeout.toNanos()) {
                if (failure == null) {
                    failure = new IllegalStateException(why);
                    LOG.error(why);
                }
                cancelJobs.run();
            }
        } catch (RuntimeException e) {
            LOG.warn("Checking for executors failed: {}", e.toString()); // the next check tries again
        }
    }

    /** Why the run failed, when this watchdog failed it. */
    Optional<IllegalStateException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void close() {
        if (checker != null) {
            checker.shutdownNow();
        }
    }
}

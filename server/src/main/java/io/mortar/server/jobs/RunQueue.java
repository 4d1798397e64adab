package io.mortar.server.jobs;

import static java.util.Objects.requireNonNull;

import io.mortar.server.config.DriverCapacity;
import io.mortar.store.jobs.JobStore;
import io.mortar.store.jobs.RunCursor;
import io.mortar.store.jobs.StoredJobRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue of job runs. StartJobRun records every run WAITING and returns; this queue starts waiting runs in the
 * order they were started (start time, then id) whenever the server has a free driver slot
 * ({@link DriverCapacity}) and the run's job is under its MaxConcurrentRuns, so a burst of starts never launches
 * more drivers than the machine holds and StartJobRun costs one insert, whatever the backlog. The queue lives in
 * the store: it survives a restart.
 * <p>
 * Runs of one job with job bookmarks enabled take turns, whatever its MaxConcurrentRuns, so each reads from the
 * bookmark the one before committed.
 * <p>
 * A run that waits longer than its Timeout ends EXPIRED (Glue's state for a run queued too long) without having
 * consumed anything. One thread dispatches: it wakes when a run is queued or a slot frees, and every second.
 */
final class RunQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunQueue.class);
    static final String RETRY_DETAIL = "Waiting for a driver slot: a retry takes its turn in the queue.";
    static final String REQUEUED_DETAIL = "Waiting for a driver slot again: the server stopped before this run's"
            + " driver started.";
    static final String BOOKMARK_DETAIL = "Waiting for run %s of this job to end: runs with job bookmarks enabled"
            + " take turns, so this one starts from the bookmark that run commits.";
    private static final Duration DISPATCH_INTERVAL = Duration.ofSeconds(1);
    /** How often the whole queue is read for expired runs, even when no slot is free. */
    private static final Duration EXPIRY_SWEEP = Duration.ofSeconds(10);
    private static final int PAGE = 100;

    private final JobStore store;
    private final JobRunManager runs;
    private final DriverCapacity capacity;
    private final String waitingDetail;
    private final Duration minute;
    private final Clock clock;
    private final ScheduledExecutorService dispatcher;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private volatile boolean started;
    private Instant nextSweep = Instant.MIN; // the dispatcher thread's own

    RunQueue(JobStore store, JobRunManager runs, DriverCapacity capacity, Duration minute, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.runs = requireNonNull(runs, "runs");
        this.capacity = requireNonNull(capacity, "capacity");
        this.waitingDetail = String.format("Waiting for a driver slot: the server runs %s.", capacity.describe());
        this.minute = requireNonNull(minute, "minute");
        this.clock = requireNonNull(clock, "clock");
        this.dispatcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mortar-job-queue");
            thread.setDaemon(true);
            return thread;
        });
        runs.onSlotFreed(this::wake);
    }

    /** A newly queued run's StateDetail (the capacity never changes, so it is written once). */
    String waitingDetail() {
        return waitingDetail;
    }

    /** Starts dispatching: once the runs a previous server left are settled, so their slots are counted. */
    void start() {
        started = true;
        LOG.info("Job runs: {}", capacity.describe());
        dispatcher.scheduleWithFixedDelay(this::dispatch, 0, DISPATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A run was queued or a slot freed: dispatch soon (wakes coalesce into one pass). */
    void wake() {
        if (started && wakePending.compareAndSet(false, true)) {
            try {
                dispatcher.execute(this::dispatch);
            } catch (RejectedExecutionException e) {
                wakePending.set(false); // closing
            }
        }
    }

    /**
     * Walks the queue from its head, starting runs while slots are free; every {@link #EXPIRY_SWEEP} it reads the
     * whole queue for runs that waited too long.
     */
    private void dispatch() {
        wakePending.set(false);
        try {
            Instant now = clock.instant();
            boolean sweep = !now.isBefore(nextSweep);
            if (sweep) {
                nextSweep = now.plus(EXPIRY_SWEEP);
            }
            Map<String, Integer> maxRuns = new HashMap<>();
            RunCursor after = null;
            List<StoredJobRun> page;
            // Once a run finds no room, none after it starts in this pass: a Python shell run, which needs less,
            // never overtakes a Spark run waiting for memory, so the queue keeps its order.
            boolean full = false;
            do {
                full = full || !roomFor(true);
                if (!sweep && full) {
                    return;
                }
                page = store.waitingRuns(after, PAGE);
                for (StoredJobRun run : page) {
                    after = new RunCursor(run.startedOn().toEpochMilli(), run.id());
                    if (expired(run)) {
                        runs.endWaiting(run, "EXPIRED", String.format("The run waited in the queue longer than its"
                                + " Timeout of %d minutes without getting a driver (%s).", run.timeoutMinutes(),
                                capacity.describe()));
                    } else if (full || !roomFor(run.pythonShell())) {
                        full = true;
                    } else if (runs.driversInUse(run.jobName()) < maxRuns.computeIfAbsent(run.jobName(),
                                    this::maxConcurrentRuns)
                            && !waitsForBookmark(run)) {
                        runs.start(run);
                    }
                }
            } while (page.size() == PAGE);
        } catch (RuntimeException e) {
            LOG.warn("Dispatching the job-run queue failed (tried again within {} s): {}",
                    DISPATCH_INTERVAL.toSeconds(), e.toString());
        }
    }

    /** Whether a run of this kind fits beside the runs holding slots now, by count and by memory. */
    private boolean roomFor(boolean pythonShell) {
        List<StoredJobRun> inSlots = runs.runsInSlots();
        long bytesInUse = inSlots.stream().mapToLong(run -> capacity.bytesFor(run.pythonShell())).sum();
        return capacity.hasRoomFor(inSlots.size(), bytesInUse, capacity.bytesFor(pythonShell));
    }

    /**
     * A run with job bookmarks enabled waits while another run of its job that has them enabled holds a slot: it
     * starts from the bookmark that run commits, where Glue would let both read the same new data.
     */
    private boolean waitsForBookmark(StoredJobRun run) {
        if (!JobRunManager.advancesBookmark(run)) {
            return false;
        }
        Optional<String> holder = runs.bookmarkHolder(run.jobName());
        if (holder.isPresent()) {
            String detail = String.format(BOOKMARK_DETAIL, holder.get());
            if (!detail.equals(run.stateDetail())) {
                store.describeWaiting(run.id(), detail);
            }
        }
        return holder.isPresent();
    }

    private boolean expired(StoredJobRun run) {
        return clock.instant().isAfter(run.startedOn().plus(minute.multipliedBy(run.timeoutMinutes())));
    }

    /** The job's MaxConcurrentRuns; 0 (nothing starts) when the job is gone, its runs with it. */
    private int maxConcurrentRuns(String jobName) {
        return store.getJob(jobName).map(job -> JobService.toJob(job).executionProperty().maxConcurrentRuns())
                .orElse(0);
    }

    @Override
    public void close() {
        dispatcher.shutdownNow();
    }
}

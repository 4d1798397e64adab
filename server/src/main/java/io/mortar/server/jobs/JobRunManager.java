package io.mortar.server.jobs;

import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import io.mortar.store.jobs.BookmarkStore;
import io.mortar.store.jobs.JobStore;
import io.mortar.store.jobs.StoredBookmark;
import io.mortar.store.jobs.StoredJob;
import io.mortar.store.jobs.StoredJobRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.Job;

/**
 * Runs that left the queue and their driver processes: launches each run's driver, moves the run through its
 * states (STARTING → RUNNING when the driver reports its script started → SUCCEEDED / FAILED when it exits;
 * TIMEOUT and STOPPED when the server ends it), queues MaxRetries attempts after a failure, and on server start
 * adopts the drivers that outlived the previous server (same pid and process start time) or settles the runs whose
 * drivers are gone. {@link RunQueue} decides which waiting run starts when; this class holds the drivers in use.
 * <p>
 * A driver's exit is seen through {@link ProcessHandle#onExit()}; a light poll of the runs' status files notices
 * the RUNNING report and enforces timeouts and the stop grace period. Every driver started is watched from the
 * moment it exists: a store that cannot record its pid or its end is retried by the poll, never given up on.
 */
final class JobRunManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunManager.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration START_TIME_TOLERANCE = Duration.ofSeconds(2);
    private static final int LOG_TAIL_LINES = 8;
    static final String LOST_MESSAGE = "The driver process was lost while the server was down.";

    /** Why the server ended a run (the driver's own outcome counts otherwise). */
    private enum Ending { STOP, TIMEOUT }

    /**
     * A run this server holds a driver slot for: its driver process once launched, and whether the server is ending
     * it. A result the store could not record yet is kept until the poll records it.
     */
    private static final class ActiveRun {
        volatile StoredJobRun run;
        final Path runDir;
        volatile Instant deadline;
        volatile ProcessHandle process;
        volatile boolean launchRecorded;
        volatile boolean running;
        volatile Ending ending;
        volatile Instant killAt;
        volatile Result unrecorded;

        ActiveRun(StoredJobRun run, Path runDir, Instant deadline) {
            this.run = run;
            this.runDir = runDir;
            this.deadline = deadline;
            this.running = run.state().equals("RUNNING");
        }
    }

    private final JobStore store;
    private final BookmarkStore bookmarks;
    private final DriverLauncher launcher;
    private final RunLogs logs;
    private final Duration minute;
    private final Duration stopGrace;
    private final Clock clock;
    private final Map<String, ActiveRun> active = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watcher;
    private volatile Runnable slotFreed = () -> { };
    private volatile Runnable runEnded = () -> { };

    JobRunManager(JobStore store, BookmarkStore bookmarks, DriverLauncher launcher, RunLogs logs, Duration minute,
                  Duration stopGrace, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.bookmarks = requireNonNull(bookmarks, "bookmarks");
        this.launcher = requireNonNull(launcher, "launcher");
        this.logs = requireNonNull(logs, "logs");
        this.minute = requireNonNull(minute, "minute");
        this.stopGrace = requireNonNull(stopGrace, "stopGrace");
        this.clock = requireNonNull(clock, "clock");
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mortar-job-runs");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(this::poll, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    DriverLauncher launcher() {
        return launcher;
    }

    RunLogs logs() {
        return logs;
    }

    /** Called whenever a driver slot frees (a run ended): the queue may start its next run. */
    void onSlotFreed(Runnable listener) {
        this.slotFreed = requireNonNull(listener, "listener");
    }

    /** Called after a run's end is recorded (the orchestration reacts to it at once instead of at its next tick). */
    void onRunEnded(Runnable listener) {
        this.runEnded = requireNonNull(listener, "listener");
    }

    /** Driver slots in use: runs claimed from the queue, launching, running or stopping. */
    int driversInUse() {
        return active.size();
    }

    /** The runs holding driver slots, as claimed (the queue weighs them by kind against the memory budget). */
    List<StoredJobRun> runsInSlots() {
        return active.values().stream().map(current -> current.run).toList();
    }

    /**
     * The run of this job that holds its job bookmark: one with {@code job-bookmark-enable} holding a driver slot.
     * Such runs take turns (the queue starts the next when this one ends), so each reads what the one before
     * committed: two runs never read the same new data, and none is skipped.
     */
    Optional<String> bookmarkHolder(String jobName) {
        return active.values().stream().filter(current -> current.run.jobName().equals(jobName)
                && advancesBookmark(current.run)).map(current -> current.run.id()).findFirst();
    }

    static boolean advancesBookmark(StoredJobRun run) {
        return BookmarkArguments.ENABLE.equals(run.arguments().get(EffectiveArguments.BOOKMARK_OPTION));
    }

    /** This job's runs holding a driver slot, for its MaxConcurrentRuns. */
    int driversInUse(String jobName) {
        return (int) active.values().stream().filter(current -> current.run.jobName().equals(jobName)).count();
    }

    // ---------------------------------------------------------------- launching

    /**
     * Takes a WAITING run out of the queue (WAITING → STARTING in the store) and launches its driver. The slot is
     * held from before the claim, so a stop that arrives between the claim and the launch finds the run and the
     * driver is never started. False when the run was no longer waiting.
     */
    boolean start(StoredJobRun waiting) {
        ActiveRun current = new ActiveRun(waiting, logs.runDir(waiting.id()), Instant.MAX);
        active.put(waiting.id(), current);
        Optional<StoredJobRun> claimed;
        try {
            claimed = store.claimWaiting(waiting.id(), clock.instant());
        } catch (RuntimeException e) {
            active.remove(waiting.id());
            throw e;
        }
        if (claimed.isEmpty()) {
            active.remove(waiting.id());
            if (current.ending != null) {
                settle(current, new Result("STOPPED", null)); // stopped while it waited
            }
            return false;
        }
        current.run = claimed.get();
        current.deadline = deadline(claimed.get());
        launch(current);
        return true;
    }

    /** Launches the driver of a claimed run. A launch failure ends the run FAILED, saying why. */
    private void launch(ActiveRun current) {
        StoredJobRun run = current.run;
        if (current.ending != null) {
            settle(current, new Result("STOPPED", null)); // stopped before its driver existed
            return;
        }
        Process process;
        try {
            Files.createDirectories(current.runDir);
            createTempDir(run);
            process = launcher.launch(run, current.runDir);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot launch the driver of run {}", run.id(), e);
            settle(current, new Result("FAILED", "Mortar could not launch the job driver: " + e.getMessage()));
            return;
        }
        ProcessHandle handle = process.toHandle();
        current.process = handle;
        // Watched before anything else can fail: a driver that exists is never left unwatched.
        process.onExit().thenRunAsync(() -> exited(current, process.exitValue()), watcher);
        LOG.info("Run {} of job {} (attempt {}): driver pid {}", run.id(), run.jobName(), run.attempt(),
                handle.pid());
        recordLaunch(current);
        if (current.ending != null) {
            terminate(current); // stopped while it was being launched
        }
    }

    /** Stores the driver's pid; when the store cannot take it now, the poll tries again. */
    private void recordLaunch(ActiveRun current) {
        ProcessHandle handle = current.process;
        try {
            store.markLaunched(current.run.id(), handle.pid(), handle.info().startInstant().orElse(null),
                    current.runDir.toString(), clock.instant());
            current.launchRecorded = true;
        } catch (RuntimeException e) {
            LOG.warn("Cannot record the driver of run {} yet (pid {}); trying again: {}", current.run.id(),
                    handle.pid(), e.toString());
        }
    }

    /** The default {@code --TempDir} is a folder of the run's; a job may expect it to exist, as Glue's does. */
    private void createTempDir(StoredJobRun run) throws IOException {
        String tempDir = run.arguments().get(EffectiveArguments.TEMP_DIR);
        if (tempDir != null && Path.of(tempDir).startsWith(logs.runDir(""))) {
            Files.createDirectories(Path.of(tempDir));
        }
    }

    /** Timeout counts from the end of the wait: the time a run consumes resources, as Glue's. */
    private Instant deadline(StoredJobRun run) {
        return run.executionStart().plus(minute.multipliedBy(run.timeoutMinutes()));
    }

    // ---------------------------------------------------------------- watching

    private void poll() {
        Instant now = clock.instant();
        for (ActiveRun current : active.values()) {
            try {
                if (current.unrecorded != null) {
                    settle(current, current.unrecorded);
                    continue;
                }
                if (current.process != null && !current.launchRecorded) {
                    recordLaunch(current);
                }
                if (!current.running && current.process != null && current.ending == null) {
                    Optional<DriverStatus> status = DriverStatus.read(current.runDir);
                    if (status.isPresent() && status.get().started()) {
                        current.running = true;
                        store.markRunning(current.run.id(), now);
                    }
                }
                if (current.ending == null && now.isAfter(current.deadline)) {
                    LOG.info("Run {} reached its timeout of {} minutes", current.run.id(), current.run.timeoutMinutes());
                    current.ending = Ending.TIMEOUT;
                    terminate(current);
                }
                ProcessHandle process = current.process;
                if (current.killAt != null && now.isAfter(current.killAt) && process != null && process.isAlive()) {
                    LOG.info("Run {}: the driver did not exit within {} s of SIGTERM; killing it", current.run.id(),
                            stopGrace.toSeconds());
                    process.destroyForcibly();
                    current.killAt = null;
                }
            } catch (RuntimeException e) {
                LOG.warn("Watching run {} failed: {}", current.run.id(), e.toString());
            }
        }
    }

    /** SIGTERM now (Spark's shutdown hooks stop the context), SIGKILL after the grace period. */
    private void terminate(ActiveRun current) {
        ProcessHandle process = current.process;
        if (process == null) {
            return; // not launched yet: launch() terminates it as soon as it is
        }
        current.killAt = clock.instant().plus(stopGrace);
        process.destroy();
    }

    /** The driver is gone: the run ends as the server decided, or as the driver reported. */
    private void exited(ActiveRun current, Integer exitCode) {
        Result result;
        if (current.ending == Ending.STOP) {
            result = new Result("STOPPED", null);
        } else if (current.ending == Ending.TIMEOUT) {
            result = new Result("TIMEOUT", String.format("Job run timed out: it ran longer than its Timeout of %d"
                    + " minutes and was stopped.", current.run.timeoutMinutes()));
        } else {
            result = reported(current.runDir).orElseGet(() -> new Result("FAILED",
                    unreported(current.run.id(), current.runDir, exitCode)));
        }
        settle(current, result);
    }

    /** The final outcome the driver wrote to its status file, if it got that far. */
    private static Optional<Result> reported(Path runDir) {
        return DriverStatus.read(runDir).filter(DriverStatus::isFinal)
                .map(status -> status.state().equals("SUCCEEDED")
                        ? new Result("SUCCEEDED", null, status.bookmark().orElse(null))
                        : new Result("FAILED", status.error() == null ? "The job failed (its driver gave no error)."
                                : status.error()));
    }

    private static String unreported(String runId, Path runDir, Integer exitCode) {
        StringBuilder message = new StringBuilder(exitCode == null
                ? "The driver exited without reporting a result"
                : "The driver exited with code " + exitCode + " without reporting a result");
        message.append("; see `mortar logs ").append(runId).append('`');
        List<String> tail = RunLogs.tail(runDir.resolve(RunLogs.LOG_FILE), LOG_TAIL_LINES);
        if (!tail.isEmpty()) {
            message.append(". Last lines of driver.log:\n").append(String.join("\n", tail));
        }
        return message.toString();
    }

    /** How a run ends; a succeeded run may bring the job bookmark its driver committed. */
    private record Result(String state, String errorMessage, DriverStatus.Bookmark bookmark) {
        Result(String state, String errorMessage) {
            this(state, errorMessage, null);
        }
    }

    /**
     * Records the run's end (and the retry it earns, queued in the same transaction) and frees its slot. When the
     * store cannot record it now, the run keeps its slot and the poll tries again: an end is never lost.
     */
    private void settle(ActiveRun current, Result reported) {
        Optional<JobStore.Finished> finished;
        Result result = reported;
        try {
            result = withBookmarkCommitted(current.run, reported);
            boolean driverStarted = current.process != null;
            Result ending = result;
            finished = store.finish(current.run.id(), run -> outcome(run, ending, clock.instant(), driverStarted),
                    this::retryOf);
        } catch (RuntimeException e) {
            LOG.error("Cannot record the end of run {} ({}) yet; trying again", current.run.id(), result.state(), e);
            current.unrecorded = reported;
            active.putIfAbsent(current.run.id(), current);
            return;
        }
        active.remove(current.run.id());
        revokeCredential(current.run.id());
        finished.ifPresent(f -> LOG.info("Run {} of job {} ended {}{}", f.run().id(), f.run().jobName(),
                f.run().state(), f.run().errorMessage() == null ? ""
                        : ": " + f.run().errorMessage().lines().findFirst().orElse("")));
        slotFreed.run();
        runEnded.run();
    }

    /** The run has ended: its credential ends with it (it also expires on its own, should this fail). */
    private void revokeCredential(String runId) {
        try {
            launcher.credentials().revoke(runId);
        } catch (RuntimeException e) {
            LOG.warn("Cannot revoke the credential of run {} yet; it expires on its own", runId, e);
        }
    }

    /**
     * Commits the bookmark a succeeded run brought, before its success is recorded: by compare-and-set on the version
     * the run read, so a run whose base moved (a reset meanwhile, or another server's run) fails instead of skipping
     * or repeating data. Settling again (the store failed afterwards, or a restart) finds the commit already made by
     * this run and does not make it twice.
     */
    private Result withBookmarkCommitted(StoredJobRun run, Result result) {
        if (result.bookmark() == null || !result.state().equals("SUCCEEDED")) {
            return result;
        }
        if (bookmarks.committedBy(run.jobName(), run.id()).isPresent() || store.getJob(run.jobName()).isEmpty()) {
            return result; // committed already, or the job was deleted (its bookmark with it) while the run ran
        }
        try {
            StoredBookmark committed = bookmarks.commit(run.jobName(), result.bookmark().baseVersion(), run.id(),
                    run.attempt(), result.bookmark().document());
            LOG.info("Run {} of job {} committed its job bookmark as version {}", run.id(), run.jobName(),
                    committed.version());
            return result;
        } catch (GlueException e) {
            if (e.code() != GlueErrorCode.CONCURRENT_MODIFICATION) {
                throw e;
            }
            return new Result("FAILED", "The job succeeded, but its job bookmark was not committed: " + e.getMessage()
                    + " The run's output is written; the next run reads this run's input again.");
        }
    }

    /** Ends a WAITING run that never got a driver (EXPIRED, or STOPPED): nothing ran, nothing is billed. */
    void endWaiting(StoredJobRun waiting, String state, String errorMessage) {
        store.finish(waiting.id(), run -> new JobStore.Outcome(state, errorMessage, clock.instant(), 0, 0),
                (failed, job) -> Optional.empty()).ifPresent(f -> LOG.info("Run {} of job {} ended {} in the queue",
                f.run().id(), f.run().jobName(), f.run().state()));
    }

    /**
     * ExecutionTime and DPUSeconds from the end of the wait; a run that never left the queue, or never got a driver
     * (stopped between the claim and the launch), ran for nothing.
     */
    private static JobStore.Outcome outcome(StoredJobRun run, Result result, Instant now, boolean driverStarted) {
        if (run.executionStartedOn() == null || !driverStarted && run.pid() == null) {
            return new JobStore.Outcome(result.state(), result.errorMessage(), now, 0, 0);
        }
        int seconds = (int) Math.max(0, Math.round(Duration.between(run.executionStart(), now).toMillis() / 1000.0));
        double dpuSeconds = RunCapacity.of(run).dpuSeconds(seconds);
        return new JobStore.Outcome(result.state(), result.errorMessage(), now, seconds, dpuSeconds);
    }

    /** A FAILED run of a job with retries left is attempted again: {@code <original>_attempt_<n>}. */
    private Optional<StoredJobRun> retryOf(StoredJobRun failed, Optional<StoredJob> job) {
        if (!failed.state().equals("FAILED") || job.isEmpty()) {
            return Optional.empty();
        }
        Job definition = GlueJson.read(job.get().document(), Job.builder());
        int maxRetries = definition.maxRetries() == null ? 0 : definition.maxRetries();
        if (failed.attempt() >= maxRetries) {
            return Optional.empty();
        }
        String original = failed.attempt() == 0 ? failed.id() : failed.previousRunId();
        int attempt = failed.attempt() + 1;
        String retryId = JobRunIds.retryId(original, attempt);
        return Optional.of(failed.retry(retryId, attempt, original,
                EffectiveArguments.forRetry(failed.arguments(), retryId), clock.instant(), RunQueue.RETRY_DETAIL));
    }

    // ---------------------------------------------------------------- stopping

    /**
     * BatchStopJobRun of one run the store just marked STOPPING: its driver gets SIGTERM, then SIGKILL after the
     * grace period, and the run ends STOPPED once the driver is gone.
     */
    void stop(StoredJobRun run) {
        ActiveRun current = active.get(run.id());
        if (current == null) {
            // A run that was waiting in the queue: no driver to end.
            endWaiting(run, "STOPPED", null);
            return;
        }
        if (current.ending == null) {
            current.ending = Ending.STOP;
        }
        terminate(current);
    }

    /** The job of a run in progress was deleted (with its runs): only the driver is left to end. */
    void abandon(String runId) {
        ActiveRun current = active.get(runId);
        if (current != null) {
            current.ending = Ending.STOP;
            terminate(current);
        }
    }

    // ---------------------------------------------------------------- restart

    /**
     * Settles every run a previous server left in progress: a driver still alive (the same pid with the same
     * process start time, so a reused pid is not mistaken for it; or, when the server died before recording the
     * pid, the process whose arguments name the run) is watched again; a run claimed from the queue whose driver
     * never started goes back to its place in the queue; a run whose driver is gone ends as its status file says,
     * or FAILED as lost. Stopping runs end STOPPED. WAITING runs stay queued.
     */
    void reconcile() {
        for (StoredJobRun run : store.runsInProgress()) {
            if (run.state().equals("WAITING")) {
                continue;
            }
            Path runDir = logs.runDir(run);
            ActiveRun current = new ActiveRun(run, runDir, deadline(run));
            Optional<ProcessHandle> driver = run.pid() != null ? liveDriver(run) : driverNaming(run.id());
            if (run.state().equals("STOPPING")) {
                current.ending = Ending.STOP;
            }
            if (driver.isPresent()) {
                LOG.info("Run {} of job {}: driver pid {} survived the restart; watching it again", run.id(),
                        run.jobName(), driver.get().pid());
                current.process = driver.get();
                current.launchRecorded = run.pid() != null; // else the poll records it
                active.put(run.id(), current);
                driver.get().onExit().thenRunAsync(() -> exited(current, null), watcher);
                if (current.ending != null) {
                    terminate(current);
                }
            } else if (current.ending == Ending.STOP) {
                settle(current, new Result("STOPPED", null));
            } else if (run.pid() == null && !Files.exists(runDir.resolve(DriverStatus.FILE_NAME))
                    && store.requeue(run.id(), RunQueue.REQUEUED_DETAIL, clock.instant())) {
                // No process carries its id and none wrote a status, so its job never began: a launch the kill cut
                // short (driver.log is opened before the driver exists), or one that never came.
                LOG.info("Run {} of job {}: its driver never started; back in the queue", run.id(), run.jobName());
            } else {
                LOG.info("Run {} of job {}: its driver is gone", run.id(), run.jobName());
                settle(current, reported(runDir).orElse(new Result("FAILED", LOST_MESSAGE)));
            }
        }
    }

    /**
     * The live driver whose command line carries this run's {@code --JOB_RUN_ID}, found by its arguments. A process
     * the driver itself spawns carries the same arguments until it execs: the driver is the one whose parent does not
     * (and the earliest started, should a copy's parent be unknown).
     */
    private static Optional<ProcessHandle> driverNaming(String runId) {
        List<ProcessHandle> naming = ProcessHandle.allProcesses().filter(process -> process.info().arguments()
                .map(arguments -> namesRun(arguments, runId)).orElse(false)).toList();
        // A copy's parent may be unknown for a moment (it is being forked or reaped): of what is left, the driver
        // is the one that started first.
        return naming.stream().filter(process -> process.parent().map(parent -> !naming.contains(parent))
                .orElse(true)).min(java.util.Comparator.comparing(process -> process.info().startInstant()
                        .orElse(java.time.Instant.MAX)));
    }

    private static boolean namesRun(String[] arguments, String runId) {
        for (int i = 0; i + 1 < arguments.length; i++) {
            if (arguments[i].equals(EffectiveArguments.JOB_RUN_ID) && arguments[i + 1].equals(runId)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<ProcessHandle> liveDriver(StoredJobRun run) {
        if (run.pid() == null || run.processStart() == null) {
            return Optional.empty();
        }
        return ProcessHandle.of(run.pid()).filter(ProcessHandle::isAlive).filter(handle -> handle.info()
                .startInstant().map(start -> Duration.between(start, run.processStart()).abs()
                        .compareTo(START_TIME_TOLERANCE) <= 0).orElse(false));
    }

    /**
     * Stops watching. Drivers keep running: they are adopted again by the next server on this store, as after a
     * crash, so restarting the server never ends a run.
     */
    @Override
    public void close() {
        watcher.shutdownNow();
    }
}

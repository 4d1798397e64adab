package io.mortar.store.jobs;

import io.mortar.store.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Jobs and their runs. Every method is one atomic transaction. Job tags live under the job's ARN with every other
 * resource's tags, so TagResource and GetTags work on jobs as on any resource.
 */
public interface JobStore {

    /**
     * Creates the job with exactly these tags.
     *
     * @throws io.mortar.model.GlueException ALREADY_EXISTS
     */
    void createJob(String name, String document, Instant now, String arn, Map<String, String> tags);

    Optional<StoredJob> getJob(String name);

    /**
     * Jobs in name order after {@code afterName}; with tags, only jobs carrying every one of them (a job's ARN is
     * {@code arnPrefix} followed by its name).
     */
    Page<StoredJob> listJobs(String afterName, int limit, Map<String, String> tags, String arnPrefix);

    /** @return false when there is no such job */
    boolean updateJob(String name, String document, Instant now);

    /**
     * Deletes the job, its runs, its bookmark (and its history) and its tags; returns the runs that were still in
     * progress (to be stopped).
     */
    List<StoredJobRun> deleteJob(String name, String arn);

    /**
     * Starts a run atomically: the job is locked, its runs in progress counted and the new run inserted together,
     * so two simultaneous starts can never both pass a MaxConcurrentRuns check.
     *
     * @param plan given the job and how many of its runs are in progress, the run to insert; it throws a
     *     GlueException (nothing is written) when the run may not start
     * @throws io.mortar.model.GlueException ENTITY_NOT_FOUND when there is no such job
     */
    StoredJobRun startRun(String jobName, RunPlanner plan);

    Optional<StoredJobRun> getRun(String jobName, String runId);

    /** A run by id alone (run ids are unique across jobs), for the log endpoint. */
    Optional<StoredJobRun> findRun(String runId);

    /** A job's runs, newest first (by start time, then id); the cursor is the last run's start time and id. */
    Page<StoredJobRun> listRuns(String jobName, RunCursor after, int limit);

    /** Every run still in progress, of every job, oldest first: what a starting server must reconcile. */
    List<StoredJobRun> runsInProgress();

    /**
     * The queue: WAITING runs of every job in the order they were started (start time, then id), after the
     * cursor ({@code null}: from the head).
     */
    List<StoredJobRun> waitingRuns(RunCursor after, int limit);

    /**
     * WAITING → STARTING: the run leaves the queue for its driver; its execution starts now and its StateDetail is
     * cleared. Empty when the run is not WAITING any more (stopped, or its job deleted).
     */
    Optional<StoredJobRun> claimWaiting(String runId, Instant now);

    /**
     * STARTING → WAITING, for a run whose driver was never launched (a server died between claiming and launching
     * it): it goes back to its place in the queue. False when the run is not STARTING or has a driver recorded.
     */
    boolean requeue(String runId, String stateDetail, Instant now);

    /**
     * Says why a WAITING run waits (its StateDetail), when the reason changes while it waits; false when the run is
     * not WAITING any more.
     */
    boolean describeWaiting(String runId, String stateDetail);

    /** Records the driver process of a run that was just launched. */
    void markLaunched(String runId, long pid, Instant processStart, String runDir, Instant now);

    /** STARTING → RUNNING; false when the run is no longer STARTING (stopping, or already over). */
    boolean markRunning(String runId, Instant now);

    /** STARTING/RUNNING/WAITING → STOPPING; false when the run is not in one of those states. */
    boolean markStopping(String runId, Instant now);

    /**
     * Ends a run in progress and, in the same transaction, inserts the retry the planner asks for, so a run is
     * retried exactly once even when the server dies around it. Empty when the run was not in progress any more.
     */
    Optional<Finished> finish(String runId, Function<StoredJobRun, Outcome> outcomeOf, RetryPlanner retries);

    @FunctionalInterface
    interface RunPlanner {
        StoredJobRun plan(StoredJob job, int runsInProgress);
    }

    /** How a run ended. */
    record Outcome(String state, String errorMessage, Instant completedOn, int executionTime, double dpuSeconds) {}

    /** A run just ended, and the retry started in its place, if any. */
    record Finished(StoredJobRun run, Optional<StoredJobRun> retry) {}

    @FunctionalInterface
    interface RetryPlanner {
        Optional<StoredJobRun> plan(StoredJobRun failed, Optional<StoredJob> job);
    }
}

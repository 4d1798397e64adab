package io.mortar.store.jobs;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run attempt as stored: the JobRun fields, and the driver process executing it (its pid and start time,
 * so that a restarted server can tell the pid still names that process) with the run directory.
 *
 * @param state a {@code JobRunState} name
 * @param startedOn when the run was started (StartJobRun, or its retry): the queue is in this order
 * @param arguments the effective arguments the driver received
 * @param queuingEnabled Glue's JobRunQueuingEnabled: over the job's MaxConcurrentRuns the run waits instead of failing
 * @param stateDetail why a WAITING run waits (Glue's StateDetail); null otherwise
 * @param executionStartedOn when the run left the queue for its driver: ExecutionTime, DPUSeconds and Timeout count
 *     from here, so time spent WAITING is never billed as execution; null while it waits
 * @param command the job's Command.Name when the run started ({@value #GLUEETL} or {@value #PYTHONSHELL}): what kind
 *     of driver runs it, whatever the job becomes afterwards
 */
public record StoredJobRun(String id, String jobName, int attempt, String previousRunId, String triggerName,
                           String state, Instant startedOn, Instant lastModifiedOn, Instant completedOn,
                           Integer executionTime, String errorMessage, Map<String, String> arguments,
                           int timeoutMinutes, Double maxCapacity, String workerType, Integer numberOfWorkers,
                           String glueVersion, String executionClass, Double dpuSeconds, Long pid,
                           Instant processStart, String runDir, boolean queuingEnabled, String stateDetail,
                           Instant executionStartedOn, String command) {
    public static final String GLUEETL = "glueetl";
    public static final String PYTHONSHELL = "pythonshell";
    /** The states of a run still in progress: they count against MaxConcurrentRuns and are reconciled on restart. */
    public static final List<String> IN_PROGRESS = List.of("STARTING", "RUNNING", "STOPPING", "WAITING");

    public StoredJobRun {
        requireNonNull(id, "id");
        requireNonNull(jobName, "jobName");
        requireNonNull(state, "state");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments)); // in the order the driver got them
        requireNonNull(command, "command");
    }

    /** A run of a Spark ({@value #GLUEETL}) job. */
    public StoredJobRun(String id, String jobName, int attempt, String previousRunId, String triggerName,
                        String state, Instant startedOn, Instant lastModifiedOn, Instant completedOn,
                        Integer executionTime, String errorMessage, Map<String, String> arguments,
                        int timeoutMinutes, Double maxCapacity, String workerType, Integer numberOfWorkers,
                        String glueVersion, String executionClass, Double dpuSeconds, Long pid,
                        Instant processStart, String runDir, boolean queuingEnabled, String stateDetail,
                        Instant executionStartedOn) {
        this(id, jobName, attempt, previousRunId, triggerName, state, startedOn, lastModifiedOn, completedOn,
                executionTime, errorMessage, arguments, timeoutMinutes, maxCapacity, workerType, numberOfWorkers,
                glueVersion, executionClass, dpuSeconds, pid, processStart, runDir, queuingEnabled, stateDetail,
                executionStartedOn, GLUEETL);
    }

    /** Whether the run is a Python shell job's: a Python process, no Spark. */
    public boolean pythonShell() {
        return PYTHONSHELL.equals(command);
    }

    public boolean inProgress() {
        return IN_PROGRESS.contains(state);
    }

    /** Where execution time counts from: the end of its wait, or (runs stored before queuing) its start. */
    public Instant executionStart() {
        return executionStartedOn != null ? executionStartedOn : startedOn;
    }

    /** A new attempt of this run, queued (WAITING) now, with its own id and arguments. */
    public StoredJobRun retry(String retryId, int retryAttempt, String originalId, Map<String, String> retryArguments,
                              Instant now, String retryStateDetail) {
        return new StoredJobRun(retryId, jobName, retryAttempt, originalId, triggerName, "WAITING", now, now, null,
                null, null, retryArguments, timeoutMinutes, maxCapacity, workerType, numberOfWorkers, glueVersion,
                executionClass, null, null, null, null, queuingEnabled, retryStateDetail, null, command);
    }
}

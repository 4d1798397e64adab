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
 * @param arguments the effective arguments the driver received
 */
public record StoredJobRun(String id, String jobName, int attempt, String previousRunId, String triggerName,
                           String state, Instant startedOn, Instant lastModifiedOn, Instant completedOn,
                           Integer executionTime, String errorMessage, Map<String, String> arguments,
                           int timeoutMinutes, Double maxCapacity, String workerType, Integer numberOfWorkers,
                           String glueVersion, String executionClass, Double dpuSeconds, Long pid,
                           Instant processStart, String runDir) {
    /** The states of a run still in progress: they count against MaxConcurrentRuns and are reconciled on restart. */
    public static final List<String> IN_PROGRESS = List.of("STARTING", "RUNNING", "STOPPING", "WAITING");

    public StoredJobRun {
        requireNonNull(id, "id");
        requireNonNull(jobName, "jobName");
        requireNonNull(state, "state");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments)); // in the order the driver got them
    }

    public boolean inProgress() {
        return IN_PROGRESS.contains(state);
    }

    /** A new attempt of this run, STARTING now, with its own id and arguments. */
    public StoredJobRun retry(String retryId, int retryAttempt, String originalId, Map<String, String> retryArguments,
                              Instant now) {
        return new StoredJobRun(retryId, jobName, retryAttempt, originalId, triggerName, "STARTING", now, now, null,
                null, null, retryArguments, timeoutMinutes, maxCapacity, workerType, numberOfWorkers, glueVersion,
                executionClass, null, null, null, null);
    }
}

package io.mortar.store.workflows;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a workflow: Glue's {@code WorkflowRun} without its graph and statistics, which the service derives from
 * the run's actions ({@link WorkflowStore#actions}).
 *
 * @param status RUNNING, COMPLETED, STOPPING, STOPPED or ERROR
 * @param previousRunId the run a resume continued; null otherwise
 * @param properties the run properties (defaults overlaid by the start's, then what jobs put)
 * @param startingBatch the batch of events that started the run; null for a run started otherwise. Written with the
 *     run and never changed ({@link WorkflowStore#changeRun} leaves it as stored)
 */
public record StoredWorkflowRun(String runId, String workflowName, String status, String previousRunId,
                                Map<String, String> properties, Instant startedOn, Instant completedOn,
                                String errorMessage, StartingBatch startingBatch) {

    /** Why the batch that started a run closed: its size reached, or its window (seconds) passed. */
    public record StartingBatch(int batchSize, int batchWindow) {}

    /** A run no batch of events started. */
    public StoredWorkflowRun(String runId, String workflowName, String status, String previousRunId,
                             Map<String, String> properties, Instant startedOn, Instant completedOn,
                             String errorMessage) {
        this(runId, workflowName, status, previousRunId, properties, startedOn, completedOn, errorMessage, null);
    }

    public StoredWorkflowRun {
        requireNonNull(runId, "runId");
        requireNonNull(workflowName, "workflowName");
        requireNonNull(status, "status");
        requireNonNull(startedOn, "startedOn");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** Whether the run may still start actions (RUNNING) or is being stopped. */
    public boolean inProgress() {
        return status.equals("RUNNING") || status.equals("STOPPING");
    }
}

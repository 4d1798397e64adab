package io.mortar.store.workflows;

import io.mortar.store.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Workflows and their runs. Every method is one atomic transaction. Tags live under the workflow's ARN with every
 * other resource's tags.
 *
 * <p>An action a run takes (a trigger's action starting a job or a crawler) is claimed before it starts
 * ({@link #claimAction}), keyed by the run and the action, so a server that dies after claiming and restarts — or a
 * second server — never starts it twice; the claim then records what was started ({@link #recordAction}).
 */
public interface WorkflowStore {

    /**
     * Creates the workflow with exactly these tags.
     *
     * @throws io.mortar.model.GlueException ALREADY_EXISTS
     */
    void create(StoredWorkflow workflow, String arn, Map<String, String> tags);

    Optional<StoredWorkflow> get(String name);

    /** Workflows in name order after {@code afterName}. */
    Page<StoredWorkflow> listWorkflows(String afterName, int limit);

    /**
     * Replaces a workflow with what {@code change} makes of it, locked meanwhile; {@code change} throws a
     * GlueException to refuse (nothing is written).
     *
     * @throws io.mortar.model.GlueException ENTITY_NOT_FOUND
     */
    StoredWorkflow change(String name, UnaryOperator<StoredWorkflow> change);

    /**
     * Deletes the workflow, its runs, their actions and its tags after {@code check} accepted it (it throws to
     * refuse); false if there is no such workflow.
     */
    boolean delete(String name, String arn, Consumer<StoredWorkflow> check);

    /**
     * Starts a run atomically: the workflow is locked, its runs in progress counted and the run inserted together, so
     * two simultaneous starts never both pass a MaxConcurrentRuns check.
     *
     * @param plan given the workflow and how many of its runs are in progress, the run to insert; it throws a
     *     GlueException (nothing is written) when the run may not start
     * @throws io.mortar.model.GlueException ENTITY_NOT_FOUND when there is no such workflow
     */
    default StoredWorkflowRun startRun(String workflowName, RunPlanner plan) {
        return startRun(workflowName, null, plan, Map.of());
    }

    /**
     * Starts a run as {@link #startRun(String, RunPlanner)} does, idempotently and with the actions it begins with,
     * in one transaction: when a run {@code runId} exists already it is answered and nothing is planned or written
     * (a firing retried after a crash, or made by two servers, starts one run); otherwise the planned run (which must
     * carry {@code runId}) is inserted with {@code actions} claimed and recorded (action key → what it started, null
     * for claimed only), so no one ever sees the run without them.
     *
     * @param runId the run's id when the caller derives it (a firing's); null for a fresh run
     */
    StoredWorkflowRun startRun(String workflowName, String runId, RunPlanner plan, Map<String, String> actions);

    /** Decides a new run from the workflow and its runs in progress. */
    @FunctionalInterface
    interface RunPlanner {
        StoredWorkflowRun plan(StoredWorkflow workflow, int runsInProgress);
    }

    Optional<StoredWorkflowRun> getRun(String workflowName, String runId);

    /** A workflow's runs, newest first (by start time, then id), after the run {@code afterRunId} of that order. */
    Page<StoredWorkflowRun> listRuns(String workflowName, String afterRunId, int limit);

    /** Every run in progress, of every workflow, oldest first: what a starting server continues. */
    List<StoredWorkflowRun> runsInProgress();

    /**
     * Replaces a run with what {@code change} makes of it, locked meanwhile (status, properties, end).
     *
     * @throws io.mortar.model.GlueException ENTITY_NOT_FOUND
     */
    StoredWorkflowRun changeRun(String runId, UnaryOperator<StoredWorkflowRun> change);

    /** Claims an action of a run: true for the one caller that may start it, false once it is claimed. */
    boolean claimAction(String runId, String actionKey, Instant now);

    /** Records what a claimed action started (a job run id, a crawler name). */
    void recordAction(String runId, String actionKey, String started, Instant now);

    /** A run's claimed actions in the order they were claimed. */
    List<StoredAction> actions(String runId);

    /** An action a run claimed, and what it started once recorded (null before). */
    record StoredAction(String runId, String actionKey, String started, Instant claimedAt) {}
}

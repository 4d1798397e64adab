package io.mortar.server.orchestration;

import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueException;
import io.mortar.store.triggers.StoredTrigger;
import io.mortar.store.triggers.TriggerStore;
import io.mortar.store.workflows.StoredWorkflowRun;
import io.mortar.store.workflows.WorkflowStore;
import io.mortar.store.workflows.WorkflowStore.StoredAction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.TriggerType;

/**
 * Moves a workflow run on from what the store says, so any server — this one after a restart, or another one on the
 * same store — can take it over at any point: every trigger the run has fired gets each of its actions started;
 * every ACTIVATED conditional trigger of the workflow whose predicate holds over the states of this run's nodes fires;
 * when nothing runs and nothing more fires, the run is COMPLETED, whether or not nodes failed (as Glue's).
 *
 * <p>Each firing and each node is claimed in the store before it starts ({@link WorkflowStore#claimAction}), and what a
 * node starts has an id derived from the run and the node, so a node claimed by a server that died before recording
 * what it started is started again under the same id — finding it there if it had started — and never twice.
 */
final class WorkflowRunEngine {
    private static final Logger LOG = LoggerFactory.getLogger(WorkflowRunEngine.class);
    static final String WORKFLOW_NAME_ARGUMENT = "--WORKFLOW_NAME";
    static final String WORKFLOW_RUN_ID_ARGUMENT = "--WORKFLOW_RUN_ID";
    /**
     * A claim left unrecorded this long is taken to belong to a server that died: its node is started again (under
     * the same id). A live server records its start within milliseconds.
     */
    private static final Duration ORPHANED_CLAIM = Duration.ofSeconds(15);

    private final TriggerStore triggers;
    private final WorkflowStore workflows;
    private final NodeStates states;
    private final Actions actions;
    private final Clock clock;

    WorkflowRunEngine(TriggerStore triggers, WorkflowStore workflows, NodeStates states, Actions actions,
                      Clock clock) {
        this.triggers = requireNonNull(triggers, "triggers");
        this.workflows = requireNonNull(workflows, "workflows");
        this.states = requireNonNull(states, "states");
        this.actions = requireNonNull(actions, "actions");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Moves every run in progress on. */
    void advanceAll() {
        for (StoredWorkflowRun run : workflows.runsInProgress()) {
            try {
                advance(run);
            } catch (RuntimeException e) {
                LOG.warn("Workflow {} run {}: could not move on ({}); trying again", run.workflowName(), run.runId(),
                        e.toString());
            }
        }
    }

    /** One step of a run: start what is due, then see whether it is over. */
    void advance(StoredWorkflowRun run) {
        Map<String, StoredAction> claimed = claimed(run.runId());
        if (run.status().equals("STOPPING")) {
            stopping(run, claimed);
            return;
        }
        List<StoredTrigger> members = triggers.inWorkflow(run.workflowName());
        // Each node's state is read once per step: a node ending mid-step (its run's end is recorded on another
        // thread) must not look unfinished to the predicates and finished to the completion check, which would end
        // the run without firing what follows it.
        Map<String, String> seen = new HashMap<>();
        boolean moved = false;
        for (StoredTrigger stored : members) {
            NodeKey key = NodeKey.trigger(stored.name());
            if (!claimed.containsKey(key.key())) {
                if (!firesNow(stored, claimed, seen)) {
                    continue;
                }
                if (!workflows.claimAction(run.runId(), key.key(), clock.instant())) {
                    moved = true; // another server fired it since the claims were read: not over on that reading
                    continue; // its actions follow from that server or the next step
                }
                LOG.info("Workflow {} run {}: trigger {} fired", run.workflowName(), run.runId(), stored.name());
                moved = true;
            }
            Trigger trigger = TriggerDocuments.toTrigger(stored);
            for (Action action : trigger.actions()) {
                moved |= startNode(run, trigger, action, claimed);
            }
        }
        if (moved) {
            return; // what just started is seen at the next step
        }
        if (claimed.values().stream().allMatch(action -> over(action, seen))) {
            StoredWorkflowRun completed = workflows.changeRun(run.runId(), current -> current.status().equals("RUNNING")
                    ? new StoredWorkflowRun(current.runId(), current.workflowName(), "COMPLETED",
                            current.previousRunId(), current.properties(), current.startedOn(), clock.instant(), null)
                    : current);
            if (completed.status().equals("COMPLETED")) {
                LOG.info("Workflow {} run {} COMPLETED", run.workflowName(), run.runId());
            }
        }
    }

    /** The run's claims by key, job and crawler nodes and fired triggers alike. */
    private Map<String, StoredAction> claimed(String runId) {
        Map<String, StoredAction> claimed = new LinkedHashMap<>();
        for (StoredAction action : workflows.actions(runId)) {
            claimed.put(action.actionKey(), action);
        }
        return claimed;
    }

    /** An ACTIVATED conditional trigger whose predicate holds over this run's nodes. */
    private boolean firesNow(StoredTrigger stored, Map<String, StoredAction> claimed, Map<String, String> seen) {
        if (!stored.type().equals(TriggerType.CONDITIONAL.toString()) || !stored.state().equals("ACTIVATED")) {
            return false;
        }
        Trigger trigger = TriggerDocuments.toTrigger(stored);
        Map<NodeKey, Optional<String>> outcomes = new HashMap<>();
        return trigger.predicate() != null && Predicates.holds(trigger.predicate(), node ->
                outcomes.computeIfAbsent(node, key -> outcome(key, claimed.get(key.key()), seen)));
    }

    /** A node's final state in this run; empty when it has not run or is still running. */
    private Optional<String> outcome(NodeKey node, StoredAction action, Map<String, String> seen) {
        if (action == null || action.started() == null) {
            return Optional.empty();
        }
        String state = state(node, action.started(), seen);
        return NodeStates.isFinal(state) ? Optional.of(state) : Optional.empty();
    }

    /**
     * Claims and starts a trigger's action node unless the run has it: true when this step started it, or another
     * server claimed it since the claims were read. A claim another server made and has not recorded yet is left to
     * it, unless it is old enough to be orphaned.
     */
    private boolean startNode(StoredWorkflowRun run, Trigger trigger, Action action,
                              Map<String, StoredAction> claimed) {
        NodeKey node = NodeKey.of(action);
        StoredAction existing = claimed.get(node.key());
        Instant now = clock.instant();
        if (existing != null && (existing.started() != null
                || existing.claimedAt().plus(ORPHANED_CLAIM).isAfter(now))) {
            return false;
        }
        if (existing == null && !workflows.claimAction(run.runId(), node.key(), now)) {
            return true; // claimed elsewhere just now: the run moved, though not by this step
        }
        String cause = run.runId() + "/" + node.key();
        String started;
        try {
            if (node.type() == NodeKey.Type.JOB) {
                started = FiringIds.jobRun(cause);
                Map<String, String> arguments = new LinkedHashMap<>(TriggerFirer.arguments(action));
                arguments.put(WORKFLOW_NAME_ARGUMENT, run.workflowName());
                arguments.put(WORKFLOW_RUN_ID_ARGUMENT, run.runId());
                actions.startJob(node.name(), started, arguments, action.timeout(), trigger.name());
            } else {
                started = FiringIds.crawl(cause);
                actions.startCrawl(node.name(), started);
            }
            LOG.info("Workflow {} run {}: trigger {} started {} {}", run.workflowName(), run.runId(), trigger.name(),
                    node.type().toString().toLowerCase(java.util.Locale.ROOT), node.name());
        } catch (GlueException e) {
            started = NodeStates.REFUSED + e.code().wireName() + ": " + e.getMessage();
            LOG.warn("Workflow {} run {}: {} {} could not start: {}", run.workflowName(), run.runId(),
                    node.type().toString().toLowerCase(java.util.Locale.ROOT), node.name(), e.getMessage());
        }
        workflows.recordAction(run.runId(), node.key(), started, clock.instant());
        claimed.put(node.key(), new StoredAction(run.runId(), node.key(), started, now));
        return true;
    }

    /** Whether a claim is settled: a fired trigger, or a node whose start is recorded and whose outcome is final. */
    private boolean over(StoredAction action, Map<String, String> seen) {
        NodeKey node = NodeKey.parse(action.actionKey());
        if (node.type() == NodeKey.Type.TRIGGER) {
            return true;
        }
        return action.started() != null && NodeStates.isFinal(state(node, action.started(), seen));
    }

    /** What a node started stands as this step first read it. */
    private String state(NodeKey node, String started, Map<String, String> seen) {
        return seen.computeIfAbsent(node.key(), key -> states.state(node.type(), started));
    }

    /** A run being stopped: what runs is stopped; once nothing runs, the run is STOPPED. */
    private void stopping(StoredWorkflowRun run, Map<String, StoredAction> claimed) {
        boolean running = false;
        for (StoredAction action : claimed.values()) {
            NodeKey node = NodeKey.parse(action.actionKey());
            if (node.type() == NodeKey.Type.TRIGGER || action.started() == null) {
                continue;
            }
            String state = states.state(node.type(), action.started());
            if (NodeStates.isFinal(state)) {
                continue;
            }
            running = true;
            if (node.type() == NodeKey.Type.JOB) {
                if (!state.equals("STOPPING")) {
                    actions.stopJob(node.name(), lastAttempt(action.started()));
                }
            } else {
                actions.stopCrawl(node.name());
            }
        }
        if (!running) {
            workflows.changeRun(run.runId(), current -> current.status().equals("STOPPING")
                    ? new StoredWorkflowRun(current.runId(), current.workflowName(), "STOPPED",
                            current.previousRunId(), current.properties(), current.startedOn(), clock.instant(),
                            current.errorMessage())
                    : current);
            LOG.info("Workflow {} run {} STOPPED", run.workflowName(), run.runId());
        }
    }

    private String lastAttempt(String runId) {
        var attempts = states.attempts(runId);
        return attempts.isEmpty() ? runId : attempts.get(attempts.size() - 1).id();
    }
}

package io.mortar.server.orchestration;

import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import io.mortar.model.JsonStrings;
import io.mortar.store.triggers.StoredTrigger;
import io.mortar.store.triggers.TriggerStore;
import io.mortar.store.workflows.StoredWorkflow;
import io.mortar.store.workflows.StoredWorkflowRun;
import io.mortar.store.workflows.WorkflowStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.TriggerType;
import software.amazon.awssdk.services.glue.model.Workflow;

/**
 * Fires triggers: a trigger of a workflow starts a run of it (which then fires the trigger's actions); a trigger alone
 * starts its actions, each job run carrying its {@code TriggerName}. Every start is made under ids derived from its
 * cause (the firing's due time, the run end it reacts to, the event batch), so firing the same cause again — a server
 * that died half-way, or a second server — starts nothing twice.
 */
public final class TriggerFirer implements EventFiring {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerFirer.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Glue's run property naming the events a batch-started run was started by. */
    static final String EVENT_IDS_PROPERTY = "aws:eventIds";

    private final TriggerStore triggers;
    private final WorkflowStore workflows;
    private final Actions actions;
    private final Clock clock;
    private volatile Runnable started = () -> { };

    TriggerFirer(TriggerStore triggers, WorkflowStore workflows, Actions actions, Clock clock) {
        this.triggers = requireNonNull(triggers, "triggers");
        this.workflows = requireNonNull(workflows, "workflows");
        this.actions = requireNonNull(actions, "actions");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Called when a workflow run starts, so its first actions start at once rather than at the next tick. */
    void onRunStarted(Runnable listener) {
        this.started = requireNonNull(listener, "listener");
    }

    // ---------------------------------------------------------------- the causes

    /**
     * StartWorkflowRun: a run whose properties are the workflow's defaults overlaid by {@code runProperties}, firing
     * the workflow's start triggers (those that are not conditional).
     *
     * @throws GlueException EntityNotFound, or ConcurrentRunsExceeded at the workflow's MaxConcurrentRuns
     */
    public StoredWorkflowRun startWorkflowRun(String workflowName, Map<String, String> runProperties) {
        Map<String, String> claims = new LinkedHashMap<>();
        for (StoredTrigger trigger : triggers.inWorkflow(workflowName)) {
            if (!trigger.type().equals(TriggerType.CONDITIONAL.toString())) {
                claims.put(NodeKey.trigger(trigger.name()).key(), null);
            }
        }
        return startRun(workflowName, FiringIds.workflowRun(randomCause()), runProperties, null, claims, false,
                null);
    }

    /**
     * StartTrigger of an ON_DEMAND trigger: a run of its workflow, or its actions when it has none.
     *
     * @throws GlueException ConcurrentRunsExceeded at the workflow's MaxConcurrentRuns
     */
    public void fireOnDemand(StoredTrigger trigger) {
        String cause = "trigger:" + trigger.name() + "#" + randomCause();
        if (trigger.workflowName() == null) {
            fireActions(trigger, cause);
        } else {
            startRun(trigger.workflowName(), FiringIds.workflowRun(cause), Map.of(), null, startedBy(trigger), false,
                    null);
        }
    }

    /**
     * The firing of a scheduled trigger due at {@code due}. A workflow at its MaxConcurrentRuns gets a run in state
     * ERROR saying so, as Glue's does.
     */
    void fireScheduled(StoredTrigger trigger, Instant due) {
        String cause = "trigger:" + trigger.name() + "@" + due.toEpochMilli();
        if (trigger.workflowName() == null) {
            fireActions(trigger, cause);
        } else {
            startRun(trigger.workflowName(), FiringIds.workflowRun(cause), Map.of(), null, startedBy(trigger), true,
                    null);
        }
    }

    /** A conditional trigger outside any workflow reacting to one run's end ({@code cause} names it). */
    void fireReaction(StoredTrigger trigger, String cause) {
        fireActions(trigger, "trigger:" + trigger.name() + "<-" + cause);
    }

    @Override
    public void fireBatch(String triggerName, String batchId, List<String> eventIds, BatchCondition condition) {
        StoredTrigger trigger = triggers.get(triggerName).orElseThrow(() ->
                GlueException.entityNotFound("Trigger %s not found.", triggerName));
        if (!trigger.type().equals(TriggerType.EVENT.toString()) || !trigger.state().equals("ACTIVATED")) {
            throw GlueException.invalidInput("Trigger %s is %s %s: only an ACTIVATED EVENT trigger fires for events.",
                    triggerName, trigger.state(), trigger.type());
        }
        String cause = "trigger:" + triggerName + "~" + batchId;
        if (trigger.workflowName() == null) {
            fireActions(trigger, cause);
        } else {
            startRun(trigger.workflowName(), FiringIds.workflowRun(cause),
                    Map.of(EVENT_IDS_PROPERTY, JsonStrings.writeList(eventIds)), null, startedBy(trigger), false,
                    new StoredWorkflowRun.StartingBatch(condition.batchSize(), condition.batchWindowSeconds()));
        }
    }

    /**
     * ResumeWorkflowRun: a new run of {@code previous}'s workflow with its properties, whose PreviousRunId is it,
     * beginning with {@code claims} (what it carries over from the previous run).
     *
     * @throws GlueException ConcurrentRunsExceeded at the workflow's MaxConcurrentRuns
     */
    public StoredWorkflowRun resumeRun(StoredWorkflowRun previous, Map<String, String> claims) {
        return startRun(previous.workflowName(), FiringIds.workflowRun(randomCause()), previous.properties(),
                previous.runId(), claims, false, null);
    }

    // ---------------------------------------------------------------- starting

    private static Map<String, String> startedBy(StoredTrigger trigger) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put(NodeKey.trigger(trigger.name()).key(), null);
        return claims;
    }

    /**
     * Starts a run (idempotently under {@code runId}) that begins with {@code claims}.
     *
     * @param errorWhenFull at MaxConcurrentRuns, record a run in state ERROR instead of refusing
     */
    private StoredWorkflowRun startRun(String workflowName, String runId, Map<String, String> runProperties,
                                       String previousRunId, Map<String, String> claims, boolean errorWhenFull,
                                       StoredWorkflowRun.StartingBatch batch) {
        StoredWorkflowRun run = workflows.startRun(workflowName, runId, (workflow, inProgress) -> {
            Instant now = clock.instant();
            Map<String, String> properties = properties(workflow, runProperties);
            if (workflow.maxConcurrentRuns() != null && inProgress >= workflow.maxConcurrentRuns()) {
                String message = String.format("Concurrent runs exceeded for workflow: %s.", workflow.name());
                if (!errorWhenFull) {
                    throw GlueException.concurrentRunsExceeded("%s MaxConcurrentRuns is %d and %d run(s) are in"
                            + " progress.", message, workflow.maxConcurrentRuns(), inProgress);
                }
                return new StoredWorkflowRun(runId, workflowName, "ERROR", previousRunId, properties, now, now,
                        message, batch);
            }
            return new StoredWorkflowRun(runId, workflowName, "RUNNING", previousRunId, properties, now, null, null,
                    batch);
        }, claims); // an ERROR run is not in progress: it is never advanced, so its claims fire nothing
        if (run.status().equals("RUNNING")) {
            LOG.info("Workflow {} run {} started", workflowName, run.runId());
            started.run();
        } else if (run.status().equals("ERROR")) {
            LOG.warn("Workflow {}: {}", workflowName, run.errorMessage());
        }
        return run;
    }

    private static Map<String, String> properties(StoredWorkflow workflow, Map<String, String> runProperties) {
        Workflow definition = GlueJson.read(workflow.document(), Workflow.builder());
        Map<String, String> properties = new LinkedHashMap<>();
        if (definition.hasDefaultRunProperties()) {
            properties.putAll(definition.defaultRunProperties());
        }
        properties.putAll(runProperties);
        return properties;
    }

    /** A trigger outside any workflow: each of its actions starts, under ids derived from the cause. */
    private void fireActions(StoredTrigger stored, String cause) {
        Trigger trigger = TriggerDocuments.toTrigger(stored);
        List<Action> list = trigger.actions();
        for (int i = 0; i < list.size(); i++) {
            Action action = list.get(i);
            String actionCause = cause + "/" + i;
            try {
                boolean fresh = action.jobName() != null
                        ? actions.startJob(action.jobName(), FiringIds.jobRun(actionCause), arguments(action),
                                action.timeout(), trigger.name())
                        : actions.startCrawl(action.crawlerName(), FiringIds.crawl(actionCause));
                if (fresh) {
                    LOG.info("Trigger {} started {} {}", trigger.name(), action.jobName() != null ? "job" : "crawler",
                            action.jobName() != null ? action.jobName() : action.crawlerName());
                }
            } catch (GlueException e) {
                LOG.warn("Trigger {} could not start {} {}: {}", trigger.name(),
                        action.jobName() != null ? "job" : "crawler",
                        action.jobName() != null ? action.jobName() : action.crawlerName(),
                        e.code() == GlueErrorCode.CRAWLER_RUNNING ? "it is running" : e.getMessage());
            }
        }
    }

    static Map<String, String> arguments(Action action) {
        return action.hasArguments() ? action.arguments() : Map.of();
    }

    private static String randomCause() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

package io.mortar.server.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.model.GlueJson;
import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.jobs.JobStore;
import io.mortar.store.jobs.StoredJobRun;
import io.mortar.store.triggers.StoredTrigger;
import io.mortar.store.triggers.StoredTrigger.Kind;
import io.mortar.store.triggers.StoredTrigger.Ref;
import io.mortar.store.workflows.StoredWorkflow;
import io.mortar.store.workflows.StoredWorkflowRun;
import io.mortar.store.workflows.WorkflowStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.Condition;
import software.amazon.awssdk.services.glue.model.Predicate;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.TriggerType;
import software.amazon.awssdk.services.glue.model.Workflow;

/**
 * One step of a workflow run ({@link WorkflowRunEngine#advanceAll}) while the world changes underneath it: a job run
 * ends on the job manager's thread at any moment (and a restarted server's reconciliation settles the runs a killed
 * server left while the orchestration already steps), another server on the store claims what this one was about to.
 * The step must judge the run on one reading of each node, and never end it on claims it read before they changed.
 * A real SQLite store; the job run's state and the other server's claim are scripted (the moment of either cannot be
 * caused on demand), and the actions are recorded instead of started.
 */
class WorkflowRunStepTest {
    private static final String WORKFLOW = "flow";
    private static final String RUN = "wr_step";
    private static final String FIRST_RUN = "jr_first";

    private Path dataDir;
    private JdbcStores stores;
    /** The states {@code first}'s run shows, one per read; the last one stays. */
    private final Deque<String> firstStates = new ConcurrentLinkedDeque<>();
    private final List<String> startedJobs = new ArrayList<>();

    @BeforeEach
    void openStore() {
        dataDir = StoreBackend.tempDir("mortar-run-step");
        stores = JdbcStores.open(StoreSettings.sqliteIn(dataDir));
    }

    @AfterEach
    void close() {
        stores.close();
        FileUtils.deleteQuietly(dataDir.toFile());
    }

    @Test
    void aNodeEndingDuringAStepIsNotTakenForTheEndOfTheRun() {
        flowOfTwo();
        WorkflowRunEngine engine = new WorkflowRunEngine(stores.triggers(), stores.workflows(),
                new NodeStates(scriptedJobs(), stores.crawls()), new RecordedActions(), Clock.systemUTC());
        // first is running when the step reads it for "then"'s predicate, and has ended when it is read again.
        firstStates.addAll(List.of("RUNNING", "SUCCEEDED"));

        engine.advanceAll(); // the step during which first ends
        engine.advanceAll(); // the next one

        assertThat(stores.workflows().getRun(WORKFLOW, RUN)).map(StoredWorkflowRun::status)
                .as("not over: then has yet to fire").contains("RUNNING");
        assertThat(startedJobs).as("then fired once first had ended").containsExactly("second");
    }

    @Test
    void aTriggerAnotherServerFiresMidStepKeepsTheRunGoing() {
        flowOfTwo();
        firstStates.add("SUCCEEDED");
        // Another server on the store fires "then" between this step's reading of the claims and its own claim.
        WorkflowStore racing = racingWorkflows(NodeKey.trigger("then").key());
        WorkflowRunEngine engine = new WorkflowRunEngine(stores.triggers(), racing,
                new NodeStates(scriptedJobs(), stores.crawls()), new RecordedActions(), Clock.systemUTC());

        engine.advanceAll(); // loses "then" to the other server
        assertThat(stores.workflows().getRun(WORKFLOW, RUN)).map(StoredWorkflowRun::status)
                .as("not over: the other server is starting then's action").contains("RUNNING");
        engine.advanceAll(); // the other server died before claiming the action: this one starts it

        assertThat(startedJobs).containsExactly("second");
    }

    /** start → first (claimed and started as jr_first); then (first SUCCEEDED) → second; a run begun. */
    private void flowOfTwo() {
        Instant now = Instant.now();
        stores.workflows().create(new StoredWorkflow(WORKFLOW,
                GlueJson.writeString(Workflow.builder().name(WORKFLOW).build()), null, now, now), "arn:flow", Map.of());
        trigger(Trigger.builder().name("start").workflowName(WORKFLOW).type(TriggerType.ON_DEMAND)
                .actions(Action.builder().jobName("first").build()).build(), Set.of());
        trigger(Trigger.builder().name("then").workflowName(WORKFLOW).type(TriggerType.CONDITIONAL)
                .predicate(Predicate.builder().conditions(Condition.builder().jobName("first").state("SUCCEEDED")
                        .logicalOperator("EQUALS").build()).build())
                .actions(Action.builder().jobName("second").build()).build(), Set.of(new Ref(Kind.JOB, "first")));
        Map<String, String> begun = new HashMap<>();
        begun.put(NodeKey.trigger("start").key(), null);
        begun.put(new NodeKey(NodeKey.Type.JOB, "first").key(), FIRST_RUN);
        stores.workflows().startRun(WORKFLOW, RUN, (workflow, inProgress) -> new StoredWorkflowRun(RUN, WORKFLOW,
                "RUNNING", null, Map.of(), now, null, null), begun);
    }

    private void trigger(Trigger trigger, Set<Ref> watches) {
        Instant now = Instant.now();
        Set<Ref> starts = Set.of(new Ref(Kind.JOB, trigger.actions().get(0).jobName()));
        stores.triggers().create(new StoredTrigger(trigger.name(), WORKFLOW, trigger.typeAsString(), "ACTIVATED",
                GlueJson.writeString(trigger), starts, watches, now, now), "arn:" + trigger.name(), Map.of());
    }

    /** The workflow store, where another server claims {@code key} just before this one tries to. */
    private WorkflowStore racingWorkflows(String key) {
        WorkflowStore real = stores.workflows();
        AtomicBoolean raced = new AtomicBoolean();
        return (WorkflowStore) Proxy.newProxyInstance(WorkflowStore.class.getClassLoader(),
                new Class<?>[] {WorkflowStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("claimAction") && key.equals(args[1]) && raced.compareAndSet(false,
                            true)) {
                        real.claimAction((String) args[0], key, (Instant) args[2]); // the other server's claim
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The job store, but {@code first}'s run is in the state {@link #firstStates} scripts at each read. */
    private JobStore scriptedJobs() {
        JobStore real = stores.jobs();
        return (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("findRun") && FIRST_RUN.equals(args[0])) {
                        String state = firstStates.size() > 1 ? firstStates.poll() : firstStates.peek();
                        return Optional.of(run(FIRST_RUN, "first", state));
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static StoredJobRun run(String id, String job, String state) {
        Instant now = Instant.now();
        return new StoredJobRun(id, job, 0, null, "start", state, now, now, null, null, null, Map.of(), 2880, null,
                null, null, "4.0", null, null, null, null, null, false, null, now);
    }

    /** Starts nothing: records which jobs the engine started. */
    private final class RecordedActions implements Actions {
        @Override
        public boolean startJob(String jobName, String runId, Map<String, String> arguments, Integer timeout,
                                String triggerName) {
            startedJobs.add(jobName);
            return true;
        }

        @Override
        public boolean startCrawl(String crawlerName, String crawlId) {
            throw new UnsupportedOperationException(crawlerName);
        }

        @Override
        public void stopJob(String jobName, String runId) {
            throw new UnsupportedOperationException(jobName);
        }

        @Override
        public void stopCrawl(String crawlerName) {
            throw new UnsupportedOperationException(crawlerName);
        }
    }
}

package io.mortar.store.jdbc.contract;

import static io.mortar.store.jdbc.contract.FixedTimes.T0;
import static io.mortar.store.jdbc.contract.FixedTimes.at;
import static io.mortar.store.jdbc.contract.GlueErrors.assertGlueError;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.jdbc.testing.StoreContract;
import io.mortar.store.workflows.StoredWorkflow;
import io.mortar.store.workflows.StoredWorkflowRun;
import io.mortar.store.workflows.WorkflowStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link WorkflowStore}: definitions and tags, runs started under MaxConcurrentRuns (racing starts
 * included), their paging newest first and their changes, and actions claimed exactly once.
 */
class WorkflowStoreContractTest extends StoreContract {
    private static final String ARN_PREFIX = "arn:aws:glue:us-east-1:123456789012:workflow/";

    private WorkflowStore workflows() {
        return stores().workflows();
    }

    private static String arn(String name) {
        return ARN_PREFIX + name;
    }

    private StoredWorkflow create(String name, Integer maxConcurrentRuns) {
        StoredWorkflow workflow = new StoredWorkflow(name, "{\"Name\":\"" + name + "\"}", maxConcurrentRuns, T0,
                at(1));
        workflows().create(workflow, arn(name), Map.of());
        return workflow;
    }

    /** Starts a run unless MaxConcurrentRuns is reached, as the service will. */
    private StoredWorkflowRun start(String workflow, String runId, int second) {
        return workflows().startRun(workflow, (w, inProgress) -> {
            if (w.maxConcurrentRuns() != null && inProgress >= w.maxConcurrentRuns()) {
                throw GlueException.concurrentRunsExceeded("Concurrent runs exceeded for workflow: %s", w.name());
            }
            return new StoredWorkflowRun(runId, workflow, "RUNNING", null, Map.of("day", "1"), at(second), null,
                    null);
        });
    }

    @Test
    void aCreatedWorkflowReadsBackWithItsTagsAndATakenNameIsRefused() {
        String name = unique("wf");
        StoredWorkflow workflow = new StoredWorkflow(name, "{\"Description\":\"d\"}", 2, T0, at(1));
        workflows().create(workflow, arn(name), Map.of("team", "data"));

        assertThat(workflows().get(name)).contains(workflow);
        assertThat(stores().catalog().getTags(arn(name))).isEqualTo(Map.of("team", "data"));
        assertGlueError(GlueErrorCode.ALREADY_EXISTS, () -> workflows().create(new StoredWorkflow(name, "{}", null,
                at(5), at(5)), arn(name), Map.of()));
        assertThat(workflows().get(name)).contains(workflow);
    }

    @Test
    void workflowsPageInNameOrderAndAChangeIsWholeOrNothing() {
        String prefix = unique("wfpage");
        for (int i = 0; i < 3; i++) {
            create(prefix + "_" + i, null);
        }
        List<String> seen = new ArrayList<>();
        String cursor = prefix;
        do {
            Page<StoredWorkflow> page = workflows().listWorkflows(cursor, 2);
            page.items().stream().map(StoredWorkflow::name).filter(n -> n.startsWith(prefix)).forEach(seen::add);
            cursor = page.nextCursor();
        } while (cursor != null && cursor.startsWith(prefix));
        assertThat(seen).containsExactly(prefix + "_0", prefix + "_1", prefix + "_2");

        String name = prefix + "_1";
        StoredWorkflow changed = workflows().change(name, w -> new StoredWorkflow(w.name(), "{\"v\":2}", 5,
                w.createTime(), at(9)));
        assertThat(workflows().get(name)).contains(changed);
        assertGlueError(GlueErrorCode.INVALID_INPUT, () -> workflows().change(name, w -> {
            throw GlueException.invalidInput("no");
        }));
        assertThat(workflows().get(name)).contains(changed);
        assertGlueError(GlueErrorCode.ENTITY_NOT_FOUND, () -> workflows().change(name + "_x", w -> w));
    }

    @Test
    void runsStartUnderMaxConcurrentRunsAndPageNewestFirst() {
        String name = create(unique("wf"), 2).name();
        StoredWorkflowRun first = start(name, unique("wr"), 10);
        StoredWorkflowRun second = start(name, unique("wr"), 20);
        assertGlueError(GlueErrorCode.CONCURRENT_RUNS_EXCEEDED, () -> start(name, unique("wr"), 30));

        StoredWorkflowRun ended = workflows().changeRun(first.runId(), r -> new StoredWorkflowRun(r.runId(),
                r.workflowName(), "COMPLETED", null, Map.of("day", "1", "put", "by a job"), r.startedOn(), at(25),
                null));
        assertThat(workflows().getRun(name, first.runId())).contains(ended);
        StoredWorkflowRun third = start(name, unique("wr"), 30); // a slot freed

        Page<StoredWorkflowRun> page = workflows().listRuns(name, null, 2);
        assertThat(page.items()).containsExactly(third, second);
        assertThat(workflows().listRuns(name, page.nextCursor(), 2).items()).containsExactly(ended);
        assertThat(workflows().runsInProgress()).contains(second, third).doesNotContain(ended);
        assertThat(workflows().getRun(name + "_other", first.runId())).isEmpty();
        assertGlueError(GlueErrorCode.ENTITY_NOT_FOUND, () -> start(name + "_missing", unique("wr"), 40));
    }

    @Test
    void racingStartsNeverOvershootMaxConcurrentRuns() {
        for (int round = 0; round < 10; round++) {
            String name = create(unique("wf"), 1).name();
            List<Race.Outcome<StoredWorkflowRun>> starts = Race.run(() -> start(name, unique("wr"), 1),
                    () -> start(name, unique("wr"), 2));
            assertThat(starts).as("round %d", round).filteredOn(Race.Outcome::succeeded).hasSize(1);
            assertThat(workflows().runsInProgress()).filteredOn(r -> r.workflowName().equals(name)).hasSize(1);
        }
    }

    @Test
    void anActionIsClaimedOnceAndRecordsWhatItStarted() {
        String name = create(unique("wf"), null).name();
        String run = start(name, unique("wr"), 1).runId();

        assertThat(workflows().claimAction(run, "t1/0", at(2))).isTrue();
        assertThat(workflows().claimAction(run, "t1/0", at(3))).as("claimed again").isFalse();
        assertThat(workflows().claimAction(run, "t1/1", at(4))).isTrue();
        workflows().recordAction(run, "t1/0", "jr_1", at(5));

        assertThat(workflows().actions(run)).containsExactly(new WorkflowStore.StoredAction(run, "t1/0", "jr_1", at(2)),
                new WorkflowStore.StoredAction(run, "t1/1", null, at(4)));
        assertGlueError(GlueErrorCode.ENTITY_NOT_FOUND, () -> workflows().recordAction(run, "never", "x", at(6)));

        List<Race.Outcome<Boolean>> claims = Race.run(() -> workflows().claimAction(run, "t2/0", at(7)),
                () -> workflows().claimAction(run, "t2/0", at(7)));
        assertThat(claims).filteredOn(Race.Outcome::value).hasSize(1);
    }

    @Test
    void deletingTakesRunsActionsAndTags() {
        String name = unique("wf");
        workflows().create(new StoredWorkflow(name, "{}", null, T0, T0), arn(name), Map.of("team", "data"));
        String run = start(name, unique("wr"), 1).runId();
        workflows().claimAction(run, "t/0", at(2));

        assertGlueError(GlueErrorCode.INVALID_INPUT, () -> workflows().delete(name, arn(name), w -> {
            throw GlueException.invalidInput("running");
        }));
        assertThat(workflows().get(name)).isPresent();

        assertThat(workflows().delete(name, arn(name), w -> { })).isTrue();
        assertThat(workflows().get(name)).isEmpty();
        assertThat(workflows().getRun(name, run)).isEmpty();
        assertThat(workflows().actions(run)).isEmpty();
        assertThat(stores().catalog().getTags(arn(name))).isEmpty();
        assertThat(workflows().delete(name, arn(name), w -> { })).isFalse();
    }

    @Test
    void aRunStartedUnderAnIdItAlreadyHasIsAnsweredAndNotPlannedAgain() {
        String name = unique("wfidem");
        create(name, 1);
        Map<String, String> actions = new java.util.LinkedHashMap<>();
        actions.put("TRIGGER:start", null);
        actions.put("JOB:load", "jr_1");
        StoredWorkflowRun first = workflows().startRun(name, "wr_fixed", (w, inProgress) ->
                new StoredWorkflowRun("wr_fixed", name, "RUNNING", null, Map.of(), at(10), null, null), actions);

        StoredWorkflowRun again = workflows().startRun(name, "wr_fixed", (w, inProgress) -> {
            throw new AssertionError("an existing run is not planned again");
        }, Map.of("JOB:other", "jr_2"));

        assertThat(again).isEqualTo(first);
        assertThat(workflows().actions("wr_fixed")).extracting(WorkflowStore.StoredAction::actionKey,
                WorkflowStore.StoredAction::started).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("TRIGGER:start", null),
                        org.assertj.core.groups.Tuple.tuple("JOB:load", "jr_1"));
        assertThat(workflows().claimAction("wr_fixed", "TRIGGER:start", at(11))).as("claimed with the run").isFalse();
        assertGlueError(GlueErrorCode.CONCURRENT_RUNS_EXCEEDED, () -> start(name, "wr_other", 12));
    }

    @Test
    void racingStartsOfOneRunIdInsertOneRun() {
        String name = unique("wfrace");
        create(name, null);
        for (int round = 0; round < 10; round++) {
            String runId = "wr_race_" + round;
            List<Race.Outcome<StoredWorkflowRun>> starts = Race.run(
                    () -> workflows().startRun(name, runId, (w, n) -> new StoredWorkflowRun(runId, name, "RUNNING",
                            null, Map.of("by", "a"), at(20), null, null), java.util.Collections.singletonMap("TRIGGER:t", null)),
                    () -> workflows().startRun(name, runId, (w, n) -> new StoredWorkflowRun(runId, name, "RUNNING",
                            null, Map.of("by", "b"), at(20), null, null), java.util.Collections.singletonMap("TRIGGER:t", null)));
            assertThat(starts).as("round %d", round).allMatch(Race.Outcome::succeeded);
            assertThat(starts.get(0).value()).isEqualTo(starts.get(1).value());
        }
        assertThat(workflows().runsInProgress()).filteredOn(r -> r.workflowName().equals(name)).hasSize(10);
    }

    @Test
    void theBatchThatStartedARunIsKeptAndNoChangeTouchesIt() {
        String name = unique("wfbatch");
        create(name, null);
        StoredWorkflowRun.StartingBatch bySize = new StoredWorkflowRun.StartingBatch(5, 0);
        workflows().startRun(name, "wr_batch", (w, n) -> new StoredWorkflowRun("wr_batch", name, "RUNNING", null,
                Map.of(), at(30), null, null, bySize), Map.of());
        start(name, "wr_plain", 31);

        workflows().changeRun("wr_batch", run -> new StoredWorkflowRun(run.runId(), run.workflowName(), "COMPLETED",
                null, Map.of("k", "v"), run.startedOn(), at(40), null));

        assertThat(workflows().getRun(name, "wr_batch").orElseThrow().startingBatch()).isEqualTo(bySize);
        assertThat(workflows().getRun(name, "wr_batch").orElseThrow().status()).isEqualTo("COMPLETED");
        assertThat(workflows().getRun(name, "wr_plain").orElseThrow().startingBatch()).isNull();
    }
}

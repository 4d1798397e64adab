package io.mortar.cli;

import static io.mortar.cli.RunGraphs.edge;
import static io.mortar.cli.RunGraphs.failedRun;
import static io.mortar.cli.RunGraphs.graph;
import static io.mortar.cli.RunGraphs.job;
import static io.mortar.cli.RunGraphs.jobRun;
import static io.mortar.cli.RunGraphs.run;
import static io.mortar.cli.RunGraphs.statistics;
import static io.mortar.cli.RunGraphs.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.TriggerType;
import software.amazon.awssdk.services.glue.model.WorkflowGraph;
import software.amazon.awssdk.services.glue.model.WorkflowRun;

/**
 * {@code --follow} over a run seen at successive looks (as GetWorkflowRun answers them): what it prints, how often
 * it looks, and the outcome it exits with.
 */
class WorkflowRunFollowerTest {
    private static final Clock AT_2001 = Clock.fixed(Instant.parse("2026-12-06T20:01:00Z"), ZoneOffset.UTC);

    private final AtomicInteger pauses = new AtomicInteger();
    private final StringWriter printed = new StringWriter();

    private static WorkflowGraph chain(JobRun prepare, JobRun load) {
        // the graph lists its nodes in no useful order; changes are printed in the drawing's
        return graph(List.of(load == null ? job("load") : job("load", load),
                        trigger("prepared", TriggerType.CONDITIONAL),
                        prepare == null ? job("prepare") : job("prepare", prepare),
                        trigger("start", TriggerType.ON_DEMAND)),
                edge("start", "prepare"), edge("prepare", "prepared"), edge("prepared", "load"));
    }

    private WorkflowRun follow(WorkflowRun... looks) throws InterruptedException {
        Iterator<WorkflowRun> next = List.of(looks).iterator();
        WorkflowRunFollower follower = new WorkflowRunFollower(next::next, pauses::incrementAndGet, AT_2001);
        return follower.follow(new PrintWriter(printed, true), false);
    }

    private List<String> lines() {
        return List.of(printed.toString().split("\n"));
    }

    @Test
    void printsTheRunThenEachChangeThenTheRunAsItEnded() throws InterruptedException {
        WorkflowRun started = run("RUNNING", chain(jobRun("jr_p", 0, "RUNNING", 0), null), statistics(1, 0, 0, 1));
        WorkflowRun prepared = run("RUNNING", chain(jobRun("jr_p", 0, "SUCCEEDED", 12),
                jobRun("jr_l", 0, "RUNNING", 0)), statistics(2, 1, 0, 1));
        WorkflowRun ended = run("COMPLETED", chain(jobRun("jr_p", 0, "SUCCEEDED", 12), failedRun("jr_l", 0, "boom")),
                statistics(2, 1, 1, 0));

        WorkflowRun end = follow(started, started, prepared, ended);

        assertThat(end).isSameAs(ended);
        assertThat(pauses).as("a pause before each look but the first").hasValue(3);
        List<String> expected = new ArrayList<>(WorkflowRunReport.lines(started));
        expected.addAll(List.of(
                "20:01:00  job prepare  RUNNING -> SUCCEEDED  attempt 0  jr_p  12 s",
                "20:01:00  trigger prepared  - -> FIRED  CONDITIONAL",
                "20:01:00  job load  - -> RUNNING  attempt 0  jr_l",
                "20:01:00  job load  RUNNING -> FAILED  attempt 0  jr_l  3 s  boom",
                "20:01:00  run  RUNNING -> COMPLETED",
                ""));
        expected.addAll(WorkflowRunReport.lines(ended));
        assertThat(lines()).containsExactlyElementsOf(expected);
        assertThat(WorkflowRunFollower.Outcome.of(end)).isEqualTo(new WorkflowRunFollower.Outcome(1,
                java.util.Optional.of("workflow run wr_1 of nightly COMPLETED with 1 failed action(s):"
                        + " job load (FAILED: boom)")));
    }

    @Test
    void aRunAlreadyEndedIsPrintedOnceWithoutWaiting() throws InterruptedException {
        WorkflowRun done = run("COMPLETED", chain(jobRun("jr_p", 0, "SUCCEEDED", 12),
                jobRun("jr_l", 0, "SUCCEEDED", 5)), statistics(2, 2, 0, 0));

        follow(done);

        assertThat(pauses).hasValue(0);
        assertThat(lines()).containsExactlyElementsOf(WorkflowRunReport.lines(done));
        assertThat(WorkflowRunFollower.Outcome.of(done).exit()).isZero();
    }

    @Test
    void quietFollowingPrintsNothingAndStillEndsWithTheRun() throws InterruptedException {
        WorkflowRun running = run("RUNNING", chain(jobRun("jr_p", 0, "RUNNING", 0), null), statistics(1, 0, 0, 1));
        WorkflowRun stopping = run("STOPPING", chain(jobRun("jr_p", 0, "STOPPING", 0), null), statistics(1, 0, 0, 1));
        WorkflowRun stopped = run("STOPPED", chain(jobRun("jr_p", 0, "STOPPED", 2), null), statistics(1, 0, 0, 0));
        Iterator<WorkflowRun> next = List.of(running, stopping, stopped).iterator();

        WorkflowRun end = new WorkflowRunFollower(next::next, pauses::incrementAndGet, AT_2001)
                .follow(new PrintWriter(printed, true), true);

        assertThat(end).as("STOPPING is not an end").isSameAs(stopped);
        assertThat(printed.toString()).isEmpty();
        assertThat(WorkflowRunFollower.Outcome.of(stopped)).isEqualTo(new WorkflowRunFollower.Outcome(1,
                java.util.Optional.of("workflow run wr_1 of nightly STOPPED")));
    }

    @Test
    void anErrorRunAndFailuresOnlyTheCountsShowAreFailuresToo() {
        WorkflowRun error = run("ERROR", chain(null, null), statistics(0, 0, 0, 0)).toBuilder()
                .errorMessage("the store is gone").build();
        assertThat(WorkflowRunFollower.Outcome.of(error).error())
                .hasValue("workflow run wr_1 of nightly ERROR: the store is gone");

        WorkflowRun countedOnly = run("COMPLETED", null, statistics(2, 1, 1, 0));
        assertThat(WorkflowRunFollower.Outcome.of(countedOnly)).isEqualTo(new WorkflowRunFollower.Outcome(1,
                java.util.Optional.of("workflow run wr_1 of nightly COMPLETED with 1 failed action(s)")));
    }

    @Test
    void theHeaderGivesIdsStatusTimesPropertiesAndEveryCount() {
        WorkflowRun run = run("COMPLETED", null, statistics(3, 1, 1, 0)).toBuilder().previousRunId("wr_0")
                .workflowRunProperties(Map.of("mode", "full", "day", "2026-12-06")).build();

        assertThat(WorkflowRunReport.header(run)).containsExactly(
                "Workflow run: wr_1 of nightly",
                "Status:       COMPLETED",
                "Started:      2026-12-06 20:00:00 UTC",
                "Completed:    2026-12-06 20:01:30 UTC",
                "Previous run: wr_0",
                "Properties:   day=2026-12-06, mode=full",
                "Actions:      3 total: 1 succeeded, 1 failed, 0 running, 0 stopped, 0 timeout, 0 errored, 0 waiting");
        assertThat(WorkflowRunReport.shortStatistics(run.statistics())).isEqualTo("3 total: 1 succeeded, 1 failed");
        WorkflowRun running = run("RUNNING", null, null);
        assertThat(WorkflowRunReport.header(running)).contains("Completed:    -", "Properties:   -", "Actions:      -")
                .noneMatch(line -> line.startsWith("Previous run:"));
    }
}

package io.mortar.cli;

import static io.mortar.cli.RunGraphs.conditional;
import static io.mortar.cli.RunGraphs.crawl;
import static io.mortar.cli.RunGraphs.crawler;
import static io.mortar.cli.RunGraphs.edge;
import static io.mortar.cli.RunGraphs.failedRun;
import static io.mortar.cli.RunGraphs.graph;
import static io.mortar.cli.RunGraphs.job;
import static io.mortar.cli.RunGraphs.jobRun;
import static io.mortar.cli.RunGraphs.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Logical;
import software.amazon.awssdk.services.glue.model.TriggerType;
import software.amazon.awssdk.services.glue.model.WorkflowGraph;

/** The run graph as {@code mortar workflow-run} draws it, from GetWorkflowRun's shapes alone. */
class RunGraphDrawingTest {
    private static final TriggerType ON_DEMAND = TriggerType.ON_DEMAND;
    private static final TriggerType CONDITIONAL = TriggerType.CONDITIONAL;

    @Test
    void aChainIsDrawnFromTheStartTriggerWithEachNodesState() {
        WorkflowGraph chain = graph(List.of(
                        job("load", jobRun("jr_l", 0, "RUNNING", 0)), // the graph's order is not the drawing's
                        trigger("prepared", CONDITIONAL),
                        job("prepare", jobRun("jr_p", 0, "SUCCEEDED", 12)),
                        trigger("start", ON_DEMAND)),
                edge("start", "prepare"), edge("prepare", "prepared"), edge("prepared", "load"));

        assertThat(RunGraphDrawing.draw(chain)).containsExactly(
                "trigger start             FIRED      ON_DEMAND",
                "`-- job prepare           SUCCEEDED  attempt 0  jr_p  12 s",
                "    `-- trigger prepared  FIRED      CONDITIONAL",
                "        `-- job load      RUNNING    attempt 0  jr_l");
    }

    @Test
    void aNodeWithTwoParentsIsDrawnOnceAfterBothAndReferencedFromTheFirst() {
        WorkflowGraph fanOutFanIn = graph(List.of(
                        trigger("start", ON_DEMAND),
                        crawler("lake", crawl("SUCCEEDED", 4)),
                        job("prepare", jobRun("jr_p", 0, "SUCCEEDED", 12)),
                        trigger("both", CONDITIONAL),
                        job("load", jobRun("jr_l", 0, "RUNNING", 0))),
                edge("start", "lake"), edge("start", "prepare"), edge("lake", "both"), edge("prepare", "both"),
                edge("both", "load"));

        assertThat(RunGraphDrawing.draw(fanOutFanIn)).containsExactly(
                "trigger start         FIRED        ON_DEMAND",
                "|-- crawler lake      SUCCEEDED    4.0 s",
                "|   `-- trigger both  (see below)",
                "`-- job prepare       SUCCEEDED    attempt 0  jr_p  12 s",
                "    `-- trigger both  FIRED        CONDITIONAL",
                "        `-- job load  RUNNING      attempt 0  jr_l");
    }

    @Test
    void aFailedNodeShowsWhyAndWhatItHeldBackShowsNotStarted() {
        WorkflowGraph failed = graph(List.of(
                        trigger("start", ON_DEMAND),
                        job("load", failedRun("jr_l", 0, "boom: table missing")),
                        trigger("on_success", CONDITIONAL),
                        job("report"),
                        crawler("lake", crawl("FAILED", 2).toBuilder().errorMessage("access denied").build())),
                edge("start", "load"), edge("load", "on_success"), edge("on_success", "report"),
                edge("start", "lake"));

        assertThat(RunGraphDrawing.draw(failed)).containsExactly(
                "trigger start               FIRED   ON_DEMAND",
                "|-- job load                FAILED  attempt 0  jr_l  3 s  boom: table missing",
                "|   `-- trigger on_success  -       CONDITIONAL, not fired",
                "|       `-- job report      -       not started",
                "`-- crawler lake            FAILED  2.0 s  access denied");
        assertThat(new RunNodeStates(failed).failures())
                .containsExactly("job load (FAILED: boom: table missing)", "crawler lake (FAILED: access denied)");
    }

    @Test
    void aRunThatReachedNothingYetShowsEveryNodeNotStarted() {
        WorkflowGraph fresh = graph(List.of(
                        trigger("start", ON_DEMAND), crawler("lake"), trigger("crawled", CONDITIONAL), job("load")),
                edge("start", "lake"), edge("lake", "crawled"), edge("crawled", "load"));

        assertThat(RunGraphDrawing.draw(fresh)).containsExactly(
                "trigger start            -  ON_DEMAND, not fired",
                "`-- crawler lake         -  not started",
                "    `-- trigger crawled  -  CONDITIONAL, not fired",
                "        `-- job load     -  not started");
    }

    @Test
    void aJobShowsItsLatestAttemptAndARetryThatSucceededIsNoFailure() {
        WorkflowGraph retried = graph(List.of(trigger("start", ON_DEMAND),
                        job("load", jobRun("jr_l0", 0, "FAILED", 3), jobRun("jr_l1", 1, "SUCCEEDED", 12))),
                edge("start", "load"));

        assertThat(RunGraphDrawing.draw(retried)).containsExactly(
                "trigger start  FIRED      ON_DEMAND",
                "`-- job load   SUCCEEDED  attempt 1  jr_l1  12 s");
        assertThat(new RunNodeStates(retried).failures()).isEmpty();
    }

    @Test
    void aTriggerHasFiredOnlyIfItsActionsHaveRunsItStarted() {
        // load ran, started by start; the trigger watching it also starts load but has not fired
        WorkflowGraph loop = graph(List.of(trigger("start", ON_DEMAND),
                        job("load", jobRun("jr_l", 0, "RUNNING", 0).toBuilder().triggerName("start").build()),
                        trigger("again", CONDITIONAL)),
                edge("start", "load"), edge("load", "again"), edge("again", "load"));

        assertThat(RunGraphDrawing.draw(loop)).containsExactly(
                "trigger start          FIRED        ON_DEMAND",
                "`-- job load           RUNNING      attempt 0  jr_l",
                "    `-- trigger again  -            CONDITIONAL, not fired",
                "        `-- job load   (see above)");
    }

    @Test
    void aConditionalTriggerOverCrawlersFiredOnlyIfItsPredicateHolds() {
        // crawls name no trigger: cur was started by after_raw, not by both (broken failed)
        WorkflowGraph crawlers = graph(List.of(trigger("go", ON_DEMAND),
                        crawler("raw", crawl("SUCCEEDED", 1)), crawler("broken", crawl("FAILED", 0)),
                        conditional("both", Logical.AND, "raw=SUCCEEDED", "broken=SUCCEEDED"),
                        conditional("after_raw", null, "raw=SUCCEEDED"),
                        conditional("either", Logical.ANY, "raw=FAILED", "broken=FAILED"),
                        crawler("cur", crawl("SUCCEEDED", 0)), crawler("report", crawl("RUNNING", -1))),
                edge("go", "raw"), edge("go", "broken"), edge("raw", "both"), edge("broken", "both"),
                edge("raw", "after_raw"), edge("both", "cur"), edge("after_raw", "cur"),
                edge("raw", "either"), edge("broken", "either"), edge("either", "report"));

        assertThat(RunGraphDrawing.draw(crawlers)).containsExactly(
                "trigger go                  FIRED        ON_DEMAND",
                "|-- crawler raw             SUCCEEDED    1.0 s",
                "|   |-- trigger both        (see below)",
                "|   |-- trigger after_raw   FIRED        CONDITIONAL",
                "|   |   `-- crawler cur     (see below)",
                "|   `-- trigger either      (see below)",
                "`-- crawler broken          FAILED       0.0 s",
                "    |-- trigger both        -            CONDITIONAL, not fired",
                "    |   `-- crawler cur     SUCCEEDED    0.0 s",
                "    `-- trigger either      FIRED        CONDITIONAL",
                "        `-- crawler report  RUNNING");
    }

    @Test
    void aCycleWithNoStartTriggerIsDrawnOnceInFullAndPointsBack() {
        WorkflowGraph cycle = graph(List.of(job("load", jobRun("jr_l", 0, "SUCCEEDED", 12)),
                        trigger("again", CONDITIONAL), job("after", jobRun("jr_a", 0, "SUCCEEDED", 1))),
                edge("load", "again"), edge("again", "load"), edge("again", "after"));

        assertThat(RunGraphDrawing.draw(cycle)).containsExactly(
                "job load           SUCCEEDED    attempt 0  jr_l  12 s",
                "`-- trigger again  FIRED        CONDITIONAL",
                "    |-- job load   (see above)",
                "    `-- job after  SUCCEEDED    attempt 0  jr_a  1 s");
    }

    @Test
    void nodesNoTriggerStartsAreTreesOfTheirOwnAfterTheStartTrigger() {
        // a trigger watching a job of another workflow's: the job has no incoming edge in this graph
        WorkflowGraph twoRoots = graph(List.of(job("upstream"), trigger("watcher", CONDITIONAL), job("load"),
                        trigger("start", ON_DEMAND)),
                edge("upstream", "watcher"), edge("watcher", "load"), edge("start", "load"));

        assertThat(RunGraphDrawing.draw(twoRoots)).containsExactly(
                "trigger start        -            ON_DEMAND, not fired",
                "`-- job load         (see below)",
                "job upstream         -            not started",
                "`-- trigger watcher  -            CONDITIONAL, not fired",
                "    `-- job load     -            not started");
    }

    @Test
    void anEmptyOrMissingGraphDrawsNothing() {
        assertThat(RunGraphDrawing.draw(null)).isEmpty();
        assertThat(RunGraphDrawing.draw(graph(List.of()))).isEmpty();
    }
}

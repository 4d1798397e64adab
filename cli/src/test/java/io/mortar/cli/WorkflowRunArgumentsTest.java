package io.mortar.cli;

import static io.mortar.cli.RunGraphs.crawler;
import static io.mortar.cli.RunGraphs.edge;
import static io.mortar.cli.RunGraphs.graph;
import static io.mortar.cli.RunGraphs.job;
import static io.mortar.cli.RunGraphs.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Node;
import software.amazon.awssdk.services.glue.model.TriggerType;
import software.amazon.awssdk.services.glue.model.WorkflowGraph;

/**
 * What the workflow-run commands make of their arguments before the server answers: {@code --prop} values, and
 * the NODEs of {@code resume-workflow} resolved to UniqueIds on the run's graph.
 */
class WorkflowRunArgumentsTest {
    /** Nothing listens here: a command that called the server would exit 3 (unreachable), not 2. */
    private static final URI NOWHERE = URI.create("http://127.0.0.1:1");

    private static final WorkflowGraph GRAPH = graph(List.of(trigger("start", TriggerType.ON_DEMAND),
                    crawler("lake"), job("load"), job("twin"), withId(crawler("twin"), "wnode_twin_crawler"),
                    withId(trigger("load", TriggerType.CONDITIONAL), "wnode_load_trigger")),
            edge("start", "lake"), edge("start", "load"));

    private static Node withId(Node node, String uniqueId) {
        return node.toBuilder().uniqueId(uniqueId).build();
    }

    @Test
    void aPropWithoutEqualsIsAUsageErrorNamingIt() {
        CliRun run = CliRun.against(NOWHERE, "start-workflow", "nightly", "--prop", "day=2026-12-06",
                "--prop", "oops");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--prop must be KEY=VALUE, not 'oops'").contains("Usage: mortar start-workflow");

        CliRun noKey = CliRun.against(NOWHERE, "start-workflow", "nightly", "--prop", "=value");
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.err()).contains("--prop must be KEY=VALUE, not '=value'");
    }

    @Test
    void resumeNeedsAtLeastOneNode() {
        CliRun run = CliRun.against(NOWHERE, "resume-workflow", "nightly", "wr_1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter").contains("NODE");
    }

    @Test
    void aNodeIsAJobOrCrawlerNameOrAUniqueId() {
        assertThat(WorkflowRunCommands.ResumeWorkflow.nodeId(GRAPH, "lake")).isEqualTo("wnode_lake");
        assertThat(WorkflowRunCommands.ResumeWorkflow.nodeId(GRAPH, "load"))
                .as("the job, not the trigger of the same name: only jobs and crawlers are resumed")
                .isEqualTo("wnode_load");
        assertThat(WorkflowRunCommands.ResumeWorkflow.nodeId(GRAPH, "wnode_start")).isEqualTo("wnode_start");
        assertThat(WorkflowRunCommands.ResumeWorkflow.nodeId(GRAPH, "wnode_elsewhere"))
                .as("an id the graph lacks is for the server to judge").isEqualTo("wnode_elsewhere");
    }

    @Test
    void anUnknownOrAmbiguousNodeNameIsRefusedWithTheCandidates() {
        assertThatThrownBy(() -> WorkflowRunCommands.ResumeWorkflow.nodeId(GRAPH, "lkae"))
                .hasMessage("NODE 'lkae' is no job or crawler of the run; they are: crawler lake, job load, job twin,"
                        + " crawler twin");
        assertThatThrownBy(() -> WorkflowRunCommands.ResumeWorkflow.nodeId(GRAPH, "twin"))
                .hasMessage("NODE 'twin' names more than one node; give its UniqueId: job twin wnode_twin,"
                        + " crawler twin wnode_twin_crawler");
    }
}

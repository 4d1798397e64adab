package io.mortar.cli;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.services.glue.model.Condition;
import software.amazon.awssdk.services.glue.model.Crawl;
import software.amazon.awssdk.services.glue.model.Edge;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.Logical;
import software.amazon.awssdk.services.glue.model.Node;
import software.amazon.awssdk.services.glue.model.NodeType;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.TriggerType;
import software.amazon.awssdk.services.glue.model.WorkflowGraph;
import software.amazon.awssdk.services.glue.model.WorkflowRun;
import software.amazon.awssdk.services.glue.model.WorkflowRunStatistics;

/** Workflow run graphs built from the SDK's shapes, as GetWorkflowRun with IncludeGraph answers them. */
final class RunGraphs {
    static final Instant T0 = Instant.parse("2026-12-06T20:00:00Z");

    private RunGraphs() {}

    static String id(String name) {
        return "wnode_" + name;
    }

    static Node trigger(String name, TriggerType type) {
        return Node.builder().type(NodeType.TRIGGER).name(name).uniqueId(id(name))
                .triggerDetails(d -> d.trigger(Trigger.builder().name(name).type(type).build())).build();
    }

    /** A conditional trigger: crawler conditions on crawl states, given as "crawler=STATE". */
    static Node conditional(String name, Logical logical, String... crawlerStates) {
        List<Condition> conditions = Stream.of(crawlerStates).map(c -> c.split("=")).map(c -> Condition.builder()
                .logicalOperator("EQUALS").crawlerName(c[0]).crawlState(c[1]).build()).toList();
        return Node.builder().type(NodeType.TRIGGER).name(name).uniqueId(id(name))
                .triggerDetails(d -> d.trigger(Trigger.builder().name(name).type(TriggerType.CONDITIONAL)
                        .predicate(p -> p.logical(logical).conditions(conditions)).build())).build();
    }

    static Node job(String name, JobRun... runs) {
        Node.Builder node = Node.builder().type(NodeType.JOB).name(name).uniqueId(id(name));
        return (runs.length == 0 ? node : node.jobDetails(d -> d.jobRuns(runs))).build();
    }

    static Node crawler(String name, Crawl... crawls) {
        Node.Builder node = Node.builder().type(NodeType.CRAWLER).name(name).uniqueId(id(name));
        return (crawls.length == 0 ? node : node.crawlerDetails(d -> d.crawls(crawls))).build();
    }

    static JobRun jobRun(String id, int attempt, String state, int seconds) {
        return JobRun.builder().id(id).attempt(attempt).jobRunState(state).startedOn(T0.plusSeconds(attempt * 60L))
                .executionTime(seconds).build();
    }

    static JobRun failedRun(String id, int attempt, String message) {
        return jobRun(id, attempt, "FAILED", 3).toBuilder().errorMessage(message).build();
    }

    static Crawl crawl(String state, int seconds) {
        return Crawl.builder().state(state).startedOn(T0).completedOn(seconds < 0 ? null : T0.plusSeconds(seconds))
                .build();
    }

    static Edge edge(String from, String to) {
        return Edge.builder().sourceId(id(from)).destinationId(id(to)).build();
    }

    static WorkflowGraph graph(List<Node> nodes, Edge... edges) {
        return WorkflowGraph.builder().nodes(nodes).edges(edges).build();
    }

    static WorkflowRun run(String status, WorkflowGraph graph, WorkflowRunStatistics statistics) {
        return WorkflowRun.builder().name("nightly").workflowRunId("wr_1").status(status).startedOn(T0)
                .completedOn("RUNNING".equals(status) ? null : T0.plusSeconds(90)).graph(graph)
                .statistics(statistics).build();
    }

    static WorkflowRunStatistics statistics(int total, int succeeded, int failed, int running) {
        return WorkflowRunStatistics.builder().totalActions(total).succeededActions(succeeded).failedActions(failed)
                .runningActions(running).stoppedActions(0).timeoutActions(0).erroredActions(0).waitingActions(0)
                .build();
    }
}

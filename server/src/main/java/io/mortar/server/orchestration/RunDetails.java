package io.mortar.server.orchestration;

import static java.util.Objects.requireNonNull;

import io.mortar.server.jobs.JobsApi;
import io.mortar.store.crawlers.CrawlStore;
import io.mortar.store.crawlers.StoredCrawl;
import io.mortar.store.jobs.JobStore;
import io.mortar.store.workflows.WorkflowStore;
import io.mortar.store.workflows.WorkflowStore.StoredAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.Crawl;
import software.amazon.awssdk.services.glue.model.CrawlerNodeDetails;
import software.amazon.awssdk.services.glue.model.JobNodeDetails;
import software.amazon.awssdk.services.glue.model.Node;
import software.amazon.awssdk.services.glue.model.NodeType;
import software.amazon.awssdk.services.glue.model.WorkflowGraph;
import software.amazon.awssdk.services.glue.model.WorkflowRunStatistics;

/**
 * What a workflow run did, as Glue shows it: its {@code Statistics} (counted over the job and crawler nodes it
 * started) and its graph with each job node's runs and each crawler node's crawl.
 */
public final class RunDetails {
    private static final String CRAWL_LOG_GROUP = "/aws-glue/crawlers";
    /** The start of a fired trigger's claim key. */
    public static final String TRIGGER_PREFIX = NodeKey.Type.TRIGGER + ":";

    private final WorkflowStore workflows;
    private final NodeStates states;
    private final CrawlStore crawls;

    public RunDetails(WorkflowStore workflows, JobStore jobs, CrawlStore crawls) {
        this.workflows = requireNonNull(workflows, "workflows");
        this.crawls = requireNonNull(crawls, "crawls");
        this.states = new NodeStates(jobs, crawls);
    }

    /** The job and crawler nodes the run claimed, by node (type and name) → what each started (null: not yet). */
    public Map<String, String> nodes(String runId) {
        Map<String, String> nodes = new LinkedHashMap<>();
        for (StoredAction action : workflows.actions(runId)) {
            if (NodeKey.parse(action.actionKey()).type() != NodeKey.Type.TRIGGER) {
                nodes.put(action.actionKey(), action.started());
            }
        }
        return nodes;
    }

    /** Every claim of the run, triggers fired included: key → what it started. */
    public Map<String, String> claims(String runId) {
        Map<String, String> claims = new LinkedHashMap<>();
        workflows.actions(runId).forEach(action -> claims.put(action.actionKey(), action.started()));
        return claims;
    }

    /** The claim key of a graph node: {@code JOB:name}, {@code CRAWLER:name} or {@code TRIGGER:name}. */
    public static String key(Node node) {
        return node.typeAsString() + ":" + node.name();
    }

    public WorkflowRunStatistics statistics(String runId) {
        int total = 0;
        int succeeded = 0;
        int failed = 0;
        int stopped = 0;
        int timeout = 0;
        int errored = 0;
        int waiting = 0;
        int running = 0;
        for (Map.Entry<String, String> node : nodes(runId).entrySet()) {
            total++;
            String state = node.getValue() == null ? NodeStates.RUNNING
                    : states.state(NodeKey.parse(node.getKey()).type(), node.getValue());
            switch (state) {
                case "SUCCEEDED" -> succeeded++;
                case "FAILED" -> failed++;
                case "STOPPED", "CANCELLED" -> stopped++;
                case "TIMEOUT" -> timeout++;
                case "ERROR", "EXPIRED" -> errored++;
                case "WAITING" -> waiting++;
                default -> running++;
            }
        }
        return WorkflowRunStatistics.builder().totalActions(total).succeededActions(succeeded)
                .failedActions(failed).stoppedActions(stopped).timeoutActions(timeout).erroredActions(errored)
                .waitingActions(waiting).runningActions(running).build();
    }

    /** The workflow's graph with what this run did at each job and crawler node. */
    public WorkflowGraph graph(WorkflowGraph definition, String runId) {
        Map<String, String> nodes = nodes(runId);
        List<Node> detailed = new ArrayList<>();
        for (Node node : definition.nodes()) {
            String started = nodes.get(key(node));
            if (started == null || started.startsWith(NodeStates.REFUSED) || node.type() == NodeType.TRIGGER) {
                detailed.add(node);
            } else if (node.type() == NodeType.JOB) {
                detailed.add(node.toBuilder().jobDetails(JobNodeDetails.builder().jobRuns(states.attempts(started)
                        .stream().map(JobsApi::toJobRun).toList()).build()).build());
            } else {
                detailed.add(node.toBuilder().crawlerDetails(CrawlerNodeDetails.builder().crawls(crawls.get(started)
                        .map(RunDetails::toCrawl).stream().toList()).build()).build());
            }
        }
        return definition.toBuilder().nodes(detailed).build();
    }

    private static Crawl toCrawl(StoredCrawl crawl) {
        return Crawl.builder().state(NodeStates.crawlState(crawl)).startedOn(crawl.startTime())
                .completedOn(crawl.endTime()).errorMessage(crawl.errorMessage()).logGroup(CRAWL_LOG_GROUP)
                .logStream(crawl.crawlerName()).build();
    }
}

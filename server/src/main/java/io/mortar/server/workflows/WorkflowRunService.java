package io.mortar.server.workflows;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.Names;
import io.mortar.catalog.PageTokens;
import io.mortar.model.GlueException;
import io.mortar.server.orchestration.RunDetails;
import io.mortar.server.orchestration.TriggerDocuments;
import io.mortar.server.orchestration.TriggerFirer;
import io.mortar.store.Page;
import io.mortar.store.triggers.TriggerStore;
import io.mortar.store.workflows.StoredWorkflowRun;
import io.mortar.store.workflows.WorkflowStore;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.glue.model.Edge;
import software.amazon.awssdk.services.glue.model.GetWorkflowRunPropertiesRequest;
import software.amazon.awssdk.services.glue.model.GetWorkflowRunPropertiesResponse;
import software.amazon.awssdk.services.glue.model.GetWorkflowRunRequest;
import software.amazon.awssdk.services.glue.model.GetWorkflowRunResponse;
import software.amazon.awssdk.services.glue.model.GetWorkflowRunsRequest;
import software.amazon.awssdk.services.glue.model.GetWorkflowRunsResponse;
import software.amazon.awssdk.services.glue.model.Node;
import software.amazon.awssdk.services.glue.model.NodeType;
import software.amazon.awssdk.services.glue.model.PutWorkflowRunPropertiesRequest;
import software.amazon.awssdk.services.glue.model.PutWorkflowRunPropertiesResponse;
import software.amazon.awssdk.services.glue.model.ResumeWorkflowRunRequest;
import software.amazon.awssdk.services.glue.model.ResumeWorkflowRunResponse;
import software.amazon.awssdk.services.glue.model.StartWorkflowRunRequest;
import software.amazon.awssdk.services.glue.model.StartWorkflowRunResponse;
import software.amazon.awssdk.services.glue.model.StopWorkflowRunRequest;
import software.amazon.awssdk.services.glue.model.StopWorkflowRunResponse;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.WorkflowRun;

/**
 * Workflow runs over the Glue API: StartWorkflowRun, GetWorkflowRun(s) with Statistics and the run's graph,
 * StopWorkflowRun, ResumeWorkflowRun, Get/PutWorkflowRunProperties. The orchestration moves runs on; this class
 * starts, reads and changes them.
 */
final class WorkflowRunService {
    private static final String RUNS_LISTING = "workflowRuns";
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;

    private final WorkflowStore workflows;
    private final TriggerStore triggers;
    private final TriggerFirer firer;
    private final RunDetails details;
    private final Runnable wake;
    private final Clock clock;

    WorkflowRunService(WorkflowStore workflows, TriggerStore triggers, TriggerFirer firer, RunDetails details,
                       Runnable wake, Clock clock) {
        this.workflows = requireNonNull(workflows, "workflows");
        this.triggers = requireNonNull(triggers, "triggers");
        this.firer = requireNonNull(firer, "firer");
        this.details = requireNonNull(details, "details");
        this.wake = requireNonNull(wake, "wake");
        this.clock = requireNonNull(clock, "clock");
    }

    StartWorkflowRunResponse startWorkflowRun(StartWorkflowRunRequest request) {
        Names.rejectNul(request.runProperties(), "RunProperties");
        StoredWorkflowRun run = firer.startWorkflowRun(request.name(),
                request.hasRunProperties() ? request.runProperties() : Map.of());
        return StartWorkflowRunResponse.builder().runId(run.runId()).build();
    }

    GetWorkflowRunResponse getWorkflowRun(GetWorkflowRunRequest request) {
        StoredWorkflowRun run = require(request.name(), request.runId());
        return GetWorkflowRunResponse.builder().run(toRun(run, Boolean.TRUE.equals(request.includeGraph()))).build();
    }

    GetWorkflowRunsResponse getWorkflowRuns(GetWorkflowRunsRequest request) {
        requireWorkflow(request.name());
        int limit = PageTokens.pageSize(request.maxResults(), DEFAULT_PAGE, MAX_PAGE);
        Page<StoredWorkflowRun> page = workflows.listRuns(request.name(),
                PageTokens.decode(RUNS_LISTING, request.nextToken()), limit);
        boolean graph = Boolean.TRUE.equals(request.includeGraph());
        return GetWorkflowRunsResponse.builder().runs(page.items().stream().map(run -> toRun(run, graph)).toList())
                .nextToken(PageTokens.encode(RUNS_LISTING, page.nextCursor())).build();
    }

    /** A RUNNING run goes STOPPING: the orchestration stops what it runs, then it is STOPPED. */
    StopWorkflowRunResponse stopWorkflowRun(StopWorkflowRunRequest request) {
        require(request.name(), request.runId());
        workflows.changeRun(request.runId(), current -> {
            if (!current.status().equals("RUNNING")) {
                throw GlueException.illegalWorkflowState("Workflow run %s of workflow %s is %s: only a RUNNING run"
                        + " can be stopped.", current.runId(), current.workflowName(), current.status());
            }
            return new StoredWorkflowRun(current.runId(), current.workflowName(), "STOPPING",
                    current.previousRunId(), current.properties(), current.startedOn(), null,
                    current.errorMessage());
        });
        wake.run();
        return StopWorkflowRunResponse.builder().build();
    }

    GetWorkflowRunPropertiesResponse getWorkflowRunProperties(GetWorkflowRunPropertiesRequest request) {
        return GetWorkflowRunPropertiesResponse.builder()
                .runProperties(require(request.name(), request.runId()).properties()).build();
    }

    /** Merges the properties into the run's: a key it has is overwritten, a new one added. */
    PutWorkflowRunPropertiesResponse putWorkflowRunProperties(PutWorkflowRunPropertiesRequest request) {
        Names.rejectNul(request.runProperties(), "RunProperties");
        require(request.name(), request.runId());
        workflows.changeRun(request.runId(), current -> {
            Map<String, String> merged = new LinkedHashMap<>(current.properties());
            merged.putAll(request.runProperties());
            return new StoredWorkflowRun(current.runId(), current.workflowName(), current.status(),
                    current.previousRunId(), merged, current.startedOn(), current.completedOn(),
                    current.errorMessage());
        });
        return PutWorkflowRunPropertiesResponse.builder().build();
    }

    /**
     * Runs the chosen job and crawler nodes of a COMPLETED run, and everything downstream of them, as a new run whose
     * PreviousRunId is it: the new run begins with everything else the old one did (its triggers fired, its other
     * nodes' outcomes), so the chosen nodes start at once and what follows them fires on their new outcomes. A chosen
     * node downstream of another chosen one is dropped from the answer's NodeIds (it reruns anyway).
     */
    ResumeWorkflowRunResponse resumeWorkflowRun(ResumeWorkflowRunRequest request) {
        StoredWorkflowRun previous = require(request.name(), request.runId());
        if (!previous.status().equals("COMPLETED")) {
            throw GlueException.illegalWorkflowState("Workflow run %s of workflow %s is %s: only a COMPLETED run can"
                    + " be resumed.", previous.runId(), previous.workflowName(), previous.status());
        }
        software.amazon.awssdk.services.glue.model.WorkflowGraph graph = WorkflowGraph.of(members(request.name()));
        Map<String, Node> byId = new HashMap<>();
        graph.nodes().forEach(node -> byId.put(node.uniqueId(), node));
        Map<String, String> claims = details.claims(previous.runId());
        Set<String> chosen = new LinkedHashSet<>();
        for (String id : request.nodeIds()) {
            Node node = byId.get(id);
            if (node == null) {
                throw GlueException.invalidInput("NodeIds: %s is not a node of workflow %s.", id, request.name());
            }
            if (node.type() == NodeType.TRIGGER) {
                throw GlueException.invalidInput("NodeIds: %s is trigger %s; only job and crawler nodes can be"
                        + " resumed.", id, node.name());
            }
            if (claims.get(RunDetails.key(node)) == null) {
                throw GlueException.illegalWorkflowState("NodeIds: %s %s did not run in workflow run %s; only nodes"
                        + " the run attempted can be resumed.", node.typeAsString().toLowerCase(java.util.Locale.ROOT),
                        node.name(), previous.runId());
            }
            chosen.add(id);
        }
        Map<String, List<String>> next = new HashMap<>();
        for (Edge edge : graph.edges()) {
            next.computeIfAbsent(edge.sourceId(), k -> new ArrayList<>()).add(edge.destinationId());
        }
        Set<String> effective = new LinkedHashSet<>(chosen);
        Set<String> rerun = new LinkedHashSet<>();
        for (String id : chosen) {
            Set<String> below = downstream(id, next);
            effective.removeAll(below.stream().filter(d -> !d.equals(id)).toList());
            rerun.add(id);
            rerun.addAll(below);
        }
        Set<String> rerunKeys = new LinkedHashSet<>();
        rerun.forEach(id -> rerunKeys.add(RunDetails.key(byId.get(id))));
        Map<String, String> carried = new LinkedHashMap<>();
        for (Map.Entry<String, String> claim : claims.entrySet()) {
            if (!rerunKeys.contains(claim.getKey())
                    && (claim.getValue() != null || claim.getKey().startsWith(RunDetails.TRIGGER_PREFIX))) {
                carried.put(claim.getKey(), claim.getValue());
            }
        }
        StoredWorkflowRun run = firer.resumeRun(previous, carried);
        return ResumeWorkflowRunResponse.builder().runId(run.runId()).nodeIds(List.copyOf(effective)).build();
    }

    /** The nodes below {@code id}, itself excluded, following the graph's edges. */
    private static Set<String> downstream(String id, Map<String, List<String>> next) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(next.getOrDefault(id, List.of()));
        while (!queue.isEmpty()) {
            String node = queue.poll();
            if (!node.equals(id) && seen.add(node)) {
                queue.addAll(next.getOrDefault(node, List.of()));
            }
        }
        return seen;
    }

    private List<Trigger> members(String workflowName) {
        return triggers.inWorkflow(workflowName).stream().map(TriggerDocuments::toTrigger).toList();
    }

    private void requireWorkflow(String name) {
        Names.rejectNul(name, "Name");
        if (workflows.get(name).isEmpty()) {
            throw GlueException.entityNotFound("Workflow %s not found.", name);
        }
    }

    private StoredWorkflowRun require(String name, String runId) {
        requireWorkflow(name);
        Names.rejectNul(runId, "RunId");
        return workflows.getRun(name, runId).orElseThrow(() -> GlueException.entityNotFound(
                "Workflow run %s of workflow %s not found.", runId, name));
    }

    WorkflowRun toRun(StoredWorkflowRun run, boolean includeGraph) {
        WorkflowRun.Builder out = WorkflowService.toRun(run).toBuilder().statistics(details.statistics(run.runId()));
        if (includeGraph) {
            out.graph(details.graph(WorkflowGraph.of(members(run.workflowName())), run.runId()));
        }
        return out.build();
    }
}

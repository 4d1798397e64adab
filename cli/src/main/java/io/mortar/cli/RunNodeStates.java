package io.mortar.cli;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.services.glue.model.Condition;
import software.amazon.awssdk.services.glue.model.Crawl;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.Logical;
import software.amazon.awssdk.services.glue.model.Node;
import software.amazon.awssdk.services.glue.model.NodeType;
import software.amazon.awssdk.services.glue.model.Predicate;
import software.amazon.awssdk.services.glue.model.WorkflowGraph;

/**
 * What each node of a workflow run's graph did in that run, read from the graph alone: a job node by its latest
 * {@code JobRun}, a crawler node by its latest {@code Crawl}, a trigger by whether it fired (Glue's trigger node
 * carries only the definition, so that is read off the runs around it).
 */
final class RunNodeStates {
    /** The state column of a node the run has not reached. */
    static final String NOT_REACHED = "-";

    private static final Set<String> FAILED_JOB_STATES = Set.of("FAILED", "TIMEOUT", "ERROR");
    private static final Set<String> FAILED_CRAWL_STATES = Set.of("FAILED", "ERROR");
    private static final int MAX_ERROR = 80;
    private static final Comparator<JobRun> JOB_RUN_ORDER = Comparator
            .comparing(JobRun::startedOn, Comparator.nullsLast(Comparator.naturalOrder())) // not started: newest
            .thenComparing(run -> run.attempt() == null ? 0 : run.attempt());
    private static final Comparator<Crawl> CRAWL_ORDER = Comparator
            .comparing(Crawl::startedOn, Comparator.nullsLast(Comparator.naturalOrder()));

    /**
     * One node's state in the run: the state column ({@link #NOT_REACHED} when the run has not reached it), the
     * detail after it, and why it failed (empty unless its latest job run or crawl ended failed, timed out or in
     * error).
     */
    record NodeState(String state, String detail, Optional<String> failure) {
        String line() {
            return detail.isEmpty() ? state : state + "  " + detail;
        }
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, String> byName = new HashMap<>(); // "JOB:load" to its UniqueId
    private final Map<String, NodeState> states = new HashMap<>();

    RunNodeStates(WorkflowGraph graph) {
        for (Node node : graph.nodes()) {
            nodes.putIfAbsent(node.uniqueId(), node);
            byName.putIfAbsent(node.type() + ":" + node.name(), node.uniqueId());
        }
        for (Node node : nodes.values()) {
            if (node.type() != NodeType.TRIGGER) {
                states.put(node.uniqueId(), actionState(node));
            }
        }
        for (Node node : nodes.values()) {
            if (node.type() == NodeType.TRIGGER) {
                List<Node> actions = graph.edges().stream().filter(e -> node.uniqueId().equals(e.sourceId()))
                        .map(e -> nodes.get(e.destinationId())).filter(Objects::nonNull).toList();
                states.put(node.uniqueId(), triggerState(node, fired(node, actions)));
            }
        }
    }

    /** The node's state; a node the graph does not hold is not reached. */
    NodeState of(String uniqueId) {
        return states.getOrDefault(uniqueId, new NodeState(NOT_REACHED, "", Optional.empty()));
    }

    /** The job and crawler nodes whose latest run failed, each as "job load (FAILED: why)", in the graph's order. */
    List<String> failures() {
        return nodes.values().stream().filter(n -> of(n.uniqueId()).failure().isPresent())
                .map(n -> label(n) + " (" + of(n.uniqueId()).failure().get() + ")").toList();
    }

    /** "job load", "crawler lake", "trigger nightly": how a node is named to a person. */
    static String label(Node node) {
        String type = node.type() == null || node.type() == NodeType.UNKNOWN_TO_SDK_VERSION
                ? String.valueOf(node.typeAsString()) : node.type().toString();
        return type.toLowerCase(Locale.ROOT) + " " + node.name();
    }

    /**
     * Whether the trigger fired in this run. A job run names the trigger that started it, which settles it; a crawl
     * names none, so then a conditional trigger fired if its predicate holds over the states of this run's nodes
     * and what it starts has run (a crawler started by two triggers does not tell which one fired), and a start
     * trigger if what it starts has run.
     */
    private boolean fired(Node trigger, List<Node> actions) {
        List<JobRun> runs = actions.stream().filter(a -> a.jobDetails() != null)
                .flatMap(a -> a.jobDetails().jobRuns().stream()).toList();
        if (runs.stream().anyMatch(run -> run.triggerName() != null)) {
            return runs.stream().anyMatch(run -> trigger.name().equals(run.triggerName()));
        }
        boolean actionsRan = actions.stream().anyMatch(a -> !of(a.uniqueId()).state().equals(NOT_REACHED));
        Predicate predicate = trigger.triggerDetails() == null || trigger.triggerDetails().trigger() == null ? null
                : trigger.triggerDetails().trigger().predicate();
        if (predicate == null || predicate.conditions().isEmpty()) {
            return actionsRan;
        }
        boolean holds = predicate.logical() == Logical.ANY ? predicate.conditions().stream().anyMatch(this::holds)
                : predicate.conditions().stream().allMatch(this::holds);
        return actionsRan && holds;
    }

    /** Whether the watched job's latest run, or the watched crawler's latest crawl, is in the condition's state. */
    private boolean holds(Condition condition) {
        String id = condition.jobName() != null ? byName.get(NodeType.JOB + ":" + condition.jobName())
                : byName.get(NodeType.CRAWLER + ":" + condition.crawlerName());
        String wanted = condition.jobName() != null ? condition.stateAsString() : condition.crawlStateAsString();
        return id != null && wanted != null && wanted.equals(of(id).state());
    }

    private static NodeState actionState(Node node) {
        if (node.type() == NodeType.JOB && node.jobDetails() != null && !node.jobDetails().jobRuns().isEmpty()) {
            JobRun run = node.jobDetails().jobRuns().stream().max(JOB_RUN_ORDER).orElseThrow();
            String state = run.jobRunStateAsString();
            StringBuilder detail = new StringBuilder("attempt " + (run.attempt() == null ? 0 : run.attempt()));
            detail.append("  ").append(run.id());
            if (run.executionTime() != null && run.executionTime() > 0) {
                detail.append("  ").append(run.executionTime()).append(" s");
            }
            if (run.errorMessage() != null) {
                detail.append("  ").append(CrawlerCommands.shorten(run.errorMessage(), MAX_ERROR));
            }
            return new NodeState(state, detail.toString(), failure(FAILED_JOB_STATES, state, run.errorMessage()));
        }
        if (node.type() == NodeType.CRAWLER && node.crawlerDetails() != null
                && !node.crawlerDetails().crawls().isEmpty()) {
            Crawl crawl = node.crawlerDetails().crawls().stream().max(CRAWL_ORDER).orElseThrow();
            String state = crawl.stateAsString();
            String took = CrawlerCommands.seconds(crawl.startedOn(), crawl.completedOn());
            String detail = String.join("  ", Stream.of(took.isEmpty() ? null : took + " s",
                    crawl.errorMessage() == null ? null : CrawlerCommands.shorten(crawl.errorMessage(), MAX_ERROR))
                    .filter(Objects::nonNull).toList());
            return new NodeState(state, detail, failure(FAILED_CRAWL_STATES, state, crawl.errorMessage()));
        }
        return new NodeState(NOT_REACHED, "not started", Optional.empty());
    }

    private static Optional<String> failure(Set<String> failedStates, String state, String errorMessage) {
        return failedStates.contains(state) ? Optional.of(state + (errorMessage == null ? "" : ": " + errorMessage))
                : Optional.empty();
    }

    private static NodeState triggerState(Node node, boolean fired) {
        String type = node.triggerDetails() == null || node.triggerDetails().trigger() == null
                || node.triggerDetails().trigger().typeAsString() == null ? ""
                : node.triggerDetails().trigger().typeAsString();
        String detail = fired ? type : type.isEmpty() ? "not fired" : type + ", not fired";
        return new NodeState(fired ? "FIRED" : NOT_REACHED, detail, Optional.empty());
    }
}

package io.mortar.server.workflows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.Condition;
import software.amazon.awssdk.services.glue.model.Edge;
import software.amazon.awssdk.services.glue.model.Node;
import software.amazon.awssdk.services.glue.model.NodeType;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.TriggerNodeDetails;
import software.amazon.awssdk.services.glue.model.WorkflowGraph.Builder;

/**
 * A workflow's graph as Glue draws it, made from its triggers: a node per trigger, per job and per crawler they name;
 * an edge from each trigger to what its actions start, and from each job or crawler its predicate watches to it. A
 * node's {@code UniqueId} is {@code wnode_} and a hash of its type and name, so it stays the same across calls, runs
 * and restarts (clients and {@code ResumeWorkflowRun} refer to nodes by it).
 */
final class WorkflowGraph {
    private WorkflowGraph() {}

    static software.amazon.awssdk.services.glue.model.WorkflowGraph of(List<Trigger> triggers) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        for (Trigger trigger : triggers) {
            String triggerId = add(nodes, NodeType.TRIGGER, trigger.name(), trigger);
            for (Action action : trigger.actions()) {
                String target = action.jobName() != null ? add(nodes, NodeType.JOB, action.jobName(), null)
                        : add(nodes, NodeType.CRAWLER, action.crawlerName(), null);
                edges.add(Edge.builder().sourceId(triggerId).destinationId(target).build());
            }
            if (trigger.predicate() != null) {
                for (Condition condition : trigger.predicate().conditions()) {
                    String watched = condition.jobName() != null
                            ? add(nodes, NodeType.JOB, condition.jobName(), null)
                            : add(nodes, NodeType.CRAWLER, condition.crawlerName(), null);
                    edges.add(Edge.builder().sourceId(watched).destinationId(triggerId).build());
                }
            }
        }
        Builder graph = software.amazon.awssdk.services.glue.model.WorkflowGraph.builder();
        return graph.nodes(List.copyOf(nodes.values())).edges(edges).build();
    }

    /** The node's id, adding the node the first time its type and name are met. */
    private static String add(Map<String, Node> nodes, NodeType type, String name, Trigger trigger) {
        String id = uniqueId(type, name);
        nodes.computeIfAbsent(id, key -> {
            Node.Builder node = Node.builder().type(type).name(name).uniqueId(id);
            if (trigger != null) {
                node.triggerDetails(TriggerNodeDetails.builder().trigger(trigger).build());
            }
            return node.build();
        });
        return id;
    }

    static String uniqueId(NodeType type, String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((type + ":" + name)
                    .getBytes(StandardCharsets.UTF_8));
            return "wnode_" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

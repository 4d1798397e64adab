package io.mortar.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.glue.model.Edge;
import software.amazon.awssdk.services.glue.model.Node;
import software.amazon.awssdk.services.glue.model.NodeType;
import software.amazon.awssdk.services.glue.model.WorkflowGraph;

/**
 * A workflow run's graph drawn for a terminal, in plain ASCII: a tree from the start trigger (a node with no
 * incoming edge) following the edges — a trigger to the jobs and crawlers it starts, a job or crawler to the
 * triggers watching it — with each node's state in the run in aligned columns:
 *
 * <pre>
 * trigger start         FIRED        ON_DEMAND
 * |-- crawler lake      SUCCEEDED    4.0 s
 * |   `-- trigger both  (see below)
 * `-- job prepare       SUCCEEDED    attempt 0  jr_…  12 s
 *     `-- trigger both  FIRED        CONDITIONAL
 *         `-- job load  RUNNING      attempt 0  jr_…
 * </pre>
 *
 * A node with several parents (a trigger watching two jobs) is drawn in full once, under the last of its parents to
 * be drawn, so every node comes after everything that leads to it; its other parents point to it. A cycle (a
 * trigger restarting the job it watches) is followed once and points back; a cycle no root leads to starts a tree
 * of its own, so every node is drawn once in full.
 */
final class RunGraphDrawing {
    private static final String SEE_BELOW = "(see below)";
    private static final String SEE_ABOVE = "(see above)";

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Set<String>> children = new HashMap<>();
    private final Map<String, Set<String>> parents = new HashMap<>();
    private final RunNodeStates states;
    private final Set<String> drawn = new LinkedHashSet<>(); // in the order drawn in full
    private final List<String[]> rows = new ArrayList<>(); // tree cell, state cell, detail cell

    private RunGraphDrawing(WorkflowGraph graph) {
        for (Node node : graph.nodes()) {
            nodes.putIfAbsent(node.uniqueId(), node);
        }
        for (Edge edge : graph.edges()) {
            if (nodes.containsKey(edge.sourceId()) && nodes.containsKey(edge.destinationId())) {
                children.computeIfAbsent(edge.sourceId(), id -> new LinkedHashSet<>()).add(edge.destinationId());
                parents.computeIfAbsent(edge.destinationId(), id -> new LinkedHashSet<>()).add(edge.sourceId());
            }
        }
        states = new RunNodeStates(graph);
    }

    /** The drawing's lines, without trailing blanks; none for an empty graph. */
    static List<String> draw(WorkflowGraph graph) {
        return graph == null ? List.of() : new RunGraphDrawing(graph).layOut().aligned();
    }

    /** The nodes' UniqueIds in the order the drawing shows them in full: each after everything leading to it. */
    static List<String> order(WorkflowGraph graph) {
        return graph == null ? List.of() : List.copyOf(new RunGraphDrawing(graph).layOut().drawn);
    }

    private RunGraphDrawing layOut() {
        // The start trigger first (Glue has one); then jobs or crawlers only watched, never started, in the graph.
        List<String> roots = nodes.values().stream().filter(n -> !parents.containsKey(n.uniqueId()))
                .sorted(Comparator.comparing(n -> n.type() == NodeType.TRIGGER ? 0 : 1))
                .map(Node::uniqueId).toList();
        roots.forEach(root -> draw(root, "", ""));
        // What no root reaches in full: a cycle, or a node waiting on a parent inside one.
        for (String id : nodes.keySet()) {
            if (!drawn.contains(id)) {
                draw(id, "", "");
            }
        }
        return this;
    }

    private void draw(String id, String indent, String connector) {
        Node node = nodes.get(id);
        RunNodeStates.NodeState state = states.of(id);
        rows.add(new String[] {indent + connector + RunNodeStates.label(node), state.state(), state.detail()});
        drawn.add(id);
        String childIndent = indent + (connector.isEmpty() ? "" : connector.startsWith("`") ? "    " : "|   ");
        List<String> kids = List.copyOf(children.getOrDefault(id, Set.of()));
        for (int i = 0; i < kids.size(); i++) {
            String kid = kids.get(i);
            String kidConnector = i == kids.size() - 1 ? "`-- " : "|-- ";
            if (drawn.contains(kid)) {
                reference(kid, childIndent + kidConnector, SEE_ABOVE);
            } else if (drawn.containsAll(awaited(kid))) {
                draw(kid, childIndent, kidConnector);
            } else {
                reference(kid, childIndent + kidConnector, SEE_BELOW);
            }
        }
    }

    /**
     * The parents a node is drawn after: all but those it leads to itself (a cycle's way back, such as a trigger
     * that restarts the job it watches), which could never come first.
     */
    private Set<String> awaited(String id) {
        Set<String> downstream = descendants(id);
        Set<String> awaited = new LinkedHashSet<>(parents.get(id));
        awaited.removeAll(downstream);
        return awaited;
    }

    private Set<String> descendants(String id) {
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(id));
        while (!next.isEmpty()) {
            for (String kid : children.getOrDefault(next.pop(), Set.of())) {
                if (seen.add(kid)) {
                    next.push(kid);
                }
            }
        }
        return seen;
    }

    private void reference(String id, String tree, String where) {
        rows.add(new String[] {tree + RunNodeStates.label(nodes.get(id)), where, ""});
    }

    private List<String> aligned() {
        int tree = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        int state = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            String line = pad(row[0], tree) + "  " + pad(row[1], state) + "  " + row[2];
            lines.add(line.stripTrailing());
        }
        return lines;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}

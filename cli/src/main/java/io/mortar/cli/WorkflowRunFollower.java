package io.mortar.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.glue.model.Node;
import software.amazon.awssdk.services.glue.model.WorkflowGraph;
import software.amazon.awssdk.services.glue.model.WorkflowRun;

/**
 * Follows a workflow run to its end ({@code COMPLETED}, {@code STOPPED} or {@code ERROR}): the run drawn once, then a
 * line for each change as it is seen (a node's state, the run's status), then the run drawn again as it ended. Only
 * changes are printed between the two drawings, so the output reads the same on a terminal, in a file and in CI.
 */
final class WorkflowRunFollower {
    static final Set<String> FINAL_STATUSES = Set.of("COMPLETED", "STOPPED", "ERROR");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The run as the server has it now (GetWorkflowRun with its graph). */
    @FunctionalInterface
    interface RunSource {
        WorkflowRun fetch();
    }

    /** The wait between two looks at the run. */
    @FunctionalInterface
    interface Pause {
        void await() throws InterruptedException;
    }

    /** How a followed run ended: the exit code ({@code 0} only for a COMPLETED run with no failed action) and why. */
    record Outcome(int exit, Optional<String> error) {
        static Outcome of(WorkflowRun run) {
            String status = run.statusAsString();
            String which = "workflow run " + run.workflowRunId() + " of " + run.name() + " " + status;
            if (!"COMPLETED".equals(status)) {
                return new Outcome(1, Optional.of(which + (run.errorMessage() == null ? "" : ": " + run.errorMessage())));
            }
            List<String> failures = run.graph() == null ? List.of() : new RunNodeStates(run.graph()).failures();
            if (!failures.isEmpty()) {
                return new Outcome(1, Optional.of(which + " with " + failures.size() + " failed action(s): "
                        + String.join(", ", failures)));
            }
            int counted = WorkflowRunReport.failedActions(run.statistics());
            if (counted > 0) { // the graph names none (a server that leaves runs out of it), the counts still tell
                return new Outcome(1, Optional.of(which + " with " + counted + " failed action(s)"));
            }
            return new Outcome(0, Optional.empty());
        }
    }

    private final RunSource source;
    private final Pause pause;
    private final Clock clock;

    WorkflowRunFollower(RunSource source, Pause pause, Clock clock) {
        this.source = Objects.requireNonNull(source);
        this.pause = Objects.requireNonNull(pause);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Follows the run to its end, printing it to {@code out} unless {@code quiet}; returns the run as it ended. */
    WorkflowRun follow(PrintWriter out, boolean quiet) throws InterruptedException {
        WorkflowRun run = source.fetch();
        print(out, quiet, WorkflowRunReport.lines(run));
        boolean changed = false;
        while (!FINAL_STATUSES.contains(run.statusAsString())) {
            pause.await();
            WorkflowRun next = source.fetch();
            List<String> changes = changes(run, next);
            print(out, quiet, changes);
            changed |= !changes.isEmpty();
            run = next;
        }
        if (changed) {
            List<String> end = new ArrayList<>(List.of(""));
            end.addAll(WorkflowRunReport.lines(run));
            print(out, quiet, end);
        }
        return run;
    }

    /** A line per node whose state changed from one look to the next, and one if the run's status changed. */
    List<String> changes(WorkflowRun before, WorkflowRun after) {
        String now = CLOCK.format(clock.instant());
        List<String> lines = new ArrayList<>();
        RunNodeStates was = states(before.graph());
        RunNodeStates is = states(after.graph());
        Map<String, Node> nodes = after.graph() == null ? Map.of() : after.graph().nodes().stream()
                .collect(Collectors.toMap(Node::uniqueId, node -> node, (first, second) -> first));
        for (String id : RunGraphDrawing.order(after.graph())) { // upstream changes first, as they happened
            RunNodeStates.NodeState old = was.of(id);
            RunNodeStates.NodeState current = is.of(id);
            String label = RunNodeStates.label(nodes.get(id));
            if (!old.state().equals(current.state())) {
                lines.add(now + "  " + label + "  " + old.state() + " -> " + current.line());
            } else if (!old.detail().equals(current.detail())) {
                lines.add(now + "  " + label + "  " + current.line());
            }
        }
        if (!Objects.equals(before.statusAsString(), after.statusAsString())) {
            lines.add(now + "  run  " + before.statusAsString() + " -> " + after.statusAsString());
        }
        return lines;
    }

    private static RunNodeStates states(WorkflowGraph graph) {
        return new RunNodeStates(graph == null ? WorkflowGraph.builder().build() : graph);
    }

    private static void print(PrintWriter out, boolean quiet, List<String> lines) {
        if (!quiet) {
            lines.forEach(out::println);
            out.flush();
        }
    }
}

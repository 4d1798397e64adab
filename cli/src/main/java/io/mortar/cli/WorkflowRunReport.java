package io.mortar.cli;

import static io.mortar.cli.CatalogCommands.time;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.glue.model.WorkflowRun;
import software.amazon.awssdk.services.glue.model.WorkflowRunStatistics;

/**
 * A workflow run as {@code mortar workflow-run} prints it: a header of its id, status, times, properties and action
 * counts, then its graph drawn with each node's state.
 */
final class WorkflowRunReport {
    private WorkflowRunReport() {}

    static List<String> lines(WorkflowRun run) {
        List<String> lines = new ArrayList<>(header(run));
        List<String> graph = RunGraphDrawing.draw(run.graph());
        if (!graph.isEmpty()) {
            lines.add("");
            lines.addAll(graph);
        }
        return lines;
    }

    static List<String> header(WorkflowRun run) {
        List<String> lines = new ArrayList<>();
        lines.add("Workflow run: " + run.workflowRunId() + " of " + run.name());
        lines.add("Status:       " + run.statusAsString());
        lines.add("Started:      " + utc(run.startedOn()));
        lines.add("Completed:    " + utc(run.completedOn()));
        if (run.previousRunId() != null) {
            lines.add("Previous run: " + run.previousRunId());
        }
        if (run.errorMessage() != null) {
            lines.add("Error:        " + run.errorMessage());
        }
        lines.add("Properties:   " + properties(run.workflowRunProperties()));
        lines.add("Actions:      " + statistics(run.statistics()));
        return lines;
    }

    /** "3 total: 1 succeeded, 1 failed, 1 running, 0 stopped, 0 timeout, 0 errored, 0 waiting". */
    static String statistics(WorkflowRunStatistics s) {
        if (s == null) {
            return "-";
        }
        return n(s.totalActions()) + " total: " + n(s.succeededActions()) + " succeeded, " + n(s.failedActions())
                + " failed, " + n(s.runningActions()) + " running, " + n(s.stoppedActions()) + " stopped, "
                + n(s.timeoutActions()) + " timeout, " + n(s.erroredActions()) + " errored, "
                + n(s.waitingActions()) + " waiting";
    }

    /** The counts a list of runs has room for: the total and only those of the other counts that are not 0. */
    static String shortStatistics(WorkflowRunStatistics s) {
        if (s == null) {
            return "";
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("succeeded", n(s.succeededActions()));
        counts.put("failed", n(s.failedActions()));
        counts.put("timeout", n(s.timeoutActions()));
        counts.put("errored", n(s.erroredActions()));
        counts.put("stopped", n(s.stoppedActions()));
        counts.put("running", n(s.runningActions()));
        counts.put("waiting", n(s.waitingActions()));
        String others = counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        return n(s.totalActions()) + " total" + (others.isEmpty() ? "" : ": " + others);
    }

    /** Failed, timed out and errored actions, as the statistics count them. */
    static int failedActions(WorkflowRunStatistics s) {
        return s == null ? 0 : n(s.failedActions()) + n(s.timeoutActions()) + n(s.erroredActions());
    }

    private static String properties(Map<String, String> properties) {
        return properties.isEmpty() ? "-" : new TreeMap<>(properties).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String utc(Instant instant) {
        return instant == null ? "-" : time(instant) + " UTC";
    }

    private static int n(Integer count) {
        return count == null ? 0 : count;
    }
}

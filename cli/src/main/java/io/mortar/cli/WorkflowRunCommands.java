package io.mortar.cli;

import static io.mortar.cli.CatalogCommands.time;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Node;
import software.amazon.awssdk.services.glue.model.NodeType;
import software.amazon.awssdk.services.glue.model.ResumeWorkflowRunResponse;
import software.amazon.awssdk.services.glue.model.StartWorkflowRunResponse;
import software.amazon.awssdk.services.glue.model.Workflow;
import software.amazon.awssdk.services.glue.model.WorkflowGraph;
import software.amazon.awssdk.services.glue.model.WorkflowRun;

/** Running workflows: start a run, show or follow a run with its graph, list, stop and resume runs. */
final class WorkflowRunCommands {
    /** How often {@code --follow} looks at the run. */
    static final Duration POLL = Duration.ofSeconds(1);
    private static final String FOLLOW_HELP = "follow the run until it ends (COMPLETED, STOPPED or ERROR), printing"
            + " each change; then exit 0 if it COMPLETED with no failed action, else 1";

    private WorkflowRunCommands() {}

    /** A command that shows one workflow run at its end, or follows it there with {@code --follow}. */
    abstract static class RunShowing extends CatalogCommands.Base {
        @Option(names = {"-f", "--follow"}, description = FOLLOW_HELP)
        boolean follow;

        @Override
        public Integer call() {
            try (GlueClient glue = parent.client()) {
                return execute(glue);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                spec.commandLine().getErr().println("error: interrupted; the workflow run goes on"
                        + " (mortar stop-workflow-run stops it)");
                return 130;
            }
        }

        @Override
        final void run(GlueClient glue) {
            throw new UnsupportedOperationException("runs through call()");
        }

        abstract int execute(GlueClient glue) throws InterruptedException;

        /** The run drawn once, or followed to its end; the exit code. */
        int show(GlueClient glue, String workflow, String runId) throws InterruptedException {
            WorkflowRunFollower.RunSource source = () -> glue.getWorkflowRun(b -> b.name(workflow).runId(runId)
                    .includeGraph(true)).run();
            if (!follow) {
                WorkflowRun run = source.fetch();
                if (json()) {
                    printJson(List.of(run));
                } else {
                    WorkflowRunReport.lines(run).forEach(out()::println);
                    out().flush();
                }
                return 0;
            }
            WorkflowRun end = new WorkflowRunFollower(source, () -> Thread.sleep(POLL.toMillis()), Clock.systemUTC())
                    .follow(out(), json());
            if (json()) {
                printJson(List.of(end));
            }
            WorkflowRunFollower.Outcome outcome = WorkflowRunFollower.Outcome.of(end);
            outcome.error().ifPresent(error -> spec.commandLine().getErr().println("error: " + error));
            return outcome.exit();
        }
    }

    @Command(name = "start-workflow", mixinStandardHelpOptions = true,
            description = {"Starts a run of a workflow and prints its run id.",
                    "Its run properties are the workflow's defaults overlaid by the --prop values.",
                    "With --follow, then follows it as `mortar workflow-run NAME RUN --follow` does."})
    static final class StartWorkflow extends RunShowing {
        @Parameters(index = "0", paramLabel = "WORKFLOW")
        String workflow;

        @Option(names = "--prop", paramLabel = "KEY=VALUE",
                description = "a run property, e.g. --prop day=2024-01-01; repeatable")
        List<String> props = List.of();

        @Override
        int execute(GlueClient glue) throws InterruptedException {
            Map<String, String> properties = properties();
            StartWorkflowRunResponse started = glue.startWorkflowRun(b -> b.name(workflow)
                    .runProperties(properties.isEmpty() ? null : properties));
            if (!json()) {
                out().println(started.runId());
                out().flush();
            } else if (!follow) {
                printJson(List.of(started));
            }
            return follow ? show(glue, workflow, started.runId()) : 0;
        }

        /** The --prop values, refused as a usage error naming the one that is not KEY=VALUE. */
        private Map<String, String> properties() {
            Map<String, String> properties = new LinkedHashMap<>();
            for (String prop : props) {
                int eq = prop.indexOf('=');
                if (eq <= 0) {
                    throw new ParameterException(spec.commandLine(), "--prop must be KEY=VALUE, not '" + prop + "'");
                }
                properties.put(prop.substring(0, eq), prop.substring(eq + 1));
            }
            return properties;
        }
    }

    @Command(name = "workflow-run", mixinStandardHelpOptions = true,
            description = {"Shows a workflow run: its status, times, properties and action counts, and its graph"
                    + " drawn from the start trigger with each node's state in the run.",
                    "Without RUN, the workflow's latest run."})
    static final class ShowWorkflowRun extends RunShowing {
        @Parameters(index = "0", paramLabel = "WORKFLOW")
        String workflow;

        @Parameters(index = "1", paramLabel = "RUN", arity = "0..1", description = "the run's id (default: the latest)")
        String runId;

        @Override
        int execute(GlueClient glue) throws InterruptedException {
            Optional<String> run = runId != null ? Optional.of(runId) : latestRun(glue, workflow);
            if (run.isEmpty()) {
                spec.commandLine().getErr().println("error: workflow " + workflow + " has no run yet (mortar"
                        + " start-workflow " + workflow + " starts one)");
                return 2;
            }
            return show(glue, workflow, run.get());
        }

        /** The workflow's LastRun, or else the first of its runs as GetWorkflowRuns lists them (newest first). */
        static Optional<String> latestRun(GlueClient glue, String workflow) {
            Workflow found = glue.getWorkflow(b -> b.name(workflow)).workflow();
            if (found.lastRun() != null && found.lastRun().workflowRunId() != null) {
                return Optional.of(found.lastRun().workflowRunId());
            }
            return glue.getWorkflowRuns(b -> b.name(workflow).maxResults(1)).runs().stream().findFirst()
                    .map(WorkflowRun::workflowRunId);
        }
    }

    @Command(name = "workflow-runs", mixinStandardHelpOptions = true,
            description = "Lists a workflow's runs: status, times, the run it resumed, and its action counts.")
    static final class WorkflowRuns extends CatalogCommands.Base {
        @Parameters(index = "0", paramLabel = "WORKFLOW")
        String workflow;

        @Option(names = "--limit", defaultValue = "50", description = "at most this many runs (default 50)")
        int limit;

        @Override
        void run(GlueClient glue) {
            requirePositiveLimit(limit);
            List<WorkflowRun> runs = glue.getWorkflowRunsPaginator(b -> b.name(workflow).includeGraph(false)
                    .maxResults(Math.min(limit, 1000))).stream().flatMap(page -> page.runs().stream())
                    .limit(limit).toList();
            if (json()) {
                printJson(runs);
                return;
            }
            TextTable table = new TextTable("ID", "STATUS", "STARTED (UTC)", "COMPLETED (UTC)", "PREVIOUS RUN",
                    "ACTIONS");
            for (WorkflowRun run : runs) {
                table.row(run.workflowRunId(), run.statusAsString(), time(run.startedOn()), time(run.completedOn()),
                        run.previousRunId(), WorkflowRunReport.shortStatistics(run.statistics()));
            }
            table.print(out());
        }
    }

    @Command(name = "stop-workflow-run", mixinStandardHelpOptions = true,
            description = {"Stops a workflow run: it starts nothing more, its running actions are stopped;"
                    + " it goes STOPPING, then STOPPED."})
    static final class StopWorkflowRun extends CatalogCommands.Base {
        @Parameters(index = "0", paramLabel = "WORKFLOW")
        String workflow;

        @Parameters(index = "1", paramLabel = "RUN")
        String runId;

        @Override
        void run(GlueClient glue) {
            glue.stopWorkflowRun(b -> b.name(workflow).runId(runId));
            out().println("Stopping workflow run " + runId + " of " + workflow);
            out().flush();
        }
    }

    @Command(name = "resume-workflow", mixinStandardHelpOptions = true,
            description = {"Resumes a COMPLETED workflow run: the chosen jobs and crawlers and everything after them"
                    + " run again, as a new run whose previous run is RUN. Prints the new run's id.",
                    "A NODE is a job's or crawler's name in the run's graph, or a node's UniqueId."})
    static final class ResumeWorkflow extends RunShowing {
        @Parameters(index = "0", paramLabel = "WORKFLOW")
        String workflow;

        @Parameters(index = "1", paramLabel = "RUN")
        String runId;

        @Parameters(index = "2..*", arity = "1..*", paramLabel = "NODE")
        List<String> nodes;

        @Override
        int execute(GlueClient glue) throws InterruptedException {
            WorkflowGraph graph = glue.getWorkflowRun(b -> b.name(workflow).runId(runId).includeGraph(true)).run()
                    .graph();
            List<String> ids = new ArrayList<>();
            for (String node : nodes) {
                try {
                    ids.add(nodeId(graph, node));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
            }
            ResumeWorkflowRunResponse resumed = glue.resumeWorkflowRun(b -> b.name(workflow).runId(runId)
                    .nodeIds(ids));
            if (!json()) {
                out().println(resumed.runId());
                out().println("Resumed from run " + runId + ": " + names(graph, resumed.nodeIds()));
                out().flush();
            } else if (!follow) {
                printJson(List.of(resumed));
            }
            return follow ? show(glue, workflow, resumed.runId()) : 0;
        }

        /**
         * The UniqueId a NODE argument names: a node's UniqueId as is, else the one job or crawler of that name. An
         * unknown or ambiguous name is refused with the candidates; an id the graph does not hold goes to the
         * server as given (it judges what can be resumed).
         */
        static String nodeId(WorkflowGraph graph, String given) {
            List<Node> all = graph == null ? List.of() : graph.nodes();
            if (all.stream().anyMatch(n -> given.equals(n.uniqueId()))) {
                return given;
            }
            List<Node> actions = all.stream().filter(n -> n.type() == NodeType.JOB || n.type() == NodeType.CRAWLER)
                    .toList();
            List<Node> named = actions.stream().filter(n -> given.equals(n.name())).toList();
            if (named.size() == 1) {
                return named.get(0).uniqueId();
            }
            if (named.size() > 1) {
                throw new IllegalArgumentException("NODE '" + given + "' names more than one node; give its UniqueId: "
                        + named.stream().map(n -> RunNodeStates.label(n) + " " + n.uniqueId())
                        .collect(Collectors.joining(", ")));
            }
            if (given.startsWith("wnode_")) {
                return given;
            }
            throw new IllegalArgumentException("NODE '" + given + "' is no job or crawler of the run; they are: "
                    + (actions.isEmpty() ? "none" : actions.stream().map(RunNodeStates::label)
                    .collect(Collectors.joining(", "))));
        }

        private static String names(WorkflowGraph graph, List<String> ids) {
            List<Node> all = graph == null ? List.of() : graph.nodes();
            return ids.stream().map(id -> all.stream().filter(n -> id.equals(n.uniqueId())).findFirst()
                    .map(RunNodeStates::label).orElse(id)).collect(Collectors.joining(", "));
        }
    }
}

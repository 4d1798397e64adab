package io.mortar.cli;

import static io.mortar.cli.CatalogCommands.time;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.Workflow;

/** Listing the orchestration: triggers and workflows (running them comes with the workflow runs). */
final class OrchestrationCommands {
    private OrchestrationCommands() {}

    @Command(name = "triggers", mixinStandardHelpOptions = true,
            description = "Lists the triggers: type, state, schedule, workflow and what each starts.")
    static final class Triggers extends CatalogCommands.Base {
        @Override
        void run(GlueClient glue) {
            List<Trigger> triggers = glue.getTriggersPaginator(b -> {}).stream()
                    .flatMap(page -> page.triggers().stream()).toList();
            if (json()) {
                printJson(triggers);
                return;
            }
            TextTable table = new TextTable("NAME", "TYPE", "STATE", "SCHEDULE", "WORKFLOW", "STARTS");
            for (Trigger trigger : triggers) {
                table.row(trigger.name(), trigger.typeAsString(), trigger.stateAsString(),
                        trigger.schedule() == null ? "" : trigger.schedule(),
                        trigger.workflowName() == null ? "" : trigger.workflowName(), starts(trigger));
            }
            table.print(out());
        }

        private static String starts(Trigger trigger) {
            return trigger.actions().stream().map(Triggers::target).collect(Collectors.joining(", "));
        }

        private static String target(Action action) {
            return action.jobName() != null ? "job " + action.jobName() : "crawler " + action.crawlerName();
        }
    }

    @Command(name = "workflows", mixinStandardHelpOptions = true,
            description = "Lists the workflows: their triggers, jobs and crawlers, and their last run.")
    static final class Workflows extends CatalogCommands.Base {
        @Override
        void run(GlueClient glue) {
            List<String> names = glue.listWorkflowsPaginator(b -> {}).stream()
                    .flatMap(page -> page.workflows().stream()).toList();
            List<Workflow> workflows = names.isEmpty() ? List.of()
                    : glue.batchGetWorkflows(b -> b.names(names).includeGraph(true)).workflows();
            if (json()) {
                printJson(workflows);
                return;
            }
            TextTable table = new TextTable("NAME", "NODES", "MAX RUNS", "LAST RUN", "STATUS", "STARTED (UTC)");
            for (Workflow workflow : workflows) {
                int nodes = workflow.graph() == null ? 0 : workflow.graph().nodes().size();
                table.row(workflow.name(), nodes,
                        workflow.maxConcurrentRuns() == null ? "" : workflow.maxConcurrentRuns(),
                        workflow.lastRun() == null ? "" : workflow.lastRun().workflowRunId(),
                        workflow.lastRun() == null ? "" : workflow.lastRun().statusAsString(),
                        workflow.lastRun() == null ? "" : time(workflow.lastRun().startedOn()));
            }
            table.print(out());
        }
    }
}

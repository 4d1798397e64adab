package io.mortar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.TriggerType;

/** {@code mortar triggers} and {@code mortar workflows} against a server, read back by column. */
class OrchestrationCommandsTest {
    private static TestServer server;
    private static GlueClient glue;

    @BeforeAll
    static void start() {
        server = TestServer.start(StoreBackend.SQLITE);
        glue = server.client();
        glue.createJob(b -> b.name("load").role("glue").command(c -> c.scriptLocation("/jobs/load.sql")));
        glue.createCrawler(b -> b.name("lake").role("glue").databaseName("lake")
                .targets(t -> t.s3Targets(s -> s.path("/tmp/lake"))));
        glue.createWorkflow(b -> b.name("nightly").maxConcurrentRuns(1));
        glue.createTrigger(b -> b.name("at_six").type(TriggerType.SCHEDULED).schedule("cron(0 6 * * ? *)")
                .workflowName("nightly").actions(Action.builder().crawlerName("lake").build(),
                        Action.builder().jobName("load").build()).startOnCreation(true));
        glue.createTrigger(b -> b.name("by_hand").type(TriggerType.ON_DEMAND)
                .actions(Action.builder().jobName("load").build()));
    }

    @AfterAll
    static void stop() {
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void triggersListsTypeStateScheduleWorkflowAndWhatEachStarts() {
        CliRun run = CliRun.against(server, "triggers");

        assertThat(run.exit()).as(run.err()).isZero();
        PrintedTable table = PrintedTable.read(run.lines());
        assertThat(table.column("NAME")).containsExactly("at_six", "by_hand");
        assertThat(table.column("TYPE")).containsExactly("SCHEDULED", "ON_DEMAND");
        assertThat(table.column("STATE")).containsExactly("ACTIVATED", "CREATED");
        assertThat(table.column("SCHEDULE")).containsExactly("cron(0 6 * * ? *)", "");
        assertThat(table.column("WORKFLOW")).containsExactly("nightly", "");
        assertThat(table.column("STARTS")).containsExactly("crawler lake, job load", "job load");
    }

    @Test
    void workflowsListsEachWithItsNodesAndLimit() {
        CliRun run = CliRun.against(server, "workflows");

        assertThat(run.exit()).as(run.err()).isZero();
        PrintedTable table = PrintedTable.read(run.lines());
        assertThat(table.column("NAME")).containsExactly("nightly");
        assertThat(table.column("NODES")).as("the trigger, the crawler, the job").containsExactly("3");
        assertThat(table.column("MAX RUNS")).containsExactly("1");
        assertThat(table.column("LAST RUN")).as("no run yet").containsExactly("");
    }
}

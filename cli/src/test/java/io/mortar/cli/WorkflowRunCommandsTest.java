package io.mortar.cli;

import static io.mortar.crawler.testing.SampleFiles.csv;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.model.GlueJson;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.Condition;
import software.amazon.awssdk.services.glue.model.CrawlState;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.TriggerType;

/**
 * The workflow-run commands against a real server running real workflow runs of crawlers (crawls run inside the
 * server, so no Spark driver is needed): {@code mortar start-workflow --follow} to COMPLETED, the run graph as drawn,
 * {@code mortar workflow-run} (latest and by id, table and JSON), {@code mortar workflow-runs}, a failed node's exit
 * code, {@code mortar resume-workflow} by node name, and the errors.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WorkflowRunCommandsTest {
    private static final Pattern RUN_ID = Pattern.compile("wr_[0-9a-f]{64}");
    /** A drawn node: the tree cell, the state cell, the detail (cells are 2+ blanks apart, a cell has single ones). */
    private static final Pattern DRAWN = Pattern.compile("^(.*?\\S)\\s{2,}(\\S+(?: \\S+)*)(?:\\s{2,}(.*))?$");

    private static TestServer server;
    private static GlueClient glue;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(StoreBackend.SQLITE);
        glue = server.client();
        Path lakes = Files.createDirectories(server.dataDir().resolve("lakes"));
        crawler("raw", lakes.resolve("raw"));
        crawler("curated", lakes.resolve("curated"));
        crawler("after", lakes.resolve("after"));
        glue.createCrawler(b -> b.name("broken").role("glue").databaseName("lake") // its connection does not exist
                .targets(CrawlerTargets.builder().jdbcTargets(t -> t.connectionName("nowhere").path("db/public/%"))
                        .build()));

        glue.createWorkflow(b -> b.name("ok").defaultRunProperties(Map.of("mode", "full", "day", "default")));
        glue.createTrigger(b -> b.name("ok_start").type(TriggerType.ON_DEMAND).workflowName("ok")
                .actions(Action.builder().crawlerName("raw").build()));
        glue.createTrigger(b -> b.name("raw_done").type(TriggerType.CONDITIONAL).workflowName("ok")
                .predicate(p -> p.conditions(crawled("raw")))
                .actions(Action.builder().crawlerName("curated").build()).startOnCreation(true));

        glue.createWorkflow(b -> b.name("bad"));
        glue.createTrigger(b -> b.name("bad_start").type(TriggerType.ON_DEMAND).workflowName("bad")
                .actions(Action.builder().crawlerName("broken").build()));
        glue.createTrigger(b -> b.name("broken_done").type(TriggerType.CONDITIONAL).workflowName("bad")
                .predicate(p -> p.conditions(crawled("broken")))
                .actions(Action.builder().crawlerName("after").build()).startOnCreation(true));

        crawler("solo", lakes.resolve("solo"));
        glue.createWorkflow(b -> b.name("solo"));
        glue.createTrigger(b -> b.name("solo_start").type(TriggerType.ON_DEMAND).workflowName("solo")
                .actions(Action.builder().crawlerName("solo").build()));

        Path slow = lakes.resolve("slow");
        for (int i = 0; i < 400; i++) { // a crawl of some seconds: the run is still running when it is stopped
            Files.createDirectories(slow.resolve("t/part=" + i));
            Files.write(slow.resolve("t/part=" + i + "/f.csv"), csv(List.of("id", "v"), List.of(List.of(i, i))));
        }
        glue.createCrawler(b -> b.name("slow").role("glue").databaseName("lake_slow")
                .targets(CrawlerTargets.builder().s3Targets(t -> t.path("file://" + slow)).build()));
        glue.createWorkflow(b -> b.name("slow"));
        glue.createTrigger(b -> b.name("slow_start").type(TriggerType.ON_DEMAND).workflowName("slow")
                .actions(Action.builder().crawlerName("slow").build()));

        glue.createWorkflow(b -> b.name("idle"));
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

    private static void crawler(String name, Path folder) throws IOException {
        Files.createDirectories(folder.resolve("t"));
        Files.write(folder.resolve("t").resolve("part.csv"), csv(List.of("id", "name"),
                List.of(List.of(1, "one"), List.of(2, "two"))));
        glue.createCrawler(b -> b.name(name).role("glue").databaseName("lake_" + name)
                .targets(CrawlerTargets.builder().s3Targets(t -> t.path("file://" + folder)).build()));
    }

    private static Condition crawled(String crawler) {
        return Condition.builder().logicalOperator("EQUALS").crawlerName(crawler).crawlState(CrawlState.SUCCEEDED)
                .build();
    }

    private static CliRun mortar(String... args) {
        return CliRun.against(server, args);
    }

    /** The last drawing printed: the lines after the blank one that follows the last header, as [tree, state, detail]. */
    private static List<List<String>> lastDrawing(List<String> lines) {
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Workflow run: ")) {
                header = i;
            }
        }
        assertThat(header).as("a run header in %s", lines).isNotNegative();
        int blank = lines.subList(header, lines.size()).indexOf("") + header;
        List<List<String>> nodes = new ArrayList<>();
        for (String line : lines.subList(blank + 1, lines.size())) {
            Matcher m = DRAWN.matcher(line);
            assertThat(m.matches()).as("a drawn node: '%s'", line).isTrue();
            nodes.add(List.of(m.group(1), m.group(2), m.group(3) == null ? "" : m.group(3)));
        }
        return nodes;
    }

    private static List<String> column(List<List<String>> drawing, int cell) {
        return drawing.stream().map(node -> node.get(cell)).toList();
    }

    @Test
    void startWorkflowFollowsARunToCompletedAndDrawsItsGraph() throws IOException {
        CliRun started = mortar("start-workflow", "ok", "--prop", "day=2026-12-06", "--follow");

        assertThat(started.exit()).as(started.out() + started.err()).isZero();
        String runId = started.lines().get(0);
        assertThat(runId).matches(RUN_ID);
        assertThat(started.out()).contains("Status:       COMPLETED")
                .as("the run's properties: the defaults overlaid by --prop")
                .contains("Properties:   day=2026-12-06, mode=full")
                .contains("Actions:      2 total: 2 succeeded, 0 failed");
        List<List<String>> drawing = lastDrawing(started.lines());
        assertThat(column(drawing, 0)).containsExactly("trigger ok_start", "`-- crawler raw",
                "    `-- trigger raw_done", "        `-- crawler curated");
        assertThat(column(drawing, 1)).containsExactly("FIRED", "SUCCEEDED", "FIRED", "SUCCEEDED");
        assertThat(drawing.get(1).get(2)).matches("\\d+\\.\\d s");

        CliRun latest = mortar("workflow-run", "ok");
        assertThat(latest.exit()).as(latest.err()).isZero();
        assertThat(latest.lines().get(0)).isEqualTo("Workflow run: " + runId + " of ok");
        assertThat(lastDrawing(latest.lines())).as("the same run, drawn as --follow left it").isEqualTo(drawing);

        CliRun json = mortar("workflow-run", "ok", runId, "-o", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode run = GlueJson.mapper().readTree(json.out()).get(0);
        assertThat(run.get("WorkflowRunId").asText()).isEqualTo(runId);
        assertThat(run.get("Graph").get("Nodes")).hasSize(4);

        PrintedTable runs = PrintedTable.read(mortar("workflow-runs", "ok").lines());
        assertThat(runs.column("ID")).contains(runId);
        int row = runs.column("ID").indexOf(runId);
        assertThat(runs.column("STATUS").get(row)).isEqualTo("COMPLETED");
        assertThat(runs.column("ACTIONS").get(row)).isEqualTo("2 total: 2 succeeded");
    }

    @Test
    void aFailedNodeEndsTheFollowWithExitOneAndResumeRerunsItAsANewRun() {
        CliRun started = mortar("start-workflow", "bad", "--follow");

        assertThat(started.exit()).as("a COMPLETED run with a failed action: " + started.out()).isEqualTo(1);
        String runId = started.lines().get(0);
        assertThat(started.err()).contains("error: workflow run " + runId + " of bad COMPLETED with 1 failed"
                + " action(s): crawler broken (FAILED").contains("nowhere");
        List<List<String>> drawing = lastDrawing(started.lines());
        assertThat(column(drawing, 0)).containsExactly("trigger bad_start", "`-- crawler broken",
                "    `-- trigger broken_done", "        `-- crawler after");
        assertThat(column(drawing, 1)).containsExactly("FIRED", "FAILED", "-", "-");
        assertThat(column(drawing, 2).subList(2, 4)).containsExactly("CONDITIONAL, not fired", "not started");

        CliRun resumed = mortar("resume-workflow", "bad", runId, "broken", "--follow");
        assertThat(resumed.exit()).as("the crawler fails again: " + resumed.out() + resumed.err()).isEqualTo(1);
        String newRun = resumed.lines().get(0);
        assertThat(newRun).matches(RUN_ID).isNotEqualTo(runId);
        assertThat(resumed.lines().get(1)).isEqualTo("Resumed from run " + runId + ": crawler broken");
        assertThat(mortar("workflow-run", "bad", newRun).out()).contains("Previous run: " + runId);
    }

    @Test
    void asJsonStartPrintsTheStartAnswerAndFollowingOnlyTheEndedRun() throws IOException {
        CliRun started = mortar("start-workflow", "solo", "--follow", "-o", "json");

        assertThat(started.exit()).as(started.err()).isZero();
        JsonNode runs = GlueJson.mapper().readTree(started.out());
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("WorkflowRunId").asText()).matches(RUN_ID);
        assertThat(runs.get(0).get("Status").asText()).isEqualTo("COMPLETED");
        assertThat(runs.get(0).get("Statistics").get("SucceededActions").asInt()).isEqualTo(1);

        CliRun unfollowed = mortar("start-workflow", "solo", "-o", "json");
        assertThat(unfollowed.exit()).as(unfollowed.err()).isZero();
        assertThat(GlueJson.mapper().readTree(unfollowed.out()).get(0).get("RunId").asText()).matches(RUN_ID);
    }

    @Test
    void aStoppedRunEndsTheFollowWithExitOne() {
        String runId = mortar("start-workflow", "slow").lines().get(0);

        CliRun stop = mortar("stop-workflow-run", "slow", runId);
        assertThat(stop.exit()).as(stop.err()).isZero();
        assertThat(stop.out()).isEqualTo("Stopping workflow run " + runId + " of slow\n");

        CliRun followed = mortar("workflow-run", "slow", runId, "--follow");
        assertThat(followed.exit()).as(followed.out()).isEqualTo(1);
        assertThat(followed.err()).contains("error: workflow run " + runId + " of slow STOPPED");
    }

    @Test
    void errorsNameWhatIsWrong() {
        CliRun idle = mortar("workflow-run", "idle");
        assertThat(idle.exit()).isEqualTo(2);
        assertThat(idle.err()).contains("error: workflow idle has no run yet");

        CliRun unknown = mortar("workflow-run", "nowhere");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("error: EntityNotFoundException: ");

        CliRun noRun = mortar("stop-workflow-run", "solo", "wr_" + "0".repeat(64));
        assertThat(noRun.exit()).isEqualTo(2);
        assertThat(noRun.err()).startsWith("error: EntityNotFoundException: ");

        String run = mortar("start-workflow", "solo", "--follow").lines().get(0);
        CliRun noNode = mortar("resume-workflow", "solo", run, "nothing");
        assertThat(noNode.exit()).isEqualTo(2);
        assertThat(noNode.err()).contains("NODE 'nothing' is no job or crawler of the run; they are: crawler solo");
    }
}

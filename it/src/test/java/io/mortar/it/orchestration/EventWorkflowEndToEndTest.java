package io.mortar.it.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.it.harness.ClassJars;
import io.mortar.it.harness.S3ProxyProcess;
import io.mortar.server.MortarServer;
import io.mortar.server.config.DriverCapacity;
import io.mortar.server.config.EventsConfig;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.S3Config;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.testing.TestServer;
import io.mortar.server.testing.Waits;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.Condition;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.glue.model.Node;
import software.amazon.awssdk.services.glue.model.NodeType;
import software.amazon.awssdk.services.glue.model.Predicate;
import software.amazon.awssdk.services.glue.model.WorkflowRun;
import software.amazon.awssdk.services.glue.model.WorkflowRunStatus;

/**
 * Issue 14 end to end on S3Proxy: an event-started workflow — new files land in a bucket → crawler → bookmarked job →
 * job — with real Spark drivers. S3Proxy sends no notifications, so the intake's watcher finds the new objects; the
 * EVENT trigger's {@code BatchSize} of 2 makes one run per two files. Each run's jobs see the run's ids and
 * properties (the event ids, what the first job put); the bookmarked job reads only the files of its own batch; a
 * failed node completes the run with FailedActions, and ResumeWorkflowRun reruns it alone.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class EventWorkflowEndToEndTest {
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final String BUCKET = "landing";

    private static S3ProxyProcess s3;
    private static MortarServer server;
    private static GlueClient glue;
    private static Path output;

    @BeforeAll
    static void lakeAndServer() throws IOException {
        s3 = S3ProxyProcess.start();
        s3.createBucket(BUCKET);
        Path dataDir = StoreBackend.tempDir("mortar-workflow-e2e");
        output = dataDir.resolve("out");
        JobsConfig defaults = JobsConfig.defaults(System.getenv());
        JobsConfig jobs = new JobsConfig("local[2]", defaults.sparkJars(), defaults.javaHome(), "1g",
                Map.of("spark.ui.enabled", "false", "spark.hadoop.fs.s3a.attempts.maximum", "1",
                        "spark.hadoop.fs.s3a.retry.limit", "1"),
                Duration.ofSeconds(5), Duration.ofMinutes(1)).withCapacity(DriverCapacity.of(2, 8L << 30, "1g"));
        S3Config s3Config = new S3Config(s3.endpoint().toString(), s3.accessKey(), s3.secretKey(), s3.region(), true);
        server = MortarServer.start(ServerConfig.embedded(dataDir, 0).withJobs(jobs).withS3(s3Config)
                .withEvents(new EventsConfig(Duration.ofMillis(300), Duration.ofMillis(200))));
        glue = TestServer.client(server);
        glue.createDatabase(r -> r.databaseInput(d -> d.name("lake")));

        Path jar = Files.write(dataDir.resolve("workflow-step.jar"), ClassJars.of(WorkflowStepJob.class));
        Map<String, String> common = Map.of("--class", WorkflowStepJob.class.getName(), "--output", output.toString(),
                "--database", "lake", "--table", "sales");
        for (String step : List.of("load", "report")) {
            Map<String, String> arguments = new HashMap<>(common);
            arguments.put("--step", step);
            if (step.equals("load")) {
                arguments.put("--job-bookmark-option", "job-bookmark-enable");
            }
            glue.createJob(r -> r.name(step).role("glue").command(c -> c.name("glueetl")
                    .scriptLocation(jar.toString())).defaultArguments(arguments));
        }
        glue.createCrawler(r -> r.name("sales_crawler").role("arn:aws:iam::000000000000:role/crawler")
                .databaseName("lake").targets(CrawlerTargets.builder()
                        .s3Targets(t -> t.path("s3://" + BUCKET + "/sales/")).build()));
        glue.createWorkflow(r -> r.name("ingest").defaultRunProperties(Map.of("team", "data")));
        glue.createTrigger(r -> r.name("on_landing").workflowName("ingest").type("EVENT").startOnCreation(true)
                .eventBatchingCondition(b -> b.batchSize(2).batchWindow(900))
                .tags(Map.of("mortar:events", "s3://" + BUCKET + "/sales/"))
                .actions(Action.builder().crawlerName("sales_crawler").build()));
        glue.createTrigger(r -> r.name("after_crawl").workflowName("ingest").type("CONDITIONAL").startOnCreation(true)
                .predicate(Predicate.builder().conditions(Condition.builder().crawlerName("sales_crawler")
                        .crawlState("SUCCEEDED").build()).build())
                .actions(Action.builder().jobName("load").build()));
        glue.createTrigger(r -> r.name("after_load").workflowName("ingest").type("CONDITIONAL").startOnCreation(true)
                .predicate(Predicate.builder().conditions(Condition.builder().jobName("load").state("SUCCEEDED")
                        .build()).build())
                .actions(Action.builder().jobName("report").build()));
    }

    @AfterAll
    static void stopAll() {
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private static void land(int file) {
        int first = file * 2 - 1;
        s3.client().putObject(r -> r.bucket(BUCKET).key("sales/part-" + file + ".csv"),
                RequestBody.fromString("id,name\n" + first + ",a" + first + "\n" + (first + 1) + ",b" + (first + 1)
                        + "\n"));
    }

    private static List<WorkflowRun> runs() {
        return glue.getWorkflowRuns(r -> r.name("ingest").includeGraph(true)).runs();
    }

    private static WorkflowRun awaitCompleted(int runs) {
        return await(() -> {
            List<WorkflowRun> all = runs();
            return all.size() == runs && all.get(0).status() == WorkflowRunStatus.COMPLETED
                    ? Optional.of(all.get(0)) : Optional.empty();
        }, runs + " run(s), the newest COMPLETED");
    }

    private static <T> T await(Supplier<Optional<T>> probe, String what) {
        return Waits.until(probe, PATIENCE, Duration.ofMillis(250), what, () -> "; runs: " + runs());
    }

    /** What a step of a run recorded: key → value. */
    private static Map<String, String> seen(String runId, String step) {
        Map<String, String> seen = new HashMap<>();
        try {
            for (String line : Files.readAllLines(output.resolve(runId).resolve(step + ".txt"))) {
                int eq = line.indexOf('=');
                seen.put(line.substring(0, eq), line.substring(eq + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seen;
    }

    private static Node node(WorkflowRun run, NodeType type, String name) {
        return run.graph().nodes().stream().filter(n -> n.type() == type && n.name().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void newFilesRunTheWorkflowOncePerBatchAndAFailedNodeIsResumed() throws Exception {
        Thread.sleep(1_000); // the watcher's first listing of the empty prefix: nothing there is "new"
        land(1);
        land(2);

        WorkflowRun first = awaitCompleted(1);
        assertThat(first.statistics().succeededActions()).isEqualTo(3);
        assertThat(first.statistics().failedActions()).isZero();
        assertThat(first.startingEventBatchCondition().batchSize()).as("closed by its size").isEqualTo(2);
        assertThat(first.startingEventBatchCondition().batchWindow()).isZero();
        Map<String, String> load = seen(first.workflowRunId(), "load");
        Map<String, String> report = seen(first.workflowRunId(), "report");
        assertThat(load.get("ids")).isEqualTo("1,2,3,4");
        assertThat(load.get("workflow")).isEqualTo("ingest");
        assertThat(report).containsEntry("property.team", "data").containsEntry("property.loaded_rows", "4");
        assertThat(report.get("property.aws:eventIds")).as("the batch's two events").isNotBlank();
        JobRun loadRun = node(first, NodeType.JOB, "load").jobDetails().jobRuns().get(0);
        assertThat(loadRun.triggerName()).isEqualTo("after_crawl");
        assertThat(loadRun.arguments()).containsEntry("--WORKFLOW_NAME", "ingest")
                .containsEntry("--WORKFLOW_RUN_ID", first.workflowRunId());
        assertThat(load.get("job_run")).isEqualTo(loadRun.id());

        // One file is half a batch: nothing starts until the second lands.
        land(3);
        Thread.sleep(2_000);
        assertThat(runs()).hasSize(1);
        land(4);
        WorkflowRun second = awaitCompleted(2);
        assertThat(seen(second.workflowRunId(), "load").get("ids")).as("the bookmark: this batch's rows only")
                .isEqualTo("5,6,7,8");
        assertThat(seen(second.workflowRunId(), "report")).containsEntry("property.loaded_rows", "4");

        // A failing report: the run completes anyway, saying so; resume reruns the report alone.
        glue.updateWorkflow(r -> r.name("ingest").defaultRunProperties(Map.of("team", "data", "fail", "yes")));
        land(5);
        land(6);
        WorkflowRun third = awaitCompleted(3);
        assertThat(third.statistics().failedActions()).isEqualTo(1);
        assertThat(third.statistics().succeededActions()).isEqualTo(2);
        assertThat(node(third, NodeType.JOB, "report").jobDetails().jobRuns().get(0).jobRunState())
                .isEqualTo(JobRunState.FAILED);

        glue.putWorkflowRunProperties(r -> r.name("ingest").runId(third.workflowRunId())
                .runProperties(Map.of("fail", "no")));
        String reportNode = node(third, NodeType.JOB, "report").uniqueId();
        String resumedId = glue.resumeWorkflowRun(r -> r.name("ingest").runId(third.workflowRunId())
                .nodeIds(reportNode)).runId();

        WorkflowRun resumed = awaitCompleted(4);
        assertThat(resumed.workflowRunId()).isEqualTo(resumedId);
        assertThat(resumed.previousRunId()).isEqualTo(third.workflowRunId());
        assertThat(resumed.statistics().failedActions()).isZero();
        assertThat(seen(resumedId, "report")).containsEntry("property.fail", "no")
                .containsEntry("property.loaded_rows", "4");
        assertThat(glue.getJobRuns(r -> r.jobName("load")).jobRuns()).as("load ran once per batch, not again")
                .hasSize(3);
        assertThat(glue.getCrawlerMetrics(r -> r.crawlerNameList("sales_crawler")).crawlerMetricsList())
                .isNotEmpty();
    }
}

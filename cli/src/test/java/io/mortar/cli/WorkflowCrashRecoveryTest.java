package io.mortar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.MortarServer;
import io.mortar.server.config.DriverCapacity;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.jobs.ProtocolDriver;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.jdbc.testing.StoreInspection;
import io.mortar.store.jdbc.testing.StoreInspection.WorkflowRunActionRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.Condition;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.glue.model.Logical;
import software.amazon.awssdk.services.glue.model.Node;
import software.amazon.awssdk.services.glue.model.NodeType;
import software.amazon.awssdk.services.glue.model.WorkflowRun;
import software.amazon.awssdk.services.glue.model.WorkflowRunStatistics;
import software.amazon.awssdk.services.glue.model.WorkflowRunStatus;

/**
 * A workflow run survives {@code kill -9} of {@code mortar server} (its own JVM) at each stage: start → A → (A
 * SUCCEEDED) → B and C → (B AND C SUCCEEDED) → D → (D SUCCEEDED) → a crawler. The server is killed while A runs,
 * the moment B's start is recorded (C is being started), the moment the join fires (D is being started) and while D
 * runs; after the second kill the store is left as a kill between starting B and recording it would leave it (B's
 * claim without its start), so the restarted server must take the orphaned claim over and find B's run rather than
 * start another. Job drivers are {@link ProtocolDriver}s, separate processes that outlive each server and are adopted
 * by the next. Each kill is written out with what it left in the store and what the next server adopted.
 *
 * <p>After the last restart the run is COMPLETED with all five actions SUCCEEDED, each job ran exactly once by the API
 * (one run per job) and by the drivers' own records (one driver process per run directory, none in a directory of a
 * run the API does not know), each job got the run's {@code --WORKFLOW_NAME} and {@code --WORKFLOW_RUN_ID}, and
 * nothing is left running.
 */
class WorkflowCrashRecoveryTest {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreBackend.class)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aWorkflowRunKilledAtEachStageCompletesAfterRestartWithEveryActionRunOnce(StoreBackend backend)
            throws Exception {
        Path dataDir = StoreBackend.tempDir("mortar-flow-crash");
        StoreSettings store = backend.create(dataDir);
        // SQLite: the server's own default (catalog.db in the data directory); PostgreSQL: a fresh database.
        String storeUrl = backend == StoreBackend.SQLITE ? null : store.url();
        configureProtocolDrivers(dataDir);
        Path lake = Files.createDirectories(dataDir.resolve("lake").resolve("sales"));
        Files.writeString(lake.resolve("a.csv"), "id,amount\n1,2\n2,5\n");
        List<String> kills = new ArrayList<>();
        try {
            Flow flow;
            String runId;
            try (ServerProcess server = startServer(dataDir, storeUrl);
                 GlueClient glue = server.client()) {
                flow = Flow.define(glue, dataDir, lake.getParent());
                runId = glue.startWorkflowRun(r -> r.name(flow.workflow())).runId();
                awaitClosely(() -> onlyRun(glue, flow.a()).filter(run -> run.jobRunState() == JobRunState.RUNNING),
                        "job A running", () -> situation(server, store, runId));
                kill(server, store, runId, "while A runs", kills);
            }

            try (ServerProcess server = startServer(dataDir, storeUrl)) {
                String b = Flow.jobKey(flow.b());
                awaitClosely(() -> claims(store, runId).stream().filter(row -> row.actionKey().equals(b)
                        && row.started() != null).findFirst(), "B's start recorded",
                        () -> situation(server, store, runId));
                kill(server, store, runId, "as B's start is recorded, C being started", kills);
            }
            // Killed between starting B and recording it: B's run exists, its claim says nothing started.
            StoreInspection.forgetWorkflowRunActionStart(store, runId, Flow.jobKey(flow.b()));

            try (ServerProcess server = startServer(dataDir, storeUrl)) {
                String join = "TRIGGER:" + flow.join();
                awaitClosely(() -> claims(store, runId).stream().filter(row -> row.actionKey().equals(join))
                        .findFirst(), "the join firing", () -> situation(server, store, runId));
                kill(server, store, runId, "as the join fires, D being started", kills);
            }

            try (ServerProcess server = startServer(dataDir, storeUrl);
                 GlueClient glue = server.client()) {
                awaitClosely(() -> onlyRun(glue, flow.d()).filter(run -> run.jobRunState() == JobRunState.RUNNING),
                        "job D running", () -> situation(server, store, runId));
                kill(server, store, runId, "while D runs", kills);
            }

            try (ServerProcess server = startServer(dataDir, storeUrl);
                 GlueClient glue = server.client()) {
                WorkflowRun run = await(() -> Optional.of(glue.getWorkflowRun(r -> r.name(flow.workflow())
                        .runId(runId).includeGraph(true)).run())
                        .filter(r -> r.status() != WorkflowRunStatus.RUNNING), "the run's end",
                        Duration.ofMillis(200), () -> situation(server, store, runId));
                System.out.printf("%s: %s; %sthe run ended%n", backend, String.join("; ", kills),
                        reconciled(server));

                assertThat(run.status()).as(server.output()).isEqualTo(WorkflowRunStatus.COMPLETED);
                assertThat(run.statistics()).isEqualTo(WorkflowRunStatistics.builder().totalActions(5)
                        .succeededActions(5).failedActions(0).stoppedActions(0).timeoutActions(0)
                        .erroredActions(0).waitingActions(0).runningActions(0).build());
                assertThat(glue.getWorkflowRuns(r -> r.name(flow.workflow())).runs())
                        .extracting(WorkflowRun::workflowRunId).containsExactly(runId);
                Map<String, String> triggerOf = Map.of(flow.a(), flow.start(), flow.b(), flow.fanOut(),
                        flow.c(), flow.fanOut(), flow.d(), flow.join());
                List<String> jobRunIds = new ArrayList<>();
                for (String job : flow.jobs()) {
                    List<JobRun> runs = glue.getJobRuns(r -> r.jobName(job)).jobRuns();
                    assertThat(runs).as("runs of %s", job).hasSize(1);
                    JobRun jobRun = runs.get(0);
                    assertThat(jobRun.jobRunState()).as("%s: %s", job, jobRun.errorMessage())
                            .isEqualTo(JobRunState.SUCCEEDED);
                    assertThat(jobRun.triggerName()).isEqualTo(triggerOf.get(job));
                    assertThat(node(run, NodeType.JOB, job).jobDetails().jobRuns()).extracting(JobRun::id)
                            .containsExactly(jobRun.id());
                    List<String> arguments = Files.readAllLines(runDir(dataDir, jobRun.id()).resolve("arguments"));
                    assertThat(argument(arguments, "--WORKFLOW_NAME")).isEqualTo(flow.workflow());
                    assertThat(argument(arguments, "--WORKFLOW_RUN_ID")).isEqualTo(runId);
                    jobRunIds.add(jobRun.id());
                }
                assertThat(node(run, NodeType.CRAWLER, flow.crawler()).crawlerDetails().crawls()).singleElement()
                        .satisfies(crawl -> assertThat(crawl.stateAsString()).isEqualTo("SUCCEEDED"));
                assertThat(glue.getCrawler(r -> r.name(flow.crawler())).crawler().state())
                        .isEqualTo(CrawlerState.READY);

                // The drivers' own records: one driver process per run directory, and no directory of another run.
                try (Stream<Path> dirs = Files.list(dataDir.resolve("runs"))) {
                    assertThat(dirs.map(dir -> dir.getFileName().toString()))
                            .containsExactlyInAnyOrderElementsOf(jobRunIds);
                }
                for (String jobRunId : jobRunIds) {
                    List<String> lifetime = Files.readAllLines(runDir(dataDir, jobRunId).resolve("lifetime"));
                    assertThat(lifetime).as("driver lifetime of %s", jobRunId).hasSize(2);
                    String[] start = lifetime.get(0).split(" ");
                    String[] end = lifetime.get(1).split(" ");
                    assertThat(start[0]).isEqualTo("start");
                    assertThat(end[0]).isEqualTo("end");
                    assertThat(end[2]).as("the same process").isEqualTo(start[2]);
                    assertThat(start[3]).isEqualTo(jobRunId);
                    assertThat(ProcessHandle.of(Long.parseLong(start[2])).map(ProcessHandle::isAlive))
                            .as("driver of %s still alive", jobRunId).isNotEqualTo(Optional.of(true));
                }
                // The store: every trigger fired once, every node claimed once and what it started recorded.
                List<WorkflowRunActionRow> claims = claims(store, runId);
                assertThat(claims).extracting(WorkflowRunActionRow::actionKey)
                        .containsExactlyInAnyOrderElementsOf(flow.actionKeys());
                assertThat(claims).filteredOn(row -> !row.actionKey().startsWith("TRIGGER:"))
                        .allSatisfy(row -> assertThat(row.started()).as(row.actionKey()).isNotNull());
                assertThat(server.stop()).isIn(0, ServerProcess.EXIT_SIGTERM);
            }
        } finally {
            FileUtils.deleteQuietly(dataDir.toFile());
            backend.dispose(store);
        }
    }

    /**
     * The workflow: start (ON_DEMAND) → A (5 s); fanOut (A SUCCEEDED) → B and C (3 s); join (B AND C SUCCEEDED) → D
     * (3 s); last (D SUCCEEDED) → the crawler.
     */
    private record Flow(String workflow, String a, String b, String c, String d, String crawler, String start,
                        String fanOut, String join, String last) {
        static Flow define(GlueClient glue, Path dataDir, Path lake) throws Exception {
            Flow flow = new Flow("nightly", "extract", "clean_orders", "clean_users", "report", "report_crawler",
                    "kickoff", "after_extract", "after_clean", "after_report");
            Path script = Files.writeString(dataDir.resolve("job.sql"), "SELECT 1;");
            for (String job : flow.jobs()) {
                glue.createJob(r -> r.name(job).role("glue").command(c -> c.name("glueetl")
                        .scriptLocation(script.toString())));
            }
            glue.createCrawler(r -> r.name(flow.crawler()).role("arn:aws:iam::000000000000:role/crawler")
                    .databaseName("lake").targets(CrawlerTargets.builder()
                            .s3Targets(t -> t.path("file://" + lake)).build()));
            glue.createWorkflow(r -> r.name(flow.workflow()));
            glue.createTrigger(r -> r.name(flow.start()).workflowName(flow.workflow()).type("ON_DEMAND")
                    .actions(runs(flow.a(), 5)));
            glue.createTrigger(r -> r.name(flow.fanOut()).workflowName(flow.workflow()).type("CONDITIONAL")
                    .startOnCreation(true).predicate(p -> p.conditions(succeeded(flow.a())))
                    .actions(runs(flow.b(), 3), runs(flow.c(), 3)));
            glue.createTrigger(r -> r.name(flow.join()).workflowName(flow.workflow()).type("CONDITIONAL")
                    .startOnCreation(true).predicate(p -> p.logical(Logical.AND)
                            .conditions(succeeded(flow.b()), succeeded(flow.c())))
                    .actions(runs(flow.d(), 3)));
            glue.createTrigger(r -> r.name(flow.last()).workflowName(flow.workflow()).type("CONDITIONAL")
                    .startOnCreation(true).predicate(p -> p.conditions(succeeded(flow.d())))
                    .actions(Action.builder().crawlerName(flow.crawler()).build()));
            return flow;
        }

        List<String> jobs() {
            return List.of(a, b, c, d);
        }

        /** The keys under which the run claims its nodes and fired triggers (the store's). */
        List<String> actionKeys() {
            List<String> keys = new ArrayList<>(jobs().stream().map(Flow::jobKey).toList());
            keys.add("CRAWLER:" + crawler);
            Stream.of(start, fanOut, join, last).map(trigger -> "TRIGGER:" + trigger).forEach(keys::add);
            return keys;
        }

        static String jobKey(String job) {
            return "JOB:" + job;
        }

        private static Action runs(String job, int seconds) {
            return Action.builder().jobName(job).arguments(Map.of("--protocol-seconds", Integer.toString(seconds)))
                    .build();
        }

        private static Condition succeeded(String job) {
            return Condition.builder().jobName(job).state("SUCCEEDED").logicalOperator("EQUALS").build();
        }
    }

    /**
     * The child server reads its settings from the data directory (the test environment's MORTAR_* are not passed
     * on): protocol drivers in place of Spark's, four at once.
     */
    private static void configureProtocolDrivers(Path dataDir) throws Exception {
        JobsConfig drivers = ProtocolDriver.install(dataDir.resolve("drivers"),
                DriverCapacity.of(4, 64L << 30, "1g"));
        Files.write(dataDir.resolve("mortar.properties"), List.of(
                "mortar.spark-jars=" + drivers.sparkJars().toString().replace("\\", "\\\\"),
                "mortar.jobs.java-home=" + drivers.javaHome().toString().replace("\\", "\\\\"),
                "mortar.jobs.master=local[1]",
                "mortar.jobs.max-drivers=4",
                "mortar.jobs.driver-memory=1g",
                "mortar.jobs.memory-budget=64g"));
    }

    /** {@code mortar server} on the data directory, logging as it does by default (INFO for Mortar's own classes). */
    private static ServerProcess startServer(Path dataDir, String storeUrl) {
        return ServerProcess.start(dataDir, storeUrl, List.of("-Dlog4j2.configurationFile="
                + MortarServer.class.getResource("/log4j2.xml")));
    }

    /** For a failure's message: the run's claims and what the server logged. */
    private static String situation(ServerProcess server, StoreSettings store, String runId) {
        return "claims: " + claims(store, runId) + "\nthe server said:\n" + server.output();
    }

    /** SIGKILL, then notes what the run's claims were at that moment. */
    private static void kill(ServerProcess server, StoreSettings store, String runId, String when, List<String> kills)
            throws Exception {
        assertThat(server.kill()).isEqualTo(ServerProcess.EXIT_SIGKILL);
        kills.add(reconciled(server) + "killed " + when + ", leaving " + claims(store, runId).stream()
                .map(row -> row.actionKey() + (row.actionKey().startsWith("TRIGGER:") ? " fired"
                        : row.started() == null ? " claimed, start unrecorded" : " started"))
                .collect(Collectors.joining(", ")));
    }

    /** What the server made of the job runs it found in progress at its start (adopted, queued again, lost). */
    private static String reconciled(ServerProcess server) {
        List<String> lines = server.output().lines().filter(line -> line.contains("survived the restart")
                || line.contains("never started") || line.contains("driver is gone"))
                .map(line -> line.replaceAll(".* - Run \\S+ of job ", "")).toList();
        return lines.isEmpty() ? "" : "restarted (" + String.join(", ", lines) + "), ";
    }

    private static List<WorkflowRunActionRow> claims(StoreSettings store, String runId) {
        try {
            return StoreInspection.workflowRunActions(store, runId);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<JobRun> onlyRun(GlueClient glue, String job) {
        List<JobRun> runs = glue.getJobRuns(r -> r.jobName(job)).jobRuns();
        assertThat(runs).as("runs of %s", job).hasSizeLessThanOrEqualTo(1);
        return runs.stream().findFirst();
    }

    private static Node node(WorkflowRun run, NodeType type, String name) {
        return run.graph().nodes().stream().filter(n -> n.type() == type && n.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " node " + name));
    }

    private static Path runDir(Path dataDir, String jobRunId) {
        return dataDir.resolve("runs").resolve(jobRunId);
    }

    private static String argument(List<String> arguments, String name) {
        int at = arguments.indexOf(name);
        return at < 0 || at + 1 >= arguments.size() ? null : arguments.get(at + 1);
    }

    /** Polls {@code probe} every few milliseconds: a kill must land close to the moment it waits for. */
    private static <T> T awaitClosely(Supplier<Optional<T>> probe, String what, Supplier<String> situation)
            throws InterruptedException {
        return await(probe, what, Duration.ofMillis(5), situation);
    }

    /** What {@code probe} finds, once it finds it; failing after a while with the {@code situation}. */
    private static <T> T await(Supplier<Optional<T>> probe, String what, Duration interval,
                               Supplier<String> situation) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(interval.toMillis());
        }
        throw new AssertionError("Waited " + PATIENCE.toSeconds() + " s for " + what + "\n" + situation.get());
    }
}

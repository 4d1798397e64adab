package io.mortar.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mortar.server.MortarServer;
import io.mortar.server.config.DriverCapacity;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.testing.JobRunWaits;
import io.mortar.server.testing.SignedHttp;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchStopJobRunResponse;
import software.amazon.awssdk.services.glue.model.ConcurrentRunsExceededException;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * Job runs with real drivers: each run is a Spark driver JVM launched from runtime/target/jars, running a SQL
 * script from a temporary folder. Driver start costs seconds, so every run this class needs is started at once
 * in {@link #startEveryRun()} and each test waits for its own; the runs' timeout minute is one second.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobRunsTest {
    /** Generous: a driver starts in ~10 s on two idle cores, but much slower on a busy machine. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(5);

    private static Path dataDir;
    private static Path scripts;
    private static MortarServer server;
    private static GlueClient glue;

    private static String okRun;
    private static String failingRun;
    private static String timeoutRun;
    private static String killedRun;
    private static String stoppedRun;
    private static List<Object> racingStarts;

    @BeforeAll
    static void startEveryRun() throws Exception {
        dataDir = StoreBackend.tempDir("mortar-job-runs");
        scripts = Files.createDirectories(dataDir.resolve("scripts"));
        JobsConfig defaults = JobsConfig.defaults(System.getenv());
        // Small drivers, one second per Timeout minute, a short stop grace; no Spark UI (no port to bind).
        // Room for every run at once: the tests' runs (two of them slow until stopped) must not queue.
        JobsConfig jobs = new JobsConfig("local[1]", defaults.sparkJars(), defaults.javaHome(), "512m",
                Map.of("spark.ui.enabled", "false"), Duration.ofSeconds(3), Duration.ofSeconds(1),
                DriverCapacity.of(8, 64L << 30, "512m"));
        server = MortarServer.start(ServerConfig.embedded(dataDir, 0).withJobs(jobs));
        glue = TestServer.client(server);

        createJob(job("ok", script("ok.sql", "SELECT '${greeting}' AS greeting; SELECT 1"))
                .workerType("G.1X").numberOfWorkers(2)
                .defaultArguments(Map.of("--greeting", "default", "--day", "monday"))
                .nonOverridableArguments(Map.of("--env", "prod")));
        createJob(job("failing", script("fail.sql", "SELECT raise_error('boom')")).maxRetries(2));
        createJob(job("slow_timeout", script("slow.sql", "SELECT java_method('java.lang.Thread', 'sleep', 600000L)"))
                .timeout(12));
        createJob(job("killed", script("slow.sql", null)));
        createJob(job("slow_stop", script("slow.sql", null)).executionProperty(p -> p.maxConcurrentRuns(1)));

        okRun = glue.startJobRun(r -> r.jobName("ok")
                .arguments(Map.of("--greeting", "hello", "--env", "dev"))).jobRunId();
        failingRun = glue.startJobRun(r -> r.jobName("failing")).jobRunId();
        timeoutRun = glue.startJobRun(r -> r.jobName("slow_timeout")).jobRunId();
        killedRun = glue.startJobRun(r -> r.jobName("killed")).jobRunId();
        racingStarts = raceStarts("slow_stop", 4);
        stoppedRun = racingStarts.stream().filter(String.class::isInstance).map(String.class::cast).findFirst()
                .orElse(null);
    }

    @AfterAll
    static void stopServer() {
        if (glue != null) {
            // Drivers outlive their server by design: stop the slow ones a failed test may have left running.
            for (String[] slow : new String[][] {{"killed", killedRun}, {"slow_stop", stoppedRun}}) {
                if (slow[1] != null) {
                    glue.batchStopJobRun(r -> r.jobName(slow[0]).jobRunIds(slow[1]));
                }
            }
            glue.close();
        }
        if (server != null) {
            server.close();
        }
        FileUtils.deleteQuietly(dataDir.toFile());
    }

    private static String script(String name, String sql) throws IOException {
        Path file = scripts.resolve(name);
        if (sql != null) {
            Files.writeString(file, sql);
        }
        return file.toString();
    }

    private static CreateJobRequest.Builder job(String name, String scriptLocation) {
        return CreateJobRequest.builder().name(name).role("glue")
                .command(c -> c.name("glueetl").scriptLocation(scriptLocation));
    }

    private static void createJob(CreateJobRequest.Builder request) {
        glue.createJob(request.build());
    }

    /** Starts the job from several threads at the same moment; each result is a run id or the exception. */
    private static List<Object> raceStarts(String jobName, int racers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<Object> start = () -> {
                    go.await();
                    try {
                        return glue.startJobRun(r -> r.jobName(jobName)).jobRunId();
                    } catch (RuntimeException e) {
                        return e;
                    }
                };
                futures.add(pool.submit(start));
            }
            go.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static JobRun run(String jobName, String runId) {
        return JobRunWaits.run(glue, jobName, runId);
    }

    /** Waits until the run is in one of the states (or any final state), and returns it. */
    static JobRun awaitState(String jobName, String runId, Set<JobRunState> states) throws InterruptedException {
        return JobRunWaits.await(glue, jobName, runId, states, RUN_LIMIT);
    }

    static JobRun awaitEnd(String jobName, String runId) throws InterruptedException {
        return JobRunWaits.awaitEnd(glue, jobName, runId, RUN_LIMIT);
    }

    private static HttpResponse<String> log(String runId) throws IOException, InterruptedException {
        URI uri = server.endpoint().resolve("/runs/" + runId + "/log");
        return HttpClient.newHttpClient().send(SignedHttp.get(uri, server), HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------- outcomes

    @Test
    void aSucceedingRunReportsItsTimeDpuSecondsAndTheEffectiveArguments() throws Exception {
        JobRun run = awaitEnd("ok", okRun);

        assertThat(run.jobRunState()).as(run.errorMessage()).isEqualTo(JobRunState.SUCCEEDED);
        assertThat(okRun).matches("jr_[0-9a-f]{64}");
        assertThat(run.attempt()).isZero();
        assertThat(run.errorMessage()).isNull();
        assertThat(run.startedOn()).isNotNull();
        assertThat(run.completedOn()).isAfterOrEqualTo(run.startedOn());
        assertThat(run.executionTime()).isPositive();
        assertThat(run.workerTypeAsString()).isEqualTo("G.1X");
        assertThat(run.numberOfWorkers()).isEqualTo(2);
        // 2 workers × 1 DPU, billed for at least a minute.
        assertThat(run.dpuSeconds()).isEqualTo(2.0 * Math.max(60, run.executionTime()));
        assertThat(run.timeout()).isEqualTo(480);
        assertThat(run.glueVersion()).isEqualTo("5.1");

        Map<String, String> arguments = run.arguments();
        assertThat(arguments).containsEntry("--JOB_NAME", "ok").containsEntry("--JOB_ID", "ok")
                .containsEntry("--JOB_RUN_ID", okRun)
                .containsEntry("--scriptLocation", scripts.resolve("ok.sql").toString())
                .containsEntry("--job-bookmark-option", "job-bookmark-disable")
                .as("run arguments override defaults").containsEntry("--greeting", "hello")
                .as("defaults fill in").containsEntry("--day", "monday")
                .as("non-overridable arguments win").containsEntry("--env", "prod");
        assertThat(Path.of(arguments.get("--TempDir"))).startsWithRaw(dataDir).isDirectory();
        assertThat(glue.getJobRuns(r -> r.jobName("ok")).jobRuns()).extracting(JobRun::id).containsExactly(okRun);
    }

    @Test
    void theDriverLogIsServedWhileAndAfterTheRunRuns() throws Exception {
        awaitEnd("ok", okRun);

        HttpResponse<String> log = log(okRun);
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(log.headers().firstValue(JobsApi.RUN_STATE_HEADER)).hasValue("SUCCEEDED");
        assertThat(log.body()).contains("(run " + okRun + ")").contains("Job succeeded");
        assertThat(Files.readString(dataDir.resolve("runs").resolve(okRun).resolve("driver.log")))
                .isEqualTo(log.body());

        assertThat(log("jr_unknown").statusCode()).isEqualTo(404);
        assertThat(log("..%2F..%2Fetc").statusCode()).isEqualTo(404);
    }

    @Test
    void aFailingJobFailsWithItsOwnErrorAndIsRetriedMaxRetriesTimes() throws Exception {
        JobRun original = awaitEnd("failing", failingRun);
        assertThat(original.jobRunState()).isEqualTo(JobRunState.FAILED);
        assertThat(original.errorMessage()).contains("boom").contains("USER_RAISED_EXCEPTION");
        assertThat(original.dpuSeconds()).as("10 DPUs by default, one-minute minimum")
                .isEqualTo(10.0 * Math.max(60, original.executionTime()));

        String first = failingRun + "_attempt_1";
        String second = failingRun + "_attempt_2";
        JobRun retry1 = awaitEnd("failing", awaitExists("failing", first));
        JobRun retry2 = awaitEnd("failing", awaitExists("failing", second));

        for (JobRun retry : List.of(retry1, retry2)) {
            assertThat(retry.jobRunState()).isEqualTo(JobRunState.FAILED);
            assertThat(retry.previousRunId()).isEqualTo(failingRun);
            assertThat(retry.errorMessage()).contains("boom");
            assertThat(retry.arguments()).containsEntry("--JOB_RUN_ID", retry.id());
        }
        assertThat(retry1.attempt()).isEqualTo(1);
        assertThat(retry2.attempt()).isEqualTo(2);
        assertThat(original.previousRunId()).isNull();

        // No third retry: MaxRetries is 2. Newest first, in pages.
        var page = glue.getJobRuns(r -> r.jobName("failing").maxResults(2));
        assertThat(page.jobRuns()).extracting(JobRun::id).containsExactly(second, first);
        var rest = glue.getJobRuns(r -> r.jobName("failing").maxResults(2).nextToken(page.nextToken()));
        assertThat(rest.jobRuns()).extracting(JobRun::id).containsExactly(failingRun);
        assertThat(rest.nextToken()).isNull();
    }

    private static String awaitExists(String jobName, String runId) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        while (glue.getJobRuns(r -> r.jobName(jobName)).jobRuns().stream().noneMatch(r -> r.id().equals(runId))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no run " + runId + " after " + RUN_LIMIT);
            }
            Thread.sleep(250);
        }
        return runId;
    }

    @Test
    void aRunLongerThanItsTimeoutEndsTimeoutAndIsNotRetried() throws Exception {
        JobRun run = awaitEnd("slow_timeout", timeoutRun);

        assertThat(run.jobRunState()).isEqualTo(JobRunState.TIMEOUT);
        assertThat(run.errorMessage()).contains("Timeout of 12 minutes");
        assertThat(run.executionTime()).isGreaterThanOrEqualTo(12);
        assertThat(glue.getJobRuns(r -> r.jobName("slow_timeout")).jobRuns()).hasSize(1);
    }

    // The tests that need a driver still RUNNING go first: the others wait for runs that take minutes on a busy
    // machine, long enough for a slow script to end by itself otherwise.
    @Test
    @Order(1)
    void aDriverKilledFromOutsideFailsWithItsExitCodeAndLogTail() throws Exception {
        assertThat(awaitState("killed", killedRun, Set.of(JobRunState.RUNNING)).jobRunState())
                .isEqualTo(JobRunState.RUNNING);
        // As the kernel's OOM killer would: SIGKILL, so the driver reports nothing.
        String status = Files.readString(dataDir.resolve("runs").resolve(killedRun).resolve("status.json"));
        long pid = Long.parseLong(status.replaceAll(".*\"pid\":(\\d+).*", "$1"));
        assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.destroyForcibly()).isTrue());

        JobRun run = awaitEnd("killed", killedRun);
        assertThat(run.jobRunState()).isEqualTo(JobRunState.FAILED);
        assertThat(run.errorMessage()).startsWith("The driver exited with code 137 without reporting a result")
                .contains("mortar logs " + killedRun).contains("Last lines of driver.log");
    }

    @Test
    @Order(2)
    void maxConcurrentRunsAdmitsExactlyOneOfSimultaneousStartsAndStopEndsItStopped() throws Exception {
        assertThat(racingStarts).filteredOn(String.class::isInstance).as("started").hasSize(1);
        assertThat(racingStarts).filteredOn(ConcurrentRunsExceededException.class::isInstance)
                .as("refused").hasSize(racingStarts.size() - 1);
        racingStarts.stream().filter(ConcurrentRunsExceededException.class::isInstance)
                .map(ConcurrentRunsExceededException.class::cast)
                .forEach(e -> assertThat(e.awsErrorDetails().errorMessage()).contains("slow_stop")
                        .contains("MaxConcurrentRuns is 1"));

        JobRun running = awaitState("slow_stop", stoppedRun, Set.of(JobRunState.RUNNING));
        assertThat(running.jobRunState()).isEqualTo(JobRunState.RUNNING);
        Throwable refused = catchThrowable(() -> glue.startJobRun(r -> r.jobName("slow_stop")));
        assertThat(refused).isInstanceOf(ConcurrentRunsExceededException.class);

        BatchStopJobRunResponse stop = glue.batchStopJobRun(r -> r.jobName("slow_stop")
                .jobRunIds(stoppedRun, "jr_unknown"));
        assertThat(stop.successfulSubmissions()).singleElement()
                .satisfies(s -> assertThat(s.jobRunId()).isEqualTo(stoppedRun));
        assertThat(stop.errors()).singleElement().satisfies(e -> {
            assertThat(e.jobRunId()).isEqualTo("jr_unknown");
            assertThat(e.errorDetail().errorCode()).isEqualTo("EntityNotFoundException");
        });
        assertThat(run("slow_stop", stoppedRun).jobRunState()).isIn(JobRunState.STOPPING, JobRunState.STOPPED);

        JobRun stopped = awaitEnd("slow_stop", stoppedRun);
        assertThat(stopped.jobRunState()).isEqualTo(JobRunState.STOPPED);
        assertThat(stopped.completedOn()).isNotNull();

        BatchStopJobRunResponse again = glue.batchStopJobRun(r -> r.jobName("slow_stop").jobRunIds(stoppedRun));
        assertThat(again.errors()).singleElement().satisfies(e -> assertThat(e.errorDetail().errorMessage())
                .contains("STOPPED"));
    }

    @Test
    void withoutTheDriverClassPathStartJobRunFailsNamingTheSetting() throws Exception {
        Path otherDir = StoreBackend.tempDir("mortar-no-jars");
        JobsConfig defaults = JobsConfig.defaults(System.getenv());
        JobsConfig missing = new JobsConfig("local[1]", otherDir.resolve("no-jars"), defaults.javaHome(), null,
                Map.of(), Duration.ofSeconds(1), Duration.ofMinutes(1));
        try (MortarServer other = MortarServer.start(ServerConfig.embedded(otherDir, 0).withJobs(missing));
             GlueClient client = TestServer.client(other)) {
            client.createJob(job("lonely", "/x.sql").build());
            Throwable error = catchThrowable(() -> client.startJobRun(r -> r.jobName("lonely")));
            assertThat(error).isInstanceOf(InvalidInputException.class);
            assertThat(((InvalidInputException) error).awsErrorDetails().errorMessage())
                    .contains(otherDir.resolve("no-jars").toString()).contains("mortar.spark-jars");
            assertThat(client.getJobRuns(r -> r.jobName("lonely")).jobRuns()).isEmpty();
        } finally {
            FileUtils.deleteQuietly(otherDir.toFile());
        }
    }
}

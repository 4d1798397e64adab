package io.mortar.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mortar.server.config.DriverCapacity;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.testing.JobRunWaits;
import io.mortar.server.testing.SignedHttp;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ConcurrentRunsExceededException;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * The queue with real Spark drivers (SQL scripts) on a server that runs one driver at a time: runs wait WAITING with
 * a StateDetail that says why, start in the order they were started, are billed for their execution only, honour
 * Glue's JobRunQueuingEnabled over MaxConcurrentRuns, and a waiting run can be stopped or expire without a driver
 * ever starting. A Timeout minute lasts one second here.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class JobRunQueueTest {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(5);

    private static TestServer server;
    private static GlueClient glue;

    @BeforeAll
    static void startServer() throws Exception {
        JobsConfig defaults = JobsConfig.defaults(System.getenv());
        JobsConfig jobs = new JobsConfig("local[1]", defaults.sparkJars(), defaults.javaHome(), "512m",
                Map.of("spark.ui.enabled", "false"), Duration.ofSeconds(3), Duration.ofSeconds(1),
                DriverCapacity.of(1, 64L << 30, "512m"));
        server = TestServer.start(StoreBackend.SQLITE, config -> config.withJobs(jobs));
        glue = server.client();
        Path script = Files.writeString(server.dataDir().resolve("one.sql"), "SELECT 1");
        glue.createJob(r -> r.name("queued").role("glue").jobRunQueuingEnabled(true)
                .executionProperty(p -> p.maxConcurrentRuns(1))
                .command(c -> c.name("glueetl").scriptLocation(script.toString())));
        glue.createJob(r -> r.name("strict").role("glue").executionProperty(p -> p.maxConcurrentRuns(1))
                .command(c -> c.name("glueetl").scriptLocation(script.toString())));
        glue.createJob(r -> r.name("impatient").role("glue").timeout(1)
                .command(c -> c.name("glueetl").scriptLocation(script.toString())));
    }

    @AfterAll
    static void stopServer() {
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void runsBeyondTheCapacityWaitTheirTurnAndAreBilledOnlyForTheirExecution() throws Exception {
        String first = start("queued");
        String second = start("queued"); // over MaxConcurrentRuns 1: queued, as the job enables
        String strict = start("strict");
        Throwable refused = catchThrowable(() -> start("strict"));
        String stopped = start("queued");
        String expiring = start("impatient");

        assertThat(refused).as("without queuing, MaxConcurrentRuns refuses as Glue does (waiting runs count)")
                .isInstanceOf(ConcurrentRunsExceededException.class).hasMessageContaining("JobRunQueuingEnabled");
        JobRun waiting = run("queued", second);
        assertThat(waiting.jobRunState()).isEqualTo(JobRunState.WAITING);
        assertThat(waiting.jobRunQueuingEnabled()).isTrue();
        assertThat(waiting.stateDetail()).contains("MaxConcurrentRuns (1)");
        assertThat(run("strict", strict)).satisfies(run -> {
            assertThat(run.jobRunState()).isEqualTo(JobRunState.WAITING);
            assertThat(run.stateDetail()).contains("Waiting for a driver slot").contains("1 driver(s) at once");
            assertThat(run.jobRunQueuingEnabled()).isNull();
        });

        assertThat(glue.batchStopJobRun(r -> r.jobName("queued").jobRunIds(stopped)).errors()).isEmpty();
        JobRun stoppedRun = JobRunWaits.awaitEnd(glue, "queued", stopped, RUN_LIMIT);
        assertThat(stoppedRun.jobRunState()).isEqualTo(JobRunState.STOPPED);
        assertThat(stoppedRun.executionTime()).isZero();
        assertThat(stoppedRun.dpuSeconds()).as("nothing ran, nothing is billed").isZero();
        assertThat(log(stopped)).as("no driver ever started").isEmpty();

        JobRun expired = JobRunWaits.awaitEnd(glue, "impatient", expiring, RUN_LIMIT);
        assertThat(expired.jobRunState()).isEqualTo(JobRunState.EXPIRED);
        assertThat(expired.errorMessage()).contains("waited in the queue longer than its Timeout of 1 minutes");
        assertThat(expired.dpuSeconds()).isZero();
        assertThat(log(expiring)).isEmpty();

        JobRun one = JobRunWaits.awaitEnd(glue, "queued", first, RUN_LIMIT);
        JobRun two = JobRunWaits.awaitEnd(glue, "queued", second, RUN_LIMIT);
        JobRun three = JobRunWaits.awaitEnd(glue, "strict", strict, RUN_LIMIT);
        for (JobRun run : new JobRun[] {one, two, three}) {
            assertThat(run.jobRunState()).as(run.id() + ": " + run.errorMessage()).isEqualTo(JobRunState.SUCCEEDED);
            assertThat(run.stateDetail()).isNull();
            assertThat(run.dpuSeconds()).isEqualTo(10.0 * Math.max(60, run.executionTime()));
        }
        assertThat(one.completedOn()).as("one driver at a time, in the order started")
                .isBefore(two.completedOn());
        assertThat(two.completedOn()).isBefore(three.completedOn());
        long span = Duration.between(three.startedOn(), three.completedOn()).toSeconds();
        assertThat(three.executionTime()).as("the third run waited for two drivers (%d s from start to end)", span)
                .isLessThanOrEqualTo((int) span - one.executionTime() - two.executionTime() + 2);
    }

    private static String start(String job) {
        return glue.startJobRun(r -> r.jobName(job)).jobRunId();
    }

    private static JobRun run(String job, String runId) {
        return JobRunWaits.run(glue, job, runId);
    }

    private static String log(String runId) throws Exception {
        URI uri = server.endpoint().resolve("/runs/" + runId + "/log");
        return HttpClient.newHttpClient().send(SignedHttp.get(uri, server.server()),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}

package io.mortar.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.config.DriverCapacity;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * Issue 12, finding 1: 200 StartJobRun at once used to launch 107–176 driver JVMs on two cores. Now the server
 * holds every run in its queue and runs at most its capacity of drivers; each run still ends SUCCEEDED, once.
 * The drivers are {@link ProtocolDriver}s (no Spark, so 200 runs end in a minute); the server's path from
 * StartJobRun to the run's end is the real one.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class JobRunBurstTest {
    private static final int RUNS = 200;
    private static final int CLIENTS = 20;
    private static final int CAPACITY = 2;
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(4);

    private Path driverDir;
    private TestServer server;
    private GlueClient glue;

    @AfterEach
    void stop() {
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close();
        }
        FileUtils.deleteQuietly(driverDir.toFile());
    }

    @Test
    void aBurstOfStartsNeverRunsMoreDriversThanTheCapacityAndEndsEveryRunOnce() throws Exception {
        driverDir = StoreBackend.tempDir("mortar-burst");
        JobsConfig jobs = ProtocolDriver.install(driverDir, DriverCapacity.of(CAPACITY, 64L << 30, "1g"));
        server = TestServer.start(StoreBackend.SQLITE, config -> config.withJobs(jobs));
        glue = server.client();
        Path script = Files.writeString(driverDir.resolve("select.sql"), "SELECT 1;");
        glue.createJob(r -> r.name("burst").role("glue").executionProperty(p -> p.maxConcurrentRuns(1_000))
                .command(c -> c.name("glueetl").scriptLocation(script.toString())));

        List<String> ids = burst();

        assertThat(ids).as("every start answered with its own run").hasSize(RUNS).doesNotHaveDuplicates();
        List<JobRun> waiting = runs().stream().filter(run -> run.jobRunState() == JobRunState.WAITING).toList();
        assertThat(waiting).as("the backlog waits in the queue").isNotEmpty()
                .allSatisfy(run -> assertThat(run.stateDetail()).contains("Waiting for a driver slot")
                        .contains(CAPACITY + " driver(s) at once"));

        List<JobRun> ended = drain();

        assertThat(ended).extracting(JobRun::id).as("exactly the runs started, none twice")
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ended).allSatisfy(run -> assertThat(run.jobRunState()).as(run.id() + ": " + run.errorMessage())
                .isEqualTo(JobRunState.SUCCEEDED));
        List<ProtocolDriver.Lifetime> lifetimes = new ArrayList<>();
        for (String id : ids) {
            List<ProtocolDriver.Lifetime> drivers = ProtocolDriver.lifetimes(
                    server.dataDir().resolve("runs").resolve(id));
            assertThat(drivers).as("drivers launched for %s", id).singleElement()
                    .satisfies(life -> assertThat(life.runId()).isEqualTo(id));
            lifetimes.addAll(drivers);
        }
        assertThat(ProtocolDriver.mostAtOnce(lifetimes)).as("drivers alive at once").isEqualTo(CAPACITY);

        JobRun last = ended.stream().max(Comparator.comparing(JobRun::completedOn)).orElseThrow();
        long span = Duration.between(last.startedOn(), last.completedOn()).toSeconds();
        assertThat(last.executionTime()).as("the last run's wait (%d s from start to end) is not execution time",
                span).isLessThan((int) span - 5);
    }

    /** RUNS starts from CLIENTS threads released together. */
    private List<String> burst() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                futures.add(clients.submit(() -> {
                    go.await();
                    List<String> started = new ArrayList<>();
                    for (int i = 0; i < RUNS / CLIENTS; i++) {
                        started.add(glue.startJobRun(r -> r.jobName("burst")).jobRunId());
                    }
                    return started;
                }));
            }
            go.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<List<String>> future : futures) {
                ids.addAll(future.get(2, TimeUnit.MINUTES));
            }
            return ids;
        } finally {
            clients.shutdownNow();
        }
    }

    /** Every run of the job once none is in progress any more. */
    private List<JobRun> drain() throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (true) {
            List<JobRun> runs = runs();
            Map<JobRunState, Long> states = runs.stream()
                    .collect(Collectors.groupingBy(JobRun::jobRunState, Collectors.counting()));
            if (runs.stream().allMatch(run -> run.completedOn() != null)) {
                return runs;
            }
            assertThat(System.nanoTime()).as("runs by state after %s: %s", DRAIN_LIMIT, states).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private List<JobRun> runs() {
        List<JobRun> runs = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            var response = glue.getJobRuns(r -> r.jobName("burst").maxResults(200).nextToken(page));
            runs.addAll(response.jobRuns());
            token = response.nextToken();
        } while (token != null);
        return Collections.unmodifiableList(runs);
    }
}

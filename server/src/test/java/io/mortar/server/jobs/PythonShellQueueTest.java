package io.mortar.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.config.DriverCapacity;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.testing.JobRunWaits;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * Python shell runs in the server's queue: each reserves 1 GiB of the drivers' memory budget where a Spark driver
 * reserves its heap and overhead (1g + 384m here), so more of them run at once than Spark drivers would, and they
 * keep the queue's order. The drivers are {@link ProtocolDriver}s lasting a second or two; everything else is the
 * server's real path.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PythonShellQueueTest {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(2);

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

    private void start(long budgetMib, double runSeconds) throws Exception {
        driverDir = StoreBackend.tempDir("mortar-shell-queue");
        JobsConfig jobs = ProtocolDriver.install(driverDir, DriverCapacity.of(8, budgetMib << 20, "1g"), runSeconds);
        server = TestServer.start(StoreBackend.SQLITE, config -> config.withJobs(jobs));
        glue = server.client();
        Path script = Files.writeString(driverDir.resolve("job.py"), "print('hi')\n");
        glue.createJob(r -> r.name("shell").role("glue").executionProperty(p -> p.maxConcurrentRuns(10))
                .command(c -> c.name("pythonshell").scriptLocation(script.toString())));
        glue.createJob(r -> r.name("spark").role("glue").executionProperty(p -> p.maxConcurrentRuns(10))
                .command(c -> c.name("glueetl").scriptLocation(script.toString())));
    }

    private List<ProtocolDriver.Lifetime> lifetimes(String job, List<String> runIds) throws InterruptedException {
        List<ProtocolDriver.Lifetime> lifetimes = new ArrayList<>();
        for (String id : runIds) {
            assertThat(JobRunWaits.awaitEnd(glue, job, id, RUN_LIMIT).jobRunState()).isEqualTo(JobRunState.SUCCEEDED);
            lifetimes.addAll(ProtocolDriver.lifetimes(server.dataDir().resolve("runs").resolve(id)));
        }
        return lifetimes;
    }

    private List<String> startRuns(String job, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(glue.startJobRun(r -> r.jobName(job)).jobRunId());
        }
        return ids;
    }

    @Test
    void threeShellRunsShareABudgetThatHoldsTwoSparkDrivers() throws Exception {
        start(3072, 2.0); // 3g: two Spark drivers (2 × 1408m), or three shell runs (3 × 1024m)

        List<ProtocolDriver.Lifetime> shells = lifetimes("shell", startRuns("shell", 3));
        List<ProtocolDriver.Lifetime> sparks = lifetimes("spark", startRuns("spark", 3));

        assertThat(ProtocolDriver.mostAtOnce(shells)).as("shell runs at once").isEqualTo(3);
        assertThat(ProtocolDriver.mostAtOnce(sparks)).as("Spark drivers at once").isEqualTo(2);
    }

    @Test
    void aShellRunNeverOvertakesASparkRunWaitingForMemory() throws Exception {
        start(2560, 1.5); // a Spark driver and a shell run fit (2432m); two Spark drivers (2816m) do not

        String first = glue.startJobRun(r -> r.jobName("spark")).jobRunId();
        String second = glue.startJobRun(r -> r.jobName("spark")).jobRunId();
        String shell = glue.startJobRun(r -> r.jobName("shell")).jobRunId();

        ProtocolDriver.Lifetime firstLife = lifetimes("spark", List.of(first)).get(0);
        ProtocolDriver.Lifetime secondLife = lifetimes("spark", List.of(second)).get(0);
        ProtocolDriver.Lifetime shellLife = lifetimes("shell", List.of(shell)).get(0);
        assertThat(secondLife.start()).as("the second Spark run waited for the first").isGreaterThanOrEqualTo(
                firstLife.end());
        assertThat(shellLife.start()).as("the shell run, which fitted beside the first, kept its place behind the"
                + " second: it started only when the first ended, with the second").isGreaterThanOrEqualTo(
                firstLife.end());
    }
}

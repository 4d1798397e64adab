package io.mortar.it.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.cli.cluster.ClusterSpec;
import io.mortar.cli.cluster.StandaloneCluster;
import io.mortar.server.MortarServer;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.testing.JobRunWaits;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobCommand;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * The README's scale-out story as a Glue user lives it: {@code mortar cluster --workers 2 --cores 1 --memory 1g},
 * a server on its master, and a job defined as Glue jobs are, {@code WorkerType G.1X} × 2, whose workers map to
 * 10g executors with 4 cores that no worker of this cluster can hold. A run must end, never wait for an executor
 * until its Timeout: it succeeds on executors fitted to the workers, its log saying how; and when the server cannot
 * read the master's status to fit them, the driver gives up waiting and the run fails saying why.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ExecutorFitEndToEndTest {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    private static Path dataDir;
    private static JobsConfig defaults;
    private static StandaloneCluster cluster;
    private static Path script;

    @BeforeAll
    static void cluster() throws IOException {
        dataDir = StoreBackend.tempDir("mortar-executor-fit");
        defaults = JobsConfig.defaults(System.getenv());
        cluster = StandaloneCluster.start(ClusterSpec.of(defaults.sparkJars()).withWorkers(2).withCoresPerWorker(1)
                .withMemoryPerWorker("1g").withWorkDir(dataDir.resolve("cluster")));
        script = Files.writeString(dataDir.resolve("count.sql"), "SELECT count(*) AS n FROM range(1000);\n");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        FileUtils.deleteQuietly(dataDir.toFile());
    }

    private static JobsConfig jobs(URI masterWebUi) {
        return new JobsConfig(cluster.masterUrl(), defaults.sparkJars(), defaults.javaHome(), "512m",
                Map.of("spark.ui.enabled", "false"), Duration.ofSeconds(5), Duration.ofMinutes(1))
                .withMasterWebUi(masterWebUi);
    }

    /** Runs a G.1X × 2 job with these arguments to its end, on a server of its own in {@code dir}. */
    private static JobRun runG1x(JobsConfig jobs, Path dir, Map<String, String> arguments)
            throws InterruptedException {
        try (MortarServer server = MortarServer.start(ServerConfig.embedded(dir, 0).withJobs(jobs));
             GlueClient glue = TestServer.client(server)) {
            glue.createJob(r -> r.name("count").role("etl").workerType("G.1X").numberOfWorkers(2)
                    .defaultArguments(arguments)
                    .command(JobCommand.builder().name("glueetl").scriptLocation(script.toString()).build()));
            String id = glue.startJobRun(r -> r.jobName("count")).jobRunId();
            try {
                return JobRunWaits.awaitEnd(glue, "count", id, RUN_LIMIT);
            } catch (AssertionError hung) {
                // drivers outlive their server by design: this one must not outlive the test
                glue.batchStopJobRun(r -> r.jobName("count").jobRunIds(id));
                JobRunWaits.awaitEnd(glue, "count", id, Duration.ofSeconds(30));
                throw hung;
            }
        }
    }

    private static String driverLog(Path dir, JobRun run) throws IOException {
        return Files.readString(dir.resolve("runs").resolve(run.id()).resolve("driver.log"));
    }

    @Test
    void aG1xJobRunsOnOneCoreOneGigabyteWorkersWithExecutorsFittedToThem() throws Exception {
        Path dir = dataDir.resolve("fitted");
        int appsBefore = cluster.status().completedApplicationIds().size();

        JobRun run = runG1x(jobs(cluster.webUiUrl()), dir, Map.of());

        String log = driverLog(dir, run);
        assertThat(run.jobRunState()).as("run %s: %s; driver.log:%n%s", run.id(), run.errorMessage(), log)
                .isEqualTo(JobRunState.SUCCEEDED);
        assertThat(log).startsWith("Mortar: WorkerType G.1X wants 10g executors with 4 cores; the largest worker of "
                + cluster.masterUrl() + " offers 1g and 1 core: executors sized 1g/1 core");
        assertThat(cluster.status().completedApplicationIds()).as("the run's executors ran on the cluster")
                .hasSize(appsBefore + 1);
    }

    @Test
    void withoutTheMastersStatusTheDriverGivesUpWaitingForExecutorsAndTheRunFailsSayingWhy() throws Exception {
        Path dir = dataDir.resolve("unfitted");
        URI nowhere;
        try (ServerSocket free = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + free.getLocalPort() + "/"); // nothing listens there now
        }

        JobRun run = runG1x(jobs(nowhere), dir, Map.of("--conf", "spark.mortar.executorWaitTimeout=20s"));

        String log = driverLog(dir, run);
        assertThat(run.jobRunState()).as("run %s: %s; driver.log:%n%s", run.id(), run.errorMessage(), log)
                .isEqualTo(JobRunState.FAILED);
        assertThat(run.errorMessage()).isEqualTo("java.lang.IllegalStateException: No executor started on "
                + cluster.masterUrl() + " while the run's Spark jobs waited 20 s for one: no worker has 10g of memory"
                + " and 4 core(s) free for an executor (spark.executor.memory, spark.executor.cores). The master's log"
                + " says why; size executors to fit the workers, or raise spark.mortar.executorWaitTimeout to wait"
                + " longer.");
        assertThat(log).startsWith("Mortar: The status of the Spark master " + cluster.masterUrl() + " could not be"
                + " read (" + nowhere.resolve("/json/") + ": ");
    }
}

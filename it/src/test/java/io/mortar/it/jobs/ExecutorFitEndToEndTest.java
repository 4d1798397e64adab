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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobCommand;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * The README's scale-out story as a Glue user lives it: {@code mortar cluster --workers 2 --cores 1 --memory 1g},
 * a server on its master, and a job defined as Glue jobs are, {@code WorkerType G.1X} × 2, whose workers map to
 * 10g executors with 4 cores that no worker of this cluster can hold. The run must end (not wait forever for an
 * executor), succeed on executors fitted to the workers, and its log must say how they were sized.
 */
class ExecutorFitEndToEndTest {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aG1xJobRunsOnOneCoreOneGigabyteWorkers() throws Exception {
        Path dataDir = StoreBackend.tempDir("mortar-executor-fit");
        JobsConfig defaults = JobsConfig.defaults(System.getenv());
        ClusterSpec spec = ClusterSpec.of(defaults.sparkJars()).withWorkers(2).withCoresPerWorker(1)
                .withMemoryPerWorker("1g").withWorkDir(dataDir.resolve("cluster"));
        try (StandaloneCluster cluster = StandaloneCluster.start(spec)) {
            JobsConfig jobs = new JobsConfig(cluster.masterUrl(), defaults.sparkJars(), defaults.javaHome(), "512m",
                    Map.of("spark.ui.enabled", "false"), Duration.ofSeconds(5), Duration.ofMinutes(1))
                    .withMasterWebUi(cluster.webUiUrl());
            Path script = Files.writeString(dataDir.resolve("count.sql"), "SELECT count(*) AS n FROM range(1000);\n");
            try (MortarServer server = MortarServer.start(ServerConfig.embedded(dataDir, 0).withJobs(jobs));
                 GlueClient glue = TestServer.client(server.endpoint())) {
                glue.createJob(r -> r.name("count").role("etl").workerType("G.1X").numberOfWorkers(2)
                        .command(JobCommand.builder().name("glueetl").scriptLocation(script.toString()).build()));
                String id = glue.startJobRun(r -> r.jobName("count")).jobRunId();

                JobRun run;
                try {
                    run = JobRunWaits.awaitEnd(glue, "count", id, RUN_LIMIT);
                } catch (AssertionError hung) {
                    // drivers outlive their server by design: this one must not outlive the test
                    glue.batchStopJobRun(r -> r.jobName("count").jobRunIds(id));
                    JobRunWaits.awaitEnd(glue, "count", id, Duration.ofSeconds(30));
                    throw hung;
                }

                String log = Files.readString(dataDir.resolve("runs").resolve(id).resolve("driver.log"));
                assertThat(run.jobRunState()).as("run %s: %s; driver.log:%n%s", id, run.errorMessage(), log)
                        .isEqualTo(JobRunState.SUCCEEDED);
                assertThat(log).contains("WorkerType G.1X wants 10g executors with 4 cores; the largest worker of "
                        + cluster.masterUrl() + " offers 1g and 1 core: executors sized 1g/1 core");
                assertThat(cluster.status().completedApplicationIds()).as("the run's executors ran on the cluster")
                        .hasSize(1);
            }
        } finally {
            FileUtils.deleteQuietly(dataDir.toFile());
        }
    }
}

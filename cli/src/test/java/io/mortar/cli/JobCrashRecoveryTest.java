package io.mortar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.config.JobsConfig;
import io.mortar.server.testing.JobRunWaits;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * Job runs survive {@code kill -9} of {@code mortar server}: drivers are separate processes writing to files, so
 * a run whose driver lives on is adopted by the restarted server (same pid, same process start time) and ends
 * as its driver reports; a run whose driver died with the server ends FAILED with a message saying so. No run is
 * lost, none is started twice.
 */
class JobCrashRecoveryTest {
    private static final Duration LIMIT = Duration.ofMinutes(5);

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void runsInProgressAreAdoptedOrSettledAfterTheServerIsKilled() throws Exception {
        Path dataDir = StoreBackend.tempDir("mortar-job-crash");
        Path scripts = Files.createDirectories(dataDir.resolve("scripts"));
        // The child server reads its settings from the data directory (the test environment's MORTAR_* are not
        // passed on): the driver class path, small drivers without a UI.
        Files.write(dataDir.resolve("mortar.properties"), List.of(
                "mortar.spark-jars=" + JobsConfig.findSparkJars(System.getenv()).toString().replace("\\", "\\\\"),
                "mortar.jobs.master=local[1]",
                "mortar.jobs.driver-memory=512m",
                "mortar.jobs.spark-conf=spark.ui.enabled=false"));
        Path survivorScript = Files.writeString(scripts.resolve("survivor.sql"),
                "SELECT java_method('java.lang.Thread', 'sleep', 45000L)");
        Path victimScript = Files.writeString(scripts.resolve("victim.sql"),
                "SELECT java_method('java.lang.Thread', 'sleep', 300000L)");
        String survivor;
        String victim;
        try {
            try (ServerProcess server = ServerProcess.start(dataDir, null);
                 GlueClient glue = server.client()) {
                glue.createJob(b -> b.name("survivor").role("glue")
                        .command(c -> c.scriptLocation(survivorScript.toString())));
                glue.createJob(b -> b.name("victim").role("glue")
                        .command(c -> c.scriptLocation(victimScript.toString())));
                survivor = glue.startJobRun(b -> b.jobName("survivor")).jobRunId();
                victim = glue.startJobRun(b -> b.jobName("victim")).jobRunId();
                awaitState(glue, "survivor", survivor, Set.of(JobRunState.RUNNING));
                awaitState(glue, "victim", victim, Set.of(JobRunState.RUNNING));

                assertThat(server.kill()).isEqualTo(ServerProcess.EXIT_SIGKILL);
            }
            // The victim's driver dies too while the server is down.
            ProcessHandle victimDriver = ProcessHandle.of(driverPid(dataDir, victim)).orElseThrow();
            victimDriver.destroyForcibly();
            victimDriver.onExit().get(30, TimeUnit.SECONDS);
            assertThat(ProcessHandle.of(driverPid(dataDir, survivor))).as("the survivor's driver outlived the server")
                    .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

            try (ServerProcess server = ServerProcess.start(dataDir, null);
                 GlueClient glue = server.client()) {
                JobRun lost = JobRunWaits.run(glue, "victim", victim);
                assertThat(lost.jobRunState()).as("settled at start").isEqualTo(JobRunState.FAILED);
                assertThat(lost.errorMessage()).isEqualTo("The driver process was lost while the server was down.");
                assertThat(JobRunWaits.run(glue, "survivor", survivor).jobRunState()).as("adopted, still running")
                        .isEqualTo(JobRunState.RUNNING);

                JobRun adopted = awaitState(glue, "survivor", survivor, JobRunWaits.FINAL);
                assertThat(adopted.jobRunState()).as(adopted.errorMessage()).isEqualTo(JobRunState.SUCCEEDED);
                assertThat(adopted.executionTime()).isGreaterThanOrEqualTo(45);

                assertThat(glue.getJobRuns(b -> b.jobName("survivor")).jobRuns()).extracting(JobRun::id)
                        .as("no run started twice").containsExactly(survivor);
                assertThat(glue.getJobRuns(b -> b.jobName("victim")).jobRuns()).extracting(JobRun::id)
                        .containsExactly(victim);
                assertThat(server.stop()).isIn(0, ServerProcess.EXIT_SIGTERM);
            }
        } finally {
            FileUtils.deleteQuietly(dataDir.toFile());
        }
    }

    /** The driver's pid as it reported it in its status file. */
    private static long driverPid(Path dataDir, String runId) throws Exception {
        String status = Files.readString(dataDir.resolve("runs").resolve(runId).resolve("status.json"));
        return Long.parseLong(status.replaceAll(".*\"pid\":(\\d+).*", "$1"));
    }

    /** The run once it is in one of {@code states}; failing at once if it ends in another. */
    private static JobRun awaitState(GlueClient glue, String job, String runId, Set<JobRunState> states)
            throws InterruptedException {
        JobRun run = JobRunWaits.await(glue, job, runId, states, LIMIT);
        assertThat(states).as("run %s ended %s: %s", runId, run.jobRunState(), run.errorMessage())
                .contains(run.jobRunState());
        return run;
    }
}

package io.mortar.bench.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * One job run as a Glue client sees it — StartJobRun, then GetJobRun every {@code pollMillis} until the run ends —
 * timed, and split at the driver's own status marks ({@code startedAt}: the driver's main began the job;
 * {@code completedAt}: the job was done) read from the run's {@code status.json} in the server's data folder.
 * The job benchmarks share it, so each measures runs the same way.
 */
final class JobRuns {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<JobRunState> ACTIVE = Set.of(JobRunState.WAITING, JobRunState.STARTING,
            JobRunState.RUNNING, JobRunState.STOPPING);

    /**
     * A run's times in ms: the whole (StartJobRun until the client saw SUCCEEDED), launch (until the driver's main
     * began the job: queue, JVM, SparkSubmit), job (the job, with Spark's start) and end (Spark's stop, JVM exit,
     * the server noticing, the client's poll).
     */
    record Timing(double totalMs, double launchMs, double jobMs, double endMs) {}

    private final GlueClient glue;
    private final Path dataDir;
    private final long pollMillis;

    /** {@code dataDir}: the server's data folder, whose {@code runs/<id>/status.json} holds the driver's marks. */
    JobRuns(GlueClient glue, Path dataDir, long pollMillis) {
        this.glue = glue;
        this.dataDir = dataDir;
        this.pollMillis = pollMillis;
    }

    /** Starts a run of {@code job} with {@code arguments} (added to the job's defaults) and waits for SUCCEEDED. */
    Timing run(String job, Map<String, String> arguments) throws IOException, InterruptedException {
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        String id = glue.startJobRun(b -> b.jobName(job).arguments(arguments)).jobRunId();
        JobRun run;
        while (true) {
            run = glue.getJobRun(b -> b.jobName(job).runId(id)).jobRun();
            if (!ACTIVE.contains(run.jobRunState())) {
                break;
            }
            Thread.sleep(pollMillis);
        }
        double total = (System.nanoTime() - startNanos) / 1e6;
        long endMillis = startMillis + Math.round(total);
        if (run.jobRunState() != JobRunState.SUCCEEDED) {
            throw new IllegalStateException("run " + id + " of " + job + " ended " + run.jobRunState() + ": "
                    + run.errorMessage() + " (log: " + dataDir.resolve("runs").resolve(id) + ")");
        }
        JsonNode status = JSON.readTree(dataDir.resolve("runs").resolve(id).resolve("status.json").toFile());
        long driverStarted = status.get("startedAt").asLong();
        long jobDone = status.get("completedAt").asLong();
        return new Timing(total, driverStarted - startMillis, jobDone - driverStarted, endMillis - jobDone);
    }
}

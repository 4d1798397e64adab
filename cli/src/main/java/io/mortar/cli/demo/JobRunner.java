package io.mortar.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.cli.http.HttpStatusException;
import io.mortar.cli.http.MortarHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipFile;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;

/**
 * The demo's Spark jobs, through the Glue API: defines a job on the runtime jar, runs it to its end, and reads the
 * result line its driver logged. The run under way is published, so that Ctrl-C can stop it.
 */
final class JobRunner {
    static final String RUNTIME_JAR = "mortar-runtime.jar";
    /** A job's driver logs its result as one line of JSON after this. */
    static final String RESULT_MARKER = "MORTAR-DEMO-RESULT ";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINAL_STATES = Set.of("SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED", "ERROR",
            "EXPIRED");

    /** A run under way. */
    record Running(GlueClient glue, String job, String runId) {
        /** Stops the run and waits up to 15 s for it to end; the JVM is going down, so failures pass quietly. */
        void stop() {
            try {
                glue.batchStopJobRun(b -> b.jobName(job).jobRunIds(runId));
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (System.nanoTime() < deadline && !FINAL_STATES.contains(
                        glue.getJobRun(b -> b.jobName(job).runId(runId)).jobRun().jobRunStateAsString())) {
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // the run's driver may outlive the JVM
            }
        }
    }

    private final GlueClient glue;
    private final URI endpoint;
    /** Reads a run's log through the server's log endpoint, signed as the Glue calls are. */
    private final MortarHttp logs;
    private final Path runtimeJar;
    private final DemoHints hints;
    private final DemoOutput out;
    private final AtomicReference<Running> running;

    /**
     * @param running where the run under way is published while it runs
     */
    JobRunner(GlueClient glue, URI endpoint, AwsCredentialsProvider credentials, Path sparkJars, DemoHints hints,
              DemoOutput out, AtomicReference<Running> running) {
        this.glue = glue;
        this.endpoint = endpoint;
        this.logs = MortarHttp.CALLS.signedBy(credentials);
        this.runtimeJar = sparkJars.resolve(RUNTIME_JAR);
        this.hints = hints;
        this.out = out;
        this.running = running;
    }

    /**
     * The runtime jar in the Spark jar folder, with the demo's job classes in it.
     *
     * @throws StepFailure naming how to build it
     */
    static void requireRuntime(Path sparkJars, String jobClass) {
        Path jar = sparkJars.resolve(RUNTIME_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new StepFailure("the job runtime " + jar + " is missing; build it with `mvn -pl runtime -am package"
                    + " -DskipTests` (bin/mortar does), or point MORTAR_SPARK_JARS at the folder holding it");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.getEntry(jobClass.replace('.', '/') + ".class") == null) {
                throw new StepFailure("the job runtime " + jar + " predates mortar demo (it has no " + jobClass
                        + "); rebuild it with `mvn -pl runtime -am package -DskipTests` (bin/mortar does)");
            }
        } catch (IOException e) {
            throw new StepFailure("cannot read the job runtime " + jar + ": " + e.getMessage());
        }
    }

    /**
     * Defines the job, runs it to its end and reads its result; prints the run's id, driver log and figures.
     *
     * @param startNanos when the step began, for the time it took
     * @throws StepFailure when the run does not succeed or reports no result
     */
    JobOutcome run(String job, String description, Map<String, String> arguments, long startNanos) {
        glue.createJob(b -> b.name(job).role("mortar-demo").description(description)
                .command(c -> c.name("glueetl").scriptLocation(runtimeJar.toString()))
                .defaultArguments(arguments)
                .workerType("G.1X").numberOfWorkers(2).timeout(120).maxRetries(0));
        JobRun run = runToEnd(job);
        JobOutcome outcome = new JobOutcome(run, result(run));
        out.line("%s in %s: ExecutionTime %d s, %s DPU-seconds (2 G.1X workers = 2 DPUs, at least a minute billed, as"
                + " Glue bills)", run.jobRunStateAsString(), DemoOutput.seconds(startNanos), run.executionTime(),
                run.dpuSeconds() == null ? "?" : String.format(Locale.ROOT, "%.0f", run.dpuSeconds()));
        return outcome;
    }

    private JobRun runToEnd(String job) {
        String runId = glue.startJobRun(b -> b.jobName(job)).jobRunId();
        running.set(new Running(glue, job, runId));
        out.line("run %s", runId);
        out.line("driver log %s", hints.layout().driverLog(runId));
        JobRun run;
        while (true) {
            run = glue.getJobRun(b -> b.jobName(job).runId(runId)).jobRun();
            if (FINAL_STATES.contains(run.jobRunStateAsString())) {
                break;
            }
            sleep(500);
        }
        running.set(null);
        if (!"SUCCEEDED".equals(run.jobRunStateAsString())) {
            throw new StepFailure("run " + runId + " of job " + job + " " + run.jobRunStateAsString()
                    + (run.errorMessage() == null ? "" : ": " + run.errorMessage()), hints.forRun(job, runId));
        }
        return run;
    }

    /** The job's report: the last result line of its driver log, read through the server's log endpoint. */
    private JsonNode result(JobRun run) {
        String log;
        try {
            log = logs.get(endpoint.resolve("/runs/" + MortarHttp.pathSegment(run.id()) + "/log"))
                    .requireSuccess().text();
        } catch (HttpStatusException e) {
            throw new StepFailure(e.getMessage(), hints.forRun(run.jobName(), run.id()));
        } catch (IOException e) {
            throw new StepFailure("cannot read the log of run " + run.id() + ": " + e.getMessage());
        }
        String found = null;
        for (String line : log.split("\n")) {
            if (line.startsWith(RESULT_MARKER)) {
                found = line.substring(RESULT_MARKER.length());
            }
        }
        if (found == null) {
            throw new StepFailure("run " + run.id() + " SUCCEEDED but its log has no " + RESULT_MARKER.strip()
                    + " line", hints.forRun(run.jobName(), run.id()));
        }
        return json(found).orElseThrow(() -> new StepFailure("run " + run.id() + " reported what is not JSON",
                hints.forRun(run.jobName(), run.id())));
    }

    static Optional<JsonNode> json(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(text));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailure("interrupted");
        }
    }
}

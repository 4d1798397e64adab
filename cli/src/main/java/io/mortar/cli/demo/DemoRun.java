package io.mortar.cli.demo;

import io.mortar.cli.demo.DemoEnvironment.DemoServer;
import io.mortar.server.auth.LocalCredentialsFile;
import io.mortar.server.config.JobsConfig;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.GlueException;

/**
 * One {@code mortar demo}: runs the steps in order, each numbered, timed and reported, and each failure named by its
 * step; Ctrl-C stops a running job run, the server and S3Proxy. Everything goes through the Glue API of a server
 * this process starts, as a user's client would (the AWS SDK's {@link GlueClient}); the data goes through S3Proxy,
 * which this process starts too. What a step produces is handed to the steps after it.
 */
final class DemoRun {
    static final int STEPS = 6;
    /** Run arguments and environment variables the demo's own server may take from the environment. */
    private static final Set<String> PASSED_ENVIRONMENT = Set.of("MORTAR_SPARK_JARS", "MORTAR_JOBS_JAVA_HOME",
            "MORTAR_JOBS_DRIVER_MEMORY");

    /** What the command was asked for. */
    record Settings(long rows, int rules, long seed, int days, Path dir, Optional<PostgresTarget> postgres,
                    boolean keep, Map<String, String> environment) {
        /** The part of the environment the demo's server and jobs take. */
        Map<String, String> passedEnvironment() {
            Map<String, String> passed = new LinkedHashMap<>();
            environment.forEach((k, v) -> {
                if (PASSED_ENVIRONMENT.contains(k)) {
                    passed.put(k, v);
                }
            });
            return passed;
        }

        /** The Spark jar folder the jobs run from, with the runtime jar in it. */
        Path sparkJars() {
            return JobsConfig.findSparkJars(passedEnvironment());
        }
    }

    /** The endpoints {@code --keep} leaves running. */
    private record Endpoints(URI mortar, URI s3) {}

    private final Settings settings;
    private final DemoLayout layout;
    private final DemoOutput out;
    private final PrintWriter err;
    private final DemoEnvironment environment;
    private final AtomicReference<JobRunner.Running> runningJob = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final long started = System.nanoTime();
    private final Thread shutdownHook = new Thread(this::onSignal, "mortar-demo-shutdown");

    // where the run is, for a failure's message and the shutdown hook's
    private volatile int step;
    private volatile String stepName = "prepare";
    private volatile boolean signalled;
    /** Every step ran, or one failed: a signal now only ends {@code --keep}. */
    private volatile boolean stepsOver;
    /** Guarded by this. */
    private boolean closed;

    DemoRun(Settings settings, PrintWriter out, PrintWriter err) {
        this.settings = settings;
        this.layout = new DemoLayout(settings.dir());
        this.out = new DemoOutput(out);
        this.err = err;
        this.environment = new DemoEnvironment(settings, layout, this.out, err);
    }

    /**
     * Runs every step; 0 when all succeeded, 1 when one failed (reported on stderr). With {@code --keep}, S3Proxy
     * and the server then stay up (after a failed step too, to look into it) until Ctrl-C.
     */
    int run() {
        int exit = 1;
        Endpoints running = null;
        try {
            out.printf("Mortar demo: %,d support tickets, %d regex rules, %d days; files in %s%n%n", settings.rows(),
                    settings.rules(), settings.days(), settings.dir());
            out.flush();
            prepare();
            LocalS3 s3 = step("S3Proxy", "S3Proxy", environment::startS3);
            DemoServer server = step("Mortar server", "Mortar server", () -> environment.startServer(s3));
            running = new Endpoints(server.endpoint(), s3.endpoint());
            runSteps(s3, server);
            exit = 0;
        } catch (StepFailure e) {
            fail(e.getMessage(), e.help());
        } catch (GlueException e) {
            fail(e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage(), List.of());
        } catch (SdkException | IllegalStateException | UncheckedIOException | IllegalArgumentException e) {
            fail(e.getMessage() == null ? e.toString() : e.getMessage(), List.of());
        } catch (RuntimeException e) {
            closeAll();
            throw e;
        }
        stepsOver = true;
        if (settings.keep() && running != null && !isClosed()) {
            keepRunning(running);
        }
        closeAll();
        return exit;
    }

    /** The demo directory ready, the job runtime there; then Ctrl-C stops what the steps start. */
    private void prepare() {
        environment.prepareWorkspace();
        JobRunner.requireRuntime(settings.sparkJars(), GenerateStep.JOB_CLASS);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        environment.quietLogs();
    }

    /** Steps 3 to 6, and the report. */
    private void runSteps(LocalS3 s3, DemoServer server) {
        GlueClient glue = server.glue();
        DemoHints hints = new DemoHints(settings.keep(), server.endpoint(), layout);
        Path bucketDir = s3.dataDir().resolve(DemoLayout.BUCKET);
        JobRunner jobs = new JobRunner(glue, server.endpoint(), server.credentials(), settings.sparkJars(), hints, out,
                runningJob);
        SummaryDestination destination = step("PostgreSQL connection", "PostgreSQL connection",
                () -> new ConnectionStep(settings.postgres(), glue, out).run());
        JobOutcome generated = step("generate", String.format(Locale.ROOT, "Generate %,d tickets and %d rules (Spark"
                + " job %s)", settings.rows(), settings.rules(), GenerateStep.JOB),
                () -> new GenerateStep(settings, jobs, out).run());
        String crawlId = step("crawl", "Crawl " + CrawlStep.RAW_ROOT + " (crawler " + CrawlStep.CRAWLER + ")",
                () -> new CrawlStep(settings, glue, hints, bucketDir, out).run());
        JobOutcome tagged = step("tag", String.format(Locale.ROOT, "Tag the tickets with %d rules (Spark job %s)",
                settings.rules(), TagStep.JOB), () -> new TagStep(settings, destination, glue, jobs, hints, out).run());
        new SummaryReport(settings, hints, bucketDir, destination, generated, crawlId, tagged).print(out, started);
    }

    /** Runs a step: its number and title first; {@code name} is what a failure calls it. */
    private <T> T step(String name, String title, Supplier<T> body) {
        step++;
        stepName = name;
        out.printf("[%d/%d] %s%n", step, STEPS, title);
        out.flush();
        return body.get();
    }

    private void fail(String message, List<String> help) {
        out.flush();
        if (signalled) {
            return; // the shutdown hook said what happened
        }
        String where = step == 0 ? "preparing the demo" : "step " + step + "/" + STEPS + " (" + stepName + ")";
        err.println("error: " + where + " failed: " + message);
        help.forEach(line -> err.println("  " + line));
        err.flush();
    }

    private void keepRunning(Endpoints running) {
        out.println();
        out.println("Running until Ctrl-C:");
        Path credentials = LocalCredentialsFile.in(layout.mortarDir());
        out.println("  Mortar (Glue API)  " + running.mortar() + "    any Glue client: --endpoint-url "
                + running.mortar() + " with AWS_SHARED_CREDENTIALS_FILE=" + credentials + ", or MORTAR_DATA_DIR="
                + layout.mortarDir() + " bin/mortar --endpoint " + running.mortar());
        out.println("  S3Proxy            " + running.s3() + "    access key " + DemoLayout.S3_ACCESS_KEY
                + ", secret key " + DemoLayout.S3_SECRET_KEY + ", region " + LocalS3.REGION);
        out.println("                     e.g. AWS_ACCESS_KEY_ID=" + DemoLayout.S3_ACCESS_KEY
                + " AWS_SECRET_ACCESS_KEY=" + DemoLayout.S3_SECRET_KEY + " aws s3 ls --endpoint-url " + running.s3()
                + " --recursive s3://" + DemoLayout.BUCKET + "/tagged/");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ctrl-C (or any JVM exit) while the demo runs: a running job run is stopped, then everything. */
    private void onSignal() {
        signalled = true;
        // As the signal found it: once the server is gone, the main thread's step fails and it sets stepsOver too.
        boolean duringSteps = !stepsOver;
        JobRunner.Running run = runningJob.get();
        if (run != null) {
            run.stop();
        }
        closeAll();
        if (!duringSteps) {
            err.println("mortar demo: stopped the server and S3Proxy; the demo's files stay in " + settings.dir());
        } else {
            // the main thread may not get to say it: the JVM ends when this hook returns
            err.println("mortar demo: interrupted during step " + step + "/" + STEPS + " (" + stepName + ")"
                    + (run == null ? "" : "; run " + run.runId() + " of " + run.job() + " was stopped")
                    + "; the server and S3Proxy were stopped");
        }
        err.flush();
        stopped.countDown();
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private synchronized void closeAll() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
        environment.close();
    }
}

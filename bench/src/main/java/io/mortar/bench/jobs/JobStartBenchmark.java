package io.mortar.bench.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.bench.LoadAverage;
import io.mortar.server.MortarServer;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.jobs.SparkJavaOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobCommand;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * Job start-up: StartJobRun → SUCCEEDED for a trivial Spark program, against a plain {@code SparkSubmit} of the
 * same class with the same JVM, master and settings, measured alternately in the same run. The ratio is
 * Mortar's time over plain Spark's (target ≤ 1.10). Mortar's time is split at the driver's own status marks to
 * show where it goes: launch until the job code starts, the job with Spark's start-up, and the end (Spark's
 * stop, JVM exit, the server noticing).
 *
 * <p>Usage: {@code java -cp 'bench/target/mortar-bench.jar:bench/target/lib/*' io.mortar.bench.jobs.JobStartBenchmark
 * [--rounds 5] [--master local[2]]}; the driver class path is found as the server finds it
 * ({@code MORTAR_SPARK_JARS} or runtime/target/jars).
 */
public final class JobStartBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRIVER_MEMORY = "1g";
    /**
     * How often the client asks GetJobRun. On two cores a 100 ms poll (client, HTTP and server in this JVM) slows
     * the driver beside it measurably (ratio 1.13 over 15 rounds against 1.04 at 250 ms); 250 ms sees the end
     * within 3 % of a run.
     */
    private static long pollMillis = 250;

    private record MortarRun(double totalMs, double launchMs, double jobMs, double endMs) {}

    private JobStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = 5;
        String master = "local[2]";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--master" -> master = args[++i];
                case "--poll-ms" -> pollMillis = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: JobStartBenchmark [--rounds N] [--master URL] [--poll-ms 250]");
                    System.exit(2);
                }
            }
        }
        run(rounds, master);
        System.exit(0);
    }

    private static void run(int rounds, String master) throws Exception {
        Path work = Files.createTempDirectory("mortar-job-start");
        JobsConfig defaults = JobsConfig.defaults(System.getenv());
        JobsConfig jobs = new JobsConfig(master, defaults.sparkJars(), defaults.javaHome(), DRIVER_MEMORY,
                Map.of("spark.ui.enabled", "false"), Duration.ofSeconds(5), Duration.ofMinutes(1));
        Path jar = JobJars.write(work.resolve("trivial-job.jar"), TrivialSparkApp.class);
        String loadAtStart = LoadAverage.now();
        List<Double> plain = new ArrayList<>();
        List<MortarRun> mortar = new ArrayList<>();
        try (MortarServer server = MortarServer.start(ServerConfig.embedded(work.resolve("data"), 0).withJobs(jobs));
             GlueClient glue = GlueClients.of(server.endpoint())) {
            glue.createJob(b -> b.name("trivial").role("bench")
                    .command(JobCommand.builder().name("glueetl").scriptLocation(jar.toString()).build())
                    .defaultArguments(Map.of("--class", TrivialSparkApp.class.getName())));
            System.err.println("warming up (one run of each, not counted)");
            plainSubmit(jobs, jar, master, work.resolve("plain-warmup.log"));
            mortarRun(glue, work.resolve("data"));
            for (int round = 1; round <= rounds; round++) {
                // Alternate which goes first, so a drift in the machine's load hits both sides alike.
                if (round % 2 == 1) {
                    plain.add(plainSubmit(jobs, jar, master, work.resolve("plain-" + round + ".log")));
                    mortar.add(mortarRun(glue, work.resolve("data")));
                } else {
                    mortar.add(mortarRun(glue, work.resolve("data")));
                    plain.add(plainSubmit(jobs, jar, master, work.resolve("plain-" + round + ".log")));
                }
                System.err.printf("round %d: plain %.0f ms, mortar %.0f ms%n", round, plain.get(round - 1),
                        mortar.get(round - 1).totalMs());
            }
        }
        report(rounds, master, plain, mortar, loadAtStart);
    }

    /** A plain {@code SparkSubmit} of the same class: the JVM, options and settings Mortar's launcher uses. */
    private static double plainSubmit(JobsConfig jobs, Path jar, String master, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(jobs.javaExecutable().toString(), "-cp",
                jobs.sparkJars().resolve("*").toString(), "-Xmx" + DRIVER_MEMORY));
        command.addAll(SparkJavaOptions.MODULE_OPTIONS);
        command.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", master, "--name", "trivial",
                "--conf", "spark.ui.enabled=false", "--class", TrivialSparkApp.class.getName(), jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        double ms = (System.nanoTime() - start) / 1e6;
        if (exit != 0) {
            throw new IllegalStateException("plain SparkSubmit failed (exit " + exit + "); see " + log);
        }
        return ms;
    }

    private static MortarRun mortarRun(GlueClient glue, Path dataDir) throws Exception {
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        String id = glue.startJobRun(b -> b.jobName("trivial")).jobRunId();
        JobRun run;
        while (true) {
            run = glue.getJobRun(b -> b.jobName("trivial").runId(id)).jobRun();
            if (run.jobRunState() != JobRunState.WAITING && run.jobRunState() != JobRunState.STARTING
                    && run.jobRunState() != JobRunState.RUNNING && run.jobRunState() != JobRunState.STOPPING) {
                break;
            }
            Thread.sleep(pollMillis);
        }
        double total = (System.nanoTime() - startNanos) / 1e6;
        long endMillis = startMillis + Math.round(total);
        if (run.jobRunState() != JobRunState.SUCCEEDED) {
            throw new IllegalStateException("run " + id + " ended " + run.jobRunState() + ": " + run.errorMessage());
        }
        JsonNode status = JSON.readTree(dataDir.resolve("runs").resolve(id).resolve("status.json").toFile());
        long driverStarted = status.get("startedAt").asLong();
        long jobDone = status.get("completedAt").asLong();
        return new MortarRun(total, driverStarted - startMillis, jobDone - driverStarted, endMillis - jobDone);
    }

    private static void report(int rounds, String master, List<Double> plain, List<MortarRun> mortar,
                               String loadAtStart) {
        double plainMedian = Medians.of(plain);
        double mortarMedian = Medians.of(mortar.stream().map(MortarRun::totalMs).toList());
        System.out.println();
        System.out.println("=== Mortar job start benchmark ===");
        System.out.printf("machine: %d cores, Java %s; master %s; driver -Xmx%s; %d rounds, alternating; load"
                + " average %s at start, %s at end%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), master, DRIVER_MEMORY, rounds, loadAtStart, LoadAverage.now());
        System.out.printf("%-52s %10s%n", "figure (median)", "ms");
        System.out.printf("%-52s %10.0f%n", "plain SparkSubmit, start to exit (baseline)", plainMedian);
        System.out.printf("%-52s %10.0f%n", "Mortar StartJobRun to SUCCEEDED seen by the client", mortarMedian);
        System.out.printf("%-52s %10.0f%n", "  StartJobRun to driver main (JVM, SparkSubmit)",
                Medians.of(mortar.stream().map(MortarRun::launchMs).toList()));
        System.out.printf("%-52s %10.0f%n", "  driver main to job done (Spark start + the job)",
                Medians.of(mortar.stream().map(MortarRun::jobMs).toList()));
        System.out.printf("%-52s %10.0f%n", "  job done to SUCCEEDED (Spark stop, exit, notice)",
                Medians.of(mortar.stream().map(MortarRun::endMs).toList()));
        double ratio = mortarMedian / plainMedian;
        System.out.printf("ratio Mortar / plain SparkSubmit: %.3f (target <= 1.10: %s)%n", ratio,
                ratio <= 1.10 ? "met" : "NOT met");
    }
}

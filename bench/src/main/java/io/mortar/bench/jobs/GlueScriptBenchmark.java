package io.mortar.bench.jobs;

import io.mortar.bench.LoadAverage;
import io.mortar.server.MortarServer;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobCommand;

/**
 * A PySpark Glue script against the same job in Java on {@code MortarContext}, both started through the same
 * in-process server with StartJobRun, alternating, in the same run. The job ({@code glue_script.py} and
 * {@link GlueScriptJavaJob}): CSV with a header read by {@code from_options}, ResolveChoice, ApplyMapping, a Join
 * with a small frame, Parquet partitioned by region. Variant {@code jvm}: every transform runs in the JVM, the
 * Python layer only drives it (target ≤ 1.10). Variant {@code python-map}: the script also applies a Python
 * function to every record ({@code DynamicFrame.map}, which runs in Python workers), against a Java record
 * function ({@code mapRecords}): the cost of Python functions, with no target. Every round checks that the two
 * outputs hold the same rows (count, an order-independent checksum and the schema), with {@link OutputChecksumJob}
 * run through the same server, untimed.
 *
 * <p>Usage, from the repository root: {@code MORTAR_PYTHON_LIBS=<pyspark folder> java -cp
 * 'bench/target/mortar-bench.jar:bench/target/lib/*' io.mortar.bench.jobs.GlueScriptBenchmark [--rows 4000000]
 * [--rounds 4] [--warmup 1] [--variants jvm,python-map] [--data /tmp/mortar-glue-script-data]}.
 */
public final class GlueScriptBenchmark {
    private static final String DRIVER_MEMORY = "2g";
    private static final long SEED = 20_261_207L;
    private static final long POLL_MILLIS = 250;
    /** The jobs' classes, by name: they implement the runtime's MortarJob, which is not on this JVM's class path. */
    private static final String JAVA_JOB = "io.mortar.bench.jobs.GlueScriptJavaJob";
    private static final String CHECKSUM_JOB = "io.mortar.bench.jobs.OutputChecksumJob";

    private GlueScriptBenchmark() {}

    private record Settings(long rows, int rounds, int warmup, List<String> variants, Path data) {}

    /** The counted rounds of one variant. */
    private static final class Timings {
        final List<JobRuns.Timing> java = new ArrayList<>();
        final List<JobRuns.Timing> python = new ArrayList<>();
        final List<Double> ratios = new ArrayList<>();
        String rows = "";
    }

    public static void main(String[] args) throws Exception {
        long rows = 4_000_000;
        int rounds = 4; // even: as many rounds with each job first
        int warmup = 1;
        List<String> variants = List.of("jvm", "python-map");
        Path data = Path.of("/tmp/mortar-glue-script-data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--variants" -> variants = List.of(args[++i].split(","));
                case "--data" -> data = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: GlueScriptBenchmark [--rows N] [--rounds N] [--warmup N]"
                            + " [--variants jvm,python-map] [--data FOLDER]");
                    System.exit(2);
                }
            }
        }
        for (String variant : variants) {
            if (!variant.equals("jvm") && !variant.equals("python-map")) {
                throw new IllegalArgumentException("unknown variant " + variant + ": jvm or python-map");
            }
        }
        if (System.getenv("MORTAR_PYTHON_LIBS") == null) {
            throw new IllegalStateException("MORTAR_PYTHON_LIBS must name the folder with pyspark and py4j, as for the"
                    + " server's Python drivers");
        }
        run(new Settings(rows, rounds, warmup, variants, data));
        System.exit(0);
    }

    private static void run(Settings settings) throws Exception {
        System.err.printf("input: %,d rows in %s (written once, kept)%n", settings.rows(), settings.data());
        GlueScriptData.ensure(settings.data(), settings.rows(), SEED);
        Path work = Files.createTempDirectory("mortar-glue-script");
        Path jar = JobJars.write(work.resolve("glue-script-job.jar"), JAVA_JOB, CHECKSUM_JOB);
        Path script = work.resolve("glue_script.py");
        try (InputStream in = GlueScriptBenchmark.class.getResourceAsStream("glue_script.py")) {
            Files.copy(in, script);
        }
        JobsConfig defaults = JobsConfig.defaults(System.getenv());
        JobsConfig jobs = new JobsConfig("local[2]", defaults.sparkJars(), defaults.javaHome(), DRIVER_MEMORY,
                Map.of("spark.ui.enabled", "false"), Duration.ofSeconds(5), Duration.ofMinutes(1));
        Path serverData = work.resolve("data");
        String loadAtStart = LoadAverage.now();
        Map<String, Timings> timings = new LinkedHashMap<>();
        settings.variants().forEach(v -> timings.put(v, new Timings()));
        try (MortarServer server = MortarServer.start(ServerConfig.embedded(serverData, 0).withJobs(jobs));
             GlueClient glue = GlueClients.of(server)) {
            glue.createJob(b -> b.name("glue-python").role("bench").command(JobCommand.builder().name("glueetl")
                    .pythonVersion("3").scriptLocation(script.toString()).build()));
            for (String job : List.of(JAVA_JOB, CHECKSUM_JOB)) {
                glue.createJob(b -> b.name(simpleName(job)).role("bench")
                        .command(JobCommand.builder().name("glueetl").scriptLocation(jar.toString()).build())
                        .defaultArguments(Map.of("--class", job)));
            }
            JobRuns runs = new JobRuns(glue, serverData, POLL_MILLIS);
            for (int round = 1 - settings.warmup(); round <= settings.rounds(); round++) {
                for (String variant : settings.variants()) {
                    measureRound(runs, settings, work, variant, round, timings.get(variant));
                }
            }
        }
        report(settings, timings, loadAtStart);
        FileUtils.deleteDirectory(work.toFile());
    }

    /** One round of a variant: both jobs, alternating which goes first, their outputs checked to be the same. */
    private static void measureRound(JobRuns runs, Settings settings, Path work, String variant, int round,
                                     Timings timings) throws IOException, InterruptedException {
        Path javaOut = work.resolve("out").resolve("java-" + variant + "-" + round);
        Path pythonOut = work.resolve("out").resolve("python-" + variant + "-" + round);
        JobRuns.Timing java;
        JobRuns.Timing python;
        if (round % 2 != 0) {
            java = runs.run(simpleName(JAVA_JOB), jobArguments(settings, variant, javaOut));
            python = runs.run("glue-python", jobArguments(settings, variant, pythonOut));
        } else {
            python = runs.run("glue-python", jobArguments(settings, variant, pythonOut));
            java = runs.run(simpleName(JAVA_JOB), jobArguments(settings, variant, javaOut));
        }
        String rows = sameOutput(runs, work, javaOut, pythonOut);
        System.err.printf("%s %s %d: Java %.0f ms, Python %.0f ms (%s)%n", variant, round < 1 ? "warm-up" : "round",
                round < 1 ? round + settings.warmup() : round, java.totalMs(), python.totalMs(), rows);
        if (round >= 1) {
            timings.java.add(java);
            timings.python.add(python);
            timings.ratios.add(python.totalMs() / java.totalMs());
            timings.rows = rows;
        }
        FileUtils.deleteDirectory(javaOut.toFile());
        FileUtils.deleteDirectory(pythonOut.toFile());
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static Map<String, String> jobArguments(Settings settings, String variant, Path out) {
        return Map.of("--input_path", GlueScriptData.orders(settings.data()).toUri().toString(),
                "--regions_path", GlueScriptData.regions(settings.data()).toUri().toString(),
                "--output_path", out.toUri().toString(),
                "--with_map", Boolean.toString(variant.equals("python-map")));
    }

    /** Both outputs hold the same rows: the same count, checksum and schema ({@link OutputChecksumJob}). */
    private static String sameOutput(JobRuns runs, Path work, Path javaOut, Path pythonOut)
            throws IOException, InterruptedException {
        Path result = work.resolve("checksums.tsv");
        runs.run(simpleName(CHECKSUM_JOB), Map.of("--paths", javaOut.toUri() + "," + pythonOut.toUri(),
                "--result", result.toString()));
        List<String> lines = Files.readAllLines(result);
        String java = lines.get(0).substring(lines.get(0).indexOf('\t') + 1);
        String python = lines.get(1).substring(lines.get(1).indexOf('\t') + 1);
        if (!java.equals(python)) {
            throw new IllegalStateException("outputs differ: Java " + java + ", Python " + python);
        }
        String[] parts = java.split("\t");
        if (Long.parseLong(parts[0]) == 0) {
            throw new IllegalStateException("both jobs wrote no rows");
        }
        return String.format("%,d rows written, checksum %s, the same", Long.parseLong(parts[0]), parts[1]);
    }

    private static void report(Settings settings, Map<String, Timings> timings, String loadAtStart) {
        System.out.println();
        System.out.println("=== Mortar Glue script benchmark: PySpark awsglue script against the same job in Java ===");
        System.out.printf("machine: %d cores, Java %s; local[2], driver -Xmx%s; %,d CSV rows in %d files (%s);"
                + " %d warm-up and %d counted rounds per variant, the two jobs alternating; load average %s at start,"
                + " %s at end%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                DRIVER_MEMORY, settings.rows(), GlueScriptData.FILES, settings.data(), settings.warmup(),
                settings.rounds(), loadAtStart, LoadAverage.now());
        System.out.printf("%-11s %-8s %10s %10s %10s %10s%n", "variant", "job", "total ms", "launch", "job", "end");
        timings.forEach((variant, t) -> {
            line(variant, "Java", t.java);
            line(variant, "Python", t.python);
        });
        System.out.printf("%-11s %10s %10s  %s%n", "variant", "ratio", "fastest", "Python script / Java job");
        timings.forEach((variant, t) -> {
            double ratio = Medians.of(t.ratios);
            System.out.printf("%-11s %10.3f %10.3f  %s; outputs: %s%n", variant, ratio, fastest(t.python) / fastest(t.java),
                    variant.equals("jvm") ? "target <= 1.10: " + (ratio <= 1.10 ? "met" : "NOT met")
                            : "no target (Python functions)", t.rows);
        });
        System.out.println("(times: medians, StartJobRun to SUCCEEDED seen by the client, split at the driver's status"
                + " marks; ratio: the median of each round's Python time over its Java time; fastest: the fastest"
                + " Python run over the fastest Java run, which other work on a shared machine can only slow)");
    }

    private static double fastest(List<JobRuns.Timing> timings) {
        return timings.stream().mapToDouble(JobRuns.Timing::totalMs).min().orElse(Double.NaN);
    }

    private static void line(String variant, String job, List<JobRuns.Timing> timings) {
        System.out.printf("%-11s %-8s %10.0f %10.0f %10.0f %10.0f%n", variant, job,
                Medians.of(timings.stream().map(JobRuns.Timing::totalMs).toList()),
                Medians.of(timings.stream().map(JobRuns.Timing::launchMs).toList()),
                Medians.of(timings.stream().map(JobRuns.Timing::jobMs).toList()),
                Medians.of(timings.stream().map(JobRuns.Timing::endMs).toList()));
    }
}

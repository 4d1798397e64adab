package io.mortar.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.mortar.server.config.JobScripts;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.S3Config;
import io.mortar.server.jobs.ClusterResources.Worker;
import io.mortar.server.jobs.ExecutorFitter.ExecutorFit;
import io.mortar.store.jobs.StoredJobRun;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver command line per the driver protocol, and how the Spark settings of a run are layered. */
class DriverLauncherTest {
    private static final Path JARS = Path.of("/opt/mortar/jars");

    private static DriverLauncher launcher(Map<String, String> serverConf, S3Config s3) {
        JobsConfig jobs = new JobsConfig("spark://127.0.0.1:7077", JARS, Path.of("/opt/java"), "2g", serverConf,
                Duration.ofSeconds(10), Duration.ofMinutes(1));
        return new DriverLauncher(jobs, s3, true, () -> URI.create("http://127.0.0.1:8095"));
    }

    private static StoredJobRun run(Map<String, String> arguments, String workerType, Integer workers) {
        Instant now = Instant.now();
        return new StoredJobRun("jr_1", "etl", 0, null, null, "STARTING", now, now, null, null, null, arguments, 480,
                workerType == null ? 10.0 : null, workerType, workers, "5.1", "STANDARD", null, null, null, null, false,
                null, now);
    }

    private static Map<String, String> arguments(String... pairs) {
        Map<String, String> arguments = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            arguments.put(pairs[i], pairs[i + 1]);
        }
        return arguments;
    }

    @Test
    void theCommandFollowsTheDriverProtocol() {
        StoredJobRun run = run(arguments("--JOB_NAME", "etl", "--JOB_ID", "etl", "--JOB_RUN_ID", "jr_1",
                "--scriptLocation", "s3://code/etl.jar", "--day", "monday", "--class", "com.example.Etl",
                "--extra-jars", "s3://code/a.jar, s3://code/b.jar", "flag", "x"), null, null);

        List<String> command = launcher(Map.of(), S3Config.NONE).command(run);

        assertThat(command.subList(0, 4)).containsExactly("/opt/java/bin/java", "-cp", "/opt/mortar/jars/*", "-Xmx2g");
        int submit = command.indexOf("org.apache.spark.deploy.SparkSubmit");
        assertThat(command.subList(submit + 1, submit + 7)).containsExactly("--master", "spark://127.0.0.1:7077",
                "--name", "etl", "--class", "io.mortar.runtime.DriverMain");
        int jars = command.indexOf("--jars");
        assertThat(command.get(jars + 1)).isEqualTo("s3://code/etl.jar,s3://code/a.jar,s3://code/b.jar");
        assertThat(command.get(jars + 2)).isEqualTo("/opt/mortar/jars/mortar-runtime.jar");
        assertThat(command.subList(jars + 3, command.size())).containsExactly("--JOB_NAME", "etl", "--JOB_ID", "etl",
                "--JOB_RUN_ID", "jr_1", "--scriptLocation", "s3://code/etl.jar", "--class", "com.example.Etl",
                "--day", "monday", "--extra-jars", "s3://code/a.jar, s3://code/b.jar", "--flag", "x");
    }

    @Test
    void workersMapToExecutorsAndEveryLayerCanBeOverriddenByTheJobsConf() {
        S3Config s3 = new S3Config("http://127.0.0.1:9000", "access", "secret", "us-east-1", true);
        Map<String, String> conf = launcher(Map.of("spark.sql.shuffle.partitions", "8", "spark.ui.enabled", "false"),
                s3).sparkConf(run(arguments("--conf",
                "spark.executor.memory=3g --conf spark.ui.enabled=true"), "G.2X", 5));

        assertThat(conf).contains(entry("spark.executor.cores", "8"), entry("spark.executor.instances", "4"),
                entry("spark.cores.max", "32"),
                entry("spark.executor.memory", "3g"), // the job's --conf wins over the worker type's 20g
                entry("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem"),
                entry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000"),
                entry("spark.hadoop.fs.s3a.path.style.access", "true"),
                entry("spark.hadoop.fs.s3a.access.key", "access"),
                entry("spark.hadoop.fs.s3a.secret.key", "secret"),
                entry("spark.hadoop.fs.s3a.endpoint.region", "us-east-1"),
                entry("spark.sql.shuffle.partitions", "8"),
                entry("spark.ui.enabled", "true")); // and over the server's settings
    }

    @Test
    void aRunSizedInDpusLeavesExecutorsToSpark() {
        Map<String, String> conf = launcher(Map.of(), S3Config.NONE).sparkConf(run(Map.of(), null, null));

        assertThat(conf).containsOnly(entry("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem"));
    }

    private static DriverLauncher onCluster(StandaloneMasterProbe.Answer cluster) {
        JobsConfig jobs = new JobsConfig("spark://127.0.0.1:7077", JARS, Path.of("/opt/java"), "2g",
                Map.of("spark.ui.enabled", "false"), Duration.ofSeconds(10), Duration.ofMinutes(1));
        return new DriverLauncher(jobs, S3Config.NONE, true, () -> URI.create("http://127.0.0.1:8095"),
                new ExecutorFitter(jobs.master(), () -> cluster));
    }

    private static StandaloneMasterProbe.Answer workers(Worker... workers) {
        return new StandaloneMasterProbe.Workers(URI.create("http://127.0.0.1:8080/json/"),
                new ClusterResources(List.of(workers)));
    }

    @Test
    void onAStandaloneClusterTheCommandCarriesExecutorsFittedToItsWorkers() {
        DriverLauncher launcher = onCluster(workers(new Worker(1, 1024), new Worker(1, 1024)));
        StoredJobRun run = run(arguments("--JOB_RUN_ID", "jr_1"), "G.1X", 2);

        ExecutorFit fit = launcher.fittedSparkConf(run);

        assertThat(fit.conf()).contains(entry("spark.executor.memory", "1g"), entry("spark.executor.cores", "1"),
                entry("spark.cores.max", "1"), entry("spark.ui.enabled", "false"));
        assertThat(fit.note()).contains("WorkerType G.1X wants 10g executors with 4 cores; the largest worker of"
                + " spark://127.0.0.1:7077 offers 1g and 1 core: executors sized 1g/1 core");
        assertThat(launcher.command(run)).as("the sizes as asked, without a cluster to fit them to")
                .contains("spark.executor.memory=10g");
    }

    @Test
    void theLogNamesWhoAskedForTheExecutorSizes() {
        DriverLauncher launcher = onCluster(workers(new Worker(1, 512)));

        assertThat(launcher.fittedSparkConf(run(Map.of(), "G.2X", 3)).note()).hasValueSatisfying(
                note -> assertThat(note).startsWith("WorkerType G.2X wants 20g executors with 8 cores;"));
        assertThat(launcher.fittedSparkConf(run(arguments("--conf", "spark.executor.memory=3g"), "G.2X", 3)).note())
                .hasValueSatisfying(note -> assertThat(note)
                        .startsWith("The run's Spark configuration wants 3g executors with 8 cores;"));
        assertThat(launcher.fittedSparkConf(run(Map.of(), null, null)).note()).hasValueSatisfying(
                note -> assertThat(note).startsWith("Spark's default wants 1g executors;"));
    }

    @Test
    void aClusterWithoutWorkersFailsTheLaunchBeforeAnyDriverStartsAndTheLogSaysWhy(@TempDir Path runDir) {
        DriverLauncher launcher = onCluster(workers());

        assertThatThrownBy(() -> launcher.launch(run(Map.of(), "G.1X", 2), runDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The Spark master spark://127.0.0.1:7077 has no alive worker");
        assertThat(runDir.resolve("driver.log")).content().startsWith("Mortar: The Spark master"
                + " spark://127.0.0.1:7077 has no alive worker (its status at http://127.0.0.1:8080/json/ lists"
                + " none), so the run's executors (WorkerType G.1X wants 10g executors with 4 cores) could never"
                + " start.");
    }

    @Test
    void aLocalMasterLeavesExecutorsAlone() {
        JobsConfig jobs = new JobsConfig("local[2]", JARS, Path.of("/opt/java"), null, Map.of(),
                Duration.ofSeconds(10), Duration.ofMinutes(1));
        DriverLauncher launcher = new DriverLauncher(jobs, S3Config.NONE, true, () -> URI.create("http://x"));
        StoredJobRun run = run(Map.of(), "G.1X", 2);

        assertThat(launcher.fittedSparkConf(run)).isEqualTo(new ExecutorFit(launcher.sparkConf(run),
                Optional.empty()));
    }

    private static StoredJobRun pythonShellRun(Map<String, String> arguments, double dpus) {
        Instant now = Instant.now();
        return new StoredJobRun("jr_2", "shell", 0, null, null, "STARTING", now, now, null, null, null, arguments,
                2880, dpus, null, null, "3.0", "STANDARD", null, null, null, null, false, null, now,
                StoredJobRun.PYTHONSHELL);
    }

    @Test
    void aPythonShellRunIsAPlainJvmRunningPythonShellMainWithTheS3SettingsAsSystemProperties() {
        S3Config s3 = new S3Config("http://127.0.0.1:9000", "access", "secret", "us-east-1", true);
        StoredJobRun run = pythonShellRun(arguments("--JOB_NAME", "shell", "--JOB_ID", "shell", "--JOB_RUN_ID",
                "jr_2", "--scriptLocation", "s3://code/shell.py", "--day", "monday", "--conf", "spark.a=b"), 0.0625);

        List<String> command = onCluster(workers()).command(run);

        assertThat(command.subList(0, 4)).containsExactly("/opt/java/bin/java", "-cp", "/opt/mortar/jars/*",
                "-Xmx256m");
        assertThat(launcher(Map.of(), s3).command(run)).contains("-Dspark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000",
                "-Dspark.hadoop.fs.s3a.access.key=access", "-Dspark.hadoop.fs.s3a.path.style.access=true");
        assertThat(command).doesNotContain("org.apache.spark.deploy.SparkSubmit", "--master");
        int main = command.indexOf("io.mortar.runtime.python.PythonShellMain");
        assertThat(command.subList(main + 1, command.size())).containsExactly("--JOB_NAME", "shell", "--JOB_ID",
                "shell", "--JOB_RUN_ID", "jr_2", "--scriptLocation", "s3://code/shell.py", "--day", "monday",
                "--conf", "spark.a=b");
        assertThat(command).contains("-Dspark.a=b");
    }

    @Test
    void aPythonShellRunIsNeverFittedToTheClusterEvenWithoutWorkers(@TempDir Path runDir) {
        DriverLauncher launcher = onCluster(workers());
        StoredJobRun run = pythonShellRun(Map.of(), 1.0);

        assertThat(launcher.fittedSparkConf(run).note()).isEmpty();
    }

    @Test
    void everyDriverGetsTheServersScriptSettingsInsteadOfTheServersOwnEnvironment(@TempDir Path runDir)
            throws Exception {
        Path bin = Files.createDirectories(runDir.resolve("java/bin"));
        Path fakeJava = bin.resolve("java");
        // a "java" that prints the environment the launcher gave it
        Files.writeString(fakeJava, "#!/bin/sh\nenv\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString(
                "rwxr-xr-x"));
        JobsConfig jobs = new JobsConfig("local[1]", JARS, runDir.resolve("java"), null, Map.of(),
                Duration.ofSeconds(10), Duration.ofMinutes(1)).withScripts(new JobScripts(
                        "/opt/py/bin/python3", null, Path.of("/var/cache/scripts")));
        DriverLauncher launcher = new DriverLauncher(jobs, S3Config.NONE, true, () -> URI.create("http://x"));

        for (StoredJobRun run : List.of(run(Map.of(), null, null), pythonShellRun(Map.of(), 0.0625))) {
            Path dir = Files.createDirectories(runDir.resolve(run.id()));
            Process process = launcher.launch(run, dir);
            assertThat(process.waitFor()).isZero();
            List<String> env = Files.readAllLines(dir.resolve(RunLogs.LOG_FILE));
            assertThat(env).as(run.command()).contains("MORTAR_PYTHON=/opt/py/bin/python3",
                    "MORTAR_SCRIPT_CACHE=/var/cache/scripts", "MORTAR_RUN_DIR=" + dir);
            assertThat(env).as("no pyspark configured: none inherited from the server's environment either")
                    .noneMatch(line -> line.startsWith("MORTAR_PYTHON_LIBS="));
        }
    }

    @Test
    void dpusAndBilledSecondsFollowGlue() {
        assertThat(new RunCapacity("G.025X", 4, null).dpus()).isEqualTo(1.0);
        assertThat(new RunCapacity("G.1X", 10, null).dpus()).isEqualTo(10.0);
        assertThat(new RunCapacity("G.8X", 2, null).dpus()).isEqualTo(16.0);
        assertThat(new RunCapacity(null, null, 4.0).dpus()).isEqualTo(4.0);
        assertThat(new RunCapacity(null, null, null).dpus()).isEqualTo(10.0);
        assertThat(new RunCapacity("G.1X", 2, null).dpuSeconds(12)).as("one-minute minimum").isEqualTo(120.0);
        assertThat(new RunCapacity("G.1X", 2, null).dpuSeconds(90)).isEqualTo(180.0);
        assertThat(new RunCapacity(null, null, 0.0625).dpuSeconds(30)).as("a Python shell job's minute")
                .isEqualTo(3.75);
        assertThat(new RunCapacity(null, null, 1.0).dpuSeconds(90)).isEqualTo(90.0);
        assertThat(new RunCapacity("G.025X", 3, null).sparkConf()).containsEntry("spark.executor.cores", "1")
                .containsEntry("spark.executor.instances", "2").containsEntry("spark.executor.memory", "2g");
    }
}

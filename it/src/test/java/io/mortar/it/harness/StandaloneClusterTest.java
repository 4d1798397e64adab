package io.mortar.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.cli.cluster.ClusterSpec;
import io.mortar.cli.cluster.SparkJvm;
import io.mortar.cli.cluster.StandaloneCluster;
import io.mortar.server.config.JobsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark standalone cluster from Mortar's jar folder (a Master and two Workers, each its own JVM on loopback) runs
 * a real driver launched the way Mortar launches job drivers: {@code java -cp '<jars>/*' SparkSubmit --master
 * spark://…} with the application in a jar of its own.
 */
class StandaloneClusterTest {
    private static final Duration DRIVER_TIMEOUT = Duration.ofSeconds(120);

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void twoWorkersRunTheExecutorsOfADriverLaunchedThroughSparkSubmit(@TempDir Path dir) throws Exception {
        Path jars = sparkJars();
        ClusterSpec spec = ClusterSpec.of(jars).withWorkers(2).withCoresPerWorker(1).withMemoryPerWorker("512m")
                .withWorkDir(dir.resolve("cluster")).withStartTimeout(Duration.ofSeconds(90));

        try (StandaloneCluster cluster = StandaloneCluster.start(spec)) {
            assertThat(cluster.masterUrl()).matches("spark://127\\.0\\.0\\.1:\\d+");
            assertThat(cluster.status().aliveWorkers()).isEqualTo(2);

            Path appJar = Files.write(dir.resolve("range-sum.jar"), ClassJars.of(RangeSumApp.class));
            Path answer = dir.resolve("answer.txt");
            Path driverLog = dir.resolve("driver.log");
            List<String> submit = new ArrayList<>(List.of(
                    "--master", cluster.masterUrl(),
                    "--name", "range-sum",
                    "--conf", "spark.executor.memory=512m",
                    // one executor per Worker, and no task before both registered: each one must run some
                    "--conf", "spark.cores.max=2",
                    "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                    "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=60s",
                    "--conf", "spark.ui.enabled=false",
                    "--class", RangeSumApp.class.getName(),
                    appJar.toString(), answer.toString()));
            ProcessBuilder driver = new ProcessBuilder(SparkJvm.command(spec.javaHome(), jars, "512m", List.of(),
                    "org.apache.spark.deploy.SparkSubmit", submit))
                    .redirectErrorStream(true)
                    .redirectOutput(driverLog.toFile());
            driver.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            Process process = driver.start();
            try {
                boolean ended = process.waitFor(DRIVER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(ended).as("driver ended within %s; its log:\n%s", DRIVER_TIMEOUT, tail(driverLog))
                        .isTrue();
            } finally {
                process.destroyForcibly();
            }
            assertThat(process.exitValue()).as("driver exit; its log:\n%s", tail(driverLog)).isZero();

            List<String> lines = Files.readAllLines(answer);
            assertThat(lines).contains("sum=500500", "partitions=4", "executors=0,1");
            String app = lines.stream().filter(l -> l.startsWith("app=")).findFirst().orElseThrow().substring(4);
            assertThat(app).startsWith("app-");
            for (Path workerDir : cluster.workerDirs()) {
                assertThat(workerDir.resolve(app)).as("%s ran an executor of %s", workerDir, app).isDirectory();
            }
            assertThat(awaitCompleted(cluster, app)).as("the Master lists %s as completed", app).isTrue();
        }
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(dir.toString())))
                .as("no cluster process outlives close()").isEmpty();
    }

    private static boolean awaitCompleted(StandaloneCluster cluster, String app) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (cluster.status().completedApplicationIds().contains(app)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Mortar's driver class path folder, found as the server finds it (the it pom passes runtime/target/jars). */
    static Path sparkJars() {
        Path jars = JobsConfig.findSparkJars(System.getenv());
        assertThat(jars.resolve("mortar-runtime.jar"))
                .as("runtime/target/jars; build it with mvn -pl runtime -am package -DskipTests").exists();
        return jars;
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}

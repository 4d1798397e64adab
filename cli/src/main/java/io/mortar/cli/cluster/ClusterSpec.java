package io.mortar.cli.cluster;

import io.mortar.server.config.ConfigException;
import io.mortar.server.config.JobsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@link StandaloneCluster} starts: a Master and {@code workers} Workers on 127.0.0.1, all running from one
 * Spark jar folder (Mortar's {@code runtime/target/jars}). Checked here, before any process starts, with messages
 * that name the {@code mortar cluster} flag a person would change.
 *
 * @param sparkJars      the driver class path folder; it becomes every Worker's {@code SPARK_HOME/jars}
 * @param workers        how many Workers
 * @param coresPerWorker cores each Worker offers to executors ({@code --cores})
 * @param memoryPerWorker memory each Worker offers to executors, Spark style: {@code 512m}, {@code 1g}
 * @param masterPort     the Master's RPC port; 0 picks a free one
 * @param webUiPort      the Master's web UI port; 0 picks a free one
 * @param workDir        where logs, Worker directories and the generated SPARK_HOME go; null = a new temp dir
 * @param javaHome       the Java every process runs on (Spark 4.1 needs 17 or 21)
 * @param startTimeout   how long to wait for every Worker to register
 */
public record ClusterSpec(Path sparkJars, int workers, int coresPerWorker, String memoryPerWorker, int masterPort,
        int webUiPort, Path workDir, Path javaHome, Duration startTimeout) {

    public static final int DEFAULT_WORKERS = 2;
    public static final int DEFAULT_CORES = 1;
    public static final String DEFAULT_MEMORY = "1g";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

    private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]*[mMgG]");

    public ClusterSpec {
        Objects.requireNonNull(sparkJars, "sparkJars");
        Objects.requireNonNull(memoryPerWorker, "memoryPerWorker");
        Objects.requireNonNull(javaHome, "javaHome");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (workers < 1) {
            throw new ConfigException("--workers must be at least 1, not " + workers);
        }
        if (coresPerWorker < 1) {
            throw new ConfigException("--cores must be at least 1, not " + coresPerWorker);
        }
        if (!MEMORY.matcher(memoryPerWorker).matches()) {
            throw new ConfigException("--memory must be a size such as 512m or 2g, not '" + memoryPerWorker + "'");
        }
        checkPort(masterPort, "--port");
        checkPort(webUiPort, "--webui-port");
        if (masterPort != 0 && masterPort == webUiPort) {
            throw new ConfigException("--port and --webui-port must differ, both are " + masterPort);
        }
        if (!Files.isDirectory(sparkJars) || !containsSparkCore(sparkJars)) {
            throw new ConfigException("--spark-jars " + sparkJars + " is not a Spark jar folder (no spark-core_2.13"
                    + " jar in it); build Mortar's with `mvn -pl runtime -am package -DskipTests`, which makes"
                    + " runtime/target/jars");
        }
        if (!Files.isExecutable(JobsConfig.javaExecutable(javaHome))) {
            throw new ConfigException("--java-home " + javaHome + " has no bin/java");
        }
        SparkJvm.featureVersion(javaHome).filter(v -> v < 17 || v > 21).ifPresent(v -> {
            throw new ConfigException("--java-home " + javaHome + " is Java " + v + "; Spark 4.1 runs on Java 17"
                    + " or 21: point --java-home at one of those");
        });
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new ConfigException("the start timeout must be positive, not " + startTimeout);
        }
    }

    /** The defaults of {@code mortar cluster} with free ports, a temp work dir and this JVM's Java. */
    public static ClusterSpec of(Path sparkJars) {
        return new ClusterSpec(sparkJars, DEFAULT_WORKERS, DEFAULT_CORES, DEFAULT_MEMORY, 0, 0, null,
                Path.of(System.getProperty("java.home")), DEFAULT_START_TIMEOUT);
    }

    public ClusterSpec withWorkers(int n) {
        return new ClusterSpec(sparkJars, n, coresPerWorker, memoryPerWorker, masterPort, webUiPort, workDir,
                javaHome, startTimeout);
    }

    public ClusterSpec withCoresPerWorker(int n) {
        return new ClusterSpec(sparkJars, workers, n, memoryPerWorker, masterPort, webUiPort, workDir, javaHome,
                startTimeout);
    }

    public ClusterSpec withMemoryPerWorker(String memory) {
        return new ClusterSpec(sparkJars, workers, coresPerWorker, memory, masterPort, webUiPort, workDir, javaHome,
                startTimeout);
    }

    public ClusterSpec withMasterPort(int port) {
        return new ClusterSpec(sparkJars, workers, coresPerWorker, memoryPerWorker, port, webUiPort, workDir,
                javaHome, startTimeout);
    }

    public ClusterSpec withWebUiPort(int port) {
        return new ClusterSpec(sparkJars, workers, coresPerWorker, memoryPerWorker, masterPort, port, workDir,
                javaHome, startTimeout);
    }

    public ClusterSpec withWorkDir(Path dir) {
        return new ClusterSpec(sparkJars, workers, coresPerWorker, memoryPerWorker, masterPort, webUiPort, dir,
                javaHome, startTimeout);
    }

    public ClusterSpec withJavaHome(Path home) {
        return new ClusterSpec(sparkJars, workers, coresPerWorker, memoryPerWorker, masterPort, webUiPort, workDir,
                home, startTimeout);
    }

    public ClusterSpec withStartTimeout(Duration timeout) {
        return new ClusterSpec(sparkJars, workers, coresPerWorker, memoryPerWorker, masterPort, webUiPort, workDir,
                javaHome, timeout);
    }

    private static void checkPort(int port, String flag) {
        if (port < 0 || port > 65535) {
            throw new ConfigException(flag + " must be between 0 (any free port) and 65535, not " + port);
        }
    }

    private static boolean containsSparkCore(Path dir) {
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("spark-core_2.13-"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}

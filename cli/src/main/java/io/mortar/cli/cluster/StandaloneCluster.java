package io.mortar.cli.cluster;

import io.mortar.cli.http.HttpStatusException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * A Spark standalone cluster on loopback: one Master and N Workers, each its own JVM started from Mortar's Spark
 * jar folder (no Spark distribution needed). {@link #start} returns once every Worker has registered with the
 * Master; {@link #close} stops every process, executors included. Used by {@code mortar cluster} and by tests that
 * run jobs on {@link #masterUrl()}.
 *
 * <p>The work directory holds {@code master.log}, {@code worker-N.log}, each Worker's {@code worker-N/} directory
 * (Spark puts an {@code <app-id>/<executor-id>/} folder with the executor's stdout and stderr there) and a generated
 * {@code spark-home/} whose {@code jars} links to the jar folder: a Worker builds each executor's class path from
 * {@code SPARK_HOME/jars}.
 */
public final class StandaloneCluster implements AutoCloseable {
    /** Every process binds here; the cluster is for one machine. */
    public static final String HOST = "127.0.0.1";

    private static final String DAEMON_HEAP = "512m";
    /**
     * The Master and Workers only keep books and start executors: the client compiler and the serial collector
     * start them faster and leave the CPU to the drivers and executors that do the work.
     */
    private static final List<String> DAEMON_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int TAIL_LINES = 25;

    private final ClusterSpec spec;
    private final Path workDir;
    private final int masterPort;
    private final URI webUi;
    private final List<SparkDaemon> daemons = new ArrayList<>(); // the Master first
    private final List<Path> workerDirs = new ArrayList<>();
    private volatile boolean closed;

    private StandaloneCluster(ClusterSpec spec, Path workDir, int masterPort, int webUiPort) {
        this.spec = spec;
        this.workDir = workDir;
        this.masterPort = masterPort;
        this.webUi = URI.create("http://" + HOST + ":" + webUiPort + "/");
    }

    /**
     * Starts the Master, then the Workers (a Worker that finds no Master waits seconds before it retries, so they
     * start once the Master answers), and waits until all Workers are registered.
     *
     * @throws ClusterStartException with the tail of the failing process's log when a process dies or the Workers
     *                               do not register within the spec's start timeout; every process is stopped
     */
    public static StandaloneCluster start(ClusterSpec spec) {
        Path workDir = workDir(spec);
        int masterPort = FreePorts.resolve(spec.masterPort(), "--port");
        int webUiPort = FreePorts.resolve(spec.webUiPort(), "--webui-port");
        StandaloneCluster cluster = new StandaloneCluster(spec, workDir, masterPort, webUiPort);
        try {
            cluster.startAll();
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code spark://127.0.0.1:<port>}, the {@code --master} for drivers. */
    public String masterUrl() {
        return "spark://" + HOST + ":" + masterPort;
    }

    public int masterPort() {
        return masterPort;
    }

    /** The Master's web UI, e.g. {@code http://127.0.0.1:8080/}. */
    public URI webUiUrl() {
        return webUi;
    }

    /** The Master's current state (Workers, applications). */
    public MasterStatus status() throws IOException {
        return MasterStatus.fetch(webUi);
    }

    public ClusterSpec spec() {
        return spec;
    }

    /** Where the logs, Worker directories and the generated SPARK_HOME are. */
    public Path workDir() {
        return workDir;
    }

    /** Each Worker's {@code --work-dir}: one {@code <app-id>/<executor-id>/} folder per executor it ran. */
    public List<Path> workerDirs() {
        return List.copyOf(workerDirs);
    }

    public Path masterLog() {
        return daemons.get(0).log();
    }

    public List<Path> workerLogs() {
        return daemons.subList(1, daemons.size()).stream().map(SparkDaemon::log).toList();
    }

    /** Completes (with the process and its log) when any process of the cluster exits before {@link #close}. */
    public CompletableFuture<String> anyExit() {
        List<CompletableFuture<String>> exits = daemons.stream()
                .map(d -> d.process().onExit().thenApply(p -> d + " exited with code " + p.exitValue()))
                .toList();
        return CompletableFuture.anyOf(exits.toArray(CompletableFuture[]::new)).thenApply(String.class::cast);
    }

    private void startAll() {
        Path sparkHome = sparkHome();
        Map<String, String> environment = Map.of(
                "SPARK_HOME", sparkHome.toString(),
                // Without it the launcher code that builds executor commands guesses the Scala version from
                // build directories that a jar folder does not have.
                "SPARK_SCALA_VERSION", "2.13",
                "SPARK_LOCAL_IP", HOST,
                // Executors are started by the Workers with $JAVA_HOME/bin/java: the same Java as the Worker.
                "JAVA_HOME", spec.javaHome().toString());
        // No REST submission server (it listens on 6066 on every interface); no hopping to the next port when the
        // chosen one is taken, so the web UI is where we poll it.
        List<String> masterOptions = new ArrayList<>(DAEMON_OPTIONS);
        masterOptions.addAll(List.of("-Dspark.master.rest.enabled=false", "-Dspark.port.maxRetries=0"));
        daemons.add(SparkDaemon.start("master", SparkJvm.command(spec.javaHome(), spec.sparkJars(), DAEMON_HEAP,
                masterOptions, "org.apache.spark.deploy.master.Master",
                List.of("--host", HOST, "--port", Integer.toString(masterPort),
                        "--webui-port", Integer.toString(webUi.getPort()))),
                environment, workDir, workDir.resolve("master.log")));
        long deadline = System.nanoTime() + spec.startTimeout().toNanos();
        awaitMaster(deadline, status -> true, "answer on " + webUi);
        for (int i = 1; i <= spec.workers(); i++) {
            Path dir = createDirectories(workDir.resolve("worker-" + i));
            workerDirs.add(dir);
            daemons.add(SparkDaemon.start("worker-" + i, SparkJvm.command(spec.javaHome(), spec.sparkJars(),
                    DAEMON_HEAP, DAEMON_OPTIONS, "org.apache.spark.deploy.worker.Worker",
                    List.of("--host", HOST, "--cores", Integer.toString(spec.coresPerWorker()),
                            "--memory", spec.memoryPerWorker(), "--webui-port", "0",
                            "--work-dir", dir.toString(), masterUrl())),
                    environment, workDir, workDir.resolve("worker-" + i + ".log")));
        }
        awaitMaster(deadline, status -> status.aliveWorkers() >= spec.workers(),
                "register " + spec.workers() + " worker(s)");
    }

    private void awaitMaster(long deadline, java.util.function.Predicate<MasterStatus> ready, String what) {
        MasterStatus last = null;
        String lastError = "no answer yet";
        while (true) {
            for (SparkDaemon daemon : daemons) {
                if (!daemon.alive()) {
                    throw new ClusterStartException(daemon + " exited with code " + daemon.process().exitValue()
                            + " while the cluster was starting; the end of its log:\n" + daemon.tail(TAIL_LINES));
                }
            }
            try {
                last = MasterStatus.fetch(webUi);
                if (ready.test(last)) {
                    return;
                }
            } catch (IOException | HttpStatusException e) {
                lastError = e.toString();
            }
            if (System.nanoTime() > deadline) {
                String state = last == null ? "the web UI never answered (" + lastError + ")"
                        : last.aliveWorkers() + " of " + spec.workers() + " worker(s) registered";
                throw new ClusterStartException("timed out after " + spec.startTimeout().toSeconds()
                        + "s waiting for the Spark master to " + what + ": " + state + "\n" + tails());
            }
            sleep(250);
        }
    }

    private String tails() {
        return daemons.stream()
                .map(d -> "--- the end of " + d.log() + ":\n" + d.tail(TAIL_LINES))
                .collect(Collectors.joining("\n"));
    }

    /**
     * Stops the Workers first (each stops its executors), then the Master; whatever has not ended after a grace
     * period is killed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<SparkDaemon> order = new ArrayList<>(daemons.subList(Math.min(1, daemons.size()), daemons.size()));
        if (!daemons.isEmpty()) {
            order.add(daemons.get(0));
        }
        order.forEach(SparkDaemon::stop);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        try {
            for (SparkDaemon daemon : order) {
                daemon.awaitStopped(deadline);
            }
        } catch (InterruptedException e) {
            order.forEach(d -> d.process().destroyForcibly());
            Thread.currentThread().interrupt();
        }
        try {
            // The logs stay; the link into the jar folder is plumbing, and tools that clean up the work
            // directory (JUnit's @TempDir) warn about links pointing out of it.
            Files.deleteIfExists(workDir.resolve("spark-home").resolve("jars"));
        } catch (IOException e) {
            // harmless: the next start replaces it
        }
    }

    private Path sparkHome() {
        Path sparkHome = createDirectories(workDir.resolve("spark-home"));
        Path jars = sparkHome.resolve("jars");
        try {
            Files.deleteIfExists(jars); // a link left by an earlier run may point at another jar folder
            Files.createSymbolicLink(jars, spec.sparkJars().toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + jars + " to " + spec.sparkJars(), e);
        }
        return sparkHome;
    }

    private static Path workDir(ClusterSpec spec) {
        try {
            return spec.workDir() == null ? Files.createTempDirectory("mortar-cluster-")
                    : Files.createDirectories(spec.workDir()).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cluster work directory: " + e.getMessage(), e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterStartException("interrupted while the cluster was starting");
        }
    }

    @Override
    public String toString() {
        return "Spark standalone cluster " + masterUrl() + " with " + spec.workers() + " worker(s), web UI " + webUi;
    }
}

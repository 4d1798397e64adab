package io.mortar.cli.demo;

import io.mortar.cli.http.MortarHttp;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A local S3 server: S3Proxy in a JVM of its own, started from its jar folder ({@code tools/s3proxy/target/s3proxy}
 * of the source tree, which {@code bin/mortar} builds), with S3Proxy's filesystem backend under a work directory
 * (one folder per bucket, one file per object: {@link #dataDir()}), on 127.0.0.1 and a free port, checking AWS
 * v2/v4 signatures against the access and secret key it was given. Its configuration and log
 * ({@code s3proxy.log}) are in the work directory too. {@link #close()} stops the process and leaves the files.
 *
 * <p>Used by {@code mortar demo} and, through {@code S3ProxyProcess}, by the integration tests.
 */
public final class LocalS3 implements AutoCloseable {
    /** A system property naming S3Proxy's jar folder; wins over {@link #JARS_VARIABLE}. */
    public static final String JARS_PROPERTY = "mortar.s3proxyJars";
    /** An environment variable naming S3Proxy's jar folder ({@code bin/mortar} exports it). */
    public static final String JARS_VARIABLE = "MORTAR_S3PROXY_JARS";
    public static final String REGION = "us-east-1";
    public static final String DEFAULT_HEAP = "256m";

    private static final Path IN_SOURCE_TREE = Path.of("tools", "s3proxy", "target", "s3proxy");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final URI endpoint;
    private final Path workDir;
    private final Path log;
    private final String accessKey;
    private final String secretKey;

    private LocalS3(Process process, URI endpoint, Path workDir, Path log, String accessKey, String secretKey) {
        this.process = process;
        this.endpoint = endpoint;
        this.workDir = workDir;
        this.log = log;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** S3Proxy from {@link #jars(Map)} of this process's environment, with a heap of {@value #DEFAULT_HEAP}. */
    public static LocalS3 start(Path workDir, String accessKey, String secretKey) {
        return start(jars(System.getenv()), workDir, accessKey, secretKey, DEFAULT_HEAP);
    }

    /**
     * Starts S3Proxy and waits until it answers.
     *
     * @param jars S3Proxy's jar folder
     * @param workDir its configuration, log and (under {@code data}) buckets; created if missing
     * @param heap the JVM's maximum heap, e.g. {@code 512m}
     * @throws IllegalStateException when it exits on start or does not answer within a minute, with the end of its
     *     log
     */
    public static LocalS3 start(Path jars, Path workDir, String accessKey, String secretKey, String heap) {
        if (!Files.isDirectory(jars)) {
            throw new IllegalStateException("S3Proxy's jar folder " + jars + " does not exist");
        }
        // A free port is found by binding and releasing it; another process can take it before S3Proxy binds, so
        // a start that lost that race is tried again on another port.
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce(jars, workDir.toAbsolutePath(), freePort(), accessKey, secretKey, heap);
            } catch (IllegalStateException e) {
                failure = e;
                if (!e.getMessage().contains("Address already in use")) {
                    break;
                }
            }
        }
        throw failure;
    }

    private static LocalS3 startOnce(Path jars, Path workDir, int port, String accessKey, String secretKey,
                                     String heap) {
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        try {
            Path data = Files.createDirectories(workDir.resolve("data"));
            Path properties = workDir.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey,
                    "jclouds.provider=filesystem",
                    "jclouds.identity=" + accessKey,
                    "jclouds.credential=" + secretKey,
                    "jclouds.filesystem.basedir=" + data,
                    ""));
            // Without a configuration logback logs every Jetty detail at DEBUG.
            Path logback = workDir.resolve("logback.xml");
            Files.writeString(logback, """
                    <configuration>
                      <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="INFO"><appender-ref ref="out"/></root>
                    </configuration>
                    """);
            Path log = workDir.resolve("s3proxy.log");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap,
                    "-Dlogback.configurationFile=" + logback,
                    "-cp", jars.toAbsolutePath() + "/*",
                    "org.gaul.s3proxy.Main", "--properties", properties.toString()))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            File devNull = new File("/dev/null");
            if (devNull.exists()) {
                builder.redirectInput(ProcessBuilder.Redirect.from(devNull));
            }
            Process process = builder.start();
            LocalS3 s3 = new LocalS3(process, endpoint, workDir, log, accessKey, secretKey);
            s3.awaitAnswering();
            return s3;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy in " + workDir, e);
        }
    }

    /**
     * S3Proxy's jar folder: the {@value #JARS_PROPERTY} system property, else {@value #JARS_VARIABLE}, else
     * {@code tools/s3proxy/target/s3proxy} of the source tree above the working directory or this class's jar.
     *
     * @throws IllegalStateException naming where it looked and how to build it
     */
    public static Path jars(Map<String, String> environment) {
        String configured = System.getProperty(JARS_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = environment.get(JARS_VARIABLE);
        }
        if (configured != null && !configured.isBlank()) {
            Path folder = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) {
                throw new IllegalStateException("S3Proxy's jars are missing: " + folder + " (from " + JARS_PROPERTY
                        + " or " + JARS_VARIABLE + ") is not a folder; build it with `mvn -pl tools/s3proxy package`"
                        + " in the Mortar source tree");
            }
            return folder;
        }
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        codeLocation().ifPresent(starts::add);
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(IN_SOURCE_TREE);
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("S3Proxy's jars are missing: no " + IN_SOURCE_TREE + " above "
                + starts.stream().map(Path::toString).toList() + ". Build them in the Mortar source tree with `mvn -pl"
                + " tools/s3proxy package` (bin/mortar does; the first build downloads S3Proxy), or point "
                + JARS_VARIABLE + " (or -D" + JARS_PROPERTY + ") at a folder of S3Proxy's jars");
    }

    private static Optional<Path> codeLocation() {
        try {
            return Optional.of(Path.of(LocalS3.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()).getParent());
        } catch (Exception e) {
            return Optional.empty(); // no code source (an unusual class loader)
        }
    }

    /** Any HTTP answer (an anonymous GET / is refused with 403) means S3Proxy is serving. */
    private void awaitAnswering() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with code " + process.exitValue()
                        + " on start; the end of " + log + ":\n" + tail(30));
            }
            try {
                MortarHttp.PROBE.get(endpoint.resolve("/"));
                return;
            } catch (IOException e) {
                // not listening, or not answering, yet
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("S3Proxy did not answer on " + endpoint + " within "
                        + START_TIMEOUT.toSeconds() + "s; the end of " + log + ":\n" + tail(30));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while S3Proxy was starting");
            }
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String region() {
        return REGION;
    }

    /** The work directory: configuration, log and {@link #dataDir()}. */
    public Path workDir() {
        return workDir;
    }

    /** The filesystem backend's root: {@code <dataDir>/<bucket>/<key>} is each object's file. */
    public Path dataDir() {
        return workDir.resolve("data");
    }

    /** S3Proxy's output. */
    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Creates a bucket: with the filesystem backend a bucket is a folder of the data directory, so no signed
     * request (and no S3 client) is needed.
     */
    public void createBucket(String bucket) {
        try {
            Files.createDirectories(dataDir().resolve(bucket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create bucket " + bucket + " in " + dataDir(), e);
        }
    }

    /** The last {@code lines} lines of S3Proxy's log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops S3Proxy (SIGTERM, then SIGKILL after 10 s); the files stay. */
    @Override
    public void close() {
        stop();
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "S3Proxy at " + endpoint + " (pid " + process.pid() + ", data " + dataDir() + ")";
    }
}

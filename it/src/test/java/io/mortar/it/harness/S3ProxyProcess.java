package io.mortar.it.harness;

import io.mortar.server.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: S3Proxy in its own JVM, started from {@code tools/s3proxy/target/s3proxy}, with its
 * filesystem backend in a directory of its own (one folder per bucket, one file per object), on 127.0.0.1 and a
 * free port, checking AWS v2/v4 signatures against {@link #ACCESS_KEY}/{@link #SECRET_KEY}. Close it (try with
 * resources, or {@code @AfterAll}) to stop the process.
 *
 * <pre>{@code
 * try (S3ProxyProcess s3 = S3ProxyProcess.start()) {
 *     s3.createBucket("lake");
 *     s3.client().putObject(b -> b.bucket("lake").key("a.csv"), RequestBody.fromString("x\n1\n"));
 *     spark.read().csv("s3a://lake/a.csv") // after ItSpark.register(s3, "lake")
 * }
 * }</pre>
 */
public final class S3ProxyProcess implements AutoCloseable {
    public static final String ACCESS_KEY = "mortar-test-access";
    public static final String SECRET_KEY = "mortar-test-secret";
    public static final String REGION = "us-east-1";
    /** Overrides where S3Proxy's jars are; by default tools/s3proxy/target/s3proxy of this source tree. */
    public static final String JARS_PROPERTY = "mortar.s3proxyJars";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final URI endpoint;
    private final Path workDir;
    private final Path dataDir;
    private final Path log;
    private S3Client client;

    private S3ProxyProcess(Process process, URI endpoint, Path workDir, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.workDir = workDir;
        this.dataDir = workDir.resolve("data");
        this.log = log;
    }

    /** Starts S3Proxy on a new temporary directory, deleted again by {@link #close()}. */
    public static S3ProxyProcess start() {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("mortar-s3proxy-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A free port is found by binding and releasing it; another process can take it before S3Proxy binds, so
        // a start that lost that race is tried again on another port.
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce(workDir, freePort());
            } catch (IllegalStateException e) {
                failure = e;
                if (!e.getMessage().contains("Address already in use")) {
                    break;
                }
            }
        }
        throw failure;
    }

    private static S3ProxyProcess startOnce(Path workDir, int port) {
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        try {
            Files.createDirectories(workDir.resolve("data"));
            Path properties = workDir.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.identity=" + ACCESS_KEY,
                    "jclouds.credential=" + SECRET_KEY,
                    "jclouds.filesystem.basedir=" + workDir.resolve("data").toAbsolutePath(),
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
            Process process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-Dlogback.configurationFile=" + logback.toAbsolutePath(),
                    "-cp", jars() + "/*",
                    "org.gaul.s3proxy.Main", "--properties", properties.toAbsolutePath().toString()))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            S3ProxyProcess s3 = new S3ProxyProcess(process, endpoint, workDir, log);
            s3.awaitAnswering();
            return s3;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy in " + workDir, e);
        }
    }

    /** The folder of S3Proxy's jars: {@value #JARS_PROPERTY}, else tools/s3proxy/target/s3proxy found upwards. */
    static Path jars() {
        String configured = System.getProperty(JARS_PROPERTY);
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/s3proxy/target/s3proxy");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("S3Proxy's jars are missing: build tools/s3proxy (`mvn -pl it -am test`"
                + " does) or set -D" + JARS_PROPERTY);
    }

    /** Any HTTP answer (an anonymous GET / is refused with 403) means S3Proxy is serving. */
    private void awaitAnswering() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with code " + process.exitValue()
                        + " on start; the end of " + log + ":\n" + tail());
            }
            try {
                http.send(HttpRequest.newBuilder(endpoint.resolve("/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (ConnectException e) {
                // not listening yet
            } catch (IOException e) {
                // listening but not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                destroy();
                throw new IllegalStateException("interrupted while S3Proxy was starting");
            }
            if (System.nanoTime() > deadline) {
                destroy();
                throw new IllegalStateException("S3Proxy did not answer on " + endpoint + " within "
                        + START_TIMEOUT.toSeconds() + "s; the end of " + log + ":\n" + tail());
            }
            sleep(100);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    public String region() {
        return REGION;
    }

    /** The filesystem backend's root: {@code <dataDir>/<bucket>/<key>} is each object's file. */
    public Path dataDir() {
        return dataDir;
    }

    /** An SDK v2 client for this server (path-style, signed); closed with this process. */
    public synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(endpoint)
                    .region(Region.of(REGION))
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
        }
        return client;
    }

    public void createBucket(String bucket) {
        client().createBucket(b -> b.bucket(bucket));
    }

    /**
     * Hadoop settings that point S3A at this server for one bucket ({@code fs.s3a.bucket.<bucket>.*}), so buckets
     * of different S3Proxy processes can live in one JVM. S3A applies these for {@code s3://} too, when
     * {@code fs.s3.impl} is S3A. Retries are off so a failing request fails the test at once instead of after
     * minutes of back-off.
     */
    public Map<String, String> s3aSettings(String bucket) {
        String prefix = "fs.s3a.bucket." + bucket + ".";
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(prefix + "endpoint", endpoint.toString());
        settings.put(prefix + "endpoint.region", REGION);
        settings.put(prefix + "access.key", ACCESS_KEY);
        settings.put(prefix + "secret.key", SECRET_KEY);
        settings.put(prefix + "path.style.access", "true");
        settings.put(prefix + "connection.ssl.enabled", "false");
        settings.put(prefix + "attempts.maximum", "1");
        settings.put(prefix + "retry.limit", "1");
        return settings;
    }

    /** The last lines of S3Proxy's log. */
    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        destroy();
        TestServer.deleteRecursively(workDir);
    }

    private void destroy() {
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "S3Proxy at " + endpoint + " (pid " + process.pid() + ", data " + dataDir + ")";
    }
}

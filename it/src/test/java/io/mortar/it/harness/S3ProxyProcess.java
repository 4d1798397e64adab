package io.mortar.it.harness;

import io.mortar.cli.demo.LocalS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: S3Proxy in its own JVM, started by {@link LocalS3} (which {@code mortar demo} uses
 * too) from {@code tools/s3proxy/target/s3proxy}, with its filesystem backend in a temporary directory of its own
 * (one folder per bucket, one file per object), on 127.0.0.1 and a free port, checking AWS v2/v4 signatures
 * against {@link #ACCESS_KEY}/{@link #SECRET_KEY}. Close it (try with resources, or {@code @AfterAll}) to stop the
 * process and delete its directory.
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
    public static final String REGION = LocalS3.REGION;
    /** Overrides where S3Proxy's jars are; by default tools/s3proxy/target/s3proxy of this source tree. */
    public static final String JARS_PROPERTY = LocalS3.JARS_PROPERTY;

    private final LocalS3 s3;
    private S3Client client;

    private S3ProxyProcess(LocalS3 s3) {
        this.s3 = s3;
    }

    /** Starts S3Proxy on a new temporary directory, deleted again by {@link #close()}. */
    public static S3ProxyProcess start() {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("mortar-s3proxy-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new S3ProxyProcess(LocalS3.start(jars(), workDir, ACCESS_KEY, SECRET_KEY, LocalS3.DEFAULT_HEAP));
        } catch (RuntimeException e) {
            FileUtils.deleteQuietly(workDir.toFile());
            throw e;
        }
    }

    /** The folder of S3Proxy's jars: {@value #JARS_PROPERTY}, else tools/s3proxy/target/s3proxy found upwards. */
    static Path jars() {
        return LocalS3.jars(System.getenv());
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return s3.endpoint();
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
        return s3.dataDir();
    }

    /** An SDK v2 client for this server (path-style, signed); closed with this process. */
    public synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(endpoint())
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
        settings.put(prefix + "endpoint", endpoint().toString());
        settings.put(prefix + "endpoint.region", REGION);
        settings.put(prefix + "access.key", ACCESS_KEY);
        settings.put(prefix + "secret.key", SECRET_KEY);
        settings.put(prefix + "path.style.access", "true");
        settings.put(prefix + "connection.ssl.enabled", "false");
        settings.put(prefix + "attempts.maximum", "1");
        settings.put(prefix + "retry.limit", "1");
        return settings;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        s3.close();
        FileUtils.deleteQuietly(s3.workDir().toFile());
    }

    @Override
    public String toString() {
        return s3.toString();
    }
}

package io.mortar.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/** A Glue endpoint under test: a Mortar started in-process, or moto's server in a child process. */
interface BenchTarget extends AutoCloseable {
    AwsCredentialsProvider PLACEHOLDER_KEYS = BenchCredentials.PLACEHOLDER;

    String name();

    URI endpoint();

    /**
     * What the benchmark's clients sign with: the server's root key when it wrote one (a Mortar with
     * authentication, the default), else placeholder keys, which a server without authentication (moto, an older
     * Mortar) accepts.
     */
    default AwsCredentialsProvider credentials() {
        return PLACEHOLDER_KEYS;
    }

    /** What the stored catalog occupies (database size on disk, process memory), for the report. */
    String footprint();

    @Override
    void close();

    /**
     * The root key a Mortar wrote to its data directory, read as every local tool reads it; placeholder
     * keys when there is none (a server without authentication writes none).
     */
    static AwsCredentialsProvider rootKeyIn(Path dataDir) {
        return BenchCredentials.rootOf(dataDir);
    }

    /**
     * The AWS SDK's own GlueClient over pooled keep-alive HTTP connections. Retries are off so every sample is
     * one real request; the socket timeout is long because moto answers queries over large tables slowly.
     */
    static GlueClient client(BenchTarget target, int connections) {
        return client(target.endpoint(), connections, target.credentials());
    }

    /** As {@link #client(BenchTarget, int)}, signing with {@code credentials}. */
    static GlueClient client(URI endpoint, int connections, AwsCredentialsProvider credentials) {
        return GlueClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(Apache5HttpClient.builder()
                        .maxConnections(connections)
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofMinutes(30))
                        .build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofMinutes(30)).apiCallAttemptTimeout(Duration.ofMinutes(30)))
                .build();
    }
}

package io.mortar.bench;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/** A Glue endpoint under test: a Mortar started in-process, or moto's server in a child process. */
interface BenchTarget extends AutoCloseable {
    String name();

    URI endpoint();

    /** What the stored catalog occupies (database size on disk, process memory), for the report. */
    String footprint();

    @Override
    void close();

    /**
     * The AWS SDK's own GlueClient over pooled keep-alive HTTP connections. Retries are off so every sample is
     * one real request; the socket timeout is long because moto answers queries over large tables slowly.
     */
    static GlueClient client(URI endpoint, int connections) {
        return GlueClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
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

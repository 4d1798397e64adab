package io.mortar.bench;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/** A Glue endpoint under test: a Mortar started in-process, or moto's server in a child process. */
interface BenchTarget extends AutoCloseable {
    String name();

    URI endpoint();

    /** The keys its clients sign with: a Mortar server's root key; placeholders for servers that check nothing. */
    default AwsCredentialsProvider credentials() {
        return BenchCredentials.PLACEHOLDER;
    }

    /** What the stored catalog occupies (database size on disk, process memory), for the report. */
    String footprint();

    @Override
    void close();

    /**
     * The AWS SDK's own GlueClient over pooled keep-alive HTTP connections. Retries are off so every sample is
     * one real request; the socket timeout is long because moto answers queries over large tables slowly.
     */
    static GlueClient client(BenchTarget target, int connections) {
        return GlueClient.builder()
                .endpointOverride(target.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(target.credentials())
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

package io.mortar.bench.jobs;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The job benchmarks' Glue client: the SDK's, over its URLConnection transport, the one HTTP client the job
 * drivers' class path (runtime/target/jars, which CatalogJobBenchmark runs on) carries.
 */
public final class GlueClients {
    private GlueClients() {}

    public static GlueClient of(URI endpoint) {
        return GlueClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}

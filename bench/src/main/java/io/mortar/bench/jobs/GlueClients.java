package io.mortar.bench.jobs;

import io.mortar.bench.BenchCredentials;
import io.mortar.server.MortarServer;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The job benchmarks' Glue client: the SDK's, over its URLConnection transport, the one HTTP client the job
 * drivers' class path (runtime/target/jars, which CatalogJobBenchmark runs on) carries.
 */
public final class GlueClients {
    private GlueClients() {}

    /** A client of a server in this JVM, signing with its root key. */
    public static GlueClient of(MortarServer server) {
        return of(server.endpoint(), BenchCredentials.rootOf(server.config().dataDir()));
    }

    /** A client of a server process, signing with its root key. */
    public static GlueClient of(ServerProcess server) {
        return of(server.endpoint(), server.credentials());
    }

    public static GlueClient of(URI endpoint, AwsCredentialsProvider credentials) {
        return GlueClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}

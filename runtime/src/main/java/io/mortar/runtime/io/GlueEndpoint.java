package io.mortar.runtime.io;

import java.net.URI;
import java.util.Optional;
import org.apache.spark.SparkConf;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * Where the driver finds the catalog: the Spark conf {@code spark.mortar.endpoint} if set (a job launched by
 * hand, a test), else {@code MORTAR_ENDPOINT}, which the server sets for every driver it launches. The server
 * does not check signatures' secrets, so static dummy credentials sign the requests.
 */
public final class GlueEndpoint {
    public static final String CONF_KEY = "spark.mortar.endpoint";
    public static final String ENV_KEY = "MORTAR_ENDPOINT";

    private GlueEndpoint() {}

    public static Optional<URI> resolve(SparkConf conf) {
        String fromConf = conf.get(CONF_KEY, "");
        if (!fromConf.isBlank()) {
            return Optional.of(URI.create(fromConf.trim()));
        }
        String fromEnv = System.getenv(ENV_KEY);
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(URI.create(fromEnv.trim()));
    }

    public static GlueClient client(URI endpoint) {
        return GlueClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("mortar", "mortar")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}

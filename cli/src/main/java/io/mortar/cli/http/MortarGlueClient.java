package io.mortar.cli.http;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/** The AWS SDK's Glue client as the CLI builds it, for {@code mortar} commands and {@code mortar demo} alike. */
public final class MortarGlueClient {
    private MortarGlueClient() {}

    /**
     * A Glue client for a Mortar endpoint, signing with {@code credentials} (see {@link MortarCredentials}); on the
     * SDK's URLConnection client, the HTTP stack {@link MortarHttp} uses too, with the SDK's own timeouts and retries.
     */
    public static GlueClient create(URI endpoint, AwsCredentialsProvider credentials) {
        return GlueClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}

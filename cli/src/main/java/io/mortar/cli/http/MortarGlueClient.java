package io.mortar.cli.http;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/** The AWS SDK's Glue client as the CLI builds it, for {@code mortar} commands and {@code mortar demo} alike. */
public final class MortarGlueClient {
    private MortarGlueClient() {}

    /**
     * A Glue client for a Mortar endpoint. Unsigned, since Mortar does not check signatures; on the SDK's
     * URLConnection client, the HTTP stack {@link MortarHttp} uses too, with the SDK's own timeouts and retries.
     */
    public static GlueClient create(URI endpoint) {
        return GlueClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}

package io.mortar.server.testing;

import io.mortar.server.MortarServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Plain HTTP requests to a Mortar server (its own endpoints, or the Glue API byte for byte), signed by the AWS
 * SDK's own SigV4 signer as a Glue client signs: service {@code glue}, the region and clock given.
 */
public final class SignedHttp {
    private SignedHttp() {}

    /** {@code GET uri}, signed with {@code server}'s root key. */
    public static HttpRequest get(URI uri, MortarServer server) {
        return request("GET", uri, new byte[0], Map.of(), root(server));
    }

    /** {@code POST uri} with an empty body, signed with {@code server}'s root key. */
    public static HttpRequest post(URI uri, MortarServer server) {
        return request("POST", uri, new byte[0], Map.of(), root(server));
    }

    /** Any request, signed now in us-east-1 with {@code credentials}. */
    public static HttpRequest request(String method, URI uri, byte[] body, Map<String, String> headers,
                                      AwsCredentialsProvider credentials) {
        Map<String, String> signed = signedHeaders(method, uri, body, headers, credentials, "us-east-1", "glue",
                Clock.systemUTC());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEach(request::header);
        return request.build();
    }

    /**
     * The headers a request goes out with once signed ({@code Host} left to the HTTP client, which sends what the
     * signer computed from the URI).
     */
    public static Map<String, String> signedHeaders(String method, URI uri, byte[] body, Map<String, String> headers,
                                                    AwsCredentialsProvider credentials, String region, String service,
                                                    Clock clock) {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(uri);
        headers.forEach(request::putHeader);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials())
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
        Map<String, String> out = new LinkedHashMap<>();
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                out.put(name, String.join(",", values));
            }
        });
        return out;
    }

    private static AwsCredentialsProvider root(MortarServer server) {
        return TestServer.rootCredentials(server.config().dataDir());
    }
}

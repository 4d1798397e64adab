package io.mortar.server.clients;

import io.mortar.server.testing.SignedHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Glue calls signed by the AWS SDK's own SigV4 signer ({@link SignedHttp}) — with the keys, clock, region and service a test chooses —
 * and sent as they are, or changed after signing: the variants a server must refuse.
 */
final class SignedRequests {
    /** A signed request as it goes on the wire: its headers and body, which a test may alter before sending. */
    record Wire(String method, URI uri, Map<String, String> headers, byte[] body) {
        Wire withHeader(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(headers);
            changed.keySet().removeIf(n -> n.equalsIgnoreCase(name));
            changed.put(name, value);
            return new Wire(method, uri, changed, body);
        }

        Wire withoutHeader(String name) {
            Map<String, String> changed = new LinkedHashMap<>(headers);
            changed.keySet().removeIf(n -> n.equalsIgnoreCase(name));
            return new Wire(method, uri, changed, body);
        }

        Wire withBody(String text) {
            return new Wire(method, uri, headers, text.getBytes(StandardCharsets.UTF_8));
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }

    /** An answer: status, the {@code X-Amzn-ErrorType} header, the body. */
    record Answer(int status, String errorType, String body) {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI endpoint;

    SignedRequests(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** {@code AWSGlue.<operation>} with {@code json}, unsigned. */
    Wire unsigned(String operation, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.1");
        headers.put("X-Amz-Target", "AWSGlue." + operation);
        return new Wire("POST", endpoint.resolve("/"), headers, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Signed by the SDK's signer as a Glue client signs: region us-east-1, service glue, now. */
    Wire signed(String operation, String json, AwsCredentials keys) {
        return signed(operation, json, keys, p -> p);
    }

    /** Signed with the signer's properties changed ({@code signing(...)} sets region, service, clock). */
    Wire signed(String operation, String json, AwsCredentials keys, UnaryOperator<Signing> signing) {
        return sign(unsigned(operation, json), keys, signing.apply(new Signing("us-east-1", "glue", Clock.systemUTC())));
    }

    /** Any request to the server (Mortar's own endpoints), signed. */
    Wire signedRequest(String method, String path, String json, AwsCredentials keys) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        Wire wire = new Wire(method, endpoint.resolve(path), headers,
                json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8));
        return sign(wire, keys, new Signing("us-east-1", "glue", Clock.systemUTC()));
    }

    /** The signer's choices. */
    record Signing(String region, String service, Clock clock) {
        Signing region(String value) {
            return new Signing(value, service, clock);
        }

        Signing service(String value) {
            return new Signing(region, value, clock);
        }

        Signing clock(Clock value) {
            return new Signing(region, service, value);
        }
    }

    private static Wire sign(Wire wire, AwsCredentials keys, Signing signing) {
        return new Wire(wire.method(), wire.uri(), SignedHttp.signedHeaders(wire.method(), wire.uri(), wire.body(),
                wire.headers(), StaticCredentialsProvider.create(keys), signing.region(), signing.service(),
                signing.clock()), wire.body());
    }

    static Answer send(Wire wire) {
        HttpRequest.Builder request = HttpRequest.newBuilder(wire.uri())
                .method(wire.method(), HttpRequest.BodyPublishers.ofByteArray(wire.body()));
        wire.headers().forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(),
                    response.headers().firstValue("X-Amzn-ErrorType").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

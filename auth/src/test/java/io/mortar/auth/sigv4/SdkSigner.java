package io.mortar.auth.sigv4;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mortar.model.GlueException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The oracle: requests signed by the AWS SDK's own SigV4 signer ({@link AwsV4HttpSigner}, at a fixed clock),
 * handed to the verifier as the HTTP edge sees them (path and query as on the wire, headers as sent), and the
 * tampering a test applies to them afterwards.
 */
final class SdkSigner {
    static final Instant NOW = Instant.parse("2026-12-07T02:45:00Z");
    static final String REGION = "us-east-1";
    static final String SERVICE = "glue";
    static final Duration SKEW = Duration.ofMinutes(15);
    static final Credential ROOT = new Credential("AKIAMORTARROOT000001", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            Optional.empty(), Optional.empty());
    static final Credential RUN = new Credential("ASIAMORTARRUN0000001", "run-secret/with+chars",
            Optional.of("FwoGZXIvYXdzEJr//////////wEaDM-run-token=="), Optional.of(NOW.plus(Duration.ofHours(1))));

    private SdkSigner() {
    }

    /** A Glue JSON-protocol call as the Glue client sends it: POST / with X-Amz-Target and a JSON body. */
    static SdkHttpFullRequest.Builder glueCall(String operation, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).protocol("http").host("127.0.0.1").port(4050)
                .encodedPath("/")
                .putHeader("X-Amz-Target", "AWSGlue." + operation)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader("User-Agent", "aws-sdk-java/2.57.8 ua/2.1 os/Linux")
                .contentStreamProvider(ContentStreamProvider.fromByteArray(body));
    }

    static SdkHttpFullRequest.Builder get(String encodedPath) {
        return SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).protocol("http").host("127.0.0.1").port(4050)
                .encodedPath(encodedPath);
    }

    static SignedRequest sign(SdkHttpFullRequest.Builder request) {
        return sign(request, ROOT, REGION, SERVICE, NOW);
    }

    static SignedRequest sign(SdkHttpFullRequest.Builder request, Credential credential) {
        return sign(request, credential, REGION, SERVICE, NOW);
    }

    static SignedRequest sign(SdkHttpFullRequest.Builder request, Instant at) {
        return sign(request, ROOT, REGION, SERVICE, at);
    }

    static SignedRequest sign(SdkHttpFullRequest.Builder builder, Credential credential, String region, String service,
                              Instant at) {
        SdkHttpFullRequest request = builder.build();
        byte[] body = request.contentStreamProvider().map(SdkSigner::read).orElse(new byte[0]);
        AwsCredentialsIdentity identity = credential.sessionToken()
                .<AwsCredentialsIdentity>map(token -> AwsSessionCredentialsIdentity.create(
                        credential.accessKeyId(), credential.secretAccessKey(), token))
                .orElseGet(() -> AwsCredentialsIdentity.create(credential.accessKeyId(),
                        credential.secretAccessKey()));
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
        return new SignedRequest(signed.method().name(), signed.encodedPath(), signed.getUri().getRawQuery(),
                new LinkedHashMap<>(signed.headers()), body);
    }

    /** The same request unsigned: what a client without credentials sends. */
    static SignedRequest unsigned(SdkHttpFullRequest.Builder builder) {
        SdkHttpFullRequest request = builder.build();
        byte[] body = request.contentStreamProvider().map(SdkSigner::read).orElse(new byte[0]);
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put("Host", List.of(request.host() + ":" + request.port()));
        return new SignedRequest(request.method().name(), request.encodedPath(), request.getUri().getRawQuery(),
                headers, body);
    }

    static SigV4Verifier verifierAt(Instant now) {
        return new SigV4Verifier(REGION, SERVICE, Clock.fixed(now, ZoneOffset.UTC), SKEW);
    }

    static CredentialLookup keys(Credential... credentials) {
        return id -> Arrays.stream(credentials).filter(c -> c.accessKeyId().equals(id)).findFirst();
    }

    /** The refusal the verifier at NOW answers the request with, knowing ROOT and RUN; fails if it accepts it. */
    static GlueException refusal(SignedRequest request) {
        return refusal(request, verifierAt(NOW), keys(ROOT, RUN));
    }

    static GlueException refusal(SignedRequest request, SigV4Verifier verifier, CredentialLookup keys) {
        GlueException refused = catchThrowableOfType(GlueException.class, () -> verifier.verify(request, keys));
        if (refused == null) {
            throw new AssertionError("the verifier accepted a request it must refuse");
        }
        return refused;
    }

    /** The request with the header set to these values (or removed, given none), whatever case it was sent in. */
    static SignedRequest withHeader(SignedRequest request, String name, String... values) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.keySet().removeIf(key -> key.equalsIgnoreCase(name));
        if (values.length > 0) {
            headers.put(name, List.of(values));
        }
        return new SignedRequest(request.method(), request.path(), request.rawQuery(), headers, request.body());
    }

    static SignedRequest withAuthorization(SignedRequest request, UnaryOperator<String> change) {
        return withHeader(request, "Authorization", change.apply(header(request, "Authorization")));
    }

    static String header(SignedRequest request, String name) {
        return request.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElseThrow();
    }

    static SignedRequest withBody(SignedRequest request, String body) {
        return new SignedRequest(request.method(), request.path(), request.rawQuery(), request.headers(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] read(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

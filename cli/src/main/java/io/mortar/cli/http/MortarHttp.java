package io.mortar.cli.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The CLI's one client for plain HTTP calls: Mortar's own endpoints beside the Glue API (a run's driver log, a
 * crawl's progress, log and dry run), and whether S3Proxy or a Spark master answers yet.
 *
 * <p>Built on {@link HttpURLConnection} because the AWS SDK's {@code UrlConnectionHttpClient}, which carries the
 * CLI's Glue calls (see {@link MortarGlueClient}), is built on it too: the CLI has one HTTP stack and one keep-alive
 * pool, and a command's first plain call costs what a connection costs (about 25-50 ms measured on a busy 2-core
 * machine) rather than the 200-380 ms a first {@code java.net.http.HttpClient} takes to start its selector.
 *
 * <p>An instance is a pair of timeouts; the CLI's are the constants here, so they are chosen in one place.
 *
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the next bytes of the answer; zero waits as long as it takes
 * @param credentials who signs each request; null for none (S3Proxy, a Spark master)
 */
public record MortarHttp(Duration connectTimeout, Duration readTimeout, AwsCredentialsProvider credentials) {
    /** Calls to Mortar that answer from what the server holds: logs, a crawl's progress. */
    public static final MortarHttp CALLS = new MortarHttp(Duration.ofSeconds(10), Duration.ofSeconds(60), null);
    /**
     * Calls that answer once the server has done the work, however long it takes: a dry run reads the footer of
     * every file a crawl would read.
     */
    public static final MortarHttp UNHURRIED = new MortarHttp(Duration.ofSeconds(10), Duration.ZERO, null);
    /** Whether a service that is starting answers yet: short, since the question is asked again soon. */
    public static final MortarHttp PROBE = new MortarHttp(Duration.ofSeconds(2), Duration.ofSeconds(5), null);
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    public MortarHttp {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
    }

    /**
     * These timeouts, with every request signed (SigV4, service {@code glue}) by {@code credentials}, as Mortar's own
     * endpoints require when authentication is on; anonymous credentials send requests unsigned.
     */
    public MortarHttp signedBy(AwsCredentialsProvider signer) {
        return new MortarHttp(connectTimeout, readTimeout, signer);
    }

    /**
     * {@code GET uri}: the answer whatever its status ({@link HttpAnswer#requireSuccess()} turns one that is not
     * 2xx into an error).
     *
     * @throws IOException when no answer comes: no connection, a timeout, a broken stream
     */
    public HttpAnswer get(URI uri) throws IOException {
        return send("GET", uri);
    }

    /** {@code POST uri} with an empty body; as {@link #get(URI)}. */
    public HttpAnswer post(URI uri) throws IOException {
        return send("POST", uri);
    }

    /** {@code method uri} with a JSON body ({@code POST}, {@code PUT}); as {@link #get(URI)}. */
    public HttpAnswer sendJson(String method, URI uri, String json) throws IOException {
        return send(method, uri, json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code DELETE uri}; as {@link #get(URI)}. */
    public HttpAnswer delete(URI uri) throws IOException {
        return send("DELETE", uri);
    }

    /** A name as one segment of a URL's path: percent-encoded, a space as {@code %20} (not {@code +}). */
    public static String pathSegment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Signs the request as the AWS SDK signs a Glue call: headers {@code host} and {@code x-amz-date}, the body. */
    private void sign(HttpURLConnection connection, String method, URI uri, byte[] content) {
        if (credentials == null || credentials instanceof AnonymousCredentialsProvider) {
            return;
        }
        AwsCredentialsIdentity identity = credentials.resolveCredentials();
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri)
                .build();
        SignedRequest signed = SIGNER.sign(r -> r.identity(identity).request(request)
                .payload(ContentStreamProvider.fromByteArray(content))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "glue")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) { // HttpURLConnection sets it, as the signature expects
                connection.setRequestProperty(name, String.join(",", values));
            }
        });
    }

    private HttpAnswer send(String method, URI uri) throws IOException {
        return send(method, uri, method.equals("POST") ? new byte[0] : null);
    }

    /** @param content the body to send, or null for none */
    private HttpAnswer send(String method, URI uri, byte[] content) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setRequestMethod(method);
            connection.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
            connection.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
            if (content != null && content.length > 0) {
                connection.setRequestProperty("Content-Type", "application/json");
            }
            sign(connection, method, uri, content == null ? new byte[0] : content);
            if (content != null) {
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(content.length);
                try (var out = connection.getOutputStream()) {
                    out.write(content);
                }
            }
            int status = connection.getResponseCode();
            // Read to the end (and close) either stream: only then can the connection serve the next call.
            byte[] body;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                body = in == null ? new byte[0] : in.readAllBytes();
            }
            return new HttpAnswer(method, uri, status, connection.getHeaderFields(), body);
        } catch (IOException e) {
            connection.disconnect(); // a connection that failed half-way is not one to reuse
            throw e;
        }
    }
}

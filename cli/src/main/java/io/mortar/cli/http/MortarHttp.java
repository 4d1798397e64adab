package io.mortar.cli.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

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
 */
public record MortarHttp(Duration connectTimeout, Duration readTimeout) {
    /** Calls to Mortar that answer from what the server holds: logs, a crawl's progress. */
    public static final MortarHttp CALLS = new MortarHttp(Duration.ofSeconds(10), Duration.ofSeconds(60));
    /**
     * Calls that answer once the server has done the work, however long it takes: a dry run reads the footer of
     * every file a crawl would read.
     */
    public static final MortarHttp UNHURRIED = new MortarHttp(Duration.ofSeconds(10), Duration.ZERO);
    /** Whether a service that is starting answers yet: short, since the question is asked again soon. */
    public static final MortarHttp PROBE = new MortarHttp(Duration.ofSeconds(2), Duration.ofSeconds(5));

    public MortarHttp {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
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

    /** A name as one segment of a URL's path: percent-encoded, a space as {@code %20} (not {@code +}). */
    public static String pathSegment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpAnswer send(String method, URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setRequestMethod(method);
            connection.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
            connection.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
            if (method.equals("POST")) {
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(0);
                connection.getOutputStream().close();
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

package io.mortar.cli.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What an HTTP server answered to one call of {@link MortarHttp}: its status, headers and body. */
public final class HttpAnswer {
    private final String method;
    private final URI uri;
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    HttpAnswer(String method, URI uri, int status, Map<String, List<String>> headers, byte[] body) {
        this.method = Objects.requireNonNull(method);
        this.uri = Objects.requireNonNull(uri);
        this.status = status;
        this.headers = Objects.requireNonNull(headers);
        this.body = Objects.requireNonNull(body);
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    public int status() {
        return status;
    }

    /** 2xx. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    /** The body's bytes (a copy). */
    public byte[] bytes() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a header; names are matched ignoring case, as HTTP's are. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0)).findFirst();
    }

    /**
     * This answer when it is 2xx.
     *
     * @throws HttpStatusException otherwise, with the server's message
     */
    public HttpAnswer requireSuccess() {
        return requireSuccess(null);
    }

    /**
     * This answer when it is 2xx.
     *
     * @param notFoundHint said after the message of a 404 that is not a Glue error, i.e. the path itself is unknown
     *     there (a Glue endpoint that is not Mortar's, say); may be null
     * @throws HttpStatusException otherwise, with the server's message
     */
    public HttpAnswer requireSuccess(String notFoundHint) {
        if (succeeded()) {
            return this;
        }
        throw new HttpStatusException(this, notFoundHint);
    }
}

package io.mortar.auth.sigv4;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A request as its signature covers it. {@code path} and {@code rawQuery} exactly as sent on the wire (still
 * percent-encoded); {@code rawQuery} may be null or empty; header names in any case; a header may repeat (as
 * several values of one name, or under names differing only in case). A null body is read as an empty one.
 */
public record SignedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                            byte[] body) {
    public SignedRequest {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }
}

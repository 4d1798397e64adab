package io.mortar.auth.sigv4;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A credential the server knows. {@code sessionToken} is present for temporary credentials (a job run's), which
 * also expire at {@code expiresAt}; a request signed with such a key must carry the same token.
 */
public record Credential(String accessKeyId, String secretAccessKey, Optional<String> sessionToken,
                         Optional<Instant> expiresAt) {
    public Credential {
        requireNonNull(accessKeyId, "accessKeyId");
        requireNonNull(secretAccessKey, "secretAccessKey");
        requireNonNull(sessionToken, "sessionToken");
        requireNonNull(expiresAt, "expiresAt");
    }

    /** The secret is never printed: a credential may end up in a log line or an assertion message. */
    @Override
    public String toString() {
        return "Credential[accessKeyId=" + accessKeyId + ", temporary=" + sessionToken.isPresent()
                + ", expiresAt=" + expiresAt.map(Instant::toString).orElse("never") + "]";
    }
}

package io.mortar.store.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An access key as stored. The store never sees a secret in the clear: the service encrypts it before and decrypts
 * it after, and keeps only a hash of a run key's session token, which is compared, never read back.
 *
 * @param secretCiphertext the secret access key, already encrypted by the caller
 * @param sessionTokenHash a {@link KeyKind#RUN} key's session token as hex SHA-256
 * @param policies the key's IAM-style policy documents (JSON), kept exactly as given, in order
 * @param owner a {@link KeyKind#RUN} key's job run id or crawl id, which {@link AccessKeyStore#deleteOwnedBy} deletes
 *     it by when the run ends
 * @param expiresAt when the key stops being valid; {@link AccessKeyStore#deleteExpired} deletes it after that
 */
public record StoredAccessKey(String accessKeyId, String name, KeyKind kind, String secretCiphertext,
                              Optional<String> sessionTokenHash, List<String> policies, Optional<String> owner,
                              Instant createdAt, Optional<Instant> expiresAt) {
    public StoredAccessKey {
        requireNonNull(accessKeyId, "accessKeyId");
        requireNonNull(name, "name");
        requireNonNull(kind, "kind");
        requireNonNull(secretCiphertext, "secretCiphertext");
        requireNonNull(sessionTokenHash, "sessionTokenHash");
        policies = List.copyOf(policies);
        requireNonNull(owner, "owner");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(expiresAt, "expiresAt");
    }
}

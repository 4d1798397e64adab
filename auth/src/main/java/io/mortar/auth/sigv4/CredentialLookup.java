package io.mortar.auth.sigv4;

import java.util.Optional;

/** Finds the credential an access key id names; empty for a key this server does not know. */
@FunctionalInterface
public interface CredentialLookup {
    Optional<Credential> find(String accessKeyId);
}

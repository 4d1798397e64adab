package io.mortar.server.config;

/**
 * Whether requests must be signed. On by default: every AWS client already signs with SigV4. Off only when the
 * user says so ({@code --insecure-no-auth}, {@code mortar.auth.insecure-no-auth}), and then only on a loopback
 * bind address: {@link ConfigLoader} refuses it with any other.
 */
public record AuthConfig(boolean enabled) {
    public static final AuthConfig ON = new AuthConfig(true);
    public static final AuthConfig OFF = new AuthConfig(false);
}

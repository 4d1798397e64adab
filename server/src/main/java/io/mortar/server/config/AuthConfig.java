package io.mortar.server.config;

/**
 * Whether requests must be signed. On by default: every AWS client already signs with SigV4. Off only when the
 * user says so ({@code --insecure-no-auth}, {@code mortar.auth.insecure-no-auth}); beyond a loopback bind address
 * {@link ConfigLoader} accepts it only as the explicit command-line flag.
 */
public record AuthConfig(boolean enabled) {
    public static final AuthConfig ON = new AuthConfig(true);
    public static final AuthConfig OFF = new AuthConfig(false);
}

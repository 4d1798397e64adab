package io.mortar.server.config;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where the HTTP server listens, how (plain HTTP or {@link TlsConfig TLS}), the names it answers to besides its own
 * and what its clients may ask of it. Loopback by default.
 *
 * @param hostnames further names clients reach the server by ({@code mortar.hostnames}), normalized by
 *     {@link HostNames#normalize}: a request's {@code Host} must be one of them or one of the server's own
 */
public record ListenConfig(String bind, int port, RequestLimits limits, TlsConfig tls, List<String> hostnames) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8095;

    public ListenConfig {
        if (bind == null || bind.isBlank()) {
            throw new ConfigException("mortar.bind must name an address to listen on");
        }
        if (port < 0 || port > 65_535) {
            throw new ConfigException("mortar.port must be between 0 (any free port) and 65535, not " + port);
        }
        requireNonNull(limits, "limits");
        requireNonNull(tls, "tls");
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String name : requireNonNull(hostnames, "hostnames")) {
            String normalized = HostNames.normalize(name);
            if (!HostNames.isWellFormed(normalized)) {
                throw new ConfigException("mortar.hostnames: '" + name + "' is not a host name or address (a name"
                        + " such as glue.example.com, without scheme or port; names are separated by commas)");
            }
            names.add(normalized);
        }
        hostnames = List.copyOf(names);
    }

    /** Plain HTTP with this JVM's default limits and no further names. */
    public ListenConfig(String bind, int port) {
        this(bind, port, RequestLimits.defaults(), TlsConfig.NONE, List.of());
    }

    public ListenConfig withLimits(RequestLimits settings) {
        return new ListenConfig(bind, port, settings, tls, hostnames);
    }

    public ListenConfig withTls(TlsConfig settings) {
        return new ListenConfig(bind, port, limits, settings, hostnames);
    }

    public ListenConfig withHostnames(List<String> names) {
        return new ListenConfig(bind, port, limits, tls, names);
    }

    /** Whether only this machine can connect: the bind address is {@code localhost} or a loopback address. */
    public boolean loopbackOnly() {
        return HostNames.isLoopback(bind);
    }

    /** Whether the server listens on every interface ({@code 0.0.0.0}, {@code ::}). */
    public boolean wildcard() {
        return HostNames.isWildcard(bind);
    }

    /** {@code https} with TLS, else {@code http}. */
    public String scheme() {
        return tls.enabled() ? "https" : "http";
    }
}

package io.mortar.server.config;

import static java.util.Objects.requireNonNull;

/**
 * Where the HTTP server listens, and what its clients may ask of it. Loopback by default: Mortar does not verify
 * SigV4 signatures yet.
 */
public record ListenConfig(String bind, int port, RequestLimits limits) {
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
    }

    /** With this JVM's default limits. */
    public ListenConfig(String bind, int port) {
        this(bind, port, RequestLimits.defaults());
    }

    public ListenConfig withLimits(RequestLimits settings) {
        return new ListenConfig(bind, port, settings);
    }
}

package io.mortar.server.config;

/** Where the HTTP server listens. Loopback by default: Mortar does not verify SigV4 signatures yet. */
public record ListenConfig(String bind, int port) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8095;

    public ListenConfig {
        if (bind == null || bind.isBlank()) {
            throw new ConfigException("mortar.bind must name an address to listen on");
        }
        if (port < 0 || port > 65_535) {
            throw new ConfigException("mortar.port must be between 0 (any free port) and 65535, not " + port);
        }
    }
}

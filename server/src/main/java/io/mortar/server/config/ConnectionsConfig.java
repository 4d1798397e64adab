package io.mortar.server.config;

/**
 * How connection passwords are protected and tested.
 *
 * @param key the AES-256 key (base64 of 32 bytes) from {@code mortar.connections.key}, or null to use the key
 *     file {@code <data-dir>/connection.key}, generated on first start with owner-only permissions
 * @param testTimeoutSeconds how long TestConnection waits for a database
 */
public record ConnectionsConfig(String key, int testTimeoutSeconds) {
    public static final ConnectionsConfig DEFAULTS = new ConnectionsConfig(null, 10);

    public ConnectionsConfig {
        if (testTimeoutSeconds < 1) {
            throw new ConfigException("mortar.connections.test-timeout must be at least 1, not "
                    + testTimeoutSeconds);
        }
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "ConnectionsConfig[key=" + (key == null ? "<key file>" : "<set>") + ", testTimeoutSeconds="
                + testTimeoutSeconds + "]";
    }
}

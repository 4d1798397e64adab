package io.mortar.server.config;

/** A configuration value that cannot be used; the message names the setting. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}

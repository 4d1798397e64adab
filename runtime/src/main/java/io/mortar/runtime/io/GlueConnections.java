package io.mortar.runtime.io;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Connection;

/**
 * Catalog connections for sources and sinks: a connection's JDBC settings fetched through GetConnection (with its
 * password), and JDBC connection options that name a {@code connectionName} completed from it.
 */
public final class GlueConnections {
    private GlueConnections() {}

    public static JdbcConf jdbcConf(GlueClient glue, String name) {
        Connection connection = glue.getConnection(r -> r.name(name).hidePassword(false)).connection();
        Map<String, String> properties = connection.connectionPropertiesAsStrings();
        String url = properties.get("JDBC_CONNECTION_URL");
        if (url == null) {
            throw new IllegalArgumentException("The connection " + name + " is a " + connection.connectionTypeAsString()
                    + " connection without JDBC_CONNECTION_URL; a JDBC source or sink needs a JDBC connection");
        }
        String password = properties.get("PASSWORD");
        if (password == null && properties.containsKey("ENCRYPTED_PASSWORD")) {
            throw new IllegalStateException("The catalog returns the password of connection " + name + " encrypted"
                    + " (ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted); the runtime needs PASSWORD:"
                    + " turn that setting off to use the connection in jobs");
        }
        if (password == null && properties.containsKey("SECRET_ID")) {
            throw new IllegalStateException("The connection " + name + " keeps its credentials in SECRET_ID, a secrets"
                    + " manager Mortar does not have; give it USERNAME and PASSWORD");
        }
        return JdbcConf.of(name, url, properties.get("USERNAME"), password,
                "true".equals(properties.get("JDBC_ENFORCE_SSL")));
    }

    /**
     * JDBC connection options with {@code connectionName} replaced by the connection's {@code url}, {@code user},
     * {@code password} and {@code driver}; options given explicitly win, and {@code database} picks another
     * database on the connection's server. Options without {@code connectionName} come back unchanged.
     */
    public static Map<String, ?> resolve(Map<String, ?> options, Function<String, JdbcConf> connections) {
        if (options == null || options.get("connectionName") == null) {
            return options;
        }
        JdbcConf conf = connections.apply(String.valueOf(options.get("connectionName")));
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("url", options.containsKey("database") ? conf.urlFor(String.valueOf(options.get("database")))
                : conf.fullUrl());
        if (conf.user() != null) {
            resolved.put("user", conf.user());
        }
        if (conf.password() != null) {
            resolved.put("password", conf.password());
        }
        if (conf.driver() != null && !options.containsKey("customJdbcDriverClassName")) {
            resolved.put("customJdbcDriverClassName", conf.driver());
        }
        if (conf.enforceSsl()) {
            switch (conf.vendor()) {
                case "postgresql" -> resolved.put("sslmode", "require");
                case "mysql", "mariadb" -> resolved.put("sslMode", "trust");
                default -> { }
            }
        }
        for (Map.Entry<String, ?> option : options.entrySet()) {
            if (!option.getKey().equals("connectionName") && !option.getKey().equals("database")) {
                resolved.put(option.getKey(), option.getValue());
            }
        }
        return resolved;
    }
}

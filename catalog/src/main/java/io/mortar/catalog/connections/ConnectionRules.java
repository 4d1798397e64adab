package io.mortar.catalog.connections;

import io.mortar.model.GlueException;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.glue.model.AuthenticationConfigurationInput;

/**
 * What Glue checks in a connection beyond the service model's own constraints (lengths, patterns, the
 * ConnectionType and property-key enums, which the protocol edge enforces): the properties a connection type
 * needs and the values they may take. Messages name the field.
 */
final class ConnectionRules {
    /** Properties that hold secrets: stored encrypted, left out when HidePassword is set. */
    static final Set<String> SECRET_KEYS = Set.of("PASSWORD", "ENCRYPTED_PASSWORD", "KAFKA_CLIENT_KEYSTORE_PASSWORD",
            "KAFKA_CLIENT_KEY_PASSWORD", "ENCRYPTED_KAFKA_CLIENT_KEYSTORE_PASSWORD",
            "ENCRYPTED_KAFKA_CLIENT_KEY_PASSWORD", "KAFKA_SASL_PLAIN_PASSWORD", "ENCRYPTED_KAFKA_SASL_PLAIN_PASSWORD",
            "KAFKA_SASL_SCRAM_PASSWORD", "ENCRYPTED_KAFKA_SASL_SCRAM_PASSWORD");

    private ConnectionRules() {}

    /**
     * @param field where the properties are in the request ({@code ConnectionInput} or {@code TestConnectionInput})
     */
    static void check(String field, String type, Map<String, String> properties,
                      AuthenticationConfigurationInput authentication) {
        if (type == null || type.isEmpty()) {
            throw GlueException.invalidInput("%s.ConnectionType is required.", field);
        }
        if (properties == null) {
            throw GlueException.invalidInput("%s.ConnectionProperties is required.", field);
        }
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (property.getValue() == null || property.getValue().indexOf('\u0000') >= 0) {
                throw GlueException.invalidInput("%s.ConnectionProperties.%s must be a string without U+0000.",
                        field, property.getKey());
            }
        }
        String port = properties.get("PORT");
        if (port != null && !port.matches("\\d{1,5}")) {
            throw GlueException.invalidInput("%s.ConnectionProperties.PORT must be a port number, not '%s'.", field,
                    port);
        }
        if (type.equals("JDBC")) {
            checkJdbc(field, properties, authentication);
        }
    }

    private static void checkJdbc(String field, Map<String, String> properties,
                                  AuthenticationConfigurationInput authentication) {
        String url = properties.get("JDBC_CONNECTION_URL");
        if (url == null || url.isBlank()) {
            throw GlueException.invalidInput("%s.ConnectionProperties.JDBC_CONNECTION_URL is required for a JDBC"
                    + " connection.", field);
        }
        if (!url.startsWith("jdbc:") || url.length() <= "jdbc:".length() || url.indexOf(':', 5) < 0) {
            throw GlueException.invalidInput("%s.ConnectionProperties.JDBC_CONNECTION_URL must be a JDBC URL such as"
                    + " jdbc:postgresql://host:5432/db, not '%s'.", field, url);
        }
        String ssl = properties.get("JDBC_ENFORCE_SSL");
        if (ssl != null && !ssl.equals("true") && !ssl.equals("false")) {
            throw GlueException.invalidInput("%s.ConnectionProperties.JDBC_ENFORCE_SSL must be \"true\" or \"false\","
                    + " not '%s'.", field, ssl);
        }
        boolean secret = properties.containsKey("SECRET_ID")
                || authentication != null && authentication.secretArn() != null;
        boolean password = properties.containsKey("PASSWORD") || properties.containsKey("ENCRYPTED_PASSWORD");
        if (!secret && !(properties.containsKey("USERNAME") && password)) {
            throw GlueException.invalidInput("%s.ConnectionProperties must hold USERNAME and PASSWORD, or SECRET_ID,"
                    + " for a JDBC connection.", field);
        }
    }
}

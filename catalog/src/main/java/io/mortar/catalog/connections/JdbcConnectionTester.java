package io.mortar.catalog.connections;

import io.mortar.model.GlueException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * TestConnection for JDBC connections: opens a real connection with the connection's URL, user and password
 * (honouring {@code JDBC_ENFORCE_SSL}), runs the driver's validity check and closes it. A failure becomes an
 * InvalidInputException whose message names the cause: unknown host, refused, timeout, authentication, SSL,
 * unknown database or no driver. {@code jdbc:mysql:} URLs go through the MariaDB driver's MySQL compatibility.
 */
public final class JdbcConnectionTester {
    private final Duration timeout;

    public JdbcConnectionTester(Duration timeout) {
        this.timeout = timeout;
    }

    void test(String label, Map<String, String> properties) {
        try (Connection connection = open(label, properties)) {
            if (!connection.isValid((int) Math.max(1, timeout.toSeconds()))) {
                throw GlueException.invalidInput("Test connection failed for %s: the database did not answer a"
                        + " validity check.", label);
            }
        } catch (SQLException e) {
            throw GlueException.invalidInput("Test connection failed for %s: %s", label, e.getMessage());
        }
    }

    /**
     * Opens a JDBC connection as a connection's properties describe it (a crawl of a JDBC target reads through
     * it).
     *
     * @throws GlueException InvalidInput naming the cause: no driver, unreachable host, failed authentication, …
     */
    Connection open(String label, Map<String, String> properties) {
        if (properties.containsKey("SECRET_ID") && !properties.containsKey("PASSWORD")) {
            throw GlueException.invalidInput("Test connection failed for %s: SECRET_ID needs a secrets manager, which"
                    + " Mortar does not have; give USERNAME and PASSWORD.", label);
        }
        if (properties.containsKey("ENCRYPTED_PASSWORD") && !properties.containsKey("PASSWORD")) {
            throw GlueException.invalidInput("Test connection failed for %s: the password is given only as"
                    + " ENCRYPTED_PASSWORD; give PASSWORD.", label);
        }
        JdbcTarget target = JdbcTarget.of(properties.get("JDBC_CONNECTION_URL"),
                "true".equals(properties.get("JDBC_ENFORCE_SSL")), timeout);
        Properties info = target.properties();
        info.setProperty("user", properties.getOrDefault("USERNAME", ""));
        info.setProperty("password", properties.getOrDefault("PASSWORD", ""));
        Driver driver;
        try {
            driver = DriverManager.getDriver(target.url());
        } catch (SQLException e) {
            throw GlueException.invalidInput("Test connection failed for %s: no JDBC driver for %s (Mortar bundles"
                    + " PostgreSQL, MySQL/MariaDB and SQLite drivers).", label, target.vendor());
        }
        Connection connection;
        try {
            connection = driver.connect(target.url(), info);
        } catch (SQLException e) {
            throw GlueException.invalidInput("Test connection failed for %s: %s", label,
                    JdbcFailure.describe(e, target, info.getProperty("user")));
        }
        if (connection == null) {
            throw GlueException.invalidInput("Test connection failed for %s: the %s driver does not accept the"
                    + " URL.", label, target.vendor());
        }
        return connection;
    }

    /** Turns a driver's exception into the cause a user can act on. */
    static final class JdbcFailure {
        private JdbcFailure() {}

        static String describe(SQLException e, JdbcTarget target, String user) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            Throwable root = e;
            for (Throwable t = e; t != null; t = t.getCause()) {
                root = t;
                if (t instanceof UnknownHostException) {
                    return "unknown host " + target.host() + ".";
                }
                if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                    return "cannot reach " + target.host() + ":" + target.port() + " (" + t.getMessage() + ").";
                }
                if (t instanceof SocketTimeoutException) {
                    return "timed out connecting to " + target.host() + ":" + target.port() + ".";
                }
            }
            String message = String.valueOf(e.getMessage());
            String lower = message.toLowerCase(java.util.Locale.ROOT);
            if (state.startsWith("28") || lower.contains("access denied") || lower.contains("password authentication")) {
                return "authentication failed for user '" + user + "' (" + message + ").";
            }
            if (lower.contains("ssl")) {
                return "SSL is required (JDBC_ENFORCE_SSL) but could not be established (" + message + ").";
            }
            if (state.equals("3D000") || lower.contains("unknown database")) {
                return "the database does not exist (" + message + ").";
            }
            if (lower.contains("connection refused") || state.startsWith("08")) {
                return "cannot connect to " + target.host() + ":" + target.port() + " (" + message + ").";
            }
            return message + (root != e ? " (" + root.getMessage() + ")" : "");
        }
    }
}

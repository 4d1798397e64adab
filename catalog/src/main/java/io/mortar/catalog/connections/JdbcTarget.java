package io.mortar.catalog.connections;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * A JDBC_CONNECTION_URL understood well enough to connect: the vendor, host and port, the URL a bundled driver
 * takes, and the driver properties for timeouts and {@code JDBC_ENFORCE_SSL}.
 *
 * @param vendor {@code postgresql}, {@code mysql}, {@code mariadb}, {@code sqlite}, … (the URL's subprotocol)
 */
record JdbcTarget(String vendor, String url, String host, int port, Properties properties) {
    static JdbcTarget of(String url, boolean enforceSsl, Duration timeout) {
        String rest = url.substring("jdbc:".length());
        String vendor = rest.substring(0, Math.max(0, rest.indexOf(':'))).toLowerCase(Locale.ROOT);
        String host = "";
        int port = -1;
        try {
            URI uri = URI.create(rest);
            host = uri.getHost() == null ? "" : uri.getHost();
            port = uri.getPort();
        } catch (IllegalArgumentException e) {
            // not URI-shaped (Oracle, SQL Server): the driver reports what it cannot use
        }
        Properties properties = new Properties();
        String driverUrl = url;
        long seconds = Math.max(1, timeout.toSeconds());
        switch (vendor) {
            case "postgresql" -> {
                properties.setProperty("connectTimeout", Long.toString(seconds));
                properties.setProperty("loginTimeout", Long.toString(seconds));
                properties.setProperty("socketTimeout", Long.toString(seconds));
                if (enforceSsl) {
                    properties.setProperty("sslmode", "require");
                }
                port = port < 0 ? 5432 : port;
            }
            case "mysql", "mariadb" -> {
                properties.setProperty("connectTimeout", Long.toString(seconds * 1000));
                properties.setProperty("socketTimeout", Long.toString(seconds * 1000));
                if (enforceSsl) {
                    properties.setProperty("sslMode", "trust"); // encryption required; Glue checks no CA either
                }
                if (vendor.equals("mysql")) {
                    // MariaDB Connector/J serves jdbc:mysql: only when asked to, so Glue's MySQL URLs work as given.
                    driverUrl = url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
                }
                port = port < 0 ? 3306 : port;
            }
            default -> {
                // other drivers: their own defaults
            }
        }
        return new JdbcTarget(vendor, driverUrl, host, port, properties);
    }
}

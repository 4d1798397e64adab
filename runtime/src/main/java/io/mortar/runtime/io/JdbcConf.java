package io.mortar.runtime.io;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A JDBC connection's settings as a job needs them, Mortar's counterpart of Glue's {@code extract_jdbc_conf}:
 * {@code fullUrl} is the connection's JDBC_CONNECTION_URL as stored, {@code url} the same without its database
 * path (as Glue returns it, for jobs that append a database of their own), the user and password, the vendor
 * (the URL's subprotocol) and the driver class Spark loads for it.
 */
public record JdbcConf(String name, String fullUrl, String url, String user, String password, String vendor,
                       String driver, boolean enforceSsl) {
    public static JdbcConf of(String name, String fullUrl, String user, String password, boolean enforceSsl) {
        String rest = fullUrl.substring("jdbc:".length());
        String vendor = rest.substring(0, Math.max(0, rest.indexOf(':'))).toLowerCase(Locale.ROOT);
        return new JdbcConf(name, fullUrl, withoutDatabase(fullUrl), user, password, vendor, driverFor(vendor),
                enforceSsl);
    }

    /** The URL with its database replaced, for a read or write that names another database of the same server. */
    public String urlFor(String database) {
        String base = url.endsWith("/") ? url : url + "/";
        return base + database;
    }

    /** As Glue's extract_jdbc_conf returns it. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("url", url);
        map.put("fullUrl", fullUrl);
        map.put("user", user);
        map.put("password", password);
        map.put("vendor", vendor);
        if (driver != null) {
            map.put("driver", driver);
        }
        map.put("enforceSSL", Boolean.toString(enforceSsl));
        return map;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "JdbcConf[name=" + name + ", url=" + url + ", user=" + user + ", vendor=" + vendor + "]";
    }

    private static String withoutDatabase(String fullUrl) {
        String rest = fullUrl.substring("jdbc:".length());
        int scheme = rest.indexOf("://");
        if (scheme < 0) {
            return fullUrl; // not host/database-shaped (SQLite files, Oracle thin, SQL Server ;databaseName=)
        }
        try {
            URI uri = URI.create(rest);
            if (uri.getRawAuthority() == null) {
                return fullUrl;
            }
            return "jdbc:" + uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return fullUrl;
        }
    }

    private static String driverFor(String vendor) {
        return switch (vendor) {
            case "postgresql" -> "org.postgresql.Driver";
            case "mysql", "mariadb" -> "org.mariadb.jdbc.Driver";
            case "sqlite" -> "org.sqlite.JDBC";
            case "sqlserver" -> "com.microsoft.sqlserver.jdbc.SQLServerDriver";
            case "oracle" -> "oracle.jdbc.OracleDriver";
            case "redshift" -> "com.amazon.redshift.jdbc.Driver";
            default -> null;
        };
    }
}

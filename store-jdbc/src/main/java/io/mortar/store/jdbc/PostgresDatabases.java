package io.mortar.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL databases made for stores of their own and dropped again, through an admin URL (a role allowed to
 * CREATE DATABASE; credentials in its query): what benchmarks and tests give each server they start.
 */
public final class PostgresDatabases {
    private PostgresDatabases() {}

    /**
     * Creates database {@code name} and returns its URL, with the admin URL's credentials.
     *
     * @param options what follows {@code CREATE DATABASE name} (a template, a locale), or ""
     */
    public static String create(String adminUrl, String name, String options) {
        execute(adminUrl, "CREATE DATABASE " + name + options);
        return withDatabase(adminUrl, name);
    }

    /** Drops the database of {@code url}, ending the sessions still in it. */
    public static void drop(String adminUrl, String url) {
        execute(adminUrl, "DROP DATABASE IF EXISTS " + databaseName(url) + " WITH (FORCE)");
    }

    /**
     * {@code VACUUM (ANALYZE)} of the database now: the statistics autovacuum would bring a loaded table to at a moment
     * of its own choosing (until its first pass, a fresh database plans partition writes from no statistics at all).
     */
    public static void vacuumAnalyze(String url) {
        execute(url, "VACUUM (ANALYZE)");
    }

    /** The URL of another database on the same server, with the same query (credentials). */
    public static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    public static String databaseName(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.substring(base.lastIndexOf('/') + 1);
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}

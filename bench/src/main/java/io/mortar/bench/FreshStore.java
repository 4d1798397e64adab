package io.mortar.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An empty catalog store for one Mortar under test: a fresh temporary data directory (where SQLite keeps its
 * file) and, for PostgreSQL, a fresh database created through an admin URL. Closing deletes both, unless kept
 * to be inspected.
 */
final class FreshStore implements AutoCloseable {
    private final MortarTarget.Backend backend;
    private final Path dataDir;
    private final String postgresUrl;
    private final String pgAdminUrl;
    private final boolean keep;

    private FreshStore(MortarTarget.Backend backend, Path dataDir, String postgresUrl, String pgAdminUrl,
                       boolean keep) {
        this.backend = backend;
        this.dataDir = dataDir;
        this.postgresUrl = postgresUrl;
        this.pgAdminUrl = pgAdminUrl;
        this.keep = keep;
    }

    static FreshStore create(MortarTarget.Backend backend, String pgAdminUrl, boolean keep) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("mortar-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String postgresUrl = null;
        if (backend == MortarTarget.Backend.POSTGRESQL) {
            if (pgAdminUrl == null) {
                throw new IllegalArgumentException("PostgreSQL needs --pg-url or MORTAR_TEST_PG_URL");
            }
            String name = "mortar_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            execute(pgAdminUrl, "CREATE DATABASE " + name);
            postgresUrl = withDatabase(pgAdminUrl, name);
        }
        return new FreshStore(backend, dataDir, postgresUrl, pgAdminUrl, keep);
    }

    MortarTarget.Backend backend() {
        return backend;
    }

    Path dataDir() {
        return dataDir;
    }

    /** The fresh database's JDBC URL (credentials as in the admin URL), or null for SQLite. */
    String postgresUrl() {
        return postgresUrl;
    }

    /** What the stored catalog occupies on disk, for the report. */
    String footprint() {
        try {
            return String.format(postgresUrl != null ? "database %,d MB" : "catalog.db + WAL %,d MB", bytes() >> 20);
        } catch (SQLException e) {
            return "database size unknown (" + e.getMessage() + ")";
        } catch (IOException e) {
            return "database size unknown";
        }
    }

    /** The database's size in bytes: PostgreSQL's own count, or the files in the data directory (SQLite's). */
    long bytes() throws SQLException, IOException {
        if (postgresUrl != null) {
            try (Connection c = DriverManager.getConnection(postgresUrl); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_database_size(current_database())")) {
                rs.next();
                return rs.getLong(1);
            }
        }
        long bytes = 0;
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path f : files.toList()) {
                bytes += Files.size(f);
            }
        }
        return bytes;
    }

    /**
     * PostgreSQL: {@code VACUUM (ANALYZE)} now, the state autovacuum brings a loaded table to at a moment of its
     * own choosing, so that two stores compared are planned from statistics of the same moment. SQLite: nothing
     * (Mortar refreshes SQLite's statistics itself).
     */
    void vacuumAnalyze() throws SQLException {
        if (postgresUrl != null) {
            try (Connection c = DriverManager.getConnection(postgresUrl); Statement st = c.createStatement()) {
                st.execute("VACUUM (ANALYZE)");
            }
        }
    }

    @Override
    public void close() {
        if (keep) {
            Log.info("%s: data kept at %s", backend.label, postgresUrl != null ? postgresUrl : dataDir);
            return;
        }
        if (postgresUrl != null) {
            execute(pgAdminUrl, "DROP DATABASE IF EXISTS " + databaseName(postgresUrl) + " WITH (FORCE)");
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            Log.info("could not delete %s: %s", dataDir, e.getMessage());
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    static String databaseName(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.substring(base.lastIndexOf('/') + 1);
    }
}

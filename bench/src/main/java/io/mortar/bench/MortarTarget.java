package io.mortar.bench;

import io.mortar.server.MortarServer;
import io.mortar.server.config.ServerConfig;
import io.mortar.store.jdbc.StoreFootprint;
import io.mortar.store.jdbc.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.apache.commons.io.FileUtils;

/** Mortar in this JVM on 127.0.0.1 (any free port), with a fresh data directory and a fresh store. */
final class MortarTarget implements BenchTarget {
    enum Backend {
        SQLITE("sqlite", "Mortar/SQLite"),
        SQLITE_NORMAL("sqlite-normal", "Mortar/SQLite(sync=NORMAL)"),
        POSTGRESQL("postgresql", "Mortar/PostgreSQL");

        final String option;
        final String label;

        Backend(String option, String label) {
            this.option = option;
            this.label = label;
        }

        static Backend fromOption(String option) {
            for (Backend b : values()) {
                if (b.option.equalsIgnoreCase(option.trim())) {
                    return b;
                }
            }
            throw new IllegalArgumentException("Unknown backend " + option + " (sqlite, sqlite-normal, postgresql)");
        }
    }

    private final Backend backend;
    private final Path dataDir;
    private final StoreSettings store;
    private final String pgAdminUrl;
    private final boolean keep;
    private final MortarServer server;

    private MortarTarget(Backend backend, Path dataDir, StoreSettings store, String pgAdminUrl, boolean keep) {
        this.backend = backend;
        this.dataDir = dataDir;
        this.store = store;
        this.pgAdminUrl = pgAdminUrl;
        this.keep = keep;
        this.server = MortarServer.start(ServerConfig.embedded(dataDir, 0).withStore(store));
    }

    static MortarTarget start(Backend backend, String pgAdminUrl, boolean keep) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("mortar-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StoreSettings store = switch (backend) {
            case SQLITE -> StoreSettings.sqliteIn(dataDir);
            case SQLITE_NORMAL -> {
                StoreSettings full = StoreSettings.sqliteIn(dataDir);
                yield new StoreSettings(full.url(), null, null, full.maxConnections(), false);
            }
            case POSTGRESQL -> {
                if (pgAdminUrl == null) {
                    throw new IllegalArgumentException("PostgreSQL needs --pg-url or MORTAR_TEST_PG_URL");
                }
                String name = "mortar_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                execute(pgAdminUrl, "CREATE DATABASE " + name);
                yield new StoreSettings(withDatabase(pgAdminUrl, name), null, null, 16, true);
            }
        };
        Log.info("%s: store %s", backend.label, store.url().replaceAll("password=[^&]*", "password=***"));
        return new MortarTarget(backend, dataDir, store, pgAdminUrl, keep);
    }

    @Override
    public String name() {
        return backend.label;
    }

    @Override
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public String footprint() {
        try {
            return String.format(backend == Backend.POSTGRESQL ? "database %,d MB" : "catalog.db + WAL %,d MB",
                    StoreFootprint.bytes(store) >> 20);
        } catch (RuntimeException e) {
            return "database size unknown (" + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        server.close();
        if (keep) {
            Log.info("%s: data kept at %s", backend.label, backend == Backend.POSTGRESQL ? store.url() : dataDir);
            return;
        }
        if (backend == Backend.POSTGRESQL) {
            execute(pgAdminUrl, "DROP DATABASE IF EXISTS " + databaseName(store.url()) + " WITH (FORCE)");
        }
        try {
            FileUtils.deleteDirectory(dataDir.toFile());
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

    private static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    private static String databaseName(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.substring(base.lastIndexOf('/') + 1);
    }
}

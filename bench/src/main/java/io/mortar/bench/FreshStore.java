package io.mortar.bench;

import io.mortar.store.jdbc.PostgresDatabases;
import io.mortar.store.jdbc.StoreFootprint;
import io.mortar.store.jdbc.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.commons.io.FileUtils;

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
            postgresUrl = PostgresDatabases.create(pgAdminUrl, name, "");
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
        } catch (RuntimeException e) {
            return "database size unknown (" + e.getMessage() + ")";
        }
    }

    /** The store's size in bytes. */
    long bytes() {
        StoreSettings store = postgresUrl != null ? StoreSettings.of(postgresUrl) : StoreSettings.sqliteIn(dataDir);
        return StoreFootprint.bytes(store);
    }

    /**
     * PostgreSQL: {@code VACUUM (ANALYZE)} now, the state autovacuum brings a loaded table to at a moment of its
     * own choosing, so that two stores compared are planned from statistics of the same moment. SQLite: nothing
     * (Mortar refreshes SQLite's statistics itself).
     */
    void vacuumAnalyze() {
        if (postgresUrl != null) {
            PostgresDatabases.vacuumAnalyze(postgresUrl);
        }
    }

    @Override
    public void close() {
        if (keep) {
            Log.info("%s: data kept at %s", backend.label, postgresUrl != null ? postgresUrl : dataDir);
            return;
        }
        if (postgresUrl != null) {
            PostgresDatabases.drop(pgAdminUrl, postgresUrl);
        }
        try {
            FileUtils.deleteDirectory(dataDir.toFile());
        } catch (IOException e) {
            Log.info("could not delete %s: %s", dataDir, e.getMessage());
        }
    }
}

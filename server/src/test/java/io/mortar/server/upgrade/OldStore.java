package io.mortar.server.upgrade;

import io.mortar.server.MortarServer;
import io.mortar.server.config.ServerConfig;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.jdbc.testing.StoreInspection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.io.FileUtils;

/**
 * A store an older Mortar wrote, restored from the fixture in {@code src/test/resources/upgrade/<backend>/} (made
 * by server/src/test/upgrade/generate-fixture.sh) into a temporary data directory, and for PostgreSQL a new
 * database: SQLite's {@code catalog.db} as the old server left it, or the PostgreSQL dump loaded into the fresh
 * database; either way with the old data directory's {@code connection.key}.
 */
final class OldStore implements AutoCloseable {
    private final StoreBackend backend;
    private final Path dataDir;
    private final StoreSettings settings;

    private OldStore(StoreBackend backend, Path dataDir, StoreSettings settings) {
        this.backend = backend;
        this.dataDir = dataDir;
        this.settings = settings;
    }

    static OldStore restore(StoreBackend backend) throws IOException, SQLException {
        Path dataDir = StoreBackend.tempDir("mortar-upgrade");
        StoreSettings settings = null;
        try {
            Path key = Files.write(dataDir.resolve("connection.key"), resource(backend, "connection.key"));
            // As the old server left it: the server refuses a key file others can read (git keeps no such mode).
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            if (backend == StoreBackend.SQLITE) {
                Files.write(dataDir.resolve("catalog.db"), gunzip(resource(backend, "catalog.db.gz")));
                return new OldStore(backend, dataDir, StoreSettings.sqliteIn(dataDir));
            }
            settings = backend.create(dataDir);
            // a plain pg_dump; the generator strips psql's \\restrict lines, which are no SQL
            StoreInspection.runScript(settings, new String(gunzip(resource(backend, "dump.sql.gz")),
                    StandardCharsets.UTF_8));
            return new OldStore(backend, dataDir, settings);
        } catch (IOException | SQLException | RuntimeException e) {
            if (settings != null) {
                backend.dispose(settings);
            }
            FileUtils.deleteQuietly(dataDir.toFile());
            throw e;
        }
    }

    /** What the old server answered about this store. */
    static String expectedSnapshot(StoreBackend backend) throws IOException {
        return new String(gunzip(resource(backend, "expected.json.gz")), StandardCharsets.UTF_8);
    }

    /** A server of this build on the store: it migrates the store as it opens it. */
    MortarServer open() {
        return MortarServer.start(ServerConfig.embedded(dataDir, 0).withStore(settings));
    }

    StoreSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        backend.dispose(settings);
        FileUtils.deleteQuietly(dataDir.toFile());
    }

    private static byte[] resource(StoreBackend backend, String name) throws IOException {
        String path = "/upgrade/" + backend.name().toLowerCase(Locale.ROOT) + "/" + name;
        try (InputStream in = OldStore.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing upgrade fixture " + path
                        + ": run server/src/test/upgrade/generate-fixture.sh");
            }
            return in.readAllBytes();
        }
    }

    private static byte[] gunzip(byte[] compressed) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return backend + " store from the upgrade fixture in " + dataDir;
    }
}

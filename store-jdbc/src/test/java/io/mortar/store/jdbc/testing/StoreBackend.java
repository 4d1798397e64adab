package io.mortar.store.jdbc.testing;

import io.mortar.store.jdbc.Jdbc;
import io.mortar.store.jdbc.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The two stores every contract test runs against; each {@link #create} gives a new, empty store. */
public enum StoreBackend {
    SQLITE {
        @Override
        public StoreSettings create(Path dir) {
            return StoreSettings.sqliteIn(dir);
        }
    },
    POSTGRESQL {
        @Override
        public StoreSettings create(Path dir) {
            return StoreSettings.of(TestPostgres.createDatabase("mortar_t"));
        }

        @Override
        public void dispose(StoreSettings settings) {
            TestPostgres.dropDatabase(settings.url());
        }
    };

    public abstract StoreSettings create(Path dir);

    public void dispose(StoreSettings settings) {}

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain connection to the store, beside the store's own pools, to look at (or tamper with) its rows. */
    public static Connection connect(StoreSettings settings) throws SQLException {
        return Jdbc.unpooledDataSource(settings).getConnection();
    }

    /** The store's database as an unpooled data source, for Flyway in tests that start from an older schema. */
    public static DataSource dataSource(StoreSettings settings) {
        return Jdbc.unpooledDataSource(settings);
    }
}

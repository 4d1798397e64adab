package io.mortar.catalog.testing;

import io.mortar.catalog.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}

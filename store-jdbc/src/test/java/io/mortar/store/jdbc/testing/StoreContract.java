package io.mortar.store.jdbc.testing;

import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreSettings;
import java.nio.file.Path;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The base of a store contract: a subclass's tests run once per backend (SQLite, then PostgreSQL), each run on a
 * store of its own, opened (and migrated) before the first test and closed after the last, with no HTTP between the
 * test and the store. Tests share the store, so each uses names of its own ({@link #unique}).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContract {
    @Parameter
    protected StoreBackend backend;

    private StoreBackend opened;
    private Path dataDir;
    private StoreSettings settings;
    private JdbcStores stores;
    private int names;

    @BeforeParameterizedClassInvocation
    void openStore(StoreBackend backend) {
        opened = backend;
        dataDir = StoreBackend.tempDir("store-contract");
        settings = backend.create(dataDir);
        stores = JdbcStores.open(settings);
    }

    @AfterParameterizedClassInvocation
    void closeStore() {
        try {
            if (stores != null) {
                stores.close();
            }
            if (settings != null) {
                opened.dispose(settings);
            }
        } finally {
            if (dataDir != null) {
                FileUtils.deleteQuietly(dataDir.toFile()); // the SQLite file; a PostgreSQL run's is empty
            }
            dataDir = null;
            // One instance serves every backend: a backend that does not open (PostgreSQL not configured, so
            // skipped) must find nothing of the previous backend's to close and dispose again as its own.
            stores = null;
            settings = null;
        }
    }

    /** Every store of the backend under test, over one database. */
    protected JdbcStores stores() {
        return stores;
    }

    protected StoreSettings settings() {
        return settings;
    }

    /** A name no other test of this class used: {@code prefix} and a counter. */
    protected String unique(String prefix) {
        return prefix + "_" + (++names);
    }
}

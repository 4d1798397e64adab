package io.mortar.server.classifiers;

import io.mortar.store.jdbc.testing.StoreBackend;

/** The custom-classifier API contract on the embedded store, SQLite. */
class SqliteClassifierApiTest extends ClassifierApiContract {
    @Override
    StoreBackend backend() {
        return StoreBackend.SQLITE;
    }
}

package io.mortar.server.jobs;

import io.mortar.store.jdbc.testing.StoreBackend;

/** The job API contract on the embedded store, SQLite. */
class SqliteJobApiTest extends JobApiContract {
    @Override
    StoreBackend backend() {
        return StoreBackend.SQLITE;
    }
}

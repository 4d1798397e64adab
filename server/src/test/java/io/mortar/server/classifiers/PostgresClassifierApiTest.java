package io.mortar.server.classifiers;

import io.mortar.store.jdbc.testing.StoreBackend;

/** The custom-classifier API contract on PostgreSQL (from MORTAR_TEST_PG_URL; skipped without it, failed on CI). */
class PostgresClassifierApiTest extends ClassifierApiContract {
    @Override
    StoreBackend backend() {
        return StoreBackend.POSTGRESQL;
    }
}

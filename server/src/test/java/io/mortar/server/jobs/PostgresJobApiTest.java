package io.mortar.server.jobs;

import io.mortar.store.jdbc.testing.StoreBackend;

/** The job API contract on PostgreSQL (from MORTAR_TEST_PG_URL; skipped without it, failed on CI). */
class PostgresJobApiTest extends JobApiContract {
    @Override
    StoreBackend backend() {
        return StoreBackend.POSTGRESQL;
    }
}

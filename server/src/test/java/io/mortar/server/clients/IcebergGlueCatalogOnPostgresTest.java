package io.mortar.server.clients;

import io.mortar.store.jdbc.testing.StoreBackend;

/**
 * Iceberg's GlueCatalog against Mortar on PostgreSQL, where UpdateTable's version check must hold under READ
 * COMMITTED with truly parallel transactions. Skipped without MORTAR_TEST_PG_URL (failed on CI).
 */
class IcebergGlueCatalogOnPostgresTest extends IcebergGlueCatalogContract {
    @Override
    protected StoreBackend backend() {
        return StoreBackend.POSTGRESQL;
    }
}

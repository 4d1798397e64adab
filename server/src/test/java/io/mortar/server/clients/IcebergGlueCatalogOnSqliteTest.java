package io.mortar.server.clients;

import io.mortar.store.jdbc.testing.StoreBackend;

/** Iceberg's GlueCatalog against Mortar on SQLite. */
class IcebergGlueCatalogOnSqliteTest extends IcebergGlueCatalogContract {
    @Override
    protected StoreBackend backend() {
        return StoreBackend.SQLITE;
    }
}

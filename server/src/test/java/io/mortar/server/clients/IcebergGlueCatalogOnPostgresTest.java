package io.mortar.server.clients;

import io.mortar.catalog.testing.StoreBackend;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Iceberg's GlueCatalog against Mortar on PostgreSQL, where UpdateTable's version check must hold under READ
 * COMMITTED with truly parallel transactions. Skipped without MORTAR_TEST_PG_URL (failed on CI).
 */
class IcebergGlueCatalogOnPostgresTest extends IcebergGlueCatalogContract {
    @Override
    protected StoreBackend backend() {
        return StoreBackend.POSTGRESQL;
    }

    @Override
    @Test
    @Disabled("Mortar bug: on PostgreSQL the losing archived UpdateTable (SkipArchive=false, same VersionId) answers "
            + "500 InternalServiceException 'duplicate key value violates unique constraint \"table_versions_pkey\"' "
            + "instead of ConcurrentModificationException (19 of 25 runs); see RacingTableUpdatesTest")
    void twoArchivingCommitsFromOneBaseAtTheSameInstantBothLand() throws Exception {
        super.twoArchivingCommitsFromOneBaseAtTheSameInstantBothLand();
    }
}

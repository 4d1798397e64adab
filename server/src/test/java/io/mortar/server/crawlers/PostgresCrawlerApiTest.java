package io.mortar.server.crawlers;

import io.mortar.store.jdbc.testing.StoreBackend;

/** The crawler API contract on PostgreSQL (from MORTAR_TEST_PG_URL; skipped without it, failed on CI). */
class PostgresCrawlerApiTest extends CrawlerApiContract {
    @Override
    StoreBackend backend() {
        return StoreBackend.POSTGRESQL;
    }
}

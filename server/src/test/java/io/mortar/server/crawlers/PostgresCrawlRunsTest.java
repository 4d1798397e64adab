package io.mortar.server.crawlers;

import io.mortar.store.jdbc.testing.StoreBackend;

/** Crawls on the Postgres store. */
class PostgresCrawlRunsTest extends CrawlRunsContract {
    @Override
    StoreBackend backend() {
        return StoreBackend.POSTGRESQL;
    }
}

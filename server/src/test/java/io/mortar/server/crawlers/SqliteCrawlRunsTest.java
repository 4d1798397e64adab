package io.mortar.server.crawlers;

import io.mortar.catalog.testing.StoreBackend;

/** Crawls on the Sqlite store. */
class SqliteCrawlRunsTest extends CrawlRunsContract {
    @Override
    StoreBackend backend() {
        return StoreBackend.SQLITE;
    }
}

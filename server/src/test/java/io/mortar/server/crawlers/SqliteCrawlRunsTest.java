package io.mortar.server.crawlers;

import io.mortar.store.jdbc.testing.StoreBackend;

/** Crawls on the Sqlite store. */
class SqliteCrawlRunsTest extends CrawlRunsContract {
    @Override
    StoreBackend backend() {
        return StoreBackend.SQLITE;
    }
}

package io.mortar.server.crawlers;

import io.mortar.store.jdbc.testing.StoreBackend;

/** The crawler API contract on the embedded store, SQLite. */
class SqliteCrawlerApiTest extends CrawlerApiContract {
    @Override
    StoreBackend backend() {
        return StoreBackend.SQLITE;
    }
}

package io.mortar.server.clients;

import io.mortar.store.jdbc.testing.StoreBackend;

class SqliteAuthContractTest extends AuthContract {
    @Override
    StoreBackend backend() {
        return StoreBackend.SQLITE;
    }
}

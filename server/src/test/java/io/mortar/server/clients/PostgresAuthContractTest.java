package io.mortar.server.clients;

import io.mortar.store.jdbc.testing.StoreBackend;

class PostgresAuthContractTest extends AuthContract {
    @Override
    StoreBackend backend() {
        return StoreBackend.POSTGRESQL;
    }
}

package io.mortar.server.contract;

import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The Data Catalog contract: every catalog operation Mortar serves, driven through HTTP by the AWS SDK's own
 * {@code GlueClient}, exactly as a Glue user calls it. The tests live in one abstract group per resource
 * ({@link DatabaseContract}, {@link PartitionContract}, …); each backend's subclass declares every group as a
 * {@code @Nested} class, so reports name the backend, and starts one server that all its groups share. Tests
 * therefore name the objects they create uniquely and never assume an otherwise empty catalog.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CatalogContractTest {
    private TestServer server;
    private GlueClient client;

    /** The store the server under test runs on. */
    abstract StoreBackend backend();

    @BeforeAll
    void startServer() {
        server = TestServer.start(backend());
        client = server.client();
    }

    @AfterAll
    void stopServer() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The running server, for the nested groups' constructors. */
    TestServer running() {
        return server;
    }

    /** One SDK client for all groups: building a client per test would only slow the suite down. */
    GlueClient client() {
        return client;
    }
}

package io.mortar.server;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.catalog.TagService;
import io.mortar.catalog.connections.ConnectionKey;
import io.mortar.catalog.connections.ConnectionService;
import io.mortar.catalog.connections.JdbcConnectionTester;
import io.mortar.catalog.connections.PasswordCipher;
import io.mortar.server.config.ConfigException;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.protocol.GlueOperations;
import io.mortar.store.connections.ConnectionStore;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.glue.model.BatchDeleteConnectionRequest;
import software.amazon.awssdk.services.glue.model.CreateConnectionRequest;
import software.amazon.awssdk.services.glue.model.DeleteConnectionRequest;
import software.amazon.awssdk.services.glue.model.GetConnectionRequest;
import software.amazon.awssdk.services.glue.model.GetConnectionsRequest;
import software.amazon.awssdk.services.glue.model.GetDataCatalogEncryptionSettingsRequest;
import software.amazon.awssdk.services.glue.model.PutDataCatalogEncryptionSettingsRequest;
import software.amazon.awssdk.services.glue.model.TestConnectionRequest;
import software.amazon.awssdk.services.glue.model.UpdateConnectionRequest;

/** The connection operations and the catalog's encryption settings. */
final class ConnectionsApi {
    private ConnectionsApi() {}

    /** The key stored secrets are encrypted with: connections' passwords, and access keys' secrets. */
    static ConnectionKey key(ServerConfig config) {
        try {
            return ConnectionKey.resolve(config.connections().key(), config.dataDir());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** @return the connection service, for crawls of JDBC targets */
    static ConnectionService register(GlueOperations ops, ConnectionStore store, TagService tags, ServerConfig config,
                                      ConnectionKey key, Clock clock) {
        CatalogIdentity identity = config.identity();
        ConnectionService connections = new ConnectionService(store, new PasswordCipher(key),
                new JdbcConnectionTester(Duration.ofSeconds(config.connections().testTimeoutSeconds())), identity,
                clock);
        ops.add("CreateConnection", CreateConnectionRequest::builder, connections::createConnection)
                .add("GetConnection", GetConnectionRequest::builder, connections::getConnection)
                .add("GetConnections", GetConnectionsRequest::builder, connections::getConnections)
                .add("UpdateConnection", UpdateConnectionRequest::builder, connections::updateConnection)
                .add("DeleteConnection", DeleteConnectionRequest::builder, connections::deleteConnection)
                .add("BatchDeleteConnection", BatchDeleteConnectionRequest::builder,
                        connections::batchDeleteConnection)
                .add("TestConnection", TestConnectionRequest::builder, connections::testConnection);
        var settings = connections.encryptionSettings();
        ops.add("GetDataCatalogEncryptionSettings", GetDataCatalogEncryptionSettingsRequest::builder,
                        settings::getSettings)
                .add("PutDataCatalogEncryptionSettings", PutDataCatalogEncryptionSettingsRequest::builder,
                        settings::putSettings);
        // Connection names keep their case; an ARN's name is everything after "connection/".
        tags.registerResourceKind("connection", false,
                path -> connections.exists(String.join("/", path)));
        return connections;
    }
}

package io.mortar.server.upgrade;

import static io.mortar.server.upgrade.SnapshotJson.glue;
import static io.mortar.server.upgrade.SnapshotJson.object;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Connection;

/**
 * The connections part of a {@link StoreSnapshot}: every connection with its passwords (decrypted with the store's
 * connection key, which proves the key and the ciphertext both survived) and without them, its tags, and the
 * catalog's encryption settings.
 */
final class ConnectionReadings {
    private final GlueClient glue;
    private final ResourceTags tags;

    ConnectionReadings(GlueClient glue, ResourceTags tags) {
        this.glue = requireNonNull(glue, "glue");
        this.tags = requireNonNull(tags, "tags");
    }

    ObjectNode read() {
        ObjectNode out = object();
        List<Connection> withPasswords = connections(false);
        out.set("GetConnections HidePassword=false", glue(withPasswords));
        out.set("GetConnections HidePassword=true", glue(connections(true)));
        ObjectNode byName = out.putObject("connections");
        for (Connection connection : withPasswords) {
            String name = connection.name();
            ObjectNode one = byName.putObject(name);
            one.set("GetConnection", glue(glue.getConnection(r -> r.name(name).hidePassword(false)).connection()));
            one.set("GetTags", tags.of("connection/" + name));
        }
        out.set("GetDataCatalogEncryptionSettings", glue(glue.getDataCatalogEncryptionSettings(r -> { })
                .dataCatalogEncryptionSettings()));
        return out;
    }

    private List<Connection> connections(boolean hidePassword) {
        List<Connection> out = new ArrayList<>();
        glue.getConnectionsPaginator(r -> r.hidePassword(hidePassword).maxResults(1))
                .forEach(page -> out.addAll(page.connectionList()));
        return out;
    }
}

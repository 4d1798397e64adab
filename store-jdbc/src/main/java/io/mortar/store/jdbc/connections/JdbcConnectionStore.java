package io.mortar.store.jdbc.connections;

import static io.mortar.store.jdbc.Sql.instant;
import static io.mortar.store.jdbc.Sql.list;
import static io.mortar.store.jdbc.Sql.one;
import static io.mortar.store.jdbc.Sql.update;
import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.connections.ConnectionStore;
import io.mortar.store.connections.StoredConnection;
import io.mortar.store.jdbc.Jdbc;
import io.mortar.store.jdbc.ResourceTags;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * Connections and catalog settings in the catalog's database (schema in {@code V5__connections.sql}), one
 * transaction per operation. Connection tags live in the catalog's {@code tags} table under the connection's ARN.
 */
public final class JdbcConnectionStore implements ConnectionStore {
    private static final String COLUMNS = "name, connection_type, document, secrets, create_time, update_time";

    private final Jdbc jdbc;

    public JdbcConnectionStore(Jdbc jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    @Override
    public void create(StoredConnection connection, String arn, Map<String, String> tags) {
        jdbc.inTransaction(c -> {
            ResourceTags.insertTagged(c, "INSERT INTO connections (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (name) DO NOTHING", new Object[] {connection.name(), connection.connectionType(),
                    connection.document(), connection.secrets(), connection.createTime(), connection.updateTime()},
                    arn, tags, () -> GlueException.alreadyExists("Connection %s already exists.", connection.name()));
            return null;
        });
    }

    @Override
    public Optional<StoredConnection> get(String name) {
        return jdbc.read(c -> one(c, "SELECT " + COLUMNS + " FROM connections WHERE name = ?",
                JdbcConnectionStore::connection, name));
    }

    /** Connections in name order after {@code afterName}, of one type when {@code type} is not null. */
    @Override
    public Page<StoredConnection> listConnections(String type, String afterName, int limit) {
        String after = afterName == null ? "" : afterName;
        return jdbc.read(c -> Page.of(type == null
                ? list(c, "SELECT " + COLUMNS + " FROM connections WHERE name > ? ORDER BY name LIMIT ?",
                        JdbcConnectionStore::connection, after, limit + 1)
                : list(c, "SELECT " + COLUMNS + " FROM connections WHERE connection_type = ? AND name > ?"
                        + " ORDER BY name LIMIT ?", JdbcConnectionStore::connection, type, after, limit + 1),
                limit, StoredConnection::name));
    }

    /**
     * Replaces the connection {@code name} with {@code replacement}, which may carry a new name; its tags follow
     * it. False when there is no connection {@code name}.
     */
    @Override
    public boolean replace(String name, StoredConnection replacement, String oldArn, String newArn) {
        return jdbc.inTransaction(c -> {
            Optional<StoredConnection> current = one(c, "SELECT " + COLUMNS + " FROM connections WHERE name = ?"
                    + jdbc.dialect().rowLock(true), JdbcConnectionStore::connection, name);
            if (current.isEmpty()) {
                return false;
            }
            boolean renamed = !name.equals(replacement.name());
            if (renamed && one(c, "SELECT 1 FROM connections WHERE name = ?", rs -> 1, replacement.name())
                    .isPresent()) {
                throw GlueException.alreadyExists("Connection %s already exists.", replacement.name());
            }
            try {
                update(c, "UPDATE connections SET name = ?, connection_type = ?, document = ?, secrets = ?,"
                                + " update_time = ? WHERE name = ?", replacement.name(), replacement.connectionType(),
                        replacement.document(), replacement.secrets(), replacement.updateTime(), name);
            } catch (SQLException e) {
                // PostgreSQL, READ COMMITTED: a connection of the new name committed after the check above.
                if (jdbc.dialect().isUniqueViolation(e)) {
                    throw GlueException.alreadyExists("Connection %s already exists.", replacement.name());
                }
                throw e;
            }
            if (renamed) {
                update(c, "DELETE FROM tags WHERE resource_arn = ?", newArn);
                update(c, "UPDATE tags SET resource_arn = ? WHERE resource_arn = ?", newArn, oldArn);
            }
            return true;
        });
    }

    @Override
    public boolean delete(String name, String arn) {
        return jdbc.inTransaction(c -> {
            if (update(c, "DELETE FROM connections WHERE name = ?", name) == 0) {
                return false;
            }
            update(c, "DELETE FROM tags WHERE resource_arn = ?", arn);
            return true;
        });
    }

    @Override
    public Optional<String> setting(String name) {
        return jdbc.read(c -> one(c, "SELECT document FROM catalog_settings WHERE name = ?", rs -> rs.getString(1),
                name));
    }

    @Override
    public void putSetting(String name, String document) {
        jdbc.inTransaction(c -> update(c, "INSERT INTO catalog_settings (name, document) VALUES (?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET document = excluded.document", name, document));
    }

    private static StoredConnection connection(ResultSet rs) throws SQLException {
        return new StoredConnection(rs.getString("name"), rs.getString("connection_type"), rs.getString("document"),
                rs.getString("secrets"), instant(rs, "create_time"), instant(rs, "update_time"));
    }
}

package io.mortar.store.jdbc.auth;

import static io.mortar.store.jdbc.Sql.instant;
import static io.mortar.store.jdbc.Sql.one;
import static io.mortar.store.jdbc.Sql.update;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import io.mortar.store.auth.AccessKeyStore;
import io.mortar.store.auth.KeyKind;
import io.mortar.store.auth.StoredAccessKey;
import io.mortar.store.jdbc.Jdbc;
import io.mortar.store.jdbc.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Access keys in the catalog's database (schema in {@code V18__access_keys.sql}), one transaction per operation.
 * Every write that changes a key increases the one-row {@code access_key_generation} counter in the same
 * transaction, so the counter cannot miss a committed change. It does so last, after its keys' rows: a writer holding
 * the counter's row lock waits for no key, so writers racing for one key queue on the key, not in a cycle.
 */
public final class JdbcAccessKeyStore implements AccessKeyStore {
    private static final String COLUMNS = "access_key_id, name, kind, secret_ciphertext, session_token_hash, policies,"
            + " owner, create_time, expire_time";
    private static final TypeReference<List<String>> POLICY_LIST = new TypeReference<>() {};

    private final Jdbc jdbc;

    public JdbcAccessKeyStore(Jdbc jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    @Override
    public void create(StoredAccessKey key) {
        requireNonNull(key, "key");
        jdbc.inTransaction(c -> {
            // No conflict target: a taken id and a taken name both insert nothing. A creator racing another for the
            // same name (PostgreSQL runs them side by side) waits for it and then inserts nothing too, instead of
            // failing on a unique-key violation.
            int inserted = update(c, "INSERT INTO access_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING", key.accessKeyId(), key.name(), key.kind().name(),
                    key.secretCiphertext(), key.sessionTokenHash().orElse(null), policiesJson(key.policies()),
                    key.owner().orElse(null), key.createdAt(), key.expiresAt().orElse(null));
            if (inserted == 0) {
                throw alreadyExists(c, key);
            }
            bumpGeneration(c);
            return null;
        });
    }

    /** Which of the new key's id and name is taken (its own statement, so PostgreSQL sees the row that won). */
    private static GlueException alreadyExists(Connection c, StoredAccessKey key) throws SQLException {
        if (one(c, "SELECT 1 FROM access_keys WHERE access_key_id = ?", rs -> 1, key.accessKeyId()).isPresent()) {
            return GlueException.alreadyExists("Access key %s already exists.", key.accessKeyId());
        }
        return GlueException.alreadyExists("An access key named %s already exists.", key.name());
    }

    @Override
    public Optional<StoredAccessKey> find(String accessKeyId) {
        return jdbc.read(c -> one(c, "SELECT " + COLUMNS + " FROM access_keys WHERE access_key_id = ?",
                JdbcAccessKeyStore::key, accessKeyId));
    }

    @Override
    public Optional<StoredAccessKey> findByName(String name) {
        return jdbc.read(c -> one(c, "SELECT " + COLUMNS + " FROM access_keys WHERE name = ?",
                JdbcAccessKeyStore::key, name));
    }

    @Override
    public List<StoredAccessKey> list(Set<KeyKind> kinds) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        Object[] names = kinds.stream().map(KeyKind::name).toArray();
        String marks = String.join(", ", Collections.nCopies(names.length, "?"));
        return jdbc.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM access_keys WHERE kind IN (" + marks + ")"
                + " ORDER BY name", JdbcAccessKeyStore::key, names));
    }

    @Override
    public boolean replacePolicies(String accessKeyId, List<String> policies) {
        String json = policiesJson(policies);
        return jdbc.inTransaction(c -> changed(c, update(c, "UPDATE access_keys SET policies = ?"
                + " WHERE access_key_id = ?", json, accessKeyId)) > 0);
    }

    @Override
    public boolean delete(String accessKeyId) {
        return jdbc.inTransaction(c -> changed(c, update(c, "DELETE FROM access_keys WHERE access_key_id = ?",
                accessKeyId)) > 0);
    }

    @Override
    public int deleteOwnedBy(String owner) {
        return jdbc.inTransaction(c -> changed(c, update(c, "DELETE FROM access_keys WHERE owner = ? AND kind = ?",
                owner, KeyKind.RUN.name())));
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbc.inTransaction(c -> changed(c, update(c, "DELETE FROM access_keys WHERE expire_time < ?", now)));
    }

    @Override
    public long generation() {
        return jdbc.read(c -> one(c, "SELECT generation FROM access_key_generation WHERE id = 1",
                rs -> rs.getLong(1)).orElseThrow(() -> new IllegalStateException(
                        "access_key_generation has no row: the V18 migration did not run as written")));
    }

    /**
     * Counts a write's rows; when it changed any, the generation too. A write that changed nothing (a periodic
     * clean-up finding no expired key) leaves it, so caches are not thrown away for nothing.
     */
    private static int changed(Connection c, int rows) throws SQLException {
        if (rows > 0) {
            bumpGeneration(c);
        }
        return rows;
    }

    private static void bumpGeneration(Connection c) throws SQLException {
        update(c, "UPDATE access_key_generation SET generation = generation + 1 WHERE id = 1");
    }

    private static String policiesJson(List<String> policies) {
        try {
            return GlueJson.mapper().writeValueAsString(List.copyOf(policies));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A list of strings always serialises", e);
        }
    }

    private static StoredAccessKey key(ResultSet rs) throws SQLException {
        List<String> policies;
        try {
            policies = GlueJson.mapper().readValue(rs.getString("policies"), POLICY_LIST);
        } catch (JsonProcessingException e) {
            throw new SQLException("Access key " + rs.getString("access_key_id") + " has unreadable policies", e);
        }
        return new StoredAccessKey(rs.getString("access_key_id"), rs.getString("name"),
                KeyKind.valueOf(rs.getString("kind")), rs.getString("secret_ciphertext"),
                Optional.ofNullable(rs.getString("session_token_hash")), policies,
                Optional.ofNullable(rs.getString("owner")), instant(rs, "create_time"),
                Optional.ofNullable(instant(rs, "expire_time")));
    }
}

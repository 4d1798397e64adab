package io.mortar.store.jdbc.catalog;

import static io.mortar.store.jdbc.Sql.instant;
import static io.mortar.store.jdbc.Sql.list;
import static io.mortar.store.jdbc.Sql.one;
import static io.mortar.store.jdbc.Sql.update;
import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.catalog.CatalogStore;
import io.mortar.store.catalog.PartitionQuery;
import io.mortar.store.catalog.PartitionWrite;
import io.mortar.store.catalog.StoredDatabase;
import io.mortar.store.catalog.StoredFunction;
import io.mortar.store.catalog.StoredPartition;
import io.mortar.store.catalog.StoredPartitionIndex;
import io.mortar.store.catalog.StoredTable;
import io.mortar.store.expression.PartitionKey;
import io.mortar.store.jdbc.Jdbc;
import io.mortar.store.jdbc.StoreDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The catalog store on SQLite or PostgreSQL. Databases, tables, versions, functions and tags live here;
 * partitions, partition indexes and column statistics in {@link PartitionRows}. One schema serves both
 * databases; what differs is in {@link StoreDialect}.
 */
public final class JdbcCatalogStore implements CatalogStore {
    static final String TABLE_COLUMNS = "t.id, d.name AS database_name, t.name, t.version_id, t.document,"
            + " t.create_time, t.update_time";
    private static final int MAX_TAGS = 50;

    private final Jdbc jdbc;
    private final PartitionRows partitions;

    public JdbcCatalogStore(Jdbc jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
        this.partitions = new PartitionRows(jdbc);
    }

    // ---------------------------------------------------------------- databases

    @Override
    public void createDatabase(String name, String document, Instant createTime, String arn, Map<String, String> tags) {
        jdbc.inTransaction(c -> {
            // ON CONFLICT rather than check-then-insert: a concurrent creator of the same name (PostgreSQL runs
            // them in parallel) then gets AlreadyExists instead of a unique-key violation.
            if (update(c, "INSERT INTO databases (name, document, create_time) VALUES (?, ?, ?)"
                    + " ON CONFLICT (name) DO NOTHING", name, document, createTime) == 0) {
                throw GlueException.alreadyExists("Database already exists.");
            }
            putTags(c, arn, tags);
            return null;
        });
    }

    @Override
    public Optional<StoredDatabase> getDatabase(String name) {
        return jdbc.read(c -> one(c, "SELECT id, name, document, create_time FROM databases WHERE name = ?",
                JdbcCatalogStore::database, name));
    }

    @Override
    public Page<StoredDatabase> listDatabases(String afterName, int limit) {
        return jdbc.read(c -> Page.of(list(c,
                "SELECT id, name, document, create_time FROM databases WHERE name > ? ORDER BY name LIMIT ?",
                JdbcCatalogStore::database, afterName == null ? "" : afterName, limit + 1), limit, StoredDatabase::name));
    }

    @Override
    public boolean updateDatabase(String name, String document) {
        return jdbc.inTransaction(c -> update(c, "UPDATE databases SET document = ? WHERE name = ?", document, name) > 0);
    }

    @Override
    public boolean deleteDatabase(String name, String databaseArn, String tableArnPrefix) {
        return jdbc.inTransaction(c -> {
            // Locked first, so that a table or function being created in it concurrently is either committed
            // before (and deleted here) or finds no database; otherwise its row broke the foreign key.
            Optional<Long> id = databaseId(c, name, jdbc.dialect().rowLock(true));
            if (id.isEmpty()) {
                return false;
            }
            for (Long tableId : list(c, "SELECT id FROM catalog_tables WHERE database_id = ?"
                    + jdbc.dialect().rowLock(true), rs -> rs.getLong(1), id.get())) {
                deleteTableRows(c, tableId);
            }
            update(c, "DELETE FROM functions WHERE database_id = ?", id.get());
            update(c, "DELETE FROM databases WHERE id = ?", id.get());
            update(c, "DELETE FROM tags WHERE resource_arn = ?", databaseArn);
            update(c, "DELETE FROM tags WHERE substr(resource_arn, 1, ?) = ?", tableArnPrefix.length(), tableArnPrefix);
            return true;
        });
    }

    private static StoredDatabase database(ResultSet rs) throws SQLException {
        return new StoredDatabase(rs.getLong("id"), rs.getString("name"), rs.getString("document"),
                instant(rs, "create_time"));
    }

    /** The database's id, its row locked by {@code lock} (a {@link StoreDialect#rowLock} clause, or none: ""). */
    private static Optional<Long> databaseId(Connection c, String name, String lock) throws SQLException {
        return one(c, "SELECT id FROM databases WHERE name = ?" + lock, rs -> rs.getLong(1), name);
    }

    private static long requireDatabase(Connection c, String name) throws SQLException {
        return requireDatabase(c, name, "");
    }

    private static long requireDatabase(Connection c, String name, String lock) throws SQLException {
        return databaseId(c, name, lock).orElseThrow(() -> GlueException.entityNotFound("Database %s not found.", name));
    }

    /** The database's id, its row share-locked so that it cannot be deleted while something is added to it. */
    private long lockDatabase(Connection c, String name) throws SQLException {
        return requireDatabase(c, name, jdbc.dialect().rowLock(false));
    }

    // ---------------------------------------------------------------- tables

    @Override
    public void createTable(String databaseName, String name, String document, Instant createTime,
                            List<StoredPartitionIndex> indexes) {
        jdbc.inTransaction(c -> {
            long databaseId = lockDatabase(c, databaseName);
            if (update(c, "INSERT INTO catalog_tables (database_id, name, version_id, document, create_time,"
                    + " update_time) VALUES (?, ?, 0, ?, ?, ?) ON CONFLICT (database_id, name) DO NOTHING",
                    databaseId, name, document, createTime, createTime) == 0) {
                throw GlueException.alreadyExists("Table already exists.");
            }
            long tableId = one(c, "SELECT id FROM catalog_tables WHERE database_id = ? AND name = ?",
                    rs -> rs.getLong(1), databaseId, name).orElseThrow();
            for (StoredPartitionIndex index : indexes) {
                partitions.createPartitionIndex(c, tableId, index);
            }
            return null;
        });
    }

    @Override
    public Optional<StoredTable> getTable(String databaseName, String name) {
        return jdbc.read(c -> table(c, databaseName, name));
    }

    private static Optional<StoredTable> table(Connection c, String databaseName, String name) throws SQLException {
        return one(c, "SELECT " + TABLE_COLUMNS + " FROM catalog_tables t JOIN databases d ON d.id = t.database_id"
                + " WHERE d.name = ? AND t.name = ?", JdbcCatalogStore::table, databaseName, name);
    }

    @Override
    public Page<StoredTable> listTables(String databaseName, String afterName, int limit, Predicate<String> nameFilter) {
        return jdbc.read(c -> {
            long databaseId = requireDatabase(c, databaseName);
            // Name filters are Java regexes (Glue's semantics), so filtering happens here, a batch at a time.
            List<StoredTable> matched = new ArrayList<>();
            String cursor = afterName == null ? "" : afterName;
            int batch = Math.max(limit + 1, 200);
            while (matched.size() <= limit) {
                List<StoredTable> rows = list(c, "SELECT " + TABLE_COLUMNS + " FROM catalog_tables t"
                        + " JOIN databases d ON d.id = t.database_id WHERE t.database_id = ? AND t.name > ?"
                        + " ORDER BY t.name LIMIT ?", JdbcCatalogStore::table, databaseId, cursor, batch);
                for (StoredTable row : rows) {
                    if (nameFilter.test(row.name())) {
                        matched.add(row);
                    }
                }
                if (rows.size() < batch) {
                    break;
                }
                cursor = rows.get(rows.size() - 1).name();
            }
            return Page.of(matched, limit, StoredTable::name);
        });
    }

    @Override
    public Page<StoredTable> listAllTables(String afterCursor, int limit) {
        // cursor: "<database>\u0000<table>"
        String afterDatabase = "";
        String afterTable = "";
        if (afterCursor != null) {
            int split = afterCursor.indexOf('\u0000');
            afterDatabase = afterCursor.substring(0, split);
            afterTable = afterCursor.substring(split + 1);
        }
        String db = afterDatabase;
        String tbl = afterTable;
        return jdbc.read(c -> Page.of(list(c, "SELECT " + TABLE_COLUMNS + " FROM catalog_tables t"
                        + " JOIN databases d ON d.id = t.database_id WHERE d.name > ? OR (d.name = ? AND t.name > ?)"
                        + " ORDER BY d.name, t.name LIMIT ?", JdbcCatalogStore::table, db, db, tbl, limit + 1),
                limit, t -> t.databaseName() + '\u0000' + t.name()));
    }

    @Override
    public Optional<Long> updateTable(String databaseName, String name, String document, Instant updateTime,
                                      Long expectedVersion, boolean archive,
                                      Function<StoredTable, List<PartitionKey>> partitionKeysOf,
                                      List<PartitionKey> newKeys) {
        return jdbc.inTransaction(c -> {
            while (true) {
                Optional<StoredTable> current = table(c, databaseName, name);
                if (current.isEmpty()) {
                    return Optional.<Long>empty();
                }
                StoredTable table = current.get();
                if (expectedVersion != null && expectedVersion != table.versionId()) {
                    throw GlueException.concurrentModification("Update table failed due to concurrent modifications:"
                            + " version %s is not the current version %d.", expectedVersion, table.versionId());
                }
                long next = table.versionId() + 1;
                // The version check is repeated in the UPDATE so that it holds even under READ COMMITTED, and the
                // UPDATE comes first: a concurrent writer of the same version waits on the row lock and then
                // updates nothing, instead of colliding on the archive row's key.
                int updated = update(c, "UPDATE catalog_tables SET document = ?, version_id = ?, update_time = ?"
                        + " WHERE id = ? AND version_id = ?", document, next, updateTime, table.id(),
                        table.versionId());
                if (updated == 0) {
                    if (expectedVersion != null) {
                        throw GlueException.concurrentModification(
                                "Update table failed due to concurrent modifications.");
                    }
                    // Without a VersionId the caller asked for no optimistic check: another writer committed
                    // between the read and the UPDATE, so this update applies on top of theirs.
                    continue;
                }
                if (archive) {
                    update(c, "INSERT INTO table_versions (table_id, version_id, document, create_time, update_time)"
                            + " VALUES (?, ?, ?, ?, ?)", table.id(), table.versionId(), table.document(),
                            table.createTime(), table.updateTime());
                }
                // The UPDATE matched this very version, so table holds the keys the partitions are encoded with now
                // (the caller's view of them may be older). Only a changed encoding rewrites the partitions, holding
                // the table's exclusive lock: partition writers being under way finish first, later ones wait.
                if (PartitionSlots.encodingChanged(partitionKeysOf.apply(table), newKeys)) {
                    partitions.lockTable(c, table.id());
                    partitions.reencode(c, table.id(), newKeys);
                }
                return Optional.of(next);
            }
        });
    }

    @Override
    public boolean deleteTable(String databaseName, String name, String arn) {
        return jdbc.inTransaction(c -> {
            Optional<StoredTable> table = table(c, databaseName, name);
            // Partition writers lock the table row too (PartitionRows.requireTable); waiting for them here means
            // their partitions are committed before they are deleted below, instead of left behind orphaned.
            if (table.isEmpty() || !partitions.lockTable(c, table.get().id())) {
                return false;
            }
            deleteTableRows(c, table.get().id());
            update(c, "DELETE FROM tags WHERE resource_arn = ?", arn);
            return true;
        });
    }

    private void deleteTableRows(Connection c, long tableId) throws SQLException {
        partitions.deleteAllFor(c, tableId);
        update(c, "DELETE FROM table_versions WHERE table_id = ?", tableId);
        update(c, "DELETE FROM catalog_tables WHERE id = ?", tableId);
    }

    @Override
    public Page<StoredTable> listTableVersions(long tableId, long afterVersion, int limit) {
        return jdbc.read(c -> {
            List<StoredTable> rows = list(c, "SELECT t.id, d.name AS database_name, t.name, v.version_id, v.document,"
                    + " v.create_time, v.update_time FROM table_versions v JOIN catalog_tables t ON t.id = v.table_id"
                    + " JOIN databases d ON d.id = t.database_id WHERE v.table_id = ? AND v.version_id > ?"
                    + " ORDER BY v.version_id LIMIT ?", JdbcCatalogStore::table, tableId, afterVersion, limit + 1);
            if (rows.size() <= limit) {
                // the current definition comes last: it has the highest version id
                one(c, "SELECT " + TABLE_COLUMNS + " FROM catalog_tables t JOIN databases d ON d.id = t.database_id"
                        + " WHERE t.id = ? AND t.version_id > ?", JdbcCatalogStore::table, tableId, afterVersion)
                        .ifPresent(rows::add);
            }
            return Page.of(rows, limit, t -> Long.toString(t.versionId()));
        });
    }

    @Override
    public Optional<StoredTable> getTableVersion(long tableId, long versionId) {
        return jdbc.read(c -> {
            Optional<StoredTable> current = one(c, "SELECT " + TABLE_COLUMNS + " FROM catalog_tables t"
                    + " JOIN databases d ON d.id = t.database_id WHERE t.id = ? AND t.version_id = ?",
                    JdbcCatalogStore::table, tableId, versionId);
            if (current.isPresent()) {
                return current;
            }
            return one(c, "SELECT t.id, d.name AS database_name, t.name, v.version_id, v.document, v.create_time,"
                    + " v.update_time FROM table_versions v JOIN catalog_tables t ON t.id = v.table_id"
                    + " JOIN databases d ON d.id = t.database_id WHERE v.table_id = ? AND v.version_id = ?",
                    JdbcCatalogStore::table, tableId, versionId);
        });
    }

    @Override
    public boolean deleteTableVersion(long tableId, long versionId) {
        return jdbc.inTransaction(c -> update(c, "DELETE FROM table_versions WHERE table_id = ? AND version_id = ?",
                tableId, versionId) > 0);
    }

    private static StoredTable table(ResultSet rs) throws SQLException {
        return new StoredTable(rs.getLong("id"), rs.getString("database_name"), rs.getString("name"),
                rs.getLong("version_id"), rs.getString("document"), instant(rs, "create_time"),
                instant(rs, "update_time"));
    }

    // ---------------------------------------------------------------- partitions, indexes, statistics

    @Override
    public List<List<String>> createPartitions(long tableId, List<PartitionKey> keys, List<PartitionWrite> parts,
                                               Instant createTime) {
        return partitions.create(tableId, keys, parts, createTime);
    }

    @Override
    public List<StoredPartition> getPartitions(long tableId, Collection<List<String>> valueLists) {
        return partitions.get(tableId, valueLists);
    }

    @Override
    public Page<StoredPartition> queryPartitions(long tableId, PartitionQuery filter, long afterId, int limit) {
        return partitions.query(tableId, filter, afterId, limit);
    }

    @Override
    public boolean updatePartition(long tableId, List<PartitionKey> keys, List<String> values, PartitionWrite replacement) {
        return partitions.replace(tableId, keys, values, replacement);
    }

    @Override
    public Optional<List<String>> findUncastable(long tableId, Collection<Integer> keyPositions) {
        return partitions.findUncastable(tableId, keyPositions);
    }

    @Override
    public List<List<String>> deletePartitions(long tableId, List<List<String>> valueLists) {
        return partitions.delete(tableId, valueLists);
    }

    @Override
    public void createPartitionIndex(long tableId, StoredPartitionIndex index) {
        jdbc.inTransaction(c -> {
            partitions.createPartitionIndex(c, tableId, index);
            return null;
        });
    }

    @Override
    public List<StoredPartitionIndex> getPartitionIndexes(long tableId) {
        return jdbc.read(c -> partitions.partitionIndexes(c, tableId));
    }

    @Override
    public boolean deletePartitionIndex(long tableId, String name) {
        return jdbc.inTransaction(c -> partitions.deletePartitionIndex(c, tableId, name));
    }

    @Override
    public void putColumnStatistics(long tableId, long partitionId, Map<String, String> documentsByColumn) {
        jdbc.inTransaction(c -> {
            for (Map.Entry<String, String> e : documentsByColumn.entrySet()) {
                update(c, "DELETE FROM column_statistics WHERE table_id = ? AND partition_id = ? AND column_name = ?",
                        tableId, partitionId, e.getKey());
                update(c, "INSERT INTO column_statistics (table_id, partition_id, column_name, document)"
                        + " VALUES (?, ?, ?, ?)", tableId, partitionId, e.getKey(), e.getValue());
            }
            return null;
        });
    }

    @Override
    public Map<String, String> getColumnStatistics(long tableId, long partitionId, Collection<String> columns) {
        return jdbc.read(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (String column : columns) {
                one(c, "SELECT document FROM column_statistics WHERE table_id = ? AND partition_id = ?"
                        + " AND column_name = ?", rs -> rs.getString(1), tableId, partitionId, column)
                        .ifPresent(doc -> out.put(column, doc));
            }
            return out;
        });
    }

    @Override
    public boolean deleteColumnStatistics(long tableId, long partitionId, String column) {
        return jdbc.inTransaction(c -> update(c, "DELETE FROM column_statistics WHERE table_id = ? AND partition_id = ?"
                + " AND column_name = ?", tableId, partitionId, column) > 0);
    }

    // ---------------------------------------------------------------- functions

    @Override
    public void createFunction(String databaseName, String name, String document, Instant createTime) {
        jdbc.inTransaction(c -> {
            long databaseId = lockDatabase(c, databaseName);
            if (update(c, "INSERT INTO functions (database_id, name, document, create_time) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (database_id, name) DO NOTHING", databaseId, name, document, createTime) == 0) {
                throw GlueException.alreadyExists("Function %s already exists in database %s.", name, databaseName);
            }
            return null;
        });
    }

    @Override
    public Optional<StoredFunction> getFunction(String databaseName, String name) {
        return jdbc.read(c -> one(c, "SELECT d.name AS database_name, f.name, f.document, f.create_time FROM functions f"
                + " JOIN databases d ON d.id = f.database_id WHERE d.name = ? AND f.name = ?",
                JdbcCatalogStore::function, databaseName, name));
    }

    @Override
    public Page<StoredFunction> listFunctions(String databaseName, Predicate<String> nameFilter, String afterCursor,
                                              int limit) {
        return jdbc.read(c -> {
            if (databaseName != null) {
                requireDatabase(c, databaseName);
            }
            List<StoredFunction> all = list(c, "SELECT d.name AS database_name, f.name, f.document, f.create_time"
                    + " FROM functions f JOIN databases d ON d.id = f.database_id"
                    + (databaseName == null ? "" : " WHERE d.name = ?") + " ORDER BY d.name, f.name",
                    JdbcCatalogStore::function, databaseName == null ? new Object[0] : new Object[] {databaseName});
            List<StoredFunction> matched = new ArrayList<>();
            for (StoredFunction f : all) {
                String key = f.databaseName() + '\u0000' + f.name();
                if ((afterCursor == null || key.compareTo(afterCursor) > 0) && nameFilter.test(f.name())) {
                    matched.add(f);
                }
            }
            return Page.of(matched, limit, f -> f.databaseName() + '\u0000' + f.name());
        });
    }

    @Override
    public boolean updateFunction(String databaseName, String name, String newName, String document) {
        return jdbc.inTransaction(c -> {
            long databaseId = requireDatabase(c, databaseName);
            if (!newName.equals(name) && one(c, "SELECT id FROM functions WHERE database_id = ? AND name = ?",
                    rs -> rs.getLong(1), databaseId, newName).isPresent()) {
                throw GlueException.alreadyExists("Function %s already exists in database %s.", newName, databaseName);
            }
            return update(c, "UPDATE functions SET name = ?, document = ? WHERE database_id = ? AND name = ?",
                    newName, document, databaseId, name) > 0;
        });
    }

    @Override
    public boolean deleteFunction(String databaseName, String name) {
        return jdbc.inTransaction(c -> {
            long databaseId = requireDatabase(c, databaseName);
            return update(c, "DELETE FROM functions WHERE database_id = ? AND name = ?", databaseId, name) > 0;
        });
    }

    private static StoredFunction function(ResultSet rs) throws SQLException {
        return new StoredFunction(rs.getString("database_name"), rs.getString("name"), rs.getString("document"),
                instant(rs, "create_time"));
    }

    // ---------------------------------------------------------------- tags

    @Override
    public void tagResource(String arn, Map<String, String> tags) {
        jdbc.inTransaction(c -> {
            putTags(c, arn, tags);
            return null;
        });
    }

    private static void putTags(Connection c, String arn, Map<String, String> tags) throws SQLException {
        if (tags == null || tags.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            // An upsert, so that concurrent TagResource calls on one key do not collide on the primary key.
            update(c, "INSERT INTO tags (resource_arn, tag_key, tag_value) VALUES (?, ?, ?)"
                    + " ON CONFLICT (resource_arn, tag_key) DO UPDATE SET tag_value = excluded.tag_value", arn,
                    tag.getKey(), tag.getValue());
        }
        long count = one(c, "SELECT COUNT(*) FROM tags WHERE resource_arn = ?", rs -> rs.getLong(1), arn).orElse(0L);
        if (count > MAX_TAGS) {
            throw GlueException.invalidInput("A resource can have at most %d tags; %s would have %d.", MAX_TAGS, arn, count);
        }
    }

    @Override
    public void untagResource(String arn, Collection<String> keys) {
        jdbc.inTransaction(c -> {
            for (String key : keys) {
                update(c, "DELETE FROM tags WHERE resource_arn = ? AND tag_key = ?", arn, key);
            }
            return null;
        });
    }

    @Override
    public Map<String, String> getTags(String arn) {
        return jdbc.read(c -> {
            Map<String, String> tags = new LinkedHashMap<>();
            for (String[] row : list(c, "SELECT tag_key, tag_value FROM tags WHERE resource_arn = ? ORDER BY tag_key",
                    rs -> new String[] {rs.getString(1), rs.getString(2)}, arn)) {
                tags.put(row[0], row[1]);
            }
            return tags;
        });
    }

}

package io.mortar.store.jdbc.catalog;

import static io.mortar.store.jdbc.Sql.instant;
import static io.mortar.store.jdbc.Sql.list;
import static io.mortar.store.jdbc.Sql.one;
import static io.mortar.store.jdbc.Sql.update;

import io.mortar.model.GlueException;
import io.mortar.model.JsonStrings;
import io.mortar.store.Page;
import io.mortar.store.catalog.PartitionQuery;
import io.mortar.store.catalog.PartitionWrite;
import io.mortar.store.catalog.StoredPartition;
import io.mortar.store.catalog.StoredPartitionIndex;
import io.mortar.store.expression.PartitionKey;
import io.mortar.store.expression.PartitionValueCodec;
import io.mortar.store.jdbc.Jdbc;
import io.mortar.store.jdbc.expression.CompiledExpression;
import io.mortar.store.jdbc.expression.PartitionExpressionCompiler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Partitions, partition indexes and column statistics.
 *
 * <p>Each partition row carries its values twice: as a JSON list (what clients get back) and, for the first
 * ten keys, in the slot columns {@code k1…k10} in {@link PartitionValueCodec}'s order-preserving
 * encoding of the key's declared type, which is what compiled Expressions compare. Storage descriptors are stored
 * once per distinct content and referenced by id.
 */
final class PartitionRows {
    private static final int SLOTS = PartitionSlots.COUNT;
    private static final int IN_CHUNK = 100;
    private static final int SD_CACHE_LIMIT = 50_000;
    private static final String COLUMNS = "p.id, p.value_list, p.location, p.sd_id, p.parameters, p.create_time,"
            + " p.last_access_time, p.last_analyzed_time";
    private static final String INSERT = "INSERT INTO partitions (table_id, value_key, value_list, "
            + slotList() + ", uncastable, segment, location, sd_id, parameters, create_time, last_access_time,"
            + " last_analyzed_time) VALUES ";
    private static final String ROW = "(" + "?, ".repeat(SLOTS + 10) + "?)";
    /** Rows per INSERT statement: 500 rows of 21 values stay far below either database's limit on parameters. */
    private static final int INSERT_CHUNK = 500;

    private final Jdbc jdbc;
    private final PartitionExpressionCompiler compiler;
    /** Storage descriptor rows never change once written, so both directions can be cached freely. */
    private final Map<String, Long> sdIdsByHash = new ConcurrentHashMap<>();
    private final Map<Long, String> sdDocumentsById = new ConcurrentHashMap<>();

    PartitionRows(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.compiler = new PartitionExpressionCompiler(jdbc.dialect().expressionDialect());
    }

    private static String slotList() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= SLOTS; i++) {
            sb.append(i > 1 ? ", " : "").append('k').append(i);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ writes

    List<List<String>> create(long tableId, List<PartitionKey> keys, List<PartitionWrite> parts, Instant createTime) {
        Written<List<List<String>>> written = jdbc.inTransaction(c -> {
            // Shared: partition writers of a table run side by side (the unique value key tells which of two adding
            // the same values came first) and beside UpdateTable; deleting the table, or an UpdateTable that changes
            // how key values are encoded, waits for them.
            requireTable(c, tableId, false);
            Descriptors descriptors = resolveDescriptors(c, parts);
            // In value key order, so that two batches adding overlapping partitions wait for each other rather
            // than deadlock on the unique index.
            Map<String, PartitionWrite> byKey = new TreeMap<>();
            List<List<String>> duplicates = new ArrayList<>();
            for (PartitionWrite part : parts) {
                if (byKey.putIfAbsent(PartitionValueKey.of(valueList(part.values())), part) != null) {
                    duplicates.add(part.values());
                }
            }
            Set<String> inserted = insert(c, tableId, keys, byKey, createTime, descriptors);
            for (PartitionWrite part : parts) {
                String key = PartitionValueKey.of(valueList(part.values()));
                if (!inserted.contains(key) && byKey.get(key) == part) {
                    duplicates.add(part.values());
                }
            }
            return new Written<>(duplicates, descriptors);
        });
        return written.publish(sdIdsByHash);
    }

    /**
     * Inserts the rows whose value key is free and answers those keys: a key taken already, or by a concurrent writer
     * that commits first, is skipped by ON CONFLICT and missing from the answer.
     */
    private Set<String> insert(Connection c, long tableId, List<PartitionKey> keys, Map<String, PartitionWrite> byKey,
                               Instant createTime, Descriptors descriptors) throws SQLException {
        List<Map.Entry<String, PartitionWrite>> rows = new ArrayList<>(byKey.entrySet());
        Set<String> inserted = new HashSet<>();
        for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
            List<Map.Entry<String, PartitionWrite>> chunk = rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK));
            String sql = INSERT + (ROW + ", ").repeat(chunk.size() - 1) + ROW
                    + " ON CONFLICT (table_id, value_key) DO NOTHING RETURNING value_key";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int index = 1;
                for (Map.Entry<String, PartitionWrite> e : chunk) {
                    index = bindRow(ps, index, tableId, keys, e.getKey(), e.getValue(), createTime, descriptors);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        inserted.add(rs.getString(1));
                    }
                }
            }
        }
        return inserted;
    }

    /**
     * A transaction's result with the storage descriptor ids it resolved. The ids are cached only once the
     * transaction has committed: an id from an attempt that rolled back (a deadlock retry, say) names no row.
     */
    private record Written<T>(T result, Descriptors descriptors) {
        T publish(Map<String, Long> cache) {
            cache.putAll(descriptors.idsByHash());
            return result;
        }
    }

    /** The storage descriptor rows a set of partitions points at, by document and by content hash. */
    private record Descriptors(Map<String, Long> idsByDocument, Map<String, Long> idsByHash) {
        static final Descriptors NONE = new Descriptors(Map.of(), Map.of());

        Long idOf(String document) {
            return document == null ? null : idsByDocument.get(document);
        }
    }

    /**
     * Finds or inserts the row of every distinct storage descriptor among the partitions. New rows are inserted
     * in hash order, so two transactions adding overlapping descriptors wait for each other instead of
     * deadlocking.
     */
    private Descriptors resolveDescriptors(Connection c, List<PartitionWrite> parts) throws SQLException {
        // Partitions written together mostly carry the very same document: hash each distinct one once.
        Set<String> documents = new HashSet<>();
        for (PartitionWrite part : parts) {
            if (part.storageDescriptor() != null) {
                documents.add(part.storageDescriptor());
            }
        }
        Map<String, String> documentsByHash = new TreeMap<>();
        for (String document : documents) {
            documentsByHash.put(PartitionValueKey.sha256(document), document);
        }
        Map<String, Long> idsByDocument = new HashMap<>();
        Map<String, Long> idsByHash = new HashMap<>();
        for (Map.Entry<String, String> e : documentsByHash.entrySet()) {
            String hash = e.getKey();
            Long id = sdIdsByHash.get(hash);
            if (id == null) {
                update(c, "INSERT INTO storage_descriptors (hash, document) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING",
                        hash, e.getValue());
                id = one(c, "SELECT id FROM storage_descriptors WHERE hash = ?", rs -> rs.getLong(1), hash).orElseThrow();
            }
            idsByDocument.put(e.getValue(), id);
            idsByHash.put(hash, id);
        }
        return new Descriptors(idsByDocument, idsByHash);
    }

    /** Binds one row's values from parameter {@code i} on; answers the index of the next row's first parameter. */
    private static int bindRow(PreparedStatement ps, int i, long tableId, List<PartitionKey> keys, String valueKey,
                               PartitionWrite part, Instant createTime, Descriptors descriptors) throws SQLException {
        String valueList = valueList(part.values());
        Slots slots = Slots.encode(keys, part.values());
        ps.setLong(i++, tableId);
        ps.setString(i++, valueKey);
        ps.setString(i++, valueList);
        for (String slot : slots.values) {
            ps.setString(i++, slot);
        }
        ps.setInt(i++, slots.uncastable);
        ps.setInt(i++, segmentOf(valueList));
        ps.setString(i++, part.location());
        Long sdId = descriptors.idOf(part.storageDescriptor());
        if (sdId == null) {
            ps.setNull(i++, java.sql.Types.BIGINT);
        } else {
            ps.setLong(i++, sdId);
        }
        ps.setString(i++, part.parameters());
        ps.setLong(i++, createTime.toEpochMilli());
        setInstant(ps, i++, part.lastAccessTime());
        setInstant(ps, i++, part.lastAnalyzedTime());
        return i;
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, java.sql.Types.BIGINT);
        } else {
            ps.setLong(index, value.toEpochMilli());
        }
    }

    boolean replace(long tableId, List<PartitionKey> keys, List<String> values, PartitionWrite replacement) {
        Written<Boolean> written = jdbc.inTransaction(c -> {
            // exclusive: "is the new value list free?" must stay true until the UPDATE that relies on it
            requireTable(c, tableId, true);
            Optional<Long> id = one(c, "SELECT id FROM partitions WHERE table_id = ? AND value_key = ?",
                    rs -> rs.getLong(1), tableId, PartitionValueKey.of(valueList(values)));
            if (id.isEmpty()) {
                return new Written<>(false, Descriptors.NONE);
            }
            Descriptors descriptors = resolveDescriptors(c, List.of(replacement));
            String newList = valueList(replacement.values());
            String newKey = PartitionValueKey.of(newList);
            if (!newList.equals(valueList(values)) && one(c, "SELECT id FROM partitions WHERE table_id = ?"
                    + " AND value_key = ?", rs -> rs.getLong(1), tableId, newKey).isPresent()) {
                throw GlueException.alreadyExists("Partition already exists.");
            }
            Slots slots = Slots.encode(keys, replacement.values());
            List<Object> args = new ArrayList<>(List.of(newKey, newList));
            args.addAll(Arrays.asList((Object[]) slots.values));
            args.addAll(Arrays.asList(slots.uncastable, segmentOf(newList), replacement.location(),
                    descriptors.idOf(replacement.storageDescriptor()), replacement.parameters()));
            args.add(replacement.lastAccessTime());
            args.add(replacement.lastAnalyzedTime());
            args.add(id.get());
            StringBuilder sql = new StringBuilder("UPDATE partitions SET value_key = ?, value_list = ?");
            for (int s = 1; s <= SLOTS; s++) {
                sql.append(", k").append(s).append(" = ?");
            }
            sql.append(", uncastable = ?, segment = ?, location = ?, sd_id = ?, parameters = ?, last_access_time = ?,"
                    + " last_analyzed_time = ? WHERE id = ?");
            update(c, sql.toString(), args.toArray());
            return new Written<>(true, descriptors);
        });
        return written.publish(sdIdsByHash);
    }

    List<List<String>> delete(long tableId, List<List<String>> valueLists) {
        return jdbc.inTransaction(c -> {
            List<List<String>> missing = new ArrayList<>();
            for (List<String> values : valueLists) {
                Optional<Long> id = one(c, "SELECT id FROM partitions WHERE table_id = ? AND value_key = ?",
                        rs -> rs.getLong(1), tableId, PartitionValueKey.of(valueList(values)));
                if (id.isEmpty()) {
                    missing.add(values);
                    continue;
                }
                update(c, "DELETE FROM column_statistics WHERE table_id = ? AND partition_id = ?", tableId, id.get());
                update(c, "DELETE FROM partitions WHERE id = ?", id.get());
            }
            return missing;
        });
    }

    /** Everything a table owns below it; part of deleting the table. */
    void deleteAllFor(Connection c, long tableId) throws SQLException {
        for (StoredPartitionIndex index : partitionIndexes(c, tableId)) {
            dropPhysicalIndex(c, tableId, index.name());
        }
        update(c, "DELETE FROM partition_indexes WHERE table_id = ?", tableId);
        update(c, "DELETE FROM column_statistics WHERE table_id = ?", tableId);
        update(c, "DELETE FROM partitions WHERE table_id = ?", tableId);
    }

    /** Recomputes every partition's typed key columns after the table's partition keys changed. */
    void reencode(Connection c, long tableId, List<PartitionKey> keys) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE partitions SET ");
        for (int s = 1; s <= SLOTS; s++) {
            sql.append('k').append(s).append(" = ?, ");
        }
        sql.append("uncastable = ? WHERE id = ?");
        List<Object[]> rows = list(c, "SELECT id, value_list FROM partitions WHERE table_id = ?",
                rs -> new Object[] {rs.getLong(1), rs.getString(2)}, tableId);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (Object[] row : rows) {
                Slots slots = Slots.encode(keys, parseValueList((String) row[1]));
                int i = 1;
                for (String slot : slots.values) {
                    ps.setString(i++, slot);
                }
                ps.setInt(i++, slots.uncastable);
                ps.setLong(i, (Long) row[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ------------------------------------------------------------------ reads

    List<StoredPartition> get(long tableId, Collection<List<String>> valueLists) {
        return jdbc.read(c -> {
            List<String> keys = valueLists.stream().map(v -> PartitionValueKey.of(valueList(v))).distinct().toList();
            List<StoredPartition> out = new ArrayList<>();
            for (int from = 0; from < keys.size(); from += IN_CHUNK) {
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + IN_CHUNK));
                out.addAll(list(c, "SELECT " + COLUMNS + " FROM partitions p WHERE p.table_id = ? AND p.value_key IN ("
                        + placeholders(chunk.size()) + ")", this::partitionRow, prepend(tableId, chunk)));
            }
            return resolveDocuments(c, out);
        });
    }

    Page<StoredPartition> query(long tableId, PartitionQuery filter, long afterId, int limit) {
        CompiledExpression expression = filter.expression() == null ? null
                : compiler.compile(filter.expression(), PartitionSlots::column);
        // The table id is inlined (an internal number, never user text) so that the planners can match
        // partial indexes created for Glue partition indexes, whose predicate is "table_id = <id>".
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM partitions p WHERE p.table_id = ")
                .append(tableId).append(" AND p.id > ?");
        List<Object> args = new ArrayList<>();
        args.add(afterId);
        if (expression != null) {
            sql.append(" AND ").append(expression.sql());
            args.addAll(expression.parameters());
        }
        if (filter.totalSegments() > 1) {
            sql.append(" AND p.segment % ").append(filter.totalSegments()).append(" = ").append(filter.segmentNumber());
        }
        sql.append(" ORDER BY p.id LIMIT ?");
        args.add(limit + 1);
        return jdbc.read(c -> {
            if (expression != null) {
                rejectUncastable(c, tableId, expression);
            }
            List<StoredPartition> rows = resolveDocuments(c, list(c, sql.toString(), this::partitionRow, args.toArray()));
            return Page.of(rows, limit, p -> Long.toString(p.id()));
        });
    }

    /** Glue refuses to evaluate an Expression over a key whose stored value cannot be cast to the key's type. */
    private static void rejectUncastable(Connection c, long tableId, CompiledExpression expression) throws SQLException {
        Optional<List<String>> bad = findUncastable(c, tableId, slotMask(expression.referencedKeys().stream()));
        if (bad.isPresent()) {
            throw GlueException.invalidState("Partition values %s cannot be cast to the declared partition key types.",
                    bad.get());
        }
    }

    Optional<List<String>> findUncastable(long tableId, Collection<Integer> keyPositions) {
        return jdbc.read(c -> findUncastable(c, tableId, slotMask(keyPositions.stream().mapToInt(Integer::intValue))));
    }

    /**
     * The {@code uncastable} column's bits for these key positions: bit i for key i, among the keys that have a slot
     * (only those have a typed value that can fail to cast).
     */
    private static long slotMask(IntStream keyPositions) {
        return keyPositions.filter(p -> p < SLOTS).mapToLong(p -> 1L << p).reduce(0, (a, b) -> a | b);
    }

    private static Optional<List<String>> findUncastable(Connection c, long tableId, long keyMask) throws SQLException {
        if (keyMask == 0) {
            return Optional.empty();
        }
        return one(c, "SELECT value_list FROM partitions WHERE table_id = " + tableId
                + " AND uncastable <> 0 AND (uncastable & ?) <> 0 LIMIT 1", rs -> parseValueList(rs.getString(1)), keyMask);
    }

    /** A row of {@link #COLUMNS}, read by position. */
    private StoredPartition partitionRow(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        List<String> values = parseValueList(rs.getString(2));
        String location = rs.getString(3);
        long sdId = rs.getLong(4);
        String sd = rs.wasNull() ? null : Long.toString(sdId);
        return new StoredPartition(id, values, location, sd, rs.getString(5), instant(rs, 6), instant(rs, 7),
                instant(rs, 8));
    }

    /** Rows come back with the storage descriptor id in place of its document; swap in the documents. */
    private List<StoredPartition> resolveDocuments(Connection c, List<StoredPartition> rows) throws SQLException {
        List<Long> missing = rows.stream().map(StoredPartition::storageDescriptor).filter(id -> id != null)
                .map(Long::valueOf).filter(id -> !sdDocumentsById.containsKey(id)).distinct().toList();
        for (int from = 0; from < missing.size(); from += IN_CHUNK) {
            List<Long> chunk = missing.subList(from, Math.min(missing.size(), from + IN_CHUNK));
            if (sdDocumentsById.size() > SD_CACHE_LIMIT) {
                sdDocumentsById.clear();
            }
            for (Object[] row : list(c, "SELECT id, document FROM storage_descriptors WHERE id IN ("
                    + placeholders(chunk.size()) + ")", rs -> new Object[] {rs.getLong(1), rs.getString(2)},
                    chunk.toArray())) {
                sdDocumentsById.put((Long) row[0], (String) row[1]);
            }
        }
        List<StoredPartition> out = new ArrayList<>(rows.size());
        for (StoredPartition p : rows) {
            String document = p.storageDescriptor() == null ? null : sdDocumentsById.get(Long.valueOf(p.storageDescriptor()));
            out.add(new StoredPartition(p.id(), p.values(), p.location(), document, p.parameters(), p.createTime(),
                    p.lastAccessTime(), p.lastAnalyzedTime()));
        }
        return out;
    }

    // ------------------------------------------------------------------ partition indexes

    void createPartitionIndex(Connection c, long tableId, StoredPartitionIndex index) throws SQLException {
        List<StoredPartitionIndex> existing = partitionIndexes(c, tableId);
        if (existing.stream().anyMatch(i -> i.name().equals(index.name()))) {
            throw GlueException.alreadyExists("Partition index %s already exists.", index.name());
        }
        if (existing.size() >= 3) {
            throw GlueException.limitExceeded("A table can have at most 3 partition indexes.");
        }
        update(c, "INSERT INTO partition_indexes (table_id, name, key_names, key_positions, status, create_time)"
                + " VALUES (?, ?, ?, ?, ?, ?)", tableId, index.name(), valueList(index.keyNames()),
                index.keyPositions().stream().map(String::valueOf).collect(Collectors.joining(",")), index.status(),
                System.currentTimeMillis());
        List<String> columns = index.keyPositions().stream().filter(p -> p < SLOTS).map(p -> "k" + (p + 1)).toList();
        if (!columns.isEmpty()) {
            // A real index, partial to this table, built before the call returns: the index is ACTIVE at once.
            update(c, "CREATE INDEX " + physicalIndexName(tableId, index.name()) + " ON partitions ("
                    + String.join(", ", columns) + ") WHERE table_id = " + tableId);
        }
    }

    List<StoredPartitionIndex> partitionIndexes(Connection c, long tableId) throws SQLException {
        return list(c, "SELECT name, key_names, key_positions, status FROM partition_indexes WHERE table_id = ?"
                + " ORDER BY create_time, name", rs -> new StoredPartitionIndex(rs.getString(1),
                parseValueList(rs.getString(2)), Arrays.stream(rs.getString(3).split(","))
                .map(Integer::valueOf).toList(), rs.getString(4)), tableId);
    }

    boolean deletePartitionIndex(Connection c, long tableId, String name) throws SQLException {
        if (update(c, "DELETE FROM partition_indexes WHERE table_id = ? AND name = ?", tableId, name) == 0) {
            return false;
        }
        dropPhysicalIndex(c, tableId, name);
        return true;
    }

    private static void dropPhysicalIndex(Connection c, long tableId, String name) throws SQLException {
        update(c, "DROP INDEX IF EXISTS " + physicalIndexName(tableId, name));
    }

    private static String physicalIndexName(long tableId, String indexName) {
        return "pidx_" + tableId + "_" + PartitionValueKey.sha256(indexName).substring(0, 16);
    }

    // ------------------------------------------------------------------ helpers

    private void requireTable(Connection c, long tableId, boolean exclusive) throws SQLException {
        if (!lockTable(c, tableId, exclusive)) {
            throw GlueException.entityNotFound("Table not found.");
        }
    }

    /** {@link #lockTable(Connection, long, boolean)} exclusively. */
    boolean lockTable(Connection c, long tableId) throws SQLException {
        return lockTable(c, tableId, true);
    }

    /**
     * Locks the table's row until the transaction ends, false when there is no such table (a no-op on SQLite, whose
     * single writer takes turns anyway). Shared, partition writers keep the table from being deleted under them;
     * exclusive, a writer keeps every other away: deleting the table waits for the partition writers, and a
     * partition update's "is this value list free?" stays true until the update that relies on it.
     */
    boolean lockTable(Connection c, long tableId, boolean exclusive) throws SQLException {
        return one(c, "SELECT id FROM catalog_tables WHERE id = ?" + jdbc.dialect().rowLock(exclusive),
                rs -> rs.getLong(1), tableId).isPresent();
    }

    /** A list of strings as stored: partition values, and the key names of a partition index. */
    static String valueList(List<String> values) {
        return JsonStrings.writeList(values);
    }

    static List<String> parseValueList(String json) {
        try {
            return JsonStrings.readList(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Corrupt partition value list " + json, e);
        }
    }

    /** A stable, non-negative hash: the same partition lands in the same segment on every server and run. */
    static int segmentOf(String valueList) {
        int h = valueList.hashCode();
        h ^= (h >>> 16);
        h *= 0x85ebca6b;
        h ^= (h >>> 13);
        return h & 0x7fffffff;
    }


    private static String placeholders(int n) {
        return "?, ".repeat(n - 1) + "?";
    }

    private static Object[] prepend(Object first, List<?> rest) {
        Object[] args = new Object[rest.size() + 1];
        args[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            args[i + 1] = rest.get(i);
        }
        return args;
    }

    /** A partition's slot column values and the mask of keys whose value does not cast to the key's type. */
    private record Slots(String[] values, int uncastable) {
        static Slots encode(List<PartitionKey> keys, List<String> values) {
            String[] slots = new String[SLOTS];
            int uncastable = 0;
            for (int i = 0; i < Math.min(SLOTS, Math.min(keys.size(), values.size())); i++) {
                String raw = values.get(i);
                if (raw == null) {
                    continue;
                }
                String encoded = PartitionValueCodec.encode(raw, keys.get(i));
                if (encoded == null) {
                    uncastable |= 1 << i;
                }
                slots[i] = encoded;
            }
            return new Slots(slots, uncastable);
        }
    }
}

package io.mortar.store.jdbc.events;

import static io.mortar.store.jdbc.Sql.instant;
import static io.mortar.store.jdbc.Sql.list;
import static io.mortar.store.jdbc.Sql.one;
import static io.mortar.store.jdbc.Sql.update;
import static java.util.Objects.requireNonNull;

import io.mortar.store.events.EventStore;
import io.mortar.store.events.ObjectEvent;
import io.mortar.store.events.StoredBatch;
import io.mortar.store.events.StoredEvent;
import io.mortar.store.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events of EVENT triggers in the catalog's database (schema in {@code V15__trigger_events.sql}), one
 * transaction per operation: events and seen objects in {@code trigger_events}, whose key keeps one row per trigger
 * and object version; batches in {@code event_batches}; watched locations in {@code event_watches}.
 */
public final class JdbcEventStore implements EventStore {
    private static final String EVENT = "event";
    private static final String SEEN = "seen";
    private static final String EVENT_COLUMNS = "trigger_name, event_id, object_url, size, event_time, received_at,"
            + " batch_id";
    private static final String BATCH_COLUMNS = "batch_id, trigger_name, batch_size, batch_window_seconds,"
            + " closed_at, fired_at";
    /** Ids per {@code IN (…)} when reading or assigning many events. */
    private static final int IN_BATCH = 200;

    private final Jdbc jdbc;

    public JdbcEventStore(Jdbc jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    @Override
    public List<ObjectEvent> record(String trigger, List<ObjectEvent> events, Instant now) {
        if (events.isEmpty()) {
            return List.of();
        }
        return jdbc.inTransaction(c -> {
            List<ObjectEvent> recorded = new ArrayList<>();
            for (ObjectEvent event : events) {
                if (insert(c, trigger, event, EVENT, now)) {
                    recorded.add(event);
                }
            }
            return recorded;
        });
    }

    @Override
    public boolean startWatching(String trigger, String location, List<ObjectEvent> present, Instant now) {
        return jdbc.inTransaction(c -> {
            if (update(c, "INSERT INTO event_watches (trigger_name, location, started_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT (trigger_name, location) DO NOTHING", trigger, location, now) == 0) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement(insertSql())) {
                for (ObjectEvent object : present) {
                    bindInsert(ps, trigger, object, SEEN, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return true;
        });
    }

    @Override
    public Set<Watch> watches() {
        return jdbc.read(c -> new LinkedHashSet<>(list(c, "SELECT trigger_name, location FROM event_watches"
                + " ORDER BY trigger_name, location", rs -> new Watch(rs.getString(1), rs.getString(2)))));
    }

    @Override
    public void stopWatching(String trigger, String location) {
        jdbc.inTransaction(c -> update(c, "DELETE FROM event_watches WHERE trigger_name = ? AND location = ?", trigger,
                location));
    }

    @Override
    public Set<String> known(String trigger) {
        return jdbc.read(c -> new HashSet<>(list(c, "SELECT event_id FROM trigger_events WHERE trigger_name = ?",
                rs -> rs.getString(1), trigger)));
    }

    @Override
    public List<StoredEvent> pending(String trigger, int limit) {
        return jdbc.read(c -> list(c, "SELECT " + EVENT_COLUMNS + " FROM trigger_events WHERE trigger_name = ?"
                + " AND kind = ? AND batch_id IS NULL ORDER BY received_at, event_id LIMIT ?", JdbcEventStore::event,
                trigger, EVENT, limit));
    }

    @Override
    public int pendingCount(String trigger) {
        return jdbc.read(c -> one(c, "SELECT count(*) FROM trigger_events WHERE trigger_name = ? AND kind = ?"
                + " AND batch_id IS NULL", rs -> rs.getInt(1), trigger, EVENT).orElse(0));
    }

    @Override
    public boolean formBatch(StoredBatch batch) {
        return jdbc.inTransaction(c -> {
            // Lock the events first (PostgreSQL re-reads a row another batch changed meanwhile, so the count drops),
            // then write only if every one is still this trigger's and pending.
            int free = 0;
            List<String> ids = batch.eventIds();
            for (int from = 0; from < ids.size(); from += IN_BATCH) {
                List<String> part = ids.subList(from, Math.min(ids.size(), from + IN_BATCH));
                free += list(c, "SELECT event_id FROM trigger_events WHERE trigger_name = ? AND kind = ?"
                        + " AND batch_id IS NULL AND event_id IN (" + marks(part.size()) + ")"
                        + jdbc.dialect().rowLock(true), rs -> rs.getString(1),
                        args(batch.triggerName(), EVENT, part)).size();
            }
            if (free != new HashSet<>(ids).size() || ids.isEmpty()) {
                return false;
            }
            update(c, "INSERT INTO event_batches (" + BATCH_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", batch.batchId(),
                    batch.triggerName(), batch.batchSize(), batch.batchWindowSeconds(), batch.closedAt(),
                    batch.firedAt());
            for (int from = 0; from < ids.size(); from += IN_BATCH) {
                List<String> part = ids.subList(from, Math.min(ids.size(), from + IN_BATCH));
                List<Object> bound = new ArrayList<>();
                bound.add(batch.batchId());
                bound.addAll(List.of(args(batch.triggerName(), EVENT, part)));
                update(c, "UPDATE trigger_events SET batch_id = ? WHERE trigger_name = ? AND kind = ?"
                        + " AND event_id IN (" + marks(part.size()) + ")", bound.toArray());
            }
            return true;
        });
    }

    @Override
    public List<StoredBatch> unfired() {
        return jdbc.read(c -> withEvents(c, list(c, "SELECT " + BATCH_COLUMNS + " FROM event_batches"
                + " WHERE fired_at IS NULL ORDER BY closed_at, batch_id", JdbcEventStore::batchRow)));
    }

    @Override
    public void markFired(String batchId, Instant now) {
        jdbc.inTransaction(c -> update(c, "UPDATE event_batches SET fired_at = ? WHERE batch_id = ?"
                + " AND fired_at IS NULL", now, batchId));
    }

    @Override
    public List<StoredBatch> batches(String trigger, int limit) {
        return jdbc.read(c -> withEvents(c, list(c, "SELECT " + BATCH_COLUMNS + " FROM event_batches"
                + " WHERE trigger_name = ? ORDER BY closed_at DESC, batch_id DESC LIMIT ?", JdbcEventStore::batchRow,
                trigger, limit)));
    }

    @Override
    public void forget(String trigger) {
        jdbc.inTransaction(c -> {
            update(c, "DELETE FROM trigger_events WHERE trigger_name = ?", trigger);
            update(c, "DELETE FROM event_batches WHERE trigger_name = ?", trigger);
            update(c, "DELETE FROM event_watches WHERE trigger_name = ?", trigger);
            return null;
        });
    }

    private static String insertSql() {
        return "INSERT INTO trigger_events (trigger_name, event_id, kind, object_url, size, event_time, received_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (trigger_name, event_id) DO NOTHING";
    }

    private static void bindInsert(PreparedStatement ps, String trigger, ObjectEvent event, String kind, Instant now)
            throws SQLException {
        ps.setString(1, trigger);
        ps.setString(2, event.eventId());
        ps.setString(3, kind);
        ps.setString(4, event.objectUrl());
        ps.setLong(5, event.size());
        ps.setLong(6, event.eventTime().toEpochMilli());
        ps.setLong(7, now.toEpochMilli());
    }

    private static boolean insert(Connection c, String trigger, ObjectEvent event, String kind, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertSql())) {
            bindInsert(ps, trigger, event, kind, now);
            return ps.executeUpdate() > 0;
        }
    }

    /** A batch row, before its events are read. */
    private record BatchRow(String batchId, String triggerName, int batchSize, int batchWindowSeconds,
                            Instant closedAt, Instant firedAt) {}

    private static BatchRow batchRow(ResultSet rs) throws SQLException {
        return new BatchRow(rs.getString("batch_id"), rs.getString("trigger_name"), rs.getInt("batch_size"),
                rs.getInt("batch_window_seconds"), instant(rs, "closed_at"), instant(rs, "fired_at"));
    }

    private static StoredEvent event(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getString("trigger_name"), rs.getString("event_id"), rs.getString("object_url"),
                rs.getLong("size"), instant(rs, "event_time"), instant(rs, "received_at"), rs.getString("batch_id"));
    }

    /** The batches with their event ids, oldest event first, read in one query per {@link #IN_BATCH} batches. */
    private static List<StoredBatch> withEvents(Connection c, List<BatchRow> rows) throws SQLException {
        Map<String, List<String>> events = new HashMap<>();
        for (int from = 0; from < rows.size(); from += IN_BATCH) {
            List<String> ids = rows.subList(from, Math.min(rows.size(), from + IN_BATCH)).stream()
                    .map(BatchRow::batchId).toList();
            for (String[] pair : list(c, "SELECT batch_id, event_id FROM trigger_events WHERE batch_id IN ("
                    + marks(ids.size()) + ") ORDER BY received_at, event_id",
                    rs -> new String[] {rs.getString(1), rs.getString(2)}, ids.toArray())) {
                events.computeIfAbsent(pair[0], k -> new ArrayList<>()).add(pair[1]);
            }
        }
        List<StoredBatch> out = new ArrayList<>(rows.size());
        for (BatchRow row : rows) {
            out.add(new StoredBatch(row.batchId(), row.triggerName(), events.getOrDefault(row.batchId(), List.of()),
                    row.batchSize(), row.batchWindowSeconds(), row.closedAt(), row.firedAt()));
        }
        return out;
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static Object[] args(String trigger, String kind, List<String> ids) {
        Object[] out = new Object[2 + ids.size()];
        out[0] = trigger;
        out[1] = kind;
        for (int i = 0; i < ids.size(); i++) {
            out[2 + i] = ids.get(i);
        }
        return out;
    }
}

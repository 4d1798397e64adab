package io.mortar.store.jdbc.triggers;

import static io.mortar.store.jdbc.Sql.instant;
import static io.mortar.store.jdbc.Sql.list;
import static io.mortar.store.jdbc.Sql.one;
import static io.mortar.store.jdbc.Sql.update;
import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.jdbc.Jdbc;
import io.mortar.store.jdbc.ResourceTags;
import io.mortar.store.triggers.StoredTrigger;
import io.mortar.store.triggers.StoredTrigger.Kind;
import io.mortar.store.triggers.StoredTrigger.Ref;
import io.mortar.store.triggers.TriggerStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Triggers in the catalog's database (schema in {@code V12__triggers.sql}), one transaction per operation: the
 * definition in {@code triggers}, the jobs and crawlers it starts and watches in {@code trigger_refs} (so "which
 * triggers does this run's end concern" is an index lookup), and claimed firings in {@code trigger_firings}, whose
 * primary key lets exactly one claim of a firing succeed.
 */
public final class JdbcTriggerStore implements TriggerStore {
    private static final String COLUMNS = "name, workflow_name, type, state, document, create_time, update_time";
    private static final String START = "start";
    private static final String WATCH = "watch";
    /** Names per {@code IN (…)} when reading the references of a page of triggers. */
    private static final int REFS_BATCH = 200;

    private final Jdbc jdbc;

    public JdbcTriggerStore(Jdbc jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    @Override
    public void create(StoredTrigger trigger, String arn, Map<String, String> tags) {
        jdbc.inTransaction(c -> {
            ResourceTags.insertTagged(c, "INSERT INTO triggers (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (name) DO NOTHING", new Object[] {trigger.name(), trigger.workflowName(),
                    trigger.type(), trigger.state(), trigger.document(), trigger.createTime(), trigger.updateTime()},
                    arn, tags, () -> GlueException.alreadyExists("Trigger with name %s already exists.",
                            trigger.name()));
            insertRefs(c, trigger);
            return null;
        });
    }

    @Override
    public Optional<StoredTrigger> get(String name) {
        return jdbc.read(c -> trigger(c, name, ""));
    }

    @Override
    public Page<StoredTrigger> listTriggers(String afterName, int limit, Map<String, String> tags,
                                            String arnPrefix) {
        return jdbc.read(c -> {
            Page<Row> page = ResourceTags.pageByName(c, "SELECT " + COLUMNS + " FROM triggers tr", "tr.name",
                    afterName, limit, tags, arnPrefix, JdbcTriggerStore::row, Row::name);
            return new Page<>(withRefs(c, page.items()), page.nextCursor());
        });
    }

    @Override
    public Page<StoredTrigger> starting(String jobName, String afterName, int limit) {
        return jdbc.read(c -> {
            List<Row> rows = list(c, "SELECT " + prefixed("t") + " FROM triggers t JOIN trigger_refs r"
                    + " ON r.trigger_name = t.name WHERE r.role = ? AND r.kind = ? AND r.ref_name = ? AND t.name > ?"
                    + " ORDER BY t.name LIMIT ?", JdbcTriggerStore::row, START, Kind.JOB.name(), jobName,
                    afterName == null ? "" : afterName, limit + 1);
            Page<Row> page = Page.of(rows, limit, Row::name);
            return new Page<>(withRefs(c, page.items()), page.nextCursor());
        });
    }

    @Override
    public List<StoredTrigger> watching(Ref watched) {
        return jdbc.read(c -> withRefs(c, list(c, "SELECT " + prefixed("t") + " FROM triggers t JOIN trigger_refs r"
                + " ON r.trigger_name = t.name WHERE r.role = ? AND r.kind = ? AND r.ref_name = ? ORDER BY t.name",
                JdbcTriggerStore::row, WATCH, watched.kind().name(), watched.name())));
    }

    @Override
    public List<StoredTrigger> inWorkflow(String workflowName) {
        return jdbc.read(c -> withRefs(c, list(c, "SELECT " + COLUMNS + " FROM triggers WHERE workflow_name = ?"
                + " ORDER BY name", JdbcTriggerStore::row, workflowName)));
    }

    @Override
    public List<StoredTrigger> withTypeAndState(String type, String state) {
        return jdbc.read(c -> withRefs(c, list(c, "SELECT " + COLUMNS + " FROM triggers WHERE type = ? AND state = ?"
                + " ORDER BY name", JdbcTriggerStore::row, type, state)));
    }

    @Override
    public StoredTrigger change(String name, UnaryOperator<StoredTrigger> change) {
        return jdbc.inTransaction(c -> {
            StoredTrigger current = trigger(c, name, jdbc.dialect().rowLock(true)).orElseThrow(() ->
                    GlueException.entityNotFound("Trigger %s not found.", name));
            StoredTrigger next = change.apply(current);
            if (!next.name().equals(name)) {
                throw new IllegalArgumentException("A trigger cannot be renamed: " + name + " → " + next.name());
            }
            update(c, "UPDATE triggers SET workflow_name = ?, type = ?, state = ?, document = ?, update_time = ?"
                    + " WHERE name = ?", next.workflowName(), next.type(), next.state(), next.document(),
                    next.updateTime(), name);
            if (!next.starts().equals(current.starts()) || !next.watches().equals(current.watches())) {
                update(c, "DELETE FROM trigger_refs WHERE trigger_name = ?", name);
                insertRefs(c, next);
            }
            return next;
        });
    }

    @Override
    public boolean delete(String name, String arn, Consumer<StoredTrigger> check) {
        return jdbc.inTransaction(c -> {
            Optional<StoredTrigger> current = trigger(c, name, jdbc.dialect().rowLock(true));
            if (current.isEmpty()) {
                return false;
            }
            check.accept(current.get());
            update(c, "DELETE FROM triggers WHERE name = ?", name);
            update(c, "DELETE FROM trigger_refs WHERE trigger_name = ?", name);
            update(c, "DELETE FROM trigger_firings WHERE trigger_name = ?", name);
            update(c, "DELETE FROM trigger_reactions WHERE trigger_name = ?", name);
            // Its events go with it: a trigger created again under the name starts from nothing.
            update(c, "DELETE FROM trigger_events WHERE trigger_name = ?", name);
            update(c, "DELETE FROM event_batches WHERE trigger_name = ?", name);
            update(c, "DELETE FROM event_watches WHERE trigger_name = ?", name);
            update(c, "DELETE FROM tags WHERE resource_arn = ?", arn);
            return true;
        });
    }

    @Override
    public boolean claimFiring(String trigger, Instant due, Instant now) {
        return jdbc.inTransaction(c -> update(c, "INSERT INTO trigger_firings (trigger_name, due_at, claimed_at)"
                + " VALUES (?, ?, ?) ON CONFLICT (trigger_name, due_at) DO NOTHING", trigger, due, now) > 0);
    }

    @Override
    public boolean claimReaction(String trigger, String cause, Instant now) {
        return jdbc.inTransaction(c -> update(c, "INSERT INTO trigger_reactions (trigger_name, cause, claimed_at)"
                + " VALUES (?, ?, ?) ON CONFLICT (trigger_name, cause) DO NOTHING", trigger, cause, now) > 0);
    }

    @Override
    public Optional<Instant> lastFiring(String trigger) {
        return jdbc.read(c -> one(c, "SELECT max(due_at) AS due FROM trigger_firings WHERE trigger_name = ?",
                rs -> Optional.ofNullable(instant(rs, "due")), trigger).flatMap(due -> due));
    }

    /** A triggers row, before its references are read. */
    private record Row(String name, String workflowName, String type, String state, String document,
                       Instant createTime, Instant updateTime) {
        StoredTrigger with(Set<Ref> starts, Set<Ref> watches) {
            return new StoredTrigger(name, workflowName, type, state, document, starts, watches, createTime,
                    updateTime);
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("name"), rs.getString("workflow_name"), rs.getString("type"),
                rs.getString("state"), rs.getString("document"), instant(rs, "create_time"),
                instant(rs, "update_time"));
    }

    private static String prefixed(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    private static Optional<StoredTrigger> trigger(Connection c, String name, String lock) throws SQLException {
        Optional<Row> row = one(c, "SELECT " + COLUMNS + " FROM triggers WHERE name = ?" + lock,
                JdbcTriggerStore::row, name);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(withRefs(c, List.of(row.get())).get(0));
    }

    /** The rows with their references, read in one query per {@link #REFS_BATCH} triggers. */
    private static List<StoredTrigger> withRefs(Connection c, List<Row> rows) throws SQLException {
        Map<String, Set<Ref>> starts = new HashMap<>();
        Map<String, Set<Ref>> watches = new HashMap<>();
        for (int from = 0; from < rows.size(); from += REFS_BATCH) {
            List<Row> batch = rows.subList(from, Math.min(rows.size(), from + REFS_BATCH));
            String marks = String.join(", ", Collections.nCopies(batch.size(), "?"));
            Object[] names = batch.stream().map(Row::name).toArray();
            for (Object[] ref : list(c, "SELECT trigger_name, role, kind, ref_name FROM trigger_refs"
                    + " WHERE trigger_name IN (" + marks + ")", rs -> new Object[] {rs.getString(1), rs.getString(2),
                    new Ref(Kind.valueOf(rs.getString(3)), rs.getString(4))}, names)) {
                Map<String, Set<Ref>> byRole = START.equals(ref[1]) ? starts : watches;
                byRole.computeIfAbsent((String) ref[0], k -> new HashSet<>()).add((Ref) ref[2]);
            }
        }
        List<StoredTrigger> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(row.with(starts.getOrDefault(row.name(), Set.of()), watches.getOrDefault(row.name(), Set.of())));
        }
        return out;
    }

    private static void insertRefs(Connection c, StoredTrigger trigger) throws SQLException {
        for (Ref ref : trigger.starts()) {
            insertRef(c, trigger.name(), START, ref);
        }
        for (Ref ref : trigger.watches()) {
            insertRef(c, trigger.name(), WATCH, ref);
        }
    }

    private static void insertRef(Connection c, String trigger, String role, Ref ref) throws SQLException {
        update(c, "INSERT INTO trigger_refs (trigger_name, role, kind, ref_name) VALUES (?, ?, ?, ?)", trigger, role,
                ref.kind().name(), ref.name());
    }
}

package io.mortar.server.classifiers.store;

import static io.mortar.catalog.store.Sql.instant;
import static io.mortar.catalog.store.Sql.list;
import static io.mortar.catalog.store.Sql.one;
import static io.mortar.catalog.store.Sql.update;
import static java.util.Objects.requireNonNull;

import io.mortar.catalog.store.Jdbc;
import io.mortar.catalog.store.Page;
import io.mortar.model.GlueException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Custom classifiers in the catalog's database (schema in {@code V6__classifiers.sql}), one transaction per
 * operation. Names keep their case and are unique whatever the kind.
 */
public final class ClassifierStore {
    private static final String COLUMNS = "name, kind, document, version, create_time, update_time";
    /** Names looked up per statement by {@link #getAll}: well within both databases' bind-parameter limits. */
    private static final int LOOKUP_CHUNK = 500;

    private final Jdbc jdbc;

    public ClassifierStore(Jdbc jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    public void create(StoredClassifier classifier) {
        jdbc.inTransaction(c -> {
            if (update(c, "INSERT INTO classifiers (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (name) DO NOTHING", classifier.name(), classifier.kind(), classifier.document(),
                    classifier.version(), classifier.createTime(), classifier.updateTime()) == 0) {
                throw GlueException.alreadyExists("Classifier with name %s already exists", classifier.name());
            }
            return null;
        });
    }

    public Optional<StoredClassifier> get(String name) {
        return jdbc.read(c -> classifier(c, name, ""));
    }

    /** The classifiers of these names that exist, by name, read in one transaction (so from one state). */
    public Map<String, StoredClassifier> getAll(List<String> names) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(names));
        if (distinct.isEmpty()) {
            return Map.of();
        }
        return jdbc.read(c -> {
            Map<String, StoredClassifier> found = new HashMap<>();
            for (int from = 0; from < distinct.size(); from += LOOKUP_CHUNK) {
                List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + LOOKUP_CHUNK));
                String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
                for (StoredClassifier s : list(c, "SELECT " + COLUMNS + " FROM classifiers WHERE name IN (" + marks
                        + ")", ClassifierStore::classifier, chunk.toArray())) {
                    found.put(s.name(), s);
                }
            }
            return found;
        });
    }

    /** Classifiers in name order after {@code afterName}. */
    public Page<StoredClassifier> listClassifiers(String afterName, int limit) {
        return jdbc.read(c -> Page.of(list(c, "SELECT " + COLUMNS + " FROM classifiers WHERE name > ? ORDER BY name"
                + " LIMIT ?", ClassifierStore::classifier, afterName == null ? "" : afterName, limit + 1), limit,
                StoredClassifier::name));
    }

    /**
     * Replaces a classifier's row with what {@code change} makes of it, the row locked meanwhile so that two updates
     * never lose one another; {@code change} throws a GlueException to refuse (nothing is written).
     */
    public StoredClassifier change(String name, UnaryOperator<StoredClassifier> change) {
        return jdbc.inTransaction(c -> {
            StoredClassifier current = classifier(c, name, jdbc.dialect().rowLock(true))
                    .orElseThrow(() -> notFound(name));
            StoredClassifier next = change.apply(current);
            update(c, "UPDATE classifiers SET kind = ?, document = ?, version = ?, update_time = ? WHERE name = ?",
                    next.kind(), next.document(), next.version(), next.updateTime(), name);
            return next;
        });
    }

    /** Deletes the classifier; false if there is none of that name. */
    public boolean delete(String name) {
        return jdbc.inTransaction(c -> update(c, "DELETE FROM classifiers WHERE name = ?", name) > 0);
    }

    public static GlueException notFound(String name) {
        return GlueException.entityNotFound("Classifier with name %s does not exist", name);
    }

    private static Optional<StoredClassifier> classifier(Connection c, String name, String lock) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM classifiers WHERE name = ?" + lock, ClassifierStore::classifier,
                name);
    }

    private static StoredClassifier classifier(ResultSet rs) throws SQLException {
        return new StoredClassifier(rs.getString("name"), rs.getString("kind"), rs.getString("document"),
                rs.getLong("version"), instant(rs, "create_time"), instant(rs, "update_time"));
    }
}

package io.mortar.store.jdbc.classifiers;

import static io.mortar.store.jdbc.Sql.instant;
import static io.mortar.store.jdbc.Sql.list;
import static io.mortar.store.jdbc.Sql.one;
import static io.mortar.store.jdbc.Sql.update;
import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.classifiers.ClassifierStore;
import io.mortar.store.classifiers.StoredClassifier;
import io.mortar.store.jdbc.Jdbc;
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
public final class JdbcClassifierStore implements ClassifierStore {
    private static final String COLUMNS = "name, kind, document, version, create_time, update_time";
    /** Names looked up per statement by {@link #getAll}: well within both databases' bind-parameter limits. */
    private static final int LOOKUP_CHUNK = 500;

    private final Jdbc jdbc;

    public JdbcClassifierStore(Jdbc jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    @Override
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

    @Override
    public Optional<StoredClassifier> get(String name) {
        return jdbc.read(c -> classifier(c, name, ""));
    }

    /** The classifiers of these names that exist, by name, read in one transaction (so from one state). */
    @Override
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
                        + ")", JdbcClassifierStore::classifier, chunk.toArray())) {
                    found.put(s.name(), s);
                }
            }
            return found;
        });
    }

    /** Classifiers in name order after {@code afterName}. */
    @Override
    public Page<StoredClassifier> listClassifiers(String afterName, int limit) {
        return jdbc.read(c -> Page.of(list(c, "SELECT " + COLUMNS + " FROM classifiers WHERE name > ? ORDER BY name"
                + " LIMIT ?", JdbcClassifierStore::classifier, afterName == null ? "" : afterName, limit + 1), limit,
                StoredClassifier::name));
    }

    /**
     * Replaces a classifier's row with what {@code change} makes of it, the row locked meanwhile so that two updates
     * never lose one another; {@code change} throws a GlueException to refuse (nothing is written).
     */
    @Override
    public StoredClassifier change(String name, UnaryOperator<StoredClassifier> change) {
        return jdbc.inTransaction(c -> {
            StoredClassifier current = classifier(c, name, jdbc.dialect().rowLock(true))
                    .orElseThrow(() -> ClassifierStore.notFound(name));
            StoredClassifier next = change.apply(current);
            update(c, "UPDATE classifiers SET kind = ?, document = ?, version = ?, update_time = ? WHERE name = ?",
                    next.kind(), next.document(), next.version(), next.updateTime(), name);
            return next;
        });
    }

    /** Deletes the classifier; false if there is none of that name. */
    @Override
    public boolean delete(String name) {
        return jdbc.inTransaction(c -> update(c, "DELETE FROM classifiers WHERE name = ?", name) > 0);
    }


    private static Optional<StoredClassifier> classifier(Connection c, String name, String lock) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM classifiers WHERE name = ?" + lock, JdbcClassifierStore::classifier,
                name);
    }

    private static StoredClassifier classifier(ResultSet rs) throws SQLException {
        return new StoredClassifier(rs.getString("name"), rs.getString("kind"), rs.getString("document"),
                rs.getLong("version"), instant(rs, "create_time"), instant(rs, "update_time"));
    }
}

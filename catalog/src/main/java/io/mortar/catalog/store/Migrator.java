package io.mortar.catalog.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a store's schema up to date: applies, in order and each in its own transaction, the numbered scripts
 * {@code migrations/<dialect>/V<n>__<name>.sql} that the {@code schema_version} table does not list yet.
 * A new migration is a new numbered file added to {@link #MIGRATIONS}; applied files are never edited. Work SQL
 * cannot do exactly (a value only Java computes) is a {@link Backfill}, run where its script has the line
 * {@value #BACKFILL_MARK}, inside the migration's transaction.
 */
final class Migrator {
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    static final List<String> MIGRATIONS = List.of("V1__catalog.sql", "V2__partition_value_key.sql", "V3__jobs.sql",
            "V4__crawlers.sql", "V5__connections.sql", "V6__classifiers.sql", "V7__crawls.sql");
    static final String BACKFILL_MARK = "-- @backfill";

    /** A migration's step in Java, on the migrating connection. */
    @FunctionalInterface
    interface Backfill {
        void run(Connection connection) throws SQLException;
    }

    private static final Map<String, Backfill> BACKFILLS =
            Map.of("V2__partition_value_key.sql", PartitionStore::backfillValueKeys);

    private Migrator() {}

    static void migrate(Connection connection, StoreDialect dialect) throws SQLException {
        migrate(connection, dialect, MIGRATIONS.size());
    }

    /** Applies the migrations up to version {@code last} (tests start from an older schema this way). */
    static void migrate(Connection connection, StoreDialect dialect, int last) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                    + " applied_time BIGINT NOT NULL)");
            connection.commit();
            int current;
            try (var rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
            for (int i = current; i < last; i++) {
                String name = MIGRATIONS.get(i);
                for (String sql : statements(read(dialect.migrationFolder() + "/" + name))) {
                    if (sql.equals(BACKFILL_MARK)) {
                        Backfill backfill = BACKFILLS.get(name);
                        if (backfill == null) {
                            throw new IllegalStateException("Migration " + name + " has no backfill step");
                        }
                        backfill.run(connection);
                    } else {
                        st.execute(sql);
                    }
                }
                try (var insert = connection.prepareStatement(
                        "INSERT INTO schema_version (version, name, applied_time) VALUES (?, ?, ?)")) {
                    insert.setInt(1, i + 1);
                    insert.setString(2, name);
                    insert.setLong(3, System.currentTimeMillis());
                    insert.executeUpdate();
                }
                connection.commit();
                LOG.info("Applied catalog migration {} ({})", name, dialect);
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String read(String resource) {
        try (InputStream in = Migrator.class.getResourceAsStream("/io/mortar/catalog/migrations/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing migration resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Splits a script on semicolons that end a line; our scripts hold no procedural blocks. A backfill line
     * becomes the entry {@value #BACKFILL_MARK}, in its place among the statements.
     */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith(BACKFILL_MARK)) {
                out.add(BACKFILL_MARK);
                continue;
            }
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}

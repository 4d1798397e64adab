package io.mortar.store.jdbc.testing;

import io.mortar.store.jdbc.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * What tests of other modules check in a store's own rows, below every API: the one place outside the JDBC store's
 * main code that knows its tables, so that a change of schema is made in one module.
 */
public final class StoreInspection {
    private StoreInspection() {}

    /** SQLite's own structural check of a store file, opened read-only with no server running: "ok" when sound. */
    public static String sqliteIntegrity(Path file) throws SQLException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + " does not exist");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            List<String> problems = new ArrayList<>();
            while (rs.next()) {
                problems.add(rs.getString(1));
            }
            return String.join("\n", problems);
        }
    }

    /** A connection as its row holds it at rest: its document and its secrets, joined by a space. */
    public static Optional<String> connectionRowText(StoreSettings store, String name) throws SQLException {
        try (Connection c = StoreBackend.connect(store);
             PreparedStatement ps = c.prepareStatement("SELECT document, secrets FROM connections WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1) + " " + rs.getString(2)) : Optional.empty();
            }
        }
    }

    /** Partition rows whose table is gone: unreachable through any API, so only the store can show such a leak. */
    public static long orphanPartitionRows(StoreSettings store) throws SQLException {
        try (Connection c = StoreBackend.connect(store); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM partitions WHERE table_id NOT IN"
                     + " (SELECT id FROM catalog_tables)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Runs a SQL script in the store's database: a plain {@code pg_dump} (SQL statements only) restored into an empty
     * database, for instance; PostgreSQL's driver splits the text into its statements and sends them in one go.
     */
    public static void runScript(StoreSettings store, String script) throws SQLException {
        try (Connection c = StoreBackend.connect(store); Statement st = c.createStatement()) {
            st.execute(script);
        }
    }

    /**
     * What editing the script of migration {@code version} after the store applied it looks like to the store's next
     * start: the checksum recorded for it no longer matches the script's.
     */
    public static void simulateEditedMigration(StoreSettings store, String version) throws SQLException {
        try (Connection c = StoreBackend.connect(store);
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = ?")) {
            ps.setString(1, version);
            if (ps.executeUpdate() != 1) {
                throw new IllegalArgumentException("The store applied no migration " + version);
            }
        }
    }

    /** One action a workflow run claimed, as its row holds it: what it started is null until the start is recorded. */
    public record WorkflowRunActionRow(String actionKey, String started, long claimedAtMillis) {}

    /** The actions a workflow run has claimed, in the order they were claimed. */
    public static List<WorkflowRunActionRow> workflowRunActions(StoreSettings store, String runId)
            throws SQLException {
        try (Connection c = StoreBackend.connect(store);
             PreparedStatement ps = c.prepareStatement("SELECT action_key, started, claimed_at"
                     + " FROM workflow_run_actions WHERE run_id = ? ORDER BY claimed_at, action_key")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                List<WorkflowRunActionRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new WorkflowRunActionRow(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
                return rows;
            }
        }
    }

    /**
     * What a server killed after starting a workflow run's action but before recording the start leaves behind:
     * the claim without what it started (the job run or crawl itself stays).
     */
    public static void forgetWorkflowRunActionStart(StoreSettings store, String runId, String actionKey)
            throws SQLException {
        try (Connection c = StoreBackend.connect(store);
             PreparedStatement ps = c.prepareStatement("UPDATE workflow_run_actions SET started = NULL,"
                     + " recorded_at = NULL WHERE run_id = ? AND action_key = ? AND started IS NOT NULL")) {
            ps.setString(1, runId);
            ps.setString(2, actionKey);
            if (ps.executeUpdate() != 1) {
                throw new IllegalArgumentException("Workflow run " + runId + " has no recorded start of " + actionKey);
            }
        }
    }
}

package io.mortar.store.jdbc;

import io.mortar.store.jdbc.expression.ExpressionSqlDialect;
import java.sql.SQLException;
import java.util.Map;

/** What differs between the two SQL databases Mortar stores its catalog in. */
public enum StoreDialect {
    SQLITE("sqlite", ExpressionSqlDialect.SQLITE) {
        @Override
        public boolean isRetryable(SQLException e) {
            // SQLITE_BUSY (5) and SQLITE_LOCKED (6), including their extended codes.
            int code = e.getErrorCode() & 0xff;
            return code == 5 || code == 6;
        }

        @Override
        public String rowLock(boolean exclusive) {
            return ""; // the write lock BEGIN IMMEDIATE holds already serialises writers
        }

        @Override
        public Map<String, String> schemaPlaceholders() {
            // INTEGER PRIMARY KEY is the 64-bit rowid; TEXT compares bytewise under SQLite's default BINARY collation
            return Map.of("row_id", "INTEGER PRIMARY KEY", "bytewise_text", "TEXT");
        }
    },
    POSTGRESQL("postgresql", ExpressionSqlDialect.POSTGRESQL) {
        @Override
        public boolean isRetryable(SQLException e) {
            // serialization_failure, deadlock_detected
            return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
        }

        @Override
        public String rowLock(boolean exclusive) {
            // KEY SHARE, not SHARE: it keeps the row from being deleted and no more, so that updating the parent's
            // definition (an UpdateTable while partitions are added) does not wait for its children's writers
            return exclusive ? " FOR UPDATE" : " FOR KEY SHARE";
        }

        @Override
        public Map<String, String> schemaPlaceholders() {
            // COLLATE "C": code-point order in a UTF8 database, as the slot encoding and paging by name need
            return Map.of("row_id", "BIGSERIAL PRIMARY KEY", "bytewise_text", "TEXT COLLATE \"C\"");
        }
    };

    private final String migrationFolder;
    private final ExpressionSqlDialect expressionDialect;

    StoreDialect(String migrationFolder, ExpressionSqlDialect expressionDialect) {
        this.migrationFolder = migrationFolder;
        this.expressionDialect = expressionDialect;
    }

    public static StoreDialect fromJdbcUrl(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("Unsupported store URL (expected jdbc:sqlite:… or jdbc:postgresql:…): " + url);
    }

    public String migrationFolder() {
        return migrationFolder;
    }

    public ExpressionSqlDialect expressionDialect() {
        return expressionDialect;
    }

    /** True for lock and serialization conflicts that succeed when the transaction is simply run again. */
    public abstract boolean isRetryable(SQLException e);

    /**
     * The clause a SELECT of rows ends with to lock them until the transaction ends: shared, to keep a parent
     * (a database, a table) from being deleted while children are added to it, or exclusive, to delete it or to
     * keep every other writer away from it.
     */
    public abstract String rowLock(boolean exclusive);

    /**
     * The values of the placeholders in the migrations both databases share ({@code migration/common/}): the column
     * types that differ between them.
     */
    public abstract Map<String, String> schemaPlaceholders();

    /** Unique-constraint violation, for inserts that race another writer. */
    public boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState()) // PostgreSQL
                || e.getErrorCode() == 19 || (e.getErrorCode() & 0xff) == 19 // SQLITE_CONSTRAINT
                || String.valueOf(e.getMessage()).contains("UNIQUE constraint failed");
    }
}

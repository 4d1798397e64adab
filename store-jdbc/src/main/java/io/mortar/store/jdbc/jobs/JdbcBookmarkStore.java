package io.mortar.store.jdbc.jobs;

import static io.mortar.store.jdbc.Sql.one;
import static io.mortar.store.jdbc.Sql.update;
import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueException;
import io.mortar.store.jdbc.Jdbc;
import io.mortar.store.jobs.BookmarkStore;
import io.mortar.store.jobs.StoredBookmark;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Job bookmarks in the store's database (schema in {@code V11__job_bookmarks.sql}). A commit is a compare-and-set
 * on the row's version, done by the database in the statement itself (an INSERT that finds the row taken, an UPDATE
 * that finds another version): it holds under PostgreSQL's READ COMMITTED as under SQLite's single writer.
 */
public final class JdbcBookmarkStore implements BookmarkStore {
    private static final String COLUMNS = "job_name, version, run, attempt, previous_run_id, run_id, bookmark";

    private final Jdbc jdbc;

    public JdbcBookmarkStore(Jdbc jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    @Override
    public Optional<StoredBookmark> get(String jobName) {
        return jdbc.read(c -> current(c, jobName, ""));
    }

    @Override
    public Optional<StoredBookmark> committedBy(String jobName, String runId) {
        return jdbc.read(c -> history(c, jobName, runId));
    }

    @Override
    public StoredBookmark commit(String jobName, int expectedVersion, String runId, int attempt, String bookmark) {
        return jdbc.inTransaction(c -> {
            int changed = expectedVersion == 0
                    ? update(c, "INSERT INTO job_bookmarks (" + COLUMNS + ") VALUES (?, 1, 1, ?, NULL, ?, ?)"
                            + " ON CONFLICT (job_name) DO NOTHING", jobName, attempt, runId, bookmark)
                    : update(c, "UPDATE job_bookmarks SET version = version + 1, run = run + 1, attempt = ?,"
                            + " previous_run_id = run_id, run_id = ?, bookmark = ? WHERE job_name = ? AND version = ?",
                            attempt, runId, bookmark, jobName, expectedVersion);
            if (changed == 0) {
                int actual = current(c, jobName, "").map(StoredBookmark::version).orElse(0);
                throw GlueException.concurrentModification("The bookmark of job %s is at version %d, not %d: another"
                        + " run committed it (or it was reset) after run %s read it, so run %s's state would skip or"
                        + " repeat data. Nothing was committed.", jobName, actual, expectedVersion, runId, runId);
            }
            StoredBookmark committed = current(c, jobName, "").orElseThrow();
            update(c, "INSERT INTO job_bookmark_history (job_name, run_id, version, run, attempt, previous_run_id,"
                            + " bookmark) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (job_name, run_id) DO UPDATE SET"
                            + " version = excluded.version, run = excluded.run, attempt = excluded.attempt,"
                            + " previous_run_id = excluded.previous_run_id, bookmark = excluded.bookmark",
                    jobName, runId, committed.version(), committed.run(), committed.attempt(),
                    committed.previousRunId(), bookmark);
            return committed;
        });
    }

    @Override
    public StoredBookmark reset(String jobName, String runId) {
        return jdbc.inTransaction(c -> {
            current(c, jobName, jdbc.dialect().rowLock(true)).orElseThrow(() -> GlueException.entityNotFound(
                    "Job %s has no bookmark: no run of it has committed one.", jobName));
            if (runId == null) {
                update(c, "UPDATE job_bookmarks SET version = version + 1, previous_run_id = NULL, run_id = NULL,"
                        + " bookmark = NULL WHERE job_name = ?", jobName);
                return current(c, jobName, "").orElseThrow();
            }
            StoredBookmark rewound = history(c, jobName, runId).orElseThrow(() -> GlueException.entityNotFound(
                    "Run %s of job %s committed no bookmark to reset to.", runId, jobName));
            update(c, "UPDATE job_bookmarks SET version = version + 1, run = ?, attempt = ?, previous_run_id = ?,"
                            + " run_id = ?, bookmark = ? WHERE job_name = ?", rewound.run(), rewound.attempt(),
                    rewound.previousRunId(), rewound.runId(), rewound.bookmark(), jobName);
            return current(c, jobName, "").orElseThrow();
        });
    }

    /** The job_bookmarks row: its run, previous run and state are null after a reset to nothing. */
    private static Optional<StoredBookmark> current(Connection c, String jobName, String lock) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM job_bookmarks WHERE job_name = ?" + lock,
                JdbcBookmarkStore::entry, jobName);
    }

    private static Optional<StoredBookmark> history(Connection c, String jobName, String runId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM job_bookmark_history WHERE job_name = ? AND run_id = ?",
                JdbcBookmarkStore::entry, jobName, runId);
    }

    private static StoredBookmark entry(ResultSet rs) throws SQLException {
        return new StoredBookmark(rs.getString("job_name"), rs.getInt("version"), rs.getInt("run"),
                rs.getInt("attempt"), rs.getString("previous_run_id"), rs.getString("run_id"),
                rs.getString("bookmark"));
    }
}

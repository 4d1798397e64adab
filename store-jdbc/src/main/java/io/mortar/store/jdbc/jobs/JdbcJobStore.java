package io.mortar.store.jdbc.jobs;

import static io.mortar.store.jdbc.Sql.instant;
import static io.mortar.store.jdbc.Sql.list;
import static io.mortar.store.jdbc.Sql.one;
import static io.mortar.store.jdbc.Sql.update;
import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueException;
import io.mortar.model.JsonStrings;
import io.mortar.store.Page;
import io.mortar.store.jdbc.Jdbc;
import io.mortar.store.jdbc.ResourceTags;
import io.mortar.store.jobs.JobStore;
import io.mortar.store.jobs.RunCursor;
import io.mortar.store.jobs.StoredJob;
import io.mortar.store.jobs.StoredJobRun;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Jobs and job runs in the catalog's database (same pools, same one-transaction-per-operation discipline as the
 * catalog store; schema in {@code V3__jobs.sql}). Job tags live in the catalog's {@code tags} table under the
 * job's ARN, so TagResource/GetTags work on jobs as on any resource.
 */
public final class JdbcJobStore implements JobStore {
    private static final String RUN_COLUMNS = "id, job_name, attempt, previous_run_id, trigger_name, state,"
            + " started_on, last_modified_on, completed_on, execution_time, error_message, arguments,"
            + " timeout_minutes, max_capacity, worker_type, number_of_workers, glue_version, execution_class,"
            + " dpu_seconds, pid, process_start, run_dir, queuing_enabled, state_detail, execution_started_on,"
            + " command";
    /**
     * {@link StoredJobRun#IN_PROGRESS} as SQL, word for word the condition of the partial index job_runs_in_progress
     * (V3__jobs.sql): SQLite uses a partial index only for a query whose condition repeats the index's, list order
     * included.
     */
    private static final String IN_PROGRESS_SQL = "('STARTING', 'RUNNING', 'STOPPING', 'WAITING')";

    static {
        String states = StoredJobRun.IN_PROGRESS.stream().map(state -> "'" + state + "'")
                .collect(Collectors.joining(", ", "(", ")"));
        if (!IN_PROGRESS_SQL.equals(states)) { // a state added to the SPI needs a migration of the index too
            throw new IllegalStateException("Runs in progress are " + states + " but the index covers "
                    + IN_PROGRESS_SQL);
        }
    }

    private final Jdbc jdbc;

    public JdbcJobStore(Jdbc jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    // ---------------------------------------------------------------- jobs

    @Override
    public void createJob(String name, String document, Instant now, String arn, Map<String, String> tags) {
        jdbc.inTransaction(c -> {
            ResourceTags.insertTagged(c, "INSERT INTO jobs (name, document, create_time, update_time) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (name) DO NOTHING", new Object[] {name, document, now, now}, arn, tags,
                    () -> GlueException.alreadyExists("Job %s already exists.", name));
            return null;
        });
    }

    @Override
    public Optional<StoredJob> getJob(String name) {
        return jdbc.read(c -> job(c, name, ""));
    }

    @Override
    public Page<StoredJob> listJobs(String afterName, int limit, Map<String, String> tags, String arnPrefix) {
        return jdbc.read(c -> ResourceTags.pageByName(c, "SELECT name, document, create_time, update_time FROM jobs j",
                "j.name", afterName, limit, tags, arnPrefix, JdbcJobStore::job, StoredJob::name));
    }

    @Override
    public boolean updateJob(String name, String document, Instant now) {
        return jdbc.inTransaction(c -> update(c, "UPDATE jobs SET document = ?, update_time = ? WHERE name = ?",
                document, now, name) > 0);
    }

    /** Deletes the job, its runs and its tags; returns the runs that were still in progress (to be stopped). */
    @Override
    public List<StoredJobRun> deleteJob(String name, String arn) {
        return jdbc.inTransaction(c -> {
            if (job(c, name, jdbc.dialect().rowLock(true)).isEmpty()) {
                return List.of();
            }
            List<StoredJobRun> active = list(c, "SELECT " + RUN_COLUMNS + " FROM job_runs WHERE job_name = ?"
                    + " AND state IN " + IN_PROGRESS_SQL, JdbcJobStore::run, name);
            update(c, "DELETE FROM job_runs WHERE job_name = ?", name);
            update(c, "DELETE FROM job_bookmarks WHERE job_name = ?", name);
            update(c, "DELETE FROM job_bookmark_history WHERE job_name = ?", name);
            update(c, "DELETE FROM jobs WHERE name = ?", name);
            update(c, "DELETE FROM tags WHERE resource_arn = ?", arn);
            return active;
        });
    }

    private static Optional<StoredJob> job(Connection c, String name, String lock) throws SQLException {
        return one(c, "SELECT name, document, create_time, update_time FROM jobs WHERE name = ?" + lock,
                JdbcJobStore::job, name);
    }

    private static StoredJob job(ResultSet rs) throws SQLException {
        return new StoredJob(rs.getString("name"), rs.getString("document"), instant(rs, "create_time"),
                instant(rs, "update_time"));
    }

    // ---------------------------------------------------------------- runs

    /**
     * Starts a run atomically: the job's row is locked, its runs in progress counted and the new run inserted in
     * one transaction, so two simultaneous starts can never both pass a MaxConcurrentRuns check.
     *
     * @param plan given the job and how many of its runs are in progress, the run to insert; it throws a
     *     GlueException (nothing is written) when the run may not start
     */
    @Override
    public StoredJobRun startRun(String jobName, RunPlanner plan) {
        return jdbc.inTransaction(c -> {
            StoredJob job = job(c, jobName, jdbc.dialect().rowLock(true))
                    .orElseThrow(() -> GlueException.entityNotFound("Job %s not found.", jobName));
            int inProgress = one(c, "SELECT COUNT(*) FROM job_runs WHERE job_name = ? AND state IN " + IN_PROGRESS_SQL,
                    rs -> rs.getInt(1), jobName).orElse(0);
            StoredJobRun run = plan.plan(job, inProgress);
            insertRun(c, run);
            return run;
        });
    }

    private static void insertRun(Connection c, StoredJobRun run) throws SQLException {
        update(c, "INSERT INTO job_runs (" + RUN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                run.id(), run.jobName(), run.attempt(), run.previousRunId(), run.triggerName(), run.state(),
                run.startedOn(), run.lastModifiedOn(), run.completedOn(), run.executionTime(), run.errorMessage(),
                JsonStrings.writeMap(run.arguments()), run.timeoutMinutes(), run.maxCapacity(), run.workerType(),
                run.numberOfWorkers(), run.glueVersion(), run.executionClass(), run.dpuSeconds(), run.pid(),
                run.processStart(), run.runDir(), run.queuingEnabled() ? 1 : 0, run.stateDetail(),
                run.executionStartedOn(), run.command());
    }

    @Override
    public Optional<StoredJobRun> getRun(String jobName, String runId) {
        return jdbc.read(c -> one(c, "SELECT " + RUN_COLUMNS + " FROM job_runs WHERE id = ? AND job_name = ?",
                JdbcJobStore::run, runId, jobName));
    }

    /** A run by id alone (run ids are unique across jobs), for the log endpoint. */
    @Override
    public Optional<StoredJobRun> findRun(String runId) {
        return jdbc.read(c -> one(c, "SELECT " + RUN_COLUMNS + " FROM job_runs WHERE id = ?", JdbcJobStore::run, runId));
    }

    /** A job's runs, newest first; the cursor is the last run's start time and id. */
    @Override
    public Page<StoredJobRun> listRuns(String jobName, RunCursor after, int limit) {
        return jdbc.read(c -> {
            List<StoredJobRun> runs = after == null
                    ? list(c, "SELECT " + RUN_COLUMNS + " FROM job_runs WHERE job_name = ?"
                            + " ORDER BY started_on DESC, id DESC LIMIT ?", JdbcJobStore::run, jobName, limit + 1)
                    : list(c, "SELECT " + RUN_COLUMNS + " FROM job_runs WHERE job_name = ?"
                            + " AND (started_on < ? OR (started_on = ? AND id < ?))"
                            + " ORDER BY started_on DESC, id DESC LIMIT ?", JdbcJobStore::run, jobName,
                            after.startedOnMillis(), after.startedOnMillis(), after.id(), limit + 1);
            return Page.of(runs, limit, run -> new RunCursor(run.startedOn().toEpochMilli(), run.id()).encode());
        });
    }

    /** Every run still in progress, of every job: what a starting server must reconcile. */
    @Override
    public List<StoredJobRun> runsInProgress() {
        return jdbc.read(c -> list(c, "SELECT " + RUN_COLUMNS + " FROM job_runs WHERE state IN " + IN_PROGRESS_SQL
                + " ORDER BY started_on", JdbcJobStore::run));
    }

    /** The queue, oldest first; the partial index job_runs_waiting (V10) holds exactly these rows in this order. */
    @Override
    public List<StoredJobRun> waitingRuns(RunCursor after, int limit) {
        return jdbc.read(c -> after == null
                ? list(c, "SELECT " + RUN_COLUMNS + " FROM job_runs WHERE state = 'WAITING'"
                        + " ORDER BY started_on, id LIMIT ?", JdbcJobStore::run, limit)
                : list(c, "SELECT " + RUN_COLUMNS + " FROM job_runs WHERE state = 'WAITING'"
                        + " AND (started_on > ? OR (started_on = ? AND id > ?)) ORDER BY started_on, id LIMIT ?",
                        JdbcJobStore::run, after.startedOnMillis(), after.startedOnMillis(), after.id(), limit));
    }

    @Override
    public Optional<StoredJobRun> claimWaiting(String runId, Instant now) {
        return jdbc.inTransaction(c -> {
            if (update(c, "UPDATE job_runs SET state = 'STARTING', state_detail = NULL, execution_started_on = ?,"
                    + " last_modified_on = ? WHERE id = ? AND state = 'WAITING'", now, now, runId) == 0) {
                return Optional.<StoredJobRun>empty();
            }
            return one(c, "SELECT " + RUN_COLUMNS + " FROM job_runs WHERE id = ?", JdbcJobStore::run, runId);
        });
    }

    @Override
    public boolean requeue(String runId, String stateDetail, Instant now) {
        return jdbc.inTransaction(c -> update(c, "UPDATE job_runs SET state = 'WAITING', state_detail = ?,"
                + " execution_started_on = NULL, last_modified_on = ? WHERE id = ? AND state = 'STARTING'"
                + " AND pid IS NULL", stateDetail, now, runId) > 0);
    }

    @Override
    public boolean describeWaiting(String runId, String stateDetail) {
        return jdbc.inTransaction(c -> update(c, "UPDATE job_runs SET state_detail = ? WHERE id = ?"
                + " AND state = 'WAITING'", stateDetail, runId) > 0);
    }

    /** Records the driver process of a run that was just launched. */
    @Override
    public void markLaunched(String runId, long pid, Instant processStart, String runDir, Instant now) {
        jdbc.inTransaction(c -> update(c, "UPDATE job_runs SET pid = ?, process_start = ?, run_dir = ?,"
                + " last_modified_on = ? WHERE id = ?", pid, processStart, runDir, now, runId));
    }

    /** STARTING → RUNNING; false when the run is no longer STARTING (stopping, or already over). */
    @Override
    public boolean markRunning(String runId, Instant now) {
        return jdbc.inTransaction(c -> update(c, "UPDATE job_runs SET state = 'RUNNING', last_modified_on = ?"
                + " WHERE id = ? AND state = 'STARTING'", now, runId) > 0);
    }

    /** STARTING/RUNNING → STOPPING; false when the run is not in one of those states. */
    @Override
    public boolean markStopping(String runId, Instant now) {
        return jdbc.inTransaction(c -> update(c, "UPDATE job_runs SET state = 'STOPPING', state_detail = NULL,"
                + " last_modified_on = ? WHERE id = ? AND state IN ('STARTING', 'RUNNING', 'WAITING')", now, runId) > 0);
    }

    /**
     * Ends a run in progress and, in the same transaction, inserts the retry the planner asks for, so a run is
     * retried exactly once even when the server dies around it. Empty when the run was not in progress any more.
     */
    @Override
    public Optional<Finished> finish(String runId, Function<StoredJobRun, Outcome> outcomeOf, RetryPlanner retries) {
        return jdbc.inTransaction(c -> {
            Optional<StoredJobRun> current = one(c, "SELECT " + RUN_COLUMNS + " FROM job_runs WHERE id = ?"
                    + jdbc.dialect().rowLock(true), JdbcJobStore::run, runId);
            if (current.isEmpty() || !current.get().inProgress()) {
                return Optional.<Finished>empty();
            }
            Outcome outcome = outcomeOf.apply(current.get());
            update(c, "UPDATE job_runs SET state = ?, error_message = ?, completed_on = ?, last_modified_on = ?,"
                            + " execution_time = ?, dpu_seconds = ?, state_detail = NULL WHERE id = ?", outcome.state(),
                    outcome.errorMessage(), outcome.completedOn(), outcome.completedOn(), outcome.executionTime(),
                    outcome.dpuSeconds(), runId);
            StoredJobRun finished = one(c, "SELECT " + RUN_COLUMNS + " FROM job_runs WHERE id = ?", JdbcJobStore::run,
                    runId).orElseThrow();
            Optional<StoredJobRun> retry = retries.plan(finished, job(c, finished.jobName(), ""));
            if (retry.isPresent()) {
                insertRun(c, retry.get());
            }
            return Optional.of(new Finished(finished, retry));
        });
    }

    private static StoredJobRun run(ResultSet rs) throws SQLException {
        return new StoredJobRun(rs.getString("id"), rs.getString("job_name"), rs.getInt("attempt"),
                rs.getString("previous_run_id"), rs.getString("trigger_name"), rs.getString("state"),
                instant(rs, "started_on"), instant(rs, "last_modified_on"), instant(rs, "completed_on"),
                nullableInt(rs, "execution_time"), rs.getString("error_message"),
                JsonStrings.readMap(rs.getString("arguments")), rs.getInt("timeout_minutes"),
                nullableDouble(rs, "max_capacity"), rs.getString("worker_type"),
                nullableInt(rs, "number_of_workers"), rs.getString("glue_version"), rs.getString("execution_class"),
                nullableDouble(rs, "dpu_seconds"), nullableLong(rs, "pid"), instant(rs, "process_start"),
                rs.getString("run_dir"), rs.getInt("queuing_enabled") != 0, rs.getString("state_detail"),
                instant(rs, "execution_started_on"), rs.getString("command"));
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}

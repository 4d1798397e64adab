package io.mortar.store.jdbc.workflows;

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
import io.mortar.store.workflows.StoredWorkflow;
import io.mortar.store.workflows.StoredWorkflowRun;
import io.mortar.store.workflows.WorkflowStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Workflows, their runs and the actions the runs claimed, in the catalog's database (schema in
 * {@code V13__workflows.sql}), one transaction per operation. A run starts under the workflow row's lock, so
 * MaxConcurrentRuns holds under racing starts; an action is claimed by inserting its key, which succeeds once.
 */
public final class JdbcWorkflowStore implements WorkflowStore {
    private static final String COLUMNS = "name, document, max_concurrent_runs, create_time, update_time";
    private static final String RUN_COLUMNS = "run_id, workflow_name, status, previous_run_id, properties, started_on,"
            + " completed_on, error_message, starting_batch_size, starting_batch_window";

    private final Jdbc jdbc;

    public JdbcWorkflowStore(Jdbc jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    @Override
    public void create(StoredWorkflow workflow, String arn, Map<String, String> tags) {
        jdbc.inTransaction(c -> {
            ResourceTags.insertTagged(c, "INSERT INTO workflows (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (name) DO NOTHING", new Object[] {workflow.name(), workflow.document(),
                    workflow.maxConcurrentRuns(), workflow.createTime(), workflow.updateTime()}, arn, tags,
                    () -> GlueException.alreadyExists("Workflow with name %s already exists.", workflow.name()));
            return null;
        });
    }

    @Override
    public Optional<StoredWorkflow> get(String name) {
        return jdbc.read(c -> workflow(c, name, ""));
    }

    @Override
    public Page<StoredWorkflow> listWorkflows(String afterName, int limit) {
        return jdbc.read(c -> Page.of(list(c, "SELECT " + COLUMNS + " FROM workflows WHERE name > ? ORDER BY name"
                + " LIMIT ?", JdbcWorkflowStore::workflow, afterName == null ? "" : afterName, limit + 1), limit,
                StoredWorkflow::name));
    }

    @Override
    public StoredWorkflow change(String name, UnaryOperator<StoredWorkflow> change) {
        return jdbc.inTransaction(c -> {
            StoredWorkflow current = workflow(c, name, jdbc.dialect().rowLock(true)).orElseThrow(() -> notFound(name));
            StoredWorkflow next = change.apply(current);
            if (!next.name().equals(name)) {
                throw new IllegalArgumentException("A workflow cannot be renamed: " + name + " → " + next.name());
            }
            update(c, "UPDATE workflows SET document = ?, max_concurrent_runs = ?, update_time = ? WHERE name = ?",
                    next.document(), next.maxConcurrentRuns(), next.updateTime(), name);
            return next;
        });
    }

    @Override
    public boolean delete(String name, String arn, Consumer<StoredWorkflow> check) {
        return jdbc.inTransaction(c -> {
            Optional<StoredWorkflow> current = workflow(c, name, jdbc.dialect().rowLock(true));
            if (current.isEmpty()) {
                return false;
            }
            check.accept(current.get());
            update(c, "DELETE FROM workflow_run_actions WHERE run_id IN (SELECT run_id FROM workflow_runs"
                    + " WHERE workflow_name = ?)", name);
            update(c, "DELETE FROM workflow_runs WHERE workflow_name = ?", name);
            update(c, "DELETE FROM workflows WHERE name = ?", name);
            update(c, "DELETE FROM tags WHERE resource_arn = ?", arn);
            return true;
        });
    }

    @Override
    public StoredWorkflowRun startRun(String workflowName, String runId, RunPlanner plan,
                                      Map<String, String> actions) {
        return jdbc.inTransaction(c -> {
            StoredWorkflow workflow = workflow(c, workflowName, jdbc.dialect().rowLock(true))
                    .orElseThrow(() -> notFound(workflowName));
            if (runId != null) {
                Optional<StoredWorkflowRun> existing = one(c, "SELECT " + RUN_COLUMNS + " FROM workflow_runs"
                        + " WHERE run_id = ?", JdbcWorkflowStore::run, runId);
                if (existing.isPresent()) {
                    return existing.get(); // the workflow's lock orders racing starters: the later one finds it
                }
            }
            int inProgress = one(c, "SELECT COUNT(*) FROM workflow_runs WHERE workflow_name = ?"
                    + " AND status IN ('RUNNING', 'STOPPING')", rs -> rs.getInt(1), workflowName).orElse(0);
            StoredWorkflowRun run = plan.plan(workflow, inProgress);
            if (runId != null && !run.runId().equals(runId)) {
                throw new IllegalArgumentException("The planned run must carry the id " + runId);
            }
            StoredWorkflowRun.StartingBatch batch = run.startingBatch();
            update(c, "INSERT INTO workflow_runs (" + RUN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    run.runId(), run.workflowName(), run.status(), run.previousRunId(),
                    JsonStrings.writeMap(run.properties()), run.startedOn(), run.completedOn(), run.errorMessage(),
                    batch == null ? null : batch.batchSize(), batch == null ? null : batch.batchWindow());
            for (Map.Entry<String, String> action : actions.entrySet()) {
                update(c, "INSERT INTO workflow_run_actions (run_id, action_key, started, claimed_at, recorded_at)"
                        + " VALUES (?, ?, ?, ?, ?)", run.runId(), action.getKey(), action.getValue(), run.startedOn(),
                        action.getValue() == null ? null : run.startedOn());
            }
            return run;
        });
    }

    @Override
    public Optional<StoredWorkflowRun> getRun(String workflowName, String runId) {
        return jdbc.read(c -> one(c, "SELECT " + RUN_COLUMNS + " FROM workflow_runs WHERE run_id = ?"
                + " AND workflow_name = ?", JdbcWorkflowStore::run, runId, workflowName));
    }

    @Override
    public Page<StoredWorkflowRun> listRuns(String workflowName, String afterRunId, int limit) {
        return jdbc.read(c -> {
            String select = "SELECT " + RUN_COLUMNS + " FROM workflow_runs WHERE workflow_name = ?";
            String order = " ORDER BY started_on DESC, run_id DESC LIMIT ?";
            List<StoredWorkflowRun> rows;
            if (afterRunId == null) {
                rows = list(c, select + order, JdbcWorkflowStore::run, workflowName, limit + 1);
            } else {
                Optional<StoredWorkflowRun> after = one(c, "SELECT " + RUN_COLUMNS + " FROM workflow_runs"
                        + " WHERE run_id = ? AND workflow_name = ?", JdbcWorkflowStore::run, afterRunId, workflowName);
                if (after.isEmpty()) {
                    return new Page<>(List.of(), null);
                }
                rows = list(c, select + " AND (started_on < ? OR (started_on = ? AND run_id < ?))" + order,
                        JdbcWorkflowStore::run, workflowName, after.get().startedOn(), after.get().startedOn(),
                        afterRunId, limit + 1);
            }
            return Page.of(rows, limit, StoredWorkflowRun::runId);
        });
    }

    @Override
    public List<StoredWorkflowRun> runsInProgress() {
        return jdbc.read(c -> list(c, "SELECT " + RUN_COLUMNS + " FROM workflow_runs WHERE status IN ('RUNNING',"
                + " 'STOPPING') ORDER BY started_on, run_id", JdbcWorkflowStore::run));
    }

    @Override
    public StoredWorkflowRun changeRun(String runId, UnaryOperator<StoredWorkflowRun> change) {
        return jdbc.inTransaction(c -> {
            StoredWorkflowRun current = one(c, "SELECT " + RUN_COLUMNS + " FROM workflow_runs WHERE run_id = ?"
                    + jdbc.dialect().rowLock(true), JdbcWorkflowStore::run, runId).orElseThrow(() ->
                    GlueException.entityNotFound("Workflow run %s not found.", runId));
            StoredWorkflowRun next = change.apply(current);
            if (!next.runId().equals(runId) || !next.workflowName().equals(current.workflowName())) {
                throw new IllegalArgumentException("A workflow run keeps its id and workflow: " + runId);
            }
            update(c, "UPDATE workflow_runs SET status = ?, previous_run_id = ?, properties = ?, completed_on = ?,"
                    + " error_message = ? WHERE run_id = ?", next.status(), next.previousRunId(),
                    JsonStrings.writeMap(next.properties()), next.completedOn(), next.errorMessage(), runId);
            return next;
        });
    }

    @Override
    public boolean claimAction(String runId, String actionKey, Instant now) {
        return jdbc.inTransaction(c -> update(c, "INSERT INTO workflow_run_actions (run_id, action_key, claimed_at)"
                + " VALUES (?, ?, ?) ON CONFLICT (run_id, action_key) DO NOTHING", runId, actionKey, now) > 0);
    }

    @Override
    public void recordAction(String runId, String actionKey, String started, Instant now) {
        jdbc.inTransaction(c -> {
            if (update(c, "UPDATE workflow_run_actions SET started = ?, recorded_at = ? WHERE run_id = ?"
                    + " AND action_key = ?", started, now, runId, actionKey) == 0) {
                throw GlueException.entityNotFound("Action %s of workflow run %s was never claimed.", actionKey,
                        runId);
            }
            return null;
        });
    }

    @Override
    public List<StoredAction> actions(String runId) {
        return jdbc.read(c -> list(c, "SELECT run_id, action_key, started, claimed_at FROM workflow_run_actions"
                + " WHERE run_id = ? ORDER BY claimed_at, action_key", rs -> new StoredAction(rs.getString("run_id"),
                rs.getString("action_key"), rs.getString("started"), instant(rs, "claimed_at")), runId));
    }

    private static GlueException notFound(String name) {
        return GlueException.entityNotFound("Workflow %s not found.", name);
    }

    private static Optional<StoredWorkflow> workflow(Connection c, String name, String lock) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM workflows WHERE name = ?" + lock, JdbcWorkflowStore::workflow,
                name);
    }

    private static StoredWorkflow workflow(ResultSet rs) throws SQLException {
        int max = rs.getInt("max_concurrent_runs");
        Integer maxConcurrentRuns = rs.wasNull() ? null : max; // before any other column is read
        return new StoredWorkflow(rs.getString("name"), rs.getString("document"), maxConcurrentRuns,
                instant(rs, "create_time"), instant(rs, "update_time"));
    }

    private static StoredWorkflowRun run(ResultSet rs) throws SQLException {
        return new StoredWorkflowRun(rs.getString("run_id"), rs.getString("workflow_name"), rs.getString("status"),
                rs.getString("previous_run_id"), JsonStrings.readMap(rs.getString("properties")),
                instant(rs, "started_on"), instant(rs, "completed_on"), rs.getString("error_message"),
                rs.getObject("starting_batch_size") == null ? null : new StoredWorkflowRun.StartingBatch(
                        rs.getInt("starting_batch_size"), rs.getInt("starting_batch_window")));
    }
}

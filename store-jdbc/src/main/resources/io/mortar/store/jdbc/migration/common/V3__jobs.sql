-- Mortar schema, version 3: ETL job definitions and their runs.

-- A job keeps its definition as the Glue Job shape (defaults applied) in a JSON document.
CREATE TABLE jobs (
  name ${bytewise_text} NOT NULL PRIMARY KEY,
  document TEXT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL
);

-- One row per run attempt. Besides the JobRun fields, a run remembers the driver process that executes it (pid
-- and the process's start time, so a restarted server can tell that pid is still the same process) and the run
-- directory holding driver.log and the driver's status.json.
CREATE TABLE job_runs (
  id ${bytewise_text} NOT NULL PRIMARY KEY,
  job_name ${bytewise_text} NOT NULL,
  attempt INTEGER NOT NULL,
  previous_run_id TEXT,
  trigger_name TEXT,
  state TEXT NOT NULL,
  started_on BIGINT NOT NULL,
  last_modified_on BIGINT NOT NULL,
  completed_on BIGINT,
  execution_time INTEGER,
  error_message TEXT,
  arguments TEXT NOT NULL,
  timeout_minutes INTEGER NOT NULL,
  max_capacity DOUBLE PRECISION,
  worker_type TEXT,
  number_of_workers INTEGER,
  glue_version TEXT,
  execution_class TEXT,
  dpu_seconds DOUBLE PRECISION,
  pid BIGINT,
  process_start BIGINT,
  run_dir TEXT
);

-- GetJobRuns: a job's runs, newest first.
CREATE INDEX job_runs_by_job ON job_runs (job_name, started_on DESC, id DESC);

-- MaxConcurrentRuns checks and restart reconciliation look only at runs still in progress.
CREATE INDEX job_runs_in_progress ON job_runs (job_name)
  WHERE state IN ('STARTING', 'RUNNING', 'STOPPING', 'WAITING');

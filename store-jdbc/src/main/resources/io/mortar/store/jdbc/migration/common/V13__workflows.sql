-- Mortar schema, version 13: workflows and their runs (issue 14).

CREATE TABLE workflows (
  name ${bytewise_text} NOT NULL PRIMARY KEY,
  document TEXT NOT NULL,
  max_concurrent_runs INTEGER,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL
);

CREATE TABLE workflow_runs (
  run_id ${bytewise_text} NOT NULL PRIMARY KEY,
  workflow_name ${bytewise_text} NOT NULL,
  status TEXT NOT NULL,
  previous_run_id TEXT,
  properties TEXT NOT NULL,
  started_on BIGINT NOT NULL,
  completed_on BIGINT,
  error_message TEXT
);
CREATE INDEX workflow_runs_by_workflow ON workflow_runs (workflow_name, started_on, run_id);

-- Each action a run takes, claimed before it starts: the key makes it start once, whatever the servers.
CREATE TABLE workflow_run_actions (
  run_id ${bytewise_text} NOT NULL,
  action_key ${bytewise_text} NOT NULL,
  started TEXT,
  claimed_at BIGINT NOT NULL,
  recorded_at BIGINT,
  PRIMARY KEY (run_id, action_key)
);

-- Mortar schema, version 12: triggers (issue 14).

-- A trigger keeps its definition as the Glue Trigger shape (defaults applied, without state) in a JSON document;
-- what the scheduler and the API search by lives in columns.
CREATE TABLE triggers (
  name ${bytewise_text} NOT NULL PRIMARY KEY,
  workflow_name ${bytewise_text},
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  document TEXT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL
);
CREATE INDEX triggers_by_workflow ON triggers (workflow_name, name);
CREATE INDEX triggers_by_type_state ON triggers (type, state, name);

-- The jobs and crawlers each trigger names: role 'start' for its actions, 'watch' for its predicate's conditions.
CREATE TABLE trigger_refs (
  trigger_name ${bytewise_text} NOT NULL,
  role TEXT NOT NULL,
  kind TEXT NOT NULL,
  ref_name ${bytewise_text} NOT NULL,
  PRIMARY KEY (trigger_name, role, kind, ref_name)
);
CREATE INDEX trigger_refs_by_ref ON trigger_refs (role, kind, ref_name, trigger_name);

-- One row per firing a server claimed: the key makes each firing start once, whatever the servers.
CREATE TABLE trigger_firings (
  trigger_name ${bytewise_text} NOT NULL,
  due_at BIGINT NOT NULL,
  claimed_at BIGINT NOT NULL,
  PRIMARY KEY (trigger_name, due_at)
);

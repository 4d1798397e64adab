-- Mortar schema, version 4: crawler definitions.

-- A crawler keeps its definition as the Glue Crawler shape (defaults applied, without state and times) in a JSON
-- document; what changes as it runs or is scheduled lives in columns.
CREATE TABLE crawlers (
  name TEXT NOT NULL PRIMARY KEY,
  document TEXT NOT NULL,
  version BIGINT NOT NULL,
  state TEXT NOT NULL,
  schedule_state TEXT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL
);

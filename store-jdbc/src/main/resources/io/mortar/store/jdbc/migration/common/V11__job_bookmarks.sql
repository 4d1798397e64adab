-- Mortar schema, version 11: job bookmarks (issue 13).

-- A job's current bookmark. The row outlives a reset (bookmark NULL), so its version only ever grows and a run that
-- read the bookmark before a reset cannot commit over it.
CREATE TABLE job_bookmarks (
  job_name ${bytewise_text} NOT NULL PRIMARY KEY,
  version INTEGER NOT NULL,
  run INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  previous_run_id TEXT,
  run_id TEXT,
  bookmark TEXT
);

-- The state each run committed, for ResetJobBookmark with a RunId (a rewind).
CREATE TABLE job_bookmark_history (
  job_name ${bytewise_text} NOT NULL,
  run_id ${bytewise_text} NOT NULL,
  version INTEGER NOT NULL,
  run INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  previous_run_id TEXT,
  bookmark TEXT NOT NULL,
  PRIMARY KEY (job_name, run_id)
);

-- Mortar schema, version 10: job runs queue for the server's driver capacity (issue 12).
--
-- A run is recorded WAITING before any driver exists and leaves the queue (→ STARTING) when the server has a free
-- driver slot: so StartJobRun never launches a process, a crash can never leave a driver nobody records, and the
-- queue outlives a restart.

-- Glue's JobRunQueuingEnabled: over the job's MaxConcurrentRuns such a run waits instead of failing.
ALTER TABLE job_runs ADD COLUMN queuing_enabled INTEGER NOT NULL DEFAULT 0;

-- Glue's StateDetail: why a WAITING run waits.
ALTER TABLE job_runs ADD COLUMN state_detail TEXT;

-- When the run left the queue: ExecutionTime, DPUSeconds and Timeout count from here, never from the wait.
ALTER TABLE job_runs ADD COLUMN execution_started_on BIGINT;
UPDATE job_runs SET execution_started_on = started_on WHERE state <> 'WAITING';

-- The queue in its order (start time, then id).
CREATE INDEX job_runs_waiting ON job_runs (started_on, id) WHERE state = 'WAITING';

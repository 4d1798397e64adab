-- Mortar schema, version 17: a run records its job's Command.Name (issue 15).
--
-- A Python shell job's run is a Python process without Spark, a glueetl job's a Spark driver: the run keeps the
-- kind it was started as, so an UpdateJob between its start and its launch cannot change what it runs on. Every run
-- before this version was a glueetl job's.
ALTER TABLE job_runs ADD COLUMN command TEXT NOT NULL DEFAULT 'glueetl';

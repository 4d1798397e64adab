-- Mortar schema, version 16: the batch of events that started a workflow run (Glue's StartingEventBatchCondition).

-- Set when the run is inserted, never changed: exactly one is non-zero (the batch closed by its size, or by its window).
ALTER TABLE workflow_runs ADD COLUMN starting_batch_size INTEGER;
ALTER TABLE workflow_runs ADD COLUMN starting_batch_window INTEGER;

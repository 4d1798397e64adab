-- Mortar schema, version 15: the events of EVENT triggers and the batches they fire in (issue 14).

-- Each event a trigger received (kind 'event') and each object its watcher found already there when it started
-- watching a location (kind 'seen', never fired). The key keeps one row per trigger and object version, whatever
-- reported it, however often, on however many servers. batch_id is set, once, when the event joins a batch.
CREATE TABLE trigger_events (
  trigger_name ${bytewise_text} NOT NULL,
  event_id ${bytewise_text} NOT NULL,
  kind TEXT NOT NULL,
  object_url TEXT NOT NULL,
  size BIGINT NOT NULL,
  event_time BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  batch_id ${bytewise_text},
  PRIMARY KEY (trigger_name, event_id)
);
CREATE INDEX trigger_events_pending ON trigger_events (trigger_name, received_at, event_id)
  WHERE kind = 'event' AND batch_id IS NULL;
CREATE INDEX trigger_events_by_batch ON trigger_events (batch_id) WHERE batch_id IS NOT NULL;

-- A batch of a trigger's events: formed once (its events assigned in the same transaction), fired until fired_at.
CREATE TABLE event_batches (
  batch_id ${bytewise_text} NOT NULL PRIMARY KEY,
  trigger_name ${bytewise_text} NOT NULL,
  batch_size INTEGER NOT NULL,
  batch_window_seconds INTEGER NOT NULL,
  closed_at BIGINT NOT NULL,
  fired_at BIGINT
);
CREATE INDEX event_batches_by_trigger ON event_batches (trigger_name, closed_at, batch_id);
CREATE INDEX event_batches_unfired ON event_batches (closed_at, batch_id) WHERE fired_at IS NULL;

-- The locations a trigger's watcher has listed once (and so knows what was there before).
CREATE TABLE event_watches (
  trigger_name ${bytewise_text} NOT NULL,
  location ${bytewise_text} NOT NULL,
  started_at BIGINT NOT NULL,
  PRIMARY KEY (trigger_name, location)
);

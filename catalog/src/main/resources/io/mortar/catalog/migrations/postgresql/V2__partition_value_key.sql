-- Mortar schema, version 2: partitions are unique by value_key instead of value_hash.
-- value_key is the value list itself, or for a long one a prefix and its SHA-256 (PartitionStore.valueKey), so the
-- unique index sorts like the values and rows added in order append to it instead of landing on random pages.
ALTER TABLE partitions ADD COLUMN value_key TEXT COLLATE "C" NOT NULL DEFAULT '';
-- @backfill partitions.value_key: Java fills it from value_list, exactly as PartitionStore computes it.
ALTER TABLE partitions ALTER COLUMN value_key DROP DEFAULT;
DROP INDEX partitions_by_values;
CREATE UNIQUE INDEX partitions_by_values ON partitions (table_id, value_key);
ALTER TABLE partitions DROP COLUMN value_hash;

-- Mortar schema, version 2.2: value_key, filled by version 2.1, becomes the partitions' unique key in place of
-- value_hash. (Versions 2, 2.1 and 2.2 were one script, V2__partition_value_key.sql, before Flyway.)
ALTER TABLE partitions ALTER COLUMN value_key DROP DEFAULT;
DROP INDEX partitions_by_values;
CREATE UNIQUE INDEX partitions_by_values ON partitions (table_id, value_key);
ALTER TABLE partitions DROP COLUMN value_hash;

-- Mortar schema, version 2.2: value_key, filled by version 2.1, becomes the partitions' unique key in place of
-- value_hash. (Versions 2, 2.1 and 2.2 were one script, V2__partition_value_key.sql, before Flyway.)
DROP INDEX partitions_by_values;
CREATE UNIQUE INDEX partitions_by_values ON partitions (table_id, value_key);
ALTER TABLE partitions DROP COLUMN value_hash;

-- The query planner's starting statistics (SQLite's documented "manual control of query plans" through
-- sqlite_stat1). Without any, SQLite takes "table_id = ?" to select ~10 rows on every index, so for
-- "... AND k1 = ? AND k2 = ? ORDER BY id LIMIT n" it walks partitions_by_table in id order and filters each of
-- the table's rows (a million at a million partitions) instead of seeking partitions_by_keys and sorting the
-- few matches. These say what a partition table looks like: many rows per table, keys that narrow them down.
-- Statistics a store already measured are kept; Jdbc replaces these with measured ones (PRAGMA optimize) once a
-- table's size is far from them.
ANALYZE sqlite_schema;
INSERT INTO sqlite_stat1 (tbl, idx, stat)
  SELECT 'partitions', idx, stat FROM (
    SELECT 'partitions_by_keys' AS idx, '1000000 100000 1000 100 10' AS stat
    UNION ALL SELECT 'partitions_by_table', '1000000 100000 1'
    UNION ALL SELECT 'partitions_by_values', '1000000 100000 1') AS seed
  WHERE NOT EXISTS (SELECT 1 FROM sqlite_stat1 s WHERE s.tbl = 'partitions' AND s.idx = seed.idx);

-- Mortar catalog schema, version 1.
-- The scripts in common/ serve both databases; what differs is a placeholder SchemaMigrations fills per dialect:
-- ${row_id} an auto-numbered 64-bit primary key, ${bytewise_text} text that sorts and compares by code point (SQLite's
-- BINARY collation; COLLATE "C" on PostgreSQL), for every column that is sorted, paged or matched by Expressions.
-- Names and documents: each catalog object keeps its Glue input shape as a JSON document; the columns beside it
-- are what the store must search, sort, join or constrain on.

CREATE TABLE databases (
  id ${row_id},
  name ${bytewise_text} NOT NULL UNIQUE,
  document TEXT NOT NULL,
  create_time BIGINT NOT NULL
);

CREATE TABLE catalog_tables (
  id ${row_id},
  database_id BIGINT NOT NULL REFERENCES databases (id),
  name ${bytewise_text} NOT NULL,
  version_id BIGINT NOT NULL,
  document TEXT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL,
  UNIQUE (database_id, name)
);

-- Archived definitions: UpdateTable without SkipArchive moves the previous definition here.
CREATE TABLE table_versions (
  table_id BIGINT NOT NULL,
  version_id BIGINT NOT NULL,
  document TEXT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL,
  PRIMARY KEY (table_id, version_id)
);

-- Storage descriptors without their Location, shared by content: a million partitions of one table usually
-- differ only in Location, so they point at one row here instead of each carrying a copy.
CREATE TABLE storage_descriptors (
  id ${row_id},
  hash TEXT NOT NULL UNIQUE,
  document TEXT NOT NULL
);

-- Partitions. k1..k10 hold each partition key's value in an order-preserving text encoding of the key's
-- declared type (PartitionValueCodec), so compiled Expressions compare plain text on indexed columns.
-- uncastable: bit i set when key i's value cannot be cast to its type (Glue raises InvalidStateException
-- when an Expression then touches that key). segment: a stable hash for GetPartitions Segment scans.
CREATE TABLE partitions (
  id ${row_id},
  table_id BIGINT NOT NULL,
  value_hash TEXT NOT NULL,
  value_list TEXT NOT NULL,
  k1 ${bytewise_text},
  k2 ${bytewise_text},
  k3 ${bytewise_text},
  k4 ${bytewise_text},
  k5 ${bytewise_text},
  k6 ${bytewise_text},
  k7 ${bytewise_text},
  k8 ${bytewise_text},
  k9 ${bytewise_text},
  k10 ${bytewise_text},
  uncastable INTEGER NOT NULL,
  segment INTEGER NOT NULL,
  location TEXT,
  sd_id BIGINT,
  parameters TEXT,
  create_time BIGINT NOT NULL,
  last_access_time BIGINT,
  last_analyzed_time BIGINT
);
CREATE UNIQUE INDEX partitions_by_values ON partitions (table_id, value_hash);
CREATE INDEX partitions_by_table ON partitions (table_id, id);
CREATE INDEX partitions_by_keys ON partitions (table_id, k1, k2, k3);
CREATE INDEX partitions_uncastable ON partitions (table_id) WHERE uncastable <> 0;

CREATE TABLE partition_indexes (
  table_id BIGINT NOT NULL,
  name ${bytewise_text} NOT NULL,
  key_names TEXT NOT NULL,
  key_positions TEXT NOT NULL,
  status TEXT NOT NULL,
  create_time BIGINT NOT NULL,
  PRIMARY KEY (table_id, name)
);

-- Column statistics; partition_id 0 marks table-level statistics.
CREATE TABLE column_statistics (
  table_id BIGINT NOT NULL,
  partition_id BIGINT NOT NULL,
  column_name ${bytewise_text} NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (table_id, partition_id, column_name)
);

CREATE TABLE functions (
  id ${row_id},
  database_id BIGINT NOT NULL REFERENCES databases (id),
  name ${bytewise_text} NOT NULL,
  document TEXT NOT NULL,
  create_time BIGINT NOT NULL,
  UNIQUE (database_id, name)
);

CREATE TABLE tags (
  resource_arn ${bytewise_text} NOT NULL,
  tag_key ${bytewise_text} NOT NULL,
  tag_value TEXT NOT NULL,
  PRIMARY KEY (resource_arn, tag_key)
);

-- Mortar catalog schema, version 1.
-- Names and documents: each catalog object keeps its Glue input shape as a JSON document; the columns beside it
-- are what the store must search, sort, join or constrain on.

CREATE TABLE databases (
  id BIGSERIAL PRIMARY KEY,
  name TEXT COLLATE "C" NOT NULL UNIQUE,
  document TEXT NOT NULL,
  create_time BIGINT NOT NULL
);

CREATE TABLE catalog_tables (
  id BIGSERIAL PRIMARY KEY,
  database_id BIGINT NOT NULL REFERENCES databases (id),
  name TEXT COLLATE "C" NOT NULL,
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
  id BIGSERIAL PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  document TEXT NOT NULL
);

-- Partitions. k1..k10 hold each partition key's value in an order-preserving text encoding of the key's
-- declared type (PartitionValueCodec), so compiled Expressions compare plain text on indexed columns.
-- uncastable: bit i set when key i's value cannot be cast to its type (Glue raises InvalidStateException
-- when an Expression then touches that key). segment: a stable hash for GetPartitions Segment scans.
CREATE TABLE partitions (
  id BIGSERIAL PRIMARY KEY,
  table_id BIGINT NOT NULL,
  value_hash TEXT NOT NULL,
  value_list TEXT NOT NULL,
  k1 TEXT COLLATE "C",
  k2 TEXT COLLATE "C",
  k3 TEXT COLLATE "C",
  k4 TEXT COLLATE "C",
  k5 TEXT COLLATE "C",
  k6 TEXT COLLATE "C",
  k7 TEXT COLLATE "C",
  k8 TEXT COLLATE "C",
  k9 TEXT COLLATE "C",
  k10 TEXT COLLATE "C",
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
  name TEXT COLLATE "C" NOT NULL,
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
  column_name TEXT COLLATE "C" NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (table_id, partition_id, column_name)
);

CREATE TABLE functions (
  id BIGSERIAL PRIMARY KEY,
  database_id BIGINT NOT NULL REFERENCES databases (id),
  name TEXT COLLATE "C" NOT NULL,
  document TEXT NOT NULL,
  create_time BIGINT NOT NULL,
  UNIQUE (database_id, name)
);

CREATE TABLE tags (
  resource_arn TEXT COLLATE "C" NOT NULL,
  tag_key TEXT COLLATE "C" NOT NULL,
  tag_value TEXT NOT NULL,
  PRIMARY KEY (resource_arn, tag_key)
);

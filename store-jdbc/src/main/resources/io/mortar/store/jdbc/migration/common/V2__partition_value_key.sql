-- Mortar schema, version 2: partitions are unique by value_key instead of value_hash.
-- value_key is the value list itself, or for a long one a prefix and its SHA-256 (PartitionRows.valueKey), so the
-- unique index sorts like the values and rows added in order append to it instead of landing on random pages.
ALTER TABLE partitions ADD COLUMN value_key ${bytewise_text} NOT NULL DEFAULT '';
-- V2_1 (Java, BackfillPartitionValueKeys) fills it from value_list, exactly as PartitionRows computes it; V2_2 makes
-- it the partitions' unique key.

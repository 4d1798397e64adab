-- Mortar schema, version 8: Flyway keeps the schema's history (flyway_schema_history) from here on; stores made
-- before it kept theirs in schema_version, which SchemaMigrations read once to baseline them.
DROP TABLE IF EXISTS schema_version;

-- Mortar schema, version 18: the access keys requests are signed with (issue 16).
--
-- A key's secret is stored as the ciphertext the key service made of it (never in the clear); a run key's session
-- token only as its hex SHA-256, which a request's token is compared with. policies is a JSON array of the key's
-- policy documents, each kept as the string it was given. owner is a run key's job run id or crawl id: its keys go
-- when its run ends. expire_time is null for a key that does not expire.
CREATE TABLE access_keys (
  access_key_id ${bytewise_text} NOT NULL PRIMARY KEY,
  name ${bytewise_text} NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  secret_ciphertext TEXT NOT NULL,
  session_token_hash TEXT,
  policies TEXT NOT NULL,
  owner ${bytewise_text},
  create_time BIGINT NOT NULL,
  expire_time BIGINT
);
CREATE INDEX access_keys_by_owner ON access_keys (owner);
CREATE INDEX access_keys_by_expiry ON access_keys (expire_time);

-- One row: a counter every change of a key increases in the change's own transaction, so a server caching the keys
-- sees with one read whether another server (on a shared PostgreSQL) changed any.
CREATE TABLE access_key_generation (
  id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  generation BIGINT NOT NULL
);
INSERT INTO access_key_generation (id, generation) VALUES (1, 0);

-- Mortar schema, version 5: Glue connections and the catalog's encryption settings.

-- A connection keeps its ConnectionInput as Glue JSON without its secret properties (PASSWORD,
-- ENCRYPTED_PASSWORD, Kafka passwords); those are in secrets, a JSON map of property key to AES-256-GCM
-- ciphertext bound to the connection's name, so the document never holds a password in the clear.
CREATE TABLE connections (
  name ${bytewise_text} NOT NULL PRIMARY KEY,
  connection_type TEXT NOT NULL,
  document TEXT NOT NULL,
  secrets TEXT,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL
);

CREATE INDEX connections_by_type ON connections (connection_type, name);

-- GetDataCatalogEncryptionSettings / PutDataCatalogEncryptionSettings: one row, the settings as Glue JSON.
CREATE TABLE catalog_settings (
  name ${bytewise_text} NOT NULL PRIMARY KEY,
  document TEXT NOT NULL
);

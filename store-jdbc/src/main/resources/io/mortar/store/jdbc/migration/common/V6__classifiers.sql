-- Mortar schema, version 6: custom classifiers (CreateClassifier, GetClassifier, UpdateClassifier, ...).

-- A classifier keeps its definition as the Glue shape of its kind (GrokClassifier, XMLClassifier, JsonClassifier
-- or CsvClassifier, without times and version) in a JSON document; kind is that shape's name. Names keep their
-- case and sort bytewise, as on SQLite, so GetClassifiers pages alike on both. The version starts at 1 and goes up
-- by one per update.
CREATE TABLE classifiers (
  name ${bytewise_text} NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL,
  document TEXT NOT NULL,
  version BIGINT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL
);

-- Mortar schema, version 7: crawls, a crawler's runs (ListCrawls, GetCrawlerMetrics, LastCrawl).

-- One row per crawl: RUNNING while it runs, then COMPLETED, FAILED or STOPPED with its end time. The summary is a
-- JSON object of counts (tables and partitions created, updated, deleted; files listed and read); the log holds
-- what the crawl decided and why, line by line (Glue writes it to CloudWatch).
CREATE TABLE crawls (
  crawl_id TEXT NOT NULL PRIMARY KEY,
  crawler_name TEXT NOT NULL,
  state TEXT NOT NULL,
  start_time BIGINT NOT NULL,
  end_time BIGINT,
  error_message TEXT,
  summary TEXT,
  log TEXT,
  tables_created BIGINT NOT NULL DEFAULT 0,
  tables_updated BIGINT NOT NULL DEFAULT 0,
  tables_deleted BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX crawls_by_crawler ON crawls (crawler_name, start_time);

-- Mortar schema, version 9 (PostgreSQL only; SQLite compares text by code point already): crawler names sort and
-- compare by code point, as every other name does (V4 and V7 left them to the database's collation, so on a database
-- with a locale collation ListCrawlers and GetCrawlers paged in another order than on SQLite).
ALTER TABLE crawlers ALTER COLUMN name TYPE TEXT COLLATE "C";
ALTER TABLE crawls ALTER COLUMN crawler_name TYPE TEXT COLLATE "C";

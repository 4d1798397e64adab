package io.mortar.store.jdbc.crawlers;

import static io.mortar.store.jdbc.Sql.instant;
import static io.mortar.store.jdbc.Sql.list;
import static io.mortar.store.jdbc.Sql.one;
import static io.mortar.store.jdbc.Sql.update;
import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.crawlers.CrawlStore;
import io.mortar.store.crawlers.StoredCrawl;
import io.mortar.store.jdbc.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Crawls (schema in {@code V7__crawls.sql}) and the crawler state they move: a crawl begins and ends in the same
 * transaction as its crawler's READY → RUNNING → READY, so a crawler is never RUNNING without a running crawl, nor
 * the other way round.
 */
public final class JdbcCrawlStore implements CrawlStore {
    private static final String COLUMNS = "crawl_id, crawler_name, state, start_time, end_time, error_message,"
            + " summary, log, tables_created, tables_updated, tables_deleted";

    private final Jdbc jdbc;

    public JdbcCrawlStore(Jdbc jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    /**
     * Marks the crawler RUNNING and records its crawl, if the crawler is READY.
     *
     * @throws GlueException EntityNotFound for no such crawler, CrawlerRunning unless it is READY
     */
    @Override
    public void begin(String crawlerName, String crawlId, Instant start) {
        jdbc.inTransaction(c -> {
            String state = one(c, "SELECT state FROM crawlers WHERE name = ?" + jdbc.dialect().rowLock(true),
                    rs -> rs.getString(1), crawlerName).orElseThrow(() ->
                    GlueException.entityNotFound("Crawler entry with name %s does not exist", crawlerName));
            if (!state.equals("READY")) {
                throw new GlueException(GlueErrorCode.CRAWLER_RUNNING, "Crawler with name " + crawlerName
                        + " has already started");
            }
            update(c, "UPDATE crawlers SET state = 'RUNNING' WHERE name = ?", crawlerName);
            update(c, "INSERT INTO crawls (crawl_id, crawler_name, state, start_time) VALUES (?, ?, ?, ?)", crawlId,
                    crawlerName, StoredCrawl.RUNNING, start);
            return null;
        });
    }

    @Override
    public void executing(String crawlId, Instant start) {
        jdbc.inTransaction(c -> update(c, "UPDATE crawls SET start_time = ? WHERE crawl_id = ? AND state = ?", start,
                crawlId, StoredCrawl.RUNNING));
    }

    /**
     * Marks a RUNNING crawler STOPPING.
     *
     * @throws GlueException CrawlerNotRunning when it is READY, CrawlerStopping when it is stopping already
     */
    @Override
    public void stopping(String crawlerName) {
        jdbc.inTransaction(c -> {
            String state = one(c, "SELECT state FROM crawlers WHERE name = ?" + jdbc.dialect().rowLock(true),
                    rs -> rs.getString(1), crawlerName).orElseThrow(() ->
                    GlueException.entityNotFound("Crawler entry with name %s does not exist", crawlerName));
            switch (state) {
                case "READY" -> throw new GlueException(GlueErrorCode.CRAWLER_NOT_RUNNING,
                        "Crawler with name " + crawlerName + " is not running");
                case "STOPPING" -> throw new GlueException(GlueErrorCode.CRAWLER_STOPPING,
                        "Crawler with name " + crawlerName + " is already stopping");
                default -> update(c, "UPDATE crawlers SET state = 'STOPPING' WHERE name = ?", crawlerName);
            }
            return null;
        });
    }

    /** Ends a running crawl and makes its crawler READY again; a crawl that is not running is left as it is. */
    @Override
    public void finish(StoredCrawl ended) {
        jdbc.inTransaction(c -> {
            // Only the end of the crawl still running readies the crawler: a late or repeated finish of an ended
            // crawl made READY a crawler whose next crawl was running, so a second crawl could begin beside it.
            if (update(c, "UPDATE crawls SET state = ?, end_time = ?, error_message = ?, summary = ?, log = ?,"
                    + " tables_created = ?, tables_updated = ?, tables_deleted = ?"
                    + " WHERE crawl_id = ? AND crawler_name = ? AND end_time IS NULL",
                    ended.state(), ended.endTime(), ended.errorMessage(), ended.summary(), ended.log(),
                    ended.tablesCreated(), ended.tablesUpdated(), ended.tablesDeleted(), ended.crawlId(),
                    ended.crawlerName()) > 0) {
                update(c, "UPDATE crawlers SET state = 'READY' WHERE name = ?", ended.crawlerName());
            }
            return null;
        });
    }

    @Override
    public Optional<StoredCrawl> get(String crawlId) {
        return jdbc.read(c -> one(c, "SELECT " + COLUMNS + " FROM crawls WHERE crawl_id = ?", JdbcCrawlStore::crawl,
                crawlId));
    }

    /** The crawler's crawl in progress, if any. */
    @Override
    public Optional<StoredCrawl> running(String crawlerName) {
        return jdbc.read(c -> one(c, "SELECT " + COLUMNS + " FROM crawls WHERE crawler_name = ? AND end_time IS NULL"
                + " ORDER BY start_time DESC LIMIT 1", JdbcCrawlStore::crawl, crawlerName));
    }

    /** The crawler's last ended crawl, if any. */
    @Override
    public Optional<StoredCrawl> lastEnded(String crawlerName) {
        return jdbc.read(c -> one(c, "SELECT " + COLUMNS + " FROM crawls WHERE crawler_name = ? AND end_time IS NOT"
                + " NULL ORDER BY start_time DESC LIMIT 1", JdbcCrawlStore::crawl, crawlerName));
    }

    /** The crawler's crawls, newest first, started before {@code before} (exclusive) when given. */
    @Override
    public List<StoredCrawl> history(String crawlerName, Instant before, int limit) {
        return jdbc.read(c -> {
            List<Object> args = new ArrayList<>(List.of(crawlerName));
            String sql = "SELECT " + COLUMNS + " FROM crawls WHERE crawler_name = ?";
            if (before != null) {
                sql += " AND start_time < ?";
                args.add(before);
            }
            args.add(limit);
            return list(c, sql + " ORDER BY start_time DESC LIMIT ?", JdbcCrawlStore::crawl, args.toArray());
        });
    }

    /** Crawls left RUNNING by a server that stopped, oldest first. */
    @Override
    public List<StoredCrawl> unfinished() {
        return jdbc.read(c -> list(c, "SELECT " + COLUMNS + " FROM crawls WHERE end_time IS NULL ORDER BY start_time",
                JdbcCrawlStore::crawl));
    }

    private static StoredCrawl crawl(ResultSet rs) throws SQLException {
        return new StoredCrawl(rs.getString("crawl_id"), rs.getString("crawler_name"), rs.getString("state"),
                instant(rs, "start_time"), instant(rs, "end_time"), rs.getString("error_message"),
                rs.getString("summary"), rs.getString("log"), rs.getLong("tables_created"),
                rs.getLong("tables_updated"), rs.getLong("tables_deleted"));
    }
}

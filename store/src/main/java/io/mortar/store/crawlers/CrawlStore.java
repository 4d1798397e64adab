package io.mortar.store.crawlers;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Crawls and the crawler state they move: a crawl begins and ends in the same transaction as its crawler's
 * READY → RUNNING → READY, so a crawler is never RUNNING without a running crawl, nor the other way round.
 */
public interface CrawlStore {

    /**
     * Marks the crawler RUNNING and records its crawl, if the crawler is READY.
     *
     * @throws io.mortar.model.GlueException ENTITY_NOT_FOUND for no such crawler, CRAWLER_RUNNING unless it is
     *     READY
     */
    void begin(String crawlerName, String crawlId, Instant start);

    /**
     * Marks a RUNNING crawler STOPPING.
     *
     * @throws io.mortar.model.GlueException ENTITY_NOT_FOUND, CRAWLER_NOT_RUNNING when it is READY,
     *     CRAWLER_STOPPING when it is stopping already
     */
    void stopping(String crawlerName);

    /**
     * A crawl that waited for a free slot starts executing: its start time becomes {@code start}, so its run time
     * and the crawler's metrics never count the wait. Nothing happens to a crawl that has ended.
     */
    void executing(String crawlId, Instant start);

    /** Ends a running crawl and makes its crawler READY again; a crawl that is not running is left as it is. */
    void finish(StoredCrawl ended);

    Optional<StoredCrawl> get(String crawlId);

    /** The crawler's crawl in progress, if any. */
    Optional<StoredCrawl> running(String crawlerName);

    /** The crawler's last ended crawl, if any. */
    Optional<StoredCrawl> lastEnded(String crawlerName);

    /** The crawler's crawls, newest first, started before {@code before} (exclusive) when it is not null. */
    List<StoredCrawl> history(String crawlerName, Instant before, int limit);

    /** Crawls left running by a server that stopped, oldest first. */
    List<StoredCrawl> unfinished();
}

package io.mortar.store.crawlers;

import java.time.Instant;

/**
 * One crawl of a crawler, as stored: {@code RUNNING}, then {@code COMPLETED}, {@code FAILED} or {@code STOPPED}
 * (Glue's CrawlerHistory states); {@code endTime}, {@code errorMessage}, {@code summary} and {@code log} are null
 * until it ends.
 */
public record StoredCrawl(String crawlId, String crawlerName, String state, Instant startTime, Instant endTime,
                          String errorMessage, String summary, String log, long tablesCreated, long tablesUpdated,
                          long tablesDeleted) {
    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String STOPPED = "STOPPED";

    public boolean finished() {
        return endTime != null;
    }
}

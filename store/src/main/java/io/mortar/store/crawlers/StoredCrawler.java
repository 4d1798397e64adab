package io.mortar.store.crawlers;

import java.time.Instant;

/**
 * A crawler as stored: its Glue {@code Crawler} document (the definition with defaults applied), the definition's
 * version, and what changes without an update: its state and its schedule's state.
 */
public record StoredCrawler(String name, String document, long version, String state, String scheduleState,
                            Instant createTime, Instant updateTime) {}

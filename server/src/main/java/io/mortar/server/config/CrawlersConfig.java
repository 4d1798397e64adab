package io.mortar.server.config;

/**
 * How crawls run in the server.
 *
 * @param maxConcurrent crawls running at once; more wait their turn (their crawlers show RUNNING)
 * @param readers files each crawl reads at once (object stores answer slowly but in parallel)
 */
public record CrawlersConfig(int maxConcurrent, int readers) {
    public static final CrawlersConfig DEFAULTS = new CrawlersConfig(2, 8);

    public CrawlersConfig {
        if (maxConcurrent < 1) {
            throw new ConfigException("mortar.crawlers.max-concurrent must be at least 1, not " + maxConcurrent);
        }
        if (readers < 1) {
            throw new ConfigException("mortar.crawlers.readers must be at least 1, not " + readers);
        }
    }
}

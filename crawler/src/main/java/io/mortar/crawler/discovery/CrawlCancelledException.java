package io.mortar.crawler.discovery;

/** A crawl was asked to stop (StopCrawler) and stopped where it was, before writing anything. */
public final class CrawlCancelledException extends RuntimeException {
    public CrawlCancelledException() {
        super("The crawl was stopped", null, false, false);
    }
}

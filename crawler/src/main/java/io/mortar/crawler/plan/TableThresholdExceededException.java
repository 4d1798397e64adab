package io.mortar.crawler.plan;

/** A crawl would create more tables than its crawler's {@code TableThreshold} allows; it writes nothing. */
public final class TableThresholdExceededException extends RuntimeException {
    public TableThresholdExceededException(long tables, int threshold) {
        super("The number of tables detected by the crawler (" + tables + ") is greater than the TableThreshold"
                + " (" + threshold + "); nothing was written. Raise Configuration.CrawlerOutput.Tables.TableThreshold,"
                + " or narrow the include paths or exclusions (a dry run shows the tables and why).");
    }
}

package io.mortar.server.orchestration;

import java.util.Map;

/**
 * What the orchestration does to jobs and crawlers: start them under ids derived from the firing (so a firing made
 * again starts nothing more) and stop them. The server implements it with the job and crawler services.
 */
public interface Actions {

    /**
     * Starts a run of the job under {@code runId}, carrying the trigger's name; false when that run exists already.
     *
     * @throws io.mortar.model.GlueException when the job cannot be started (it is gone, say)
     */
    boolean startJob(String jobName, String runId, Map<String, String> arguments, Integer timeout,
                     String triggerName);

    /**
     * Starts a crawl of the crawler under {@code crawlId}; false when that crawl exists already.
     *
     * @throws io.mortar.model.GlueException CrawlerRunning when the crawler is busy, or when it is gone
     */
    boolean startCrawl(String crawlerName, String crawlId);

    void stopJob(String jobName, String runId);

    void stopCrawl(String crawlerName);
}

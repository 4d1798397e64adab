package io.mortar.server;

import static java.util.Objects.requireNonNull;

import io.mortar.server.crawlers.CrawlersApi;
import io.mortar.server.jobs.JobsApi;
import io.mortar.server.orchestration.Actions;
import java.util.Map;

/** The orchestration's actions carried out by this server's job and crawler services. */
final class ServiceActions implements Actions {
    private final JobsApi jobs;
    private final CrawlersApi crawlers;

    ServiceActions(JobsApi jobs, CrawlersApi crawlers) {
        this.jobs = requireNonNull(jobs, "jobs");
        this.crawlers = requireNonNull(crawlers, "crawlers");
    }

    @Override
    public boolean startJob(String jobName, String runId, Map<String, String> arguments, Integer timeout,
                            String triggerName) {
        return jobs.startTriggeredRun(jobName, runId, arguments, timeout, triggerName);
    }

    @Override
    public boolean startCrawl(String crawlerName, String crawlId) {
        return crawlers.startTriggeredCrawl(crawlerName, crawlId);
    }

    @Override
    public void stopJob(String jobName, String runId) {
        jobs.stopRun(jobName, runId);
    }

    @Override
    public void stopCrawl(String crawlerName) {
        crawlers.stopCrawler(crawlerName);
    }
}

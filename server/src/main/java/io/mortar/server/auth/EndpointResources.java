package io.mortar.server.auth;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.mortar.catalog.CatalogIdentity;
import io.mortar.store.crawlers.CrawlStore;
import io.mortar.store.jobs.JobStore;
import java.util.List;

/**
 * The resources Mortar's own endpoints act on, from their paths: a run's log is its job's, a crawl's log its
 * crawler's. A path naming a run or crawl that does not exist maps to the ARN with an empty name, which only a policy
 * allowing every resource of its kind allows (the endpoint then answers its 404).
 */
public final class EndpointResources {
    private final CatalogIdentity identity;
    private final JobStore jobs;
    private final CrawlStore crawls;

    public EndpointResources(CatalogIdentity identity, JobStore jobs, CrawlStore crawls) {
        this.identity = requireNonNull(identity, "identity");
        this.jobs = requireNonNull(jobs, "jobs");
        this.crawls = requireNonNull(crawls, "crawls");
    }

    /** {@code /runs/{runId}/…}: the run's job. */
    public List<String> runJob(Context ctx) {
        String job = jobs.findRun(ctx.pathParam("runId")).map(run -> run.jobName()).orElse("");
        return List.of(identity.arnPrefix() + "job/" + job);
    }

    /** {@code /crawlers/{name}/…}. */
    public List<String> crawler(Context ctx) {
        return List.of(identity.arnPrefix() + "crawler/" + ctx.pathParam("name"));
    }

    /** {@code /crawls/{id}/…}: the crawl's crawler. */
    public List<String> crawlCrawler(Context ctx) {
        String crawler = crawls.get(ctx.pathParam("id")).map(crawl -> crawl.crawlerName()).orElse("");
        return List.of(identity.arnPrefix() + "crawler/" + crawler);
    }

    /** {@code /triggers/{name}/…}. */
    public List<String> trigger(Context ctx) {
        return List.of(identity.arnPrefix() + "trigger/" + ctx.pathParam("name"));
    }
}

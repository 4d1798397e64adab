package io.mortar.server.crawlers;

import io.mortar.server.protocol.GlueOperations;
import software.amazon.awssdk.services.glue.model.Crawler;

/**
 * A crawl's own credential: issued as it starts writing, scoped to the databases its crawler writes to, revoked when
 * it ends. Crawls write through the catalog's services inside the server, each write allowed by this credential's
 * policy as a request signed with it would be.
 */
public interface CrawlCredentials {
    /** Without authentication: every write allowed. */
    CrawlCredentials NONE = new CrawlCredentials() {
        @Override
        public GlueOperations.Guard issue(String crawlId, Crawler crawler) {
            return GlueOperations.Guard.NONE;
        }

        @Override
        public void revoke(String crawlId) {
        }
    };

    GlueOperations.Guard issue(String crawlId, Crawler crawler);

    void revoke(String crawlId);
}

package io.mortar.server.auth;

import static java.util.Objects.requireNonNull;

import io.mortar.auth.Principal;
import io.mortar.auth.policy.Policy;
import io.mortar.catalog.CatalogIdentity;
import io.mortar.server.crawlers.CrawlCredentials;
import io.mortar.server.protocol.GlueOperations;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.services.glue.model.CatalogTarget;
import software.amazon.awssdk.services.glue.model.Crawler;

/**
 * Each crawl's own temporary credential, scoped to what its crawler writes: the catalog, its database(s) and their
 * tables and partitions. A crawl's writes are allowed by it as a signed request's would be, so a crawl cannot
 * write beyond its crawler's databases; it is revoked when the crawl ends and expires on its own a day later.
 */
public final class CrawlRunCredentials implements CrawlCredentials {
    private static final Duration LIFETIME = Duration.ofDays(1);

    private final AccessKeys keys;
    private final OperationResources resources;
    private final CatalogIdentity identity;
    private final Clock clock;

    public CrawlRunCredentials(AccessKeys keys, CatalogIdentity identity, Clock clock) {
        this.keys = requireNonNull(keys, "keys");
        this.identity = requireNonNull(identity, "identity");
        this.resources = new OperationResources(identity);
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public GlueOperations.Guard issue(String crawlId, Crawler crawler) {
        AccessKeys.Issued issued = keys.issueTemporary(crawlId, List.of(policy(databases(crawler))),
                clock.instant().plus(LIFETIME));
        Principal crawl = keys.find(issued.accessKeyId()).orElseThrow().principal();
        return (operation, request) -> crawl.authorize("glue:" + operation, () -> resources.of(operation, request));
    }

    @Override
    public void revoke(String crawlId) {
        keys.revokeOwnedBy(crawlId);
    }

    /** The databases a crawler writes to: its own, and those of its catalog targets. */
    static Set<String> databases(Crawler crawler) {
        Set<String> databases = new LinkedHashSet<>();
        if (crawler.databaseName() != null && !crawler.databaseName().isBlank()) {
            databases.add(crawler.databaseName().toLowerCase(Locale.ROOT));
        }
        if (crawler.targets() != null) {
            for (CatalogTarget target : crawler.targets().catalogTargets()) {
                databases.add(target.databaseName().toLowerCase(Locale.ROOT));
            }
        }
        return databases;
    }

    String policy(Set<String> databases) {
        List<String> resources = new ArrayList<>(List.of(identity.arnPrefix() + "catalog"));
        for (String database : databases) {
            resources.add(identity.databaseArn(Policy.literal(database)));
            resources.add(identity.tableArnPrefix(Policy.literal(database)) + "*");
        }
        return PolicyDocuments.of(List.of(new PolicyDocuments.Allow("CrawlerDatabases",
                List.of("glue:GetDatabase", "glue:CreateDatabase", "glue:*Table", "glue:*Partition",
                        "glue:CreatePartitionIndex"), resources)));
    }
}

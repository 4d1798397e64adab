package io.mortar.server.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Database;

/**
 * Everything a Glue client can read back from a Mortar store, as one canonical JSON document: the catalog
 * ({@link CatalogReadings}), jobs and their runs ({@link JobReadings}), crawlers, crawls and classifiers
 * ({@link CrawlerReadings}), connections and the catalog's encryption settings ({@link ConnectionReadings}).
 * Two stores that answer every read the same way give the same text.
 *
 * <p>What is left out, and why: page tokens (opaque cursors, not data: each listing is read to its end and the
 * items are kept), and the order of answers Glue leaves unordered (partitions are keyed by their values, column
 * statistics by their column). Nothing else: a value that changed between two reads of a store at rest would be
 * a defect this snapshot is meant to catch (the fixture generator checks that two snapshots of the old server
 * agree).
 */
final class StoreSnapshot {
    private StoreSnapshot() {}

    /** Reads the store behind {@code glue}; {@code probes} are the Expressions to evaluate on its tables. */
    static JsonNode take(GlueClient glue, List<PartitionProbe> probes) {
        ResourceTags tags = new ResourceTags(glue, ResourceTags.arnPrefix(
                glue.serviceClientConfiguration().region().id(), catalogId(glue)));
        ObjectNode out = SnapshotJson.object();
        out.set("catalog", new CatalogReadings(glue, tags, probes).read());
        out.set("jobs", new JobReadings(glue, tags).read());
        CrawlerReadings crawlers = new CrawlerReadings(glue, tags);
        out.set("crawlers", crawlers.crawlers());
        out.set("classifiers", crawlers.classifiers());
        out.set("connections", new ConnectionReadings(glue, tags).read());
        return SnapshotJson.sorted(out);
    }

    /** The snapshot as its canonical text (what expected.json holds). */
    static String text(GlueClient glue, List<PartitionProbe> probes) {
        return SnapshotJson.text(take(glue, probes));
    }

    private static String catalogId(GlueClient glue) {
        List<Database> databases = glue.getDatabases(r -> r.maxResults(1)).databaseList();
        if (databases.isEmpty()) {
            throw new IllegalStateException("The store has no database to learn its CatalogId from");
        }
        return databases.get(0).catalogId();
    }
}

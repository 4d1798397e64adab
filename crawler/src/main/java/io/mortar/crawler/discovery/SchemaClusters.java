package io.mortar.crawler.discovery;

import io.mortar.crawler.schema.Column;
import io.mortar.crawler.schema.SchemaMerger;
import io.mortar.crawler.schema.SchemaSimilarity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups folder (or file) schemas into clusters of similar ones, the test behind Glue's rule that sibling folders are
 * partitions of one table "when the majority of schemas at a folder level are similar", and that the files of one
 * folder are one table only when their schemas are similar (else a table per file): a schema joins the first
 * cluster whose merged schema it is more than 70 % similar to ({@link SchemaSimilarity#PARTITION_THRESHOLD}),
 * else it starts a cluster. Folders are taken in path order, so the outcome is deterministic.
 */
final class SchemaClusters {
    /** At most this many clusters, as in Glue. */
    static final int MAX_CLUSTERS = 5;

    private final List<Cluster> clusters = new ArrayList<>();
    private int members;

    private static final class Cluster {
        List<Column> merged;
        int size;

        Cluster(List<Column> first) {
            merged = first;
            size = 1;
        }
    }

    static SchemaClusters of(List<List<Column>> schemas) {
        SchemaClusters out = new SchemaClusters();
        for (List<Column> schema : schemas) {
            out.add(schema);
        }
        return out;
    }

    private void add(List<Column> schema) {
        members++;
        for (Cluster cluster : clusters) {
            if (SchemaSimilarity.similarEnoughForPartitions(cluster.merged, schema)) {
                cluster.merged = SchemaMerger.mergeColumns(cluster.merged, schema);
                cluster.size++;
                return;
            }
        }
        clusters.add(new Cluster(schema));
    }

    int count() {
        return clusters.size();
    }

    int largest() {
        return clusters.stream().max(Comparator.comparingInt(c -> c.size)).map(c -> c.size).orElse(0);
    }

    /** At most five clusters, and one of them holds more than 70 % of the members. */
    boolean oneTable() {
        return count() <= MAX_CLUSTERS && largest() > SchemaSimilarity.PARTITION_THRESHOLD * members;
    }

    String describe() {
        return describe("folders");
    }

    /** @param what what was clustered ({@code folders}, {@code files}) */
    String describe(String what) {
        return count() == 1 ? "1 schema cluster"
                : count() + " schema clusters, the largest holding " + largest() + " of " + members + " " + what;
    }
}

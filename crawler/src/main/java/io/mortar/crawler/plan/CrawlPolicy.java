package io.mortar.crawler.plan;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What a crawler's definition says about writing to the catalog, in the planner's terms.
 *
 * @param crawlerName written as {@code UPDATED_BY_CRAWLER}; the crawler owns the tables that carry it
 * @param tablePrefix Glue's {@code TablePrefix}, or empty
 * @param updateInDatabase {@code UpdateBehavior UPDATE_IN_DATABASE} (else LOG)
 * @param onDeleted {@code DeleteBehavior}
 * @param mergeNewColumnsOnly {@code Configuration.CrawlerOutput.Tables.AddOrUpdateBehavior MergeNewColumns}:
 *     columns are added, never dropped or retyped
 * @param partitionsInheritFromTable partitions take the table's columns and format ({@code InheritFromTable});
 *     Mortar's default, unlike Glue's (partition schema drift breaks readers: Athena's
 *     HIVE_PARTITION_SCHEMA_MISMATCH)
 * @param tableThreshold {@code TableThreshold}: the crawl fails, writing nothing, if it would create more tables;
 *     null for no limit
 * @param createPartitionIndex {@code CreatePartitionIndex}: new partitioned tables get an index on their keys
 * @param newFoldersOnly {@code RecrawlPolicy CRAWL_NEW_FOLDERS_ONLY}: only additions are looked for
 * @param ownedScope locations below which the crawler's tables are expected to be found again (its include paths;
 *     {@code db.schema.} prefixes for JDBC), so that a table found no more there is one that was deleted
 * @param now the crawl's time, written into deprecation marks
 */
public record CrawlPolicy(String crawlerName, String tablePrefix, boolean updateInDatabase, DeleteBehavior onDeleted,
                          boolean mergeNewColumnsOnly, boolean partitionsInheritFromTable, Integer tableThreshold,
                          boolean createPartitionIndex, boolean newFoldersOnly, List<String> ownedScope,
                          Instant now) {
    /** Glue's {@code DeleteBehavior}. */
    public enum DeleteBehavior { LOG, DELETE_FROM_DATABASE, DEPRECATE_IN_DATABASE }

    public CrawlPolicy {
        requireNonNull(crawlerName, "crawlerName");
        tablePrefix = tablePrefix == null ? "" : tablePrefix;
        requireNonNull(onDeleted, "onDeleted");
        ownedScope = List.copyOf(ownedScope);
        requireNonNull(now, "now");
    }
}

package io.mortar.crawler.discovery;

import static java.util.Objects.requireNonNull;

import io.mortar.crawler.StorageFormat;
import io.mortar.crawler.schema.Column;
import java.util.List;
import java.util.Map;

/**
 * One table a crawl found in a data store, before it is compared with the catalog: what Glue's crawler would write
 * for it. File targets find tables rooted at a folder (or a single file) with partitions below it; JDBC targets find
 * one table per database table or view, without partitions.
 *
 * @param name the table's name as the data store suggests it (lower case, non-alphanumerics as {@code _}), before
 *     the crawler's {@code TablePrefix} and any clash suffix
 * @param location the table's root: a folder URI ending in {@code /}, a file's URI, or {@code db.schema.table} for
 *     a JDBC table
 * @param classification {@code parquet}, {@code csv}, {@code postgresql}, …
 * @param columns the data columns, merged over every sampled file
 * @param partitionKeys the partition keys' names, outermost first (all {@code string}, as Glue's crawler makes them)
 * @param storageFormat the SerDe and input/output formats
 * @param parameters the table's parameters ({@code classification}, {@code compressionType}, {@code recordCount},
 *     {@code sizeKey}, {@code objectCount}, {@code averageRecordSize}, {@code typeOfData}, CSV's {@code delimiter}, …);
 *     never {@code UPDATED_BY_CRAWLER}, which the crawl adds
 * @param columnNotes per column name, what a data store says beyond the type (JDBC comments and raw types)
 * @param partitions the partitions found, in path order
 * @param reason why this is a table, in words a user reads in a dry run ("the 12 folders below share one schema")
 */
public record DiscoveredTable(String name, String location, String classification, List<Column> columns,
                              List<String> partitionKeys, StorageFormat storageFormat, Map<String, String> parameters,
                              Map<String, ColumnNotes> columnNotes, List<DiscoveredPartition> partitions,
                              String reason) {
    public DiscoveredTable {
        requireNonNull(name, "name");
        requireNonNull(location, "location");
        requireNonNull(classification, "classification");
        columns = List.copyOf(columns);
        partitionKeys = List.copyOf(partitionKeys);
        requireNonNull(storageFormat, "storageFormat");
        parameters = Map.copyOf(parameters);
        columnNotes = Map.copyOf(columnNotes);
        partitions = List.copyOf(partitions);
        requireNonNull(reason, "reason");
    }

    /** A column's comment and parameters (Glue's {@code Column.Comment} and {@code Column.Parameters}). */
    public record ColumnNotes(String comment, Map<String, String> parameters) {
        public ColumnNotes {
            parameters = Map.copyOf(parameters);
        }
    }
}

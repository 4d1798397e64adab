package io.mortar.crawler.discovery;

import static java.util.Objects.requireNonNull;

import io.mortar.crawler.StorageFormat;
import io.mortar.crawler.schema.Column;
import java.util.List;
import java.util.Map;

/**
 * One partition of a discovered table: a leaf folder below the table's root.
 *
 * @param values one value per partition key ({@code 2024} for a folder {@code year=2024}, or the folder's name)
 * @param location the folder's URI, ending in {@code /}
 * @param columns the columns of this partition's own files (a crawl may give the partition the table's instead)
 * @param storageFormat the SerDe and formats of this partition's files
 * @param parameters {@code classification}, {@code compressionType}, {@code recordCount}, {@code sizeKey},
 *     {@code objectCount}, {@code averageRecordSize}, … of this partition's files
 */
public record DiscoveredPartition(List<String> values, String location, List<Column> columns,
                                  StorageFormat storageFormat, Map<String, String> parameters) {
    public DiscoveredPartition {
        values = List.copyOf(values);
        requireNonNull(location, "location");
        columns = List.copyOf(columns);
        requireNonNull(storageFormat, "storageFormat");
        parameters = Map.copyOf(parameters);
    }
}

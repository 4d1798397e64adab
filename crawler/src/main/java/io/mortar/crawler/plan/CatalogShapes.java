package io.mortar.crawler.plan;

import io.mortar.crawler.StorageFormat;
import io.mortar.crawler.discovery.DiscoveredPartition;
import io.mortar.crawler.discovery.DiscoveredTable;
import io.mortar.crawler.schema.Column;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Glue's table and partition inputs for what a crawl found, as Glue's crawler writes them: an
 * {@code EXTERNAL_TABLE} whose parameters (repeated in the storage descriptor) carry the classification, the size
 * figures and {@code UPDATED_BY_CRAWLER}; partition keys typed {@code string}.
 */
final class CatalogShapes {
    static final String UPDATED_BY_CRAWLER = "UPDATED_BY_CRAWLER";
    static final String DEPRECATED_BY_CRAWLER = "DEPRECATED_BY_CRAWLER";
    /** Parameters that change with the data, not with its shape: a change of these alone rewrites nothing. */
    static final Set<String> SIZE_PARAMETERS = Set.of("objectCount", "sizeKey", "recordCount", "averageRecordSize");

    private CatalogShapes() {}

    static TableInput table(String name, DiscoveredTable found, List<software.amazon.awssdk.services.glue.model.Column>
            columns, String crawler) {
        Map<String, String> parameters = new HashMap<>(found.parameters());
        parameters.put(UPDATED_BY_CRAWLER, crawler);
        parameters.put("CrawlerSchemaDeserializerVersion", "1.0");
        parameters.put("CrawlerSchemaSerializerVersion", "1.0");
        return TableInput.builder().name(name).tableType("EXTERNAL_TABLE").parameters(parameters)
                .partitionKeys(found.partitionKeys().stream().map(k ->
                        software.amazon.awssdk.services.glue.model.Column.builder().name(k).type("string").build())
                        .toList())
                .storageDescriptor(descriptor(found.location(), columns, found.storageFormat(), parameters))
                .build();
    }

    static List<software.amazon.awssdk.services.glue.model.Column> columns(DiscoveredTable found) {
        List<software.amazon.awssdk.services.glue.model.Column> out = new ArrayList<>();
        for (Column c : found.columns()) {
            DiscoveredTable.ColumnNotes notes = found.columnNotes().get(c.name());
            software.amazon.awssdk.services.glue.model.Column.Builder column = c.toGlue().toBuilder();
            if (notes != null) {
                column.comment(notes.comment());
                if (!notes.parameters().isEmpty()) {
                    column.parameters(notes.parameters());
                }
            }
            out.add(column.build());
        }
        return out;
    }

    /**
     * A partition's input: with {@code inherit}, the table's columns and format (Glue's InheritFromTable); otherwise
     * those of the partition's own files.
     */
    static PartitionInput partition(DiscoveredPartition found, TableInput table, boolean inherit) {
        StorageDescriptor own = inherit
                ? table.storageDescriptor().toBuilder().location(found.location()).parameters(found.parameters())
                        .build()
                : descriptor(found.location(), found.columns().stream().map(Column::toGlue).toList(),
                        found.storageFormat(), found.parameters());
        return PartitionInput.builder().values(found.values()).storageDescriptor(own)
                .parameters(found.parameters()).build();
    }

    private static StorageDescriptor descriptor(String location,
                                                List<software.amazon.awssdk.services.glue.model.Column> columns,
                                                StorageFormat format, Map<String, String> parameters) {
        StorageDescriptor.Builder sd = StorageDescriptor.builder().columns(columns).location(location)
                .compressed(!"none".equals(parameters.getOrDefault("compressionType", "none")))
                .numberOfBuckets(-1).storedAsSubDirectories(false).parameters(parameters);
        if (!format.inputFormat().isEmpty()) {
            sd.inputFormat(format.inputFormat()).outputFormat(format.outputFormat());
        }
        if (!format.serializationLibrary().isEmpty()) {
            sd.serdeInfo(SerDeInfo.builder().serializationLibrary(format.serializationLibrary())
                    .parameters(format.serdeParameters()).build());
        }
        return sd.build();
    }

    /** Parameters without the size figures, to tell a change of shape from a change of size. */
    static Map<String, String> shapeParameters(Map<String, String> parameters) {
        Map<String, String> out = new HashMap<>(parameters == null ? Map.of() : parameters);
        out.keySet().removeAll(SIZE_PARAMETERS);
        return out;
    }
}

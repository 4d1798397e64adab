package io.mortar.runtime.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Glue's {@code enableUpdateCatalog} for sinks: after the files are written, the table is created if it does not
 * exist, its schema widened with columns the frame added ({@code updateBehavior=UPDATE_IN_DATABASE}; with
 * {@code LOG} the difference is only logged) and the partitions it does not know yet are added, each with its own
 * Location and StorageDescriptor.
 */
public final class CatalogUpdater {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogUpdater.class);

    private final GlueCatalog catalog;

    public CatalogUpdater(GlueCatalog catalog) {
        this.catalog = catalog;
    }

    /** What was written, for the catalog. */
    public record Written(String path, StructType schema, DataFormat format, CsvOptions csv, String compression,
                   List<String> partitionKeys, List<List<String>> partitions) {}

    public WriteResult update(String database, String tableName, Written written, boolean updateSchema) {
        String location = written.path().endsWith("/") ? written.path() : written.path() + "/";
        List<Column> dataColumns = TableDefinitions.columns(written.schema(), written.partitionKeys());
        Table existing = catalog.findTable(database, tableName).orElse(null);
        boolean created = false;
        List<String> added = new ArrayList<>();
        StorageDescriptor sd;
        if (existing == null) {
            sd = TableDefinitions.storage(location, dataColumns, written.format(), written.csv(), written.compression());
            catalog.createTable(database, TableInput.builder()
                    .name(tableName)
                    .tableType("EXTERNAL_TABLE")
                    .parameters(TableDefinitions.tableParameters(written.format(), written.csv(), written.compression()))
                    .storageDescriptor(sd)
                    .partitionKeys(TableDefinitions.partitionKeys(written.schema(), written.partitionKeys()))
                    .build());
            created = true;
            LOG.info("Created table {}.{} at {}", database, tableName, location);
        } else {
            new CatalogTable(database, existing).checkPartitionKeys(written.partitionKeys());
            sd = existing.storageDescriptor();
            List<Column> current = sd.hasColumns() ? sd.columns() : List.of();
            Set<String> known = new HashSet<>();
            current.forEach(c -> known.add(c.name().toLowerCase(Locale.ROOT)));
            List<Column> newColumns = dataColumns.stream()
                    .filter(c -> !known.contains(c.name().toLowerCase(Locale.ROOT))).toList();
            if (!newColumns.isEmpty()) {
                newColumns.forEach(c -> added.add(c.name()));
                if (updateSchema) {
                    List<Column> widened = new ArrayList<>(current);
                    widened.addAll(newColumns);
                    sd = sd.toBuilder().columns(widened).build();
                    catalog.updateTable(database, TableDefinitions.asInput(existing).storageDescriptor(sd).build());
                    LOG.info("Added columns {} to {}.{}", added, database, tableName);
                } else {
                    LOG.info("The frame has columns {} that {}.{} lacks; updateBehavior LOG leaves the table as is",
                            added, database, tableName);
                }
            }
        }
        int partitionsAdded = addPartitions(database, tableName, location, sd, written);
        return new WriteResult(written.path(), written.format(), written.partitionKeys(), written.partitions(),
                database + "." + tableName, created, partitionsAdded, updateSchema ? added : List.of());
    }

    /**
     * Registers the written partition folders. The catalog already holding some of them is fine: BatchCreatePartition
     * reports those as AlreadyExists, which {@link GlueCatalog#addPartitions} does not count, so no listing of the
     * table's (possibly many) partitions is needed first.
     */
    private int addPartitions(String database, String table, String location, StorageDescriptor sd, Written written) {
        if (written.partitionKeys().isEmpty() || written.partitions().isEmpty()) {
            return 0;
        }
        List<PartitionInput> inputs = new ArrayList<>();
        for (List<String> values : written.partitions()) {
            String partitionLocation = FileSink.partitionLocation(location, written.partitionKeys(), values);
            inputs.add(PartitionInput.builder()
                    .values(values)
                    .storageDescriptor(sd.toBuilder().location(partitionLocation).build())
                    .build());
        }
        return catalog.addPartitions(database, table, inputs);
    }
}

package io.mortar.runtime.io;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

/** A Glue table as the runtime reads it: where its files are, their format, and its columns in Spark's types. */
public record CatalogTable(String database, Table table) {
    /** Hive's file name for a null partition value. */
    public static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    public String name() {
        return table.name();
    }

    public String qualifiedName() {
        return database + "." + table.name();
    }

    public StorageDescriptor storage() {
        StorageDescriptor sd = table.storageDescriptor();
        if (sd == null) {
            throw new IllegalArgumentException("The table " + qualifiedName() + " has no StorageDescriptor to read");
        }
        return sd;
    }

    public String location() {
        String location = storage().location();
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("The table " + qualifiedName()
                    + " has no StorageDescriptor.Location to read from");
        }
        return location;
    }

    public Map<String, String> parameters() {
        return table.hasParameters() ? table.parameters() : Map.of();
    }

    public List<Column> dataColumns() {
        return storage().hasColumns() ? storage().columns() : List.of();
    }

    public List<Column> partitionKeys() {
        return table.hasPartitionKeys() ? table.partitionKeys() : List.of();
    }

    public List<String> partitionKeyNames() {
        return partitionKeys().stream().map(Column::name).toList();
    }

    /** Fails unless {@code keys} are the table's partition keys in order (names compared ignoring case). */
    public void checkPartitionKeys(List<String> keys) {
        List<String> declared = partitionKeyNames();
        boolean same = declared.size() == keys.size();
        for (int i = 0; same && i < keys.size(); i++) {
            same = declared.get(i).equalsIgnoreCase(keys.get(i));
        }
        if (!same) {
            throw new IllegalArgumentException("The sink's partitionKeys " + keys + " differ from the partition keys "
                    + declared + " of the catalog table " + qualifiedName());
        }
    }

    public boolean partitioned() {
        return !partitionKeys().isEmpty();
    }

    public StructType dataSchema() {
        return schemaOf(dataColumns());
    }

    public StructType partitionSchema() {
        return schemaOf(partitionKeys());
    }

    /** The table's whole schema: the data columns, then the partition keys. */
    public StructType schema() {
        return withPartitionKeys(dataSchema());
    }

    /** {@code dataSchema} (the data columns, typed as a read needs them) followed by the partition keys. */
    public StructType withPartitionKeys(StructType dataSchema) {
        StructType schema = dataSchema;
        for (StructField key : partitionSchema().fields()) {
            schema = schema.add(key);
        }
        return schema;
    }

    public ReadSpec readSpec() {
        return ReadSpec.fromStorage(qualifiedName(), storage(), parameters());
    }

    /** A partition may declare its own format (files written before a table changed format); else the table's. */
    public ReadSpec readSpec(Partition partition) {
        StorageDescriptor sd = partition.storageDescriptor();
        boolean ownFormat = sd != null && ((sd.serdeInfo() != null && sd.serdeInfo().serializationLibrary() != null)
                || sd.inputFormat() != null);
        if (!ownFormat) {
            return readSpec();
        }
        Map<String, String> params = new java.util.LinkedHashMap<>(parameters());
        if (partition.hasParameters()) {
            params.putAll(partition.parameters());
        }
        return ReadSpec.fromStorage(qualifiedName(), sd, params);
    }

    public String location(Partition partition) {
        StorageDescriptor sd = partition.storageDescriptor();
        if (sd == null || sd.location() == null || sd.location().isBlank()) {
            throw new IllegalArgumentException("The partition " + partition.values() + " of table " + qualifiedName()
                    + " has no StorageDescriptor.Location to read from");
        }
        return sd.location();
    }

    private static StructType schemaOf(List<Column> columns) {
        StructType schema = new StructType();
        for (Column c : columns) {
            schema = schema.add(c.name(), HiveTypes.toSpark(c.type()));
        }
        return schema;
    }
}

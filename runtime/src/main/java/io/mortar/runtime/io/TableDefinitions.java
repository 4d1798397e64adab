package io.mortar.runtime.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Catalog definitions for what a sink wrote, spelled the way Glue crawlers spell them (EXTERNAL_TABLE, a
 * {@code classification} parameter, the format's Hive SerDe and input/output formats), so Athena, Spark or a
 * crawler reading the table later sees an ordinary table.
 */
final class TableDefinitions {
    private TableDefinitions() {}

    static List<Column> columns(StructType schema, List<String> exclude) {
        List<Column> out = new ArrayList<>();
        for (StructField f : schema.fields()) {
            if (!containsIgnoreCase(exclude, f.name())) {
                out.add(column(f));
            }
        }
        return out;
    }

    static List<Column> partitionKeys(StructType schema, List<String> keys) {
        List<Column> out = new ArrayList<>();
        for (String key : keys) {
            out.add(column(field(schema, key)));
        }
        return out;
    }

    private static Column column(StructField f) {
        return Column.builder().name(f.name()).type(HiveTypes.toHive(f.dataType())).build();
    }

    static StructField field(StructType schema, String name) {
        for (StructField f : schema.fields()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("The partition key '" + name + "' is not a column of the frame; columns are "
                + List.of(schema.fieldNames()));
    }

    static StorageDescriptor storage(String location, List<Column> columns, DataFormat format, CsvOptions csv,
                                     String compression) {
        Map<String, String> serDeParams = new LinkedHashMap<>();
        if (format == DataFormat.CSV) {
            serDeParams.putAll(csv.serDeParameters());
        } else {
            serDeParams.put("serialization.format", "1");
        }
        boolean compressed = compression != null && !compression.isBlank()
                && !compression.equalsIgnoreCase("none") && !compression.equalsIgnoreCase("uncompressed");
        return StorageDescriptor.builder()
                .location(location)
                .columns(columns)
                .inputFormat(format.inputFormat())
                .outputFormat(format.outputFormat())
                .compressed(compressed)
                .serdeInfo(SerDeInfo.builder().serializationLibrary(format.serDe()).parameters(serDeParams).build())
                .parameters(Map.of("classification", format.classification()))
                .build();
    }

    static Map<String, String> tableParameters(DataFormat format, CsvOptions csv, String compression) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("classification", format.classification());
        params.put("typeOfData", "file");
        if (compression != null && !compression.isBlank()) {
            params.put("compressionType", compression.toLowerCase(java.util.Locale.ROOT));
        }
        if (format == DataFormat.CSV) {
            params.put("delimiter", csv.separator());
            if (csv.writeHeader()) {
                params.put("skip.header.line.count", "1");
            }
        }
        return params;
    }

    /** An existing table as the input of UpdateTable, so an update changes only what it means to. */
    static TableInput.Builder asInput(Table t) {
        TableInput.Builder b = TableInput.builder()
                .name(t.name())
                .description(t.description())
                .owner(t.owner())
                .lastAccessTime(t.lastAccessTime())
                .lastAnalyzedTime(t.lastAnalyzedTime())
                .retention(t.retention())
                .storageDescriptor(t.storageDescriptor())
                .tableType(t.tableType())
                .viewOriginalText(t.viewOriginalText())
                .viewExpandedText(t.viewExpandedText())
                .targetTable(t.targetTable());
        if (t.hasPartitionKeys()) {
            b.partitionKeys(t.partitionKeys());
        }
        if (t.hasParameters()) {
            b.parameters(t.parameters());
        }
        return b;
    }

    static boolean containsIgnoreCase(List<String> names, String name) {
        return names.stream().anyMatch(n -> n.equalsIgnoreCase(name));
    }
}

package io.mortar.catalog;

import io.mortar.store.catalog.StoredTable;
import io.mortar.store.expression.PartitionKey;
import java.util.List;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.TableInput;

/** A stored table with its definition parsed: what partition and statistics operations work against. */
record ResolvedTable(StoredTable stored, TableInput input, List<PartitionKey> partitionKeys) {
    static ResolvedTable of(StoredTable stored) {
        TableInput input = Documents.read(stored.document(), TableInput.builder());
        return new ResolvedTable(stored, input, partitionKeysOf(input));
    }

    static List<PartitionKey> partitionKeysOf(TableInput input) {
        if (input == null || !input.hasPartitionKeys()) {
            return List.of();
        }
        return input.partitionKeys().stream()
                .map(c -> new PartitionKey(c.name(), c.type() == null ? "string" : c.type())).toList();
    }

    long id() {
        return stored.id();
    }

    String databaseName() {
        return stored.databaseName();
    }

    String name() {
        return stored.name();
    }

    /** The data columns and partition keys, the names column statistics may be kept for. */
    boolean hasColumn(String name) {
        if (input.storageDescriptor() != null && input.storageDescriptor().hasColumns()) {
            for (Column c : input.storageDescriptor().columns()) {
                if (c.name().equalsIgnoreCase(name)) {
                    return true;
                }
            }
        }
        return partitionKeys.stream().anyMatch(k -> k.name().equalsIgnoreCase(name));
    }
}

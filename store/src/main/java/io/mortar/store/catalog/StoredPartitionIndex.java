package io.mortar.store.catalog;

import java.util.List;

/**
 * A partition index: its name, the partition keys it covers (names and 0-based positions among the table's
 * partition keys) and its Glue status.
 */
public record StoredPartitionIndex(String name, List<String> keyNames, List<Integer> keyPositions, String status) {
    public StoredPartitionIndex {
        keyNames = List.copyOf(keyNames);
        keyPositions = List.copyOf(keyPositions);
    }
}

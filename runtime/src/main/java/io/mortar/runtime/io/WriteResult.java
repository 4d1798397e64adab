package io.mortar.runtime.io;

import java.util.List;

/**
 * What a sink did: where it wrote, and what reached the catalog (nothing unless the catalog was updated).
 *
 * @param partitions every partition folder found under the path after the write, as key values in order
 * @param partitionsAdded how many of them were new to the catalog
 * @param columnsAdded data columns the write added to an existing table's schema
 */
public record WriteResult(String path, DataFormat format, List<String> partitionKeys, List<List<String>> partitions,
                          String catalogTable, boolean tableCreated, int partitionsAdded, List<String> columnsAdded) {
    static WriteResult filesOnly(String path, DataFormat format, List<String> keys, List<List<String>> partitions) {
        return new WriteResult(path, format, keys, partitions, null, false, 0, List.of());
    }
}

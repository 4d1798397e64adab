package io.mortar.crawler.discovery;

import io.mortar.crawler.StorageFormat;
import io.mortar.crawler.schema.Column;
import java.util.List;
import java.util.Map;

/**
 * Data that becomes one partition, or one unpartitioned table: the files of a leaf folder that read alike, or a
 * single file that cannot be grouped with others (one beside folders, or one unlike its neighbours).
 *
 * @param folder the leaf folder, or null for a single file
 * @param file the single file, or null for a leaf folder
 * @param location the folder's location (ending in {@code /}) or the file's
 * @param formatParameters the table parameters the files' format contributes ({@code classification},
 *     {@code delimiter}, …), without the size figures
 */
record DataUnit(Folder folder, ListedFile file, String location, FormatSignature signature, List<Column> columns,
                StorageFormat storageFormat, Map<String, String> formatParameters, FileStats stats) {

    String name() {
        return folder != null ? folder.name : file.name();
    }
}

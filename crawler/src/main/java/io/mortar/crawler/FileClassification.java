package io.mortar.crawler;

import static java.util.Objects.requireNonNull;

import io.mortar.crawler.io.Compression;
import io.mortar.crawler.schema.Column;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the crawler learned from one file: its classification ({@code parquet}, {@code csv}, … or {@code UNKNOWN}),
 * compression, columns, the storage format Glue would record, the table parameters this file contributes
 * ({@code classification}, {@code compressionType}, {@code delimiter}, {@code skip.header.line.count}, …), the
 * file's size and estimated record count (a crawl aggregates them into {@code recordCount},
 * {@code averageRecordSize}, {@code sizeKey}, {@code objectCount}), and how many bytes of the file were read.
 * A file that could not be read is a result too: {@code UNKNOWN} with {@link #problem()} saying why.
 */
public record FileClassification(String classification, Compression compression, List<Column> columns,
                                 StorageFormat storageFormat, Map<String, String> parameters, long fileBytes,
                                 long recordEstimate, long bytesRead, Optional<String> problem) {
    public static final String UNKNOWN = "UNKNOWN";

    public FileClassification {
        requireNonNull(classification, "classification");
        requireNonNull(compression, "compression");
        columns = List.copyOf(columns);
        requireNonNull(storageFormat, "storageFormat");
        parameters = Map.copyOf(parameters);
        requireNonNull(problem, "problem");
    }

    public boolean known() {
        return !classification.equals(UNKNOWN);
    }

    static FileClassification unknown(Compression compression, long fileBytes, long bytesRead, String problem) {
        return new FileClassification(UNKNOWN, compression, List.of(), StorageFormat.NONE,
                Map.of("classification", UNKNOWN), fileBytes, 0, bytesRead, Optional.ofNullable(problem));
    }
}

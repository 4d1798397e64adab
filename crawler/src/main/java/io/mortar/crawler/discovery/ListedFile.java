package io.mortar.crawler.discovery;

import static java.util.Objects.requireNonNull;

import org.apache.hadoop.fs.Path;

/**
 * One data file a listing found below an include path.
 *
 * @param path the file, as the file system names it (an {@code s3a://} path for S3)
 * @param relative its path below the include path, {@code /}-separated ({@code year=2024/part-0.csv})
 * @param size its length in bytes
 */
public record ListedFile(Path path, String relative, long size) {
    public ListedFile {
        requireNonNull(path, "path");
        requireNonNull(relative, "relative");
    }

    public String name() {
        return path.getName();
    }
}

package io.mortar.crawler.io;

import java.util.Locale;

/**
 * The compressions the crawler reads, named as Glue writes them in a table's {@code compressionType} parameter.
 * {@code SNAPPY} covers both the standard framing format and Hadoop's block framing; {@code LZ4} both the LZ4 frame
 * format and Hadoop's block framing.
 */
public enum Compression {
    NONE("none"),
    GZIP("gzip"),
    BZIP2("bzip2"),
    SNAPPY("snappy"),
    ZSTD("zstd"),
    LZ4("lz4"),
    /** A ZIP archive holding one file (Glue reads no other kind). */
    ZIP("zip");

    private final String glueName;

    Compression(String glueName) {
        this.glueName = glueName;
    }

    public String glueName() {
        return glueName;
    }

    /** The compression a file name's extension announces, or NONE. */
    public static Compression fromFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz") || lower.endsWith(".gzip")) {
            return GZIP;
        }
        if (lower.endsWith(".bz2") || lower.endsWith(".bzip2")) {
            return BZIP2;
        }
        if (lower.endsWith(".snappy") || lower.endsWith(".sz")) {
            return SNAPPY;
        }
        if (lower.endsWith(".zst") || lower.endsWith(".zstd")) {
            return ZSTD;
        }
        if (lower.endsWith(".zip")) {
            return ZIP;
        }
        if (lower.endsWith(".lz4")) {
            return LZ4;
        }
        return NONE;
    }
}

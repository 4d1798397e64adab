package io.mortar.crawler;

/**
 * How much of a file the crawler reads and how it types values. The defaults are Glue's sampling (1 000 records or
 * 1 MB for text, JSON extended in 1 MB steps up to 10 MB until a record parses) with one improvement:
 * {@code recognizeDatesAndTimestamps} types ISO dates and timestamps in CSV and XML as {@code date} and
 * {@code timestamp} where Glue leaves them {@code string}; {@link #glueCompatible()} turns the improvements off.
 */
public record ClassifierOptions(int sampleRecords, int sampleBytes, int maxJsonSampleBytes,
                                boolean recognizeDatesAndTimestamps, boolean typedQuotedCsv) {
    public static final int MB = 1024 * 1024;

    public ClassifierOptions {
        if (sampleRecords < 2) {
            throw new IllegalArgumentException("sampleRecords must be at least 2, was " + sampleRecords);
        }
        if (sampleBytes < 1024) {
            throw new IllegalArgumentException("sampleBytes must be at least 1024, was " + sampleBytes);
        }
        if (maxJsonSampleBytes < sampleBytes) {
            throw new IllegalArgumentException("maxJsonSampleBytes must be at least sampleBytes");
        }
    }

    public static ClassifierOptions defaults() {
        return new ClassifierOptions(1000, MB, 10 * MB, true, true);
    }

    /** Glue's own behaviour: dates and timestamps stay strings, quoted CSV columns are all strings. */
    public static ClassifierOptions glueCompatible() {
        return new ClassifierOptions(1000, MB, 10 * MB, false, false);
    }
}

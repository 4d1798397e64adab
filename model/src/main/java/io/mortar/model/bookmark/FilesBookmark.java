package io.mortar.model.bookmark;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * A file source's state: one {@link FileMark} per place it reads (each partition of a catalog table by its location,
 * the table's location when unpartitioned, each of an options source's paths), so a partition added later is read
 * whole whatever its files' times, and Glue's {@code maxBand} and {@code maxFilesInBand} as the run that committed
 * it used them.
 */
public record FilesBookmark(String target, long maxBand, int maxFilesInBand, Map<String, FileMark> slices)
        implements SourceBookmark {
    /** Glue's defaults: 900,000 ms (15 minutes) and 1,000 files. */
    public static final long DEFAULT_MAX_BAND = 900_000L;
    public static final int DEFAULT_MAX_FILES_IN_BAND = 1_000;

    public FilesBookmark {
        requireNonNull(target, "target");
        slices = Map.copyOf(requireNonNull(slices, "slices"));
    }

    /** The slices in location order (for display and stable JSON). */
    public Map<String, FileMark> sortedSlices() {
        return new TreeMap<>(slices);
    }
}

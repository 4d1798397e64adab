package io.mortar.model.bookmark;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a bookmark remembers of one place files are read from (a partition's or a table's location, or one of a
 * source's {@code paths}): the mark, the newest last-modified time of the files read, and the window, the files read
 * whose last-modified time is within {@code maxBand} of the mark, each with the time it had when read. Object stores
 * list late and a file's last-modified time is when its upload began, so a file older than the mark can still appear
 * after the mark was taken: within the band, a file is new unless the window holds it with the same time. A file
 * rewritten in place gets a new time and is read again.
 *
 * @param mark epoch milliseconds; files modified after it are new
 * @param window path → epoch milliseconds, for files read with a time in {@code (mark - maxBand, mark]}
 */
public record FileMark(long mark, Map<String, Long> window) {
    public FileMark {
        window = Map.copyOf(requireNonNull(window, "window"));
    }

    /** Whether a file listed with this time was not read by the runs this mark stands for. */
    public boolean isNew(String path, long modified, long maxBand) {
        if (modified > mark) {
            return true;
        }
        return modified > mark - maxBand && !Objects.equals(window.get(path), modified);
    }

    /** The window in path order (for display). */
    public Map<String, Long> sortedWindow() {
        return new TreeMap<>(window);
    }
}

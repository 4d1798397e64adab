package io.mortar.model.bookmark;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a bookmark remembers of one place files are read from (a partition's or a table's location, or one of a
 * source's {@code paths}): the mark, the newest last-modified time of the files read; the floor, before which every
 * file was visible when the place was last listed; and the window, the files read with a time after the floor, each
 * with the time it had when read.
 *
 * <p>Object stores show a file late: its last-modified time is when its upload began, and a long upload that began
 * before the mark is listed after it. Glue's {@code maxBand} is how long such a lag may be, so a file older than the
 * listing time less {@code maxBand} was visible in that listing: that is the floor. Between the floor and the mark a
 * file is new unless the window holds it with the same time; after the mark every file is new; at or before the
 * floor none is. A file rewritten in place gets a new time and is read again.
 *
 * @param mark epoch milliseconds; files modified after it are new
 * @param floor epoch milliseconds, at most {@code mark}; files modified at or before it are not new
 * @param window path → epoch milliseconds, for the files read with a time in {@code (floor, mark]}
 */
public record FileMark(long mark, long floor, Map<String, Long> window) {
    public FileMark {
        window = Map.copyOf(requireNonNull(window, "window"));
        if (floor > mark) {
            throw new IllegalArgumentException("A bookmark's floor " + floor + " is after its mark " + mark);
        }
    }

    /** Whether a file listed with this time was not read by the runs this mark stands for. */
    public boolean isNew(String path, long modified) {
        if (modified > mark) {
            return true;
        }
        return modified > floor && !Objects.equals(window.get(path), modified);
    }

    /** The window in path order (for display). */
    public Map<String, Long> sortedWindow() {
        return new TreeMap<>(window);
    }
}

package io.mortar.model.bookmark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which listed files a bookmarked read takes, and the {@link FileMark} it leaves: Glue's rule for S3 (new after the
 * mark, or after the floor and not in the window), with {@code maxBand} setting the next floor (the listing time
 * less {@code maxBand}) and {@code maxFilesInBand} bounding the window. The window only holds files modified within
 * {@code maxBand} of the listing, so files that landed earlier, however many, never count against it: a first run
 * over an old table takes every file and leaves an empty window. Only when more than {@code maxFilesInBand} files
 * were modified within {@code maxBand} of the listing are the newest left for the next run, whose later listing
 * lets them out of the band.
 */
public final class FileSelection {
    /** A listed file: its full path and its last-modified time in epoch milliseconds. */
    public record Listed(String path, long modified) {}

    /** The files to read and the mark to commit after reading them; {@code deferred} new files wait for a later run. */
    public record Advance(List<Listed> taken, FileMark next, int deferred) {}

    private static final Comparator<Listed> BY_TIME = Comparator.comparingLong(Listed::modified)
            .thenComparing(Listed::path);

    private FileSelection() {}

    /** The files new since {@code mark}; everything when there is no mark (the place was never read). */
    public static List<Listed> newSince(List<Listed> listed, FileMark mark) {
        if (mark == null) {
            return List.copyOf(listed);
        }
        return listed.stream().filter(f -> mark.isNew(f.path(), f.modified())).toList();
    }

    /** The files {@code mark} had read (for a pause's {@code --job-bookmark-to}); nothing when there is no mark. */
    public static List<Listed> readBy(List<Listed> listed, FileMark mark) {
        if (mark == null) {
            return List.of();
        }
        return listed.stream().filter(f -> !mark.isNew(f.path(), f.modified())).toList();
    }

    /**
     * Takes the new files ({@code candidates}, a subset of {@code listed}) in time order, as many as the window's cap
     * allows (always at least those of the oldest time, so a run makes progress), and computes the next mark: the
     * newest time taken (never before the previous mark), the floor (the listing time less {@code maxBand}, never
     * after the mark) and the window of the files read (now or before) after the floor.
     *
     * @param listedAt when the listing began, epoch milliseconds
     */
    public static Advance advance(FileMark previous, List<Listed> listed, List<Listed> candidates, long listedAt,
                                  long maxBand, int maxFilesInBand) {
        long previousMark = previous == null ? 0L : previous.mark();
        long previousFloor = previous == null ? Long.MIN_VALUE : previous.floor();
        long visibleBefore = listedAt - maxBand;
        Set<String> candidatePaths = new HashSet<>();
        candidates.forEach(c -> candidatePaths.add(c.path()));
        // Files read before: what the old window holds, and what is listed but not new.
        Map<String, Long> known = new HashMap<>(previous == null ? Map.of() : previous.window());
        for (Listed f : listed) {
            if (!candidatePaths.contains(f.path())) {
                known.put(f.path(), f.modified());
            }
        }
        long[] knownTimes = known.values().stream().mapToLong(Long::longValue).sorted().toArray();
        List<Listed> sorted = new ArrayList<>(candidates);
        sorted.sort(BY_TIME);
        long[] times = sorted.stream().mapToLong(Listed::modified).toArray();

        int takenCount = 0;
        long mark = previousMark;
        int i = 0;
        while (i < times.length) {
            int groupEnd = i;
            while (groupEnd < times.length && times[groupEnd] == times[i]) {
                groupEnd++;
            }
            long nextMark = Math.max(previousMark, times[i]);
            long floor = Math.max(previousFloor, Math.min(nextMark, visibleBefore));
            int inWindow = countIn(knownTimes, 0, knownTimes.length, floor, nextMark)
                    + countIn(times, 0, groupEnd, floor, nextMark);
            if (takenCount > 0 && inWindow > maxFilesInBand) {
                break;
            }
            takenCount = groupEnd;
            mark = nextMark;
            i = groupEnd;
        }
        long floor = Math.max(previousFloor, Math.min(mark, visibleBefore));
        List<Listed> taken = List.copyOf(sorted.subList(0, takenCount));
        Map<String, Long> read = new HashMap<>(known);
        taken.forEach(f -> read.put(f.path(), f.modified()));
        Map<String, Long> window = new HashMap<>();
        for (Map.Entry<String, Long> f : read.entrySet()) {
            if (f.getValue() > floor && f.getValue() <= mark) {
                window.put(f.getKey(), f.getValue());
            }
        }
        return new Advance(taken, new FileMark(mark, floor, window), sorted.size() - takenCount);
    }

    /** How many of the sorted {@code values} in {@code [start, end)} lie in {@code (from, to]}. */
    private static int countIn(long[] values, int start, int end, long from, long to) {
        return upperBound(values, start, end, to) - upperBound(values, start, end, from);
    }

    /** The first index in {@code [start, end)} whose value is greater than {@code key}. */
    private static int upperBound(long[] values, int start, int end, long key) {
        int lo = start;
        int hi = end;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

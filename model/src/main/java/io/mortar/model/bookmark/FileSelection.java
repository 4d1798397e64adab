package io.mortar.model.bookmark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which listed files a bookmarked read takes, and the {@link FileMark} it leaves: Glue's rule for S3 (last-modified
 * after the mark, or within {@code maxBand} of it and not in the window), with {@code maxFilesInBand} bounding the
 * window: when taking every new file would put more than that many files within the band of the new mark, the newest
 * are left for the next run (their times are after the mark this run leaves, so the next run takes them).
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
    public static List<Listed> newSince(List<Listed> listed, FileMark mark, long maxBand) {
        if (mark == null) {
            return List.copyOf(listed);
        }
        return listed.stream().filter(f -> mark.isNew(f.path(), f.modified(), maxBand)).toList();
    }

    /** The files {@code mark} had read (for a pause's {@code --job-bookmark-to}); nothing when there is no mark. */
    public static List<Listed> readBy(List<Listed> listed, FileMark mark, long maxBand) {
        if (mark == null) {
            return List.of();
        }
        return listed.stream().filter(f -> !mark.isNew(f.path(), f.modified(), maxBand)).toList();
    }

    /**
     * Takes the new files ({@code candidates}, a subset of {@code listed}) in time order, as many as the window's cap
     * allows (always at least those of the oldest time, so a run makes progress), and computes the next mark: the
     * newest time taken (never before the previous mark) and the window of the files read (now or before) within
     * {@code maxBand} of it.
     */
    public static Advance advance(FileMark previous, List<Listed> listed, List<Listed> candidates, long maxBand,
                                  int maxFilesInBand) {
        long previousMark = previous == null ? 0L : previous.mark();
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
            long from = nextMark - maxBand;
            int inBand = countIn(knownTimes, from, nextMark) + countIn(times, 0, groupEnd, from, nextMark);
            if (takenCount > 0 && inBand > maxFilesInBand) {
                break;
            }
            takenCount = groupEnd;
            mark = nextMark;
            i = groupEnd;
        }
        List<Listed> taken = List.copyOf(sorted.subList(0, takenCount));
        Map<String, Long> read = new HashMap<>(known);
        taken.forEach(f -> read.put(f.path(), f.modified()));
        Map<String, Long> window = new HashMap<>();
        for (Map.Entry<String, Long> f : read.entrySet()) {
            if (f.getValue() > mark - maxBand && f.getValue() <= mark) {
                window.put(f.getKey(), f.getValue());
            }
        }
        return new Advance(taken, new FileMark(mark, window), sorted.size() - takenCount);
    }

    /** How many of the sorted {@code values} lie in {@code (from, to]}. */
    private static int countIn(long[] values, long from, long to) {
        return countIn(values, 0, values.length, from, to);
    }

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

package io.mortar.runtime.bookmark;

import io.mortar.model.bookmark.FileMark;
import io.mortar.model.bookmark.FileSelection;
import io.mortar.model.bookmark.FileSelection.Listed;
import io.mortar.model.bookmark.FilesBookmark;
import io.mortar.model.bookmark.SourceBookmark;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files a bookmarked file source reads, place by place (a partition's or table's location, or one of the
 * source's paths), and the state it records: {@link FileSelection} against the place's {@link FileMark}. A place the
 * bookmark has never seen is read whole (a partition added since, whatever its files' times); places this run does
 * not list keep their marks.
 */
public final class FileBookmarking {
    private static final Logger LOG = LoggerFactory.getLogger(FileBookmarking.class);

    /** Glue's options {@code maxBand} (milliseconds) and {@code maxFilesInBand}. */
    public record Band(long maxBand, int maxFilesInBand) {
        public Band {
            if (maxBand < 0) {
                throw new IllegalArgumentException("The option maxBand must be at least 0, not " + maxBand);
            }
            if (maxFilesInBand < 1) {
                throw new IllegalArgumentException("The option maxFilesInBand must be at least 1, not "
                        + maxFilesInBand);
            }
        }

        public static Band defaults() {
            return new Band(FilesBookmark.DEFAULT_MAX_BAND, FilesBookmark.DEFAULT_MAX_FILES_IN_BAND);
        }
    }

    private FileBookmarking() {}

    /**
     * Picks the files to read from what was listed in each place, and records the state the read leaves.
     *
     * @param listedAt when the listing began (epoch milliseconds): files modified more than {@code maxBand} before
     *     it were visible to it, so the next run need not remember them
     * @return per place (in the order given), the paths to read; a place with nothing new maps to an empty list
     */
    public static Map<String, List<String>> select(JobBookmarks.SourceScope scope, Map<String, List<Listed>> listed,
                                                   long listedAt, Band band) {
        Map<String, FileMark> lower = marks(scope.lower(), scope);
        Map<String, FileMark> upper = marks(scope.upper(), scope);
        Map<String, FileMark> next = new LinkedHashMap<>(lower);
        Map<String, List<String>> out = new LinkedHashMap<>();
        int total = 0;
        int chosen = 0;
        int deferred = 0;
        for (Map.Entry<String, List<Listed>> place : listed.entrySet()) {
            List<Listed> files = place.getValue();
            FileMark mark = lower.get(place.getKey());
            List<Listed> candidates = FileSelection.newSince(files, mark);
            List<Listed> read;
            if (scope.bounded()) {
                Set<String> covered = FileSelection.readBy(files, upper.get(place.getKey())).stream()
                        .map(Listed::path).collect(Collectors.toSet());
                read = candidates.stream().filter(f -> covered.contains(f.path())).toList();
            } else if (scope.advances()) {
                FileSelection.Advance advance = FileSelection.advance(mark, files, candidates, listedAt,
                        band.maxBand(), band.maxFilesInBand());
                read = advance.taken();
                deferred += advance.deferred();
                next.put(place.getKey(), advance.next());
            } else {
                read = candidates;
            }
            total += files.size();
            chosen += read.size();
            out.put(place.getKey(), read.stream().map(Listed::path).toList());
        }
        scope.record(new FilesBookmark(scope.target(), band.maxBand(), band.maxFilesInBand(), next));
        LOG.info("Bookmark '{}' ({}): reading {} of {} files listed in {} places", scope.context(), scope.target(),
                chosen, total, listed.size());
        if (deferred > 0) {
            LOG.warn("Bookmark '{}' ({}): {} new files wait for a later run: more than maxFilesInBand ({}) files were"
                    + " modified within maxBand ({} ms) of this listing, and the bookmark keeps at most that many to"
                    + " recognise late-listed files. Raise maxFilesInBand to take them now.", scope.context(),
                    scope.target(), deferred, band.maxFilesInBand(), band.maxBand());
        }
        return out;
    }

    private static Map<String, FileMark> marks(Optional<SourceBookmark> state, JobBookmarks.SourceScope scope) {
        if (state.isEmpty()) {
            return Map.of();
        }
        if (!(state.get() instanceof FilesBookmark files)) {
            throw new IllegalStateException("The bookmark of transformation context '" + scope.context()
                    + "' is not a file source's; was the context renamed or reused? Reset the bookmark.");
        }
        return files.slices();
    }
}

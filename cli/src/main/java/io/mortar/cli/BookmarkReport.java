package io.mortar.cli;

import io.mortar.model.bookmark.BookmarkDocument;
import io.mortar.model.bookmark.FileMark;
import io.mortar.model.bookmark.FilesBookmark;
import io.mortar.model.bookmark.JdbcBookmark;
import io.mortar.model.bookmark.SourceBookmark;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.glue.model.JobBookmarkEntry;

/**
 * A job bookmark entry as a person reads it: the entry (version, run, attempt, run ids), then per transformation
 * context what the next run will skip and from where. Times are ISO-8601 in UTC. A state that is not Mortar's
 * document (another Glue's opaque bookmark) is printed as stored.
 */
final class BookmarkReport {
    private final PrintWriter out;
    private final int maxFiles;

    /** @param maxFiles how many window files to list per context; the count is always printed */
    BookmarkReport(PrintWriter out, int maxFiles) {
        this.out = out;
        this.maxFiles = maxFiles;
    }

    void print(JobBookmarkEntry entry) {
        out.printf("Job:           %s%n", entry.jobName());
        out.printf("Version:       %d%n", entry.version());
        out.printf("Run:           %d%n", entry.run());
        out.printf("Attempt:       %d%n", entry.attempt());
        out.printf("Run id:        %s%n", orDash(entry.runId()));
        out.printf("Previous run:  %s%n", orDash(entry.previousRunId()));
        BookmarkDocument document;
        try {
            document = BookmarkDocument.parse(entry.jobBookmark());
        } catch (IllegalArgumentException e) {
            out.println();
            out.println("State, as stored (not a Mortar bookmark document: " + e.getMessage() + "):");
            out.println(entry.jobBookmark());
            out.flush();
            return;
        }
        if (document.contexts().isEmpty()) {
            out.println();
            out.println(entry.runId() == null
                    ? "No state: the bookmark was reset, so the next run reads everything."
                    : "No transformation context is bookmarked: the next run reads everything (only a source read"
                            + " with a transformation context is bookmarked).");
        }
        new TreeMap<>(document.contexts()).forEach((name, state) -> context(entry.jobName(), name, state));
        out.flush();
    }

    private void context(String job, String name, SourceBookmark state) {
        out.println();
        if (state instanceof FilesBookmark files) {
            files(job, name, files);
        } else if (state instanceof JdbcBookmark jdbc) {
            jdbc(name, jdbc);
        }
    }

    private void files(String job, String name, FilesBookmark files) {
        Map<String, FileMark> slices = files.sortedSlices();
        out.printf("Context %s: files of %s, %d location(s); maxBand %d ms, maxFilesInBand %d%n", name,
                files.target(), slices.size(), files.maxBand(), files.maxFilesInBand());
        out.println("The next run skips the files of a location modified at or before its mark, except those after"
                + " its floor that are not in its window with the same time (files listed late).");
        TextTable locations = TextTable.uncut("LOCATION", "MARK (UTC)", "FLOOR (UTC)", "WINDOW FILES");
        TreeMap<String, Long> window = new TreeMap<>();
        slices.forEach((location, mark) -> {
            locations.row(location, iso(mark.mark()), iso(mark.floor()), mark.window().size());
            window.putAll(mark.window());
        });
        locations.print(out);
        if (window.isEmpty()) {
            return;
        }
        out.println();
        if (maxFiles == 0) {
            out.printf("Window: %d file(s) (listed by mortar bookmark %s).%n", window.size(), job);
            return;
        }
        List<Map.Entry<String, Long>> listed = window.entrySet().stream().limit(maxFiles).toList();
        out.printf(listed.size() == window.size() ? "Window: %d file(s):%n" : "Window: %d file(s), the first %d:%n",
                window.size(), listed.size());
        TextTable table = TextTable.uncut("FILE", "MODIFIED (UTC)");
        listed.forEach(file -> table.row(file.getKey(), iso(file.getValue())));
        table.print(out);
    }

    private void jdbc(String name, JdbcBookmark jdbc) {
        out.printf("Context %s: JDBC table %s%n", name, jdbc.target());
        out.printf("The next run reads only the rows whose keys (%s) come after the last values read, in %s"
                + " order.%n", String.join(", ", jdbc.keys()), jdbc.descending() ? "descending" : "ascending");
        TextTable keys = new TextTable("KEY", "ORDER", "LAST VALUE");
        for (int i = 0; i < jdbc.keys().size(); i++) {
            Object last = jdbc.last().get(i);
            keys.row(jdbc.keys().get(i), jdbc.sortOrder(), last == null ? "null" : last);
        }
        keys.print(out);
    }

    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }
}

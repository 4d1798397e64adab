package io.mortar.crawler.discovery;

import io.mortar.crawler.glob.ExclusionGlob;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists an include path once: every file below it, recursively, in one pass ({@code listFiles(path, true)}, which
 * S3A serves with flat LIST requests rather than one per folder). Left out: what an exclusion glob matches (relative
 * to the include path, as Glue applies them), empty files, and the bookkeeping files engines leave beside data —
 * any path segment starting with {@code _} or {@code .} ({@code _SUCCESS}, {@code _temporary/}, {@code .part.crc})
 * and S3 folder markers ({@code x_$folder$}), which Spark, Hive and Athena skip as well.
 */
public final class StorageListing {
    private StorageListing() {}

    /** The include path's files in path order; empty if it does not exist. A file include path lists itself. */
    public static List<ListedFile> list(FileSystem fs, Path include, List<ExclusionGlob> exclusions,
                                        BooleanSupplier cancelled) throws IOException {
        FileStatus root;
        try {
            root = fs.getFileStatus(include);
        } catch (FileNotFoundException e) {
            return List.of();
        }
        if (root.isFile()) {
            return root.getLen() > 0 && !skipped(include.getName())
                    ? List.of(new ListedFile(root.getPath(), include.getName(), root.getLen()))
                    : List.of();
        }
        String prefix = root.getPath().toUri().getPath();
        if (!prefix.endsWith("/")) {
            prefix += "/";
        }
        List<ListedFile> files = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root.getPath(), true);
        while (it.hasNext()) {
            if (cancelled.getAsBoolean()) {
                throw new CrawlCancelledException();
            }
            LocatedFileStatus status = it.next();
            String path = status.getPath().toUri().getPath();
            if (!path.startsWith(prefix) || status.getLen() == 0) {
                continue;
            }
            String relative = path.substring(prefix.length());
            if (hasSkippedSegment(relative) || ExclusionGlob.anyMatches(exclusions, relative)) {
                continue;
            }
            files.add(new ListedFile(status.getPath(), relative, status.getLen()));
        }
        files.sort(Comparator.comparing(ListedFile::relative));
        return files;
    }

    private static boolean hasSkippedSegment(String relative) {
        for (String segment : relative.split("/")) {
            if (skipped(segment)) {
                return true;
            }
        }
        return false;
    }

    private static boolean skipped(String name) {
        return name.startsWith("_") || name.startsWith(".") || name.endsWith("_$folder$");
    }
}

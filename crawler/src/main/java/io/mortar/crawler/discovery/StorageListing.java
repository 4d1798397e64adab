package io.mortar.crawler.discovery;

import io.mortar.model.glob.GlueGlob;
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
 * Lists an include path once: every file below it, recursively — on an object store in one pass
 * ({@code listFiles(path, true)}, which S3A serves with flat LIST requests rather than one per folder), on other file
 * systems folder by folder with plain statuses (Hadoop's local file system builds a located status by forking
 * {@code ls} for each file's permissions: 15 ms a file). Left out: what an exclusion glob matches (relative
 * to the include path, as Glue applies them), empty files, and the bookkeeping files engines leave beside data —
 * any path segment starting with {@code _} or {@code .} ({@code _SUCCESS}, {@code _temporary/}, {@code .part.crc})
 * and S3 folder markers ({@code x_$folder$}), which Spark, Hive and Athena skip as well.
 */
public final class StorageListing {
    private StorageListing() {}

    /** The include path's files in path order; empty if it does not exist. A file include path lists itself. */
    public static List<ListedFile> list(FileSystem fs, Path include, List<GlueGlob> exclusions,
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
        Collector collector = new Collector(prefix, exclusions, cancelled, files);
        if (OBJECT_STORES.contains(fs.getScheme())) {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root.getPath(), true);
            while (it.hasNext()) {
                collector.accept(it.next());
            }
        } else {
            walk(fs, root.getPath(), collector);
        }
        files.sort(Comparator.comparing(ListedFile::relative));
        return files;
    }

    private static final java.util.Set<String> OBJECT_STORES = java.util.Set.of("s3a", "s3", "s3n", "gs", "abfs",
            "abfss", "wasb", "wasbs", "oss", "cos", "obs");

    private static void walk(FileSystem fs, Path folder, Collector collector) throws IOException {
        for (FileStatus status : fs.listStatus(folder)) {
            if (status.isDirectory()) {
                if (!skipped(status.getPath().getName())) {
                    walk(fs, status.getPath(), collector);
                }
            } else {
                collector.accept(status);
            }
        }
    }

    /** Keeps the data files of a listing, relative to the include path. */
    private record Collector(String prefix, List<GlueGlob> exclusions, BooleanSupplier cancelled,
                             List<ListedFile> files) {
        void accept(FileStatus status) {
            if (cancelled.getAsBoolean()) {
                throw new CrawlCancelledException();
            }
            String path = status.getPath().toUri().getPath();
            if (!path.startsWith(prefix) || status.getLen() == 0) {
                return;
            }
            String relative = path.substring(prefix.length());
            if (hasSkippedSegment(relative) || GlueGlob.anyMatches(exclusions, relative)) {
                return;
            }
            files.add(new ListedFile(status.getPath(), relative, status.getLen()));
        }
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

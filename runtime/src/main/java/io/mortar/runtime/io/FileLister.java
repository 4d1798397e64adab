package io.mortar.runtime.io;

import io.mortar.model.bookmark.FileSelection.Listed;
import io.mortar.model.glob.GlueGlob;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a source's {@code paths} to the files Spark reads, with Glue's rules rather than Spark's: a folder
 * contributes only its own files unless {@code recurse} is set (Spark would descend into every sub-folder), files
 * matching an {@code exclusions} glob are skipped, and so are hidden files ({@code _SUCCESS}, {@code .crc}). A
 * path that does not exist contributes nothing, as an empty S3 prefix does in Glue.
 */
public final class FileLister {
    private static final Logger LOG = LoggerFactory.getLogger(FileLister.class);

    private final Configuration hadoop;

    public FileLister(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    public List<String> list(List<String> paths, boolean recurse, List<GlueGlob> exclusions) {
        return listWithTimes(paths, recurse, exclusions).stream().map(Listed::path).toList();
    }

    /** The files with their last-modified times (for bookmarks: S3's Last-Modified, a local file's mtime). */
    public List<Listed> listWithTimes(List<String> paths, boolean recurse, List<GlueGlob> exclusions) {
        List<Listed> files = new ArrayList<>();
        for (String path : paths) {
            try {
                listOne(new Path(path), recurse, exclusions, files);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the files under " + path + ": " + e.getMessage(), e);
            }
        }
        return files;
    }

    private void listOne(Path path, boolean recurse, List<GlueGlob> exclusions, List<Listed> out)
            throws IOException {
        FileSystem fs = path.getFileSystem(hadoop);
        FileStatus[] roots;
        try {
            roots = fs.globStatus(path);
        } catch (FileNotFoundException e) {
            roots = null;
        }
        if (roots == null || roots.length == 0) {
            LOG.warn("The path {} matches no files", path);
            return;
        }
        for (FileStatus root : roots) {
            String rootText = root.getPath().toString();
            if (root.isFile()) {
                addUnlessExcluded(root, rootText, exclusions, out);
                continue;
            }
            if (fs instanceof LocalFileSystem) {
                listLocal(fs, root.getPath(), root.getPath(), recurse, rootText, exclusions, out);
                continue;
            }
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root.getPath(), recurse);
            while (it.hasNext()) {
                LocatedFileStatus file = it.next();
                if (!isHidden(root.getPath(), file.getPath())) {
                    addUnlessExcluded(file, rootText, exclusions, out);
                }
            }
        }
    }

    /**
     * A local folder by {@code listStatus}, folder by folder: Hadoop's local {@code listFiles} builds a located
     * status per file, whose permissions it reads by running {@code ls} once a file (4 ms each: 40 s for 10,000
     * files); plain statuses read them only when asked, and names and times never ask. On S3, {@code listFiles} is
     * one flat listing of the prefix, which is why it stays for every other file system.
     */
    private static void listLocal(FileSystem fs, Path root, Path folder, boolean recurse, String rootText,
                                  List<GlueGlob> exclusions, List<Listed> out) throws IOException {
        for (FileStatus status : fs.listStatus(folder)) {
            if (isHidden(root, status.getPath())) {
                continue;
            }
            if (status.isDirectory()) {
                if (recurse) {
                    listLocal(fs, root, status.getPath(), true, rootText, exclusions, out);
                }
            } else {
                addUnlessExcluded(status, rootText, exclusions, out);
            }
        }
    }

    private static void addUnlessExcluded(FileStatus status, String rootText, List<GlueGlob> exclusions,
                                          List<Listed> out) {
        Path file = status.getPath();
        String full = file.toString();
        String relative = full.startsWith(rootText + "/") ? full.substring(rootText.length() + 1) : file.getName();
        for (GlueGlob exclusion : exclusions) {
            if (exclusion.matches(full) || exclusion.matches(relative)) {
                return;
            }
        }
        out.add(new Listed(full, status.getModificationTime()));
    }

    /** Hidden like Spark and Hive treat them: any segment below the root starting with '_' or '.'. */
    static boolean isHidden(Path root, Path file) {
        for (Path p = file; p != null && !p.equals(root) && !p.isRoot(); p = p.getParent()) {
            String name = p.getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}

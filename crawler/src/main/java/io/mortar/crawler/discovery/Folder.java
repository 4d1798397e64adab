package io.mortar.crawler.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A folder below an include path, built from a listing (object stores have no real folders: a folder is a common
 * prefix of keys). {@code relative} is {@code ""} for the include path itself.
 */
final class Folder {
    final String relative;
    final String name;
    final int depth;
    final List<ListedFile> files = new ArrayList<>();
    final TreeMap<String, Folder> children = new TreeMap<>();
    /** Whether files of this folder are roots of the crawler's earlier tables (taken out of {@code files}). */
    boolean holdsClaimedFiles;

    private Folder(String relative, String name, int depth) {
        this.relative = relative;
        this.name = name;
        this.depth = depth;
    }

    /** The tree of a listing's files; each file hangs in the folder its relative path names. */
    static Folder of(List<ListedFile> files) {
        return of(files, List.of());
    }

    /**
     * The same, with {@code emptyFolders} (relative paths) kept as folders without files: data taken out of the
     * tree still shapes it, so a file that lay beside folders still does.
     */
    static Folder of(List<ListedFile> files, java.util.Collection<String> emptyFolders) {
        return of(files, emptyFolders, List.of());
    }

    /**
     * The same, with the folders of {@code claimedFiles} (files taken out of the tree: the roots of the crawler's
     * earlier single-file tables) marked, so no table is rooted at or above them.
     */
    static Folder of(List<ListedFile> files, java.util.Collection<String> emptyFolders,
                     List<ListedFile> claimedFiles) {
        Folder root = new Folder("", "", 0);
        for (ListedFile claimed : claimedFiles) {
            String[] segments = claimed.relative().split("/");
            root.descend(segments, segments.length - 1).holdsClaimedFiles = true;
        }
        for (String folder : emptyFolders) {
            if (!folder.isEmpty()) {
                root.descend(folder.split("/"), folder.split("/").length);
            }
        }
        for (ListedFile file : files) {
            String[] segments = file.relative().split("/");
            root.descend(segments, segments.length - 1).files.add(file);
        }
        return root;
    }

    /** The folder {@code segments[0..count)} below this one, made where missing. */
    private Folder descend(String[] segments, int count) {
        Folder at = this;
        for (int i = 0; i < count; i++) {
            Folder parent = at;
            at = parent.children.computeIfAbsent(segments[i], s -> new Folder(
                    parent.relative.isEmpty() ? s : parent.relative + "/" + s, s, parent.depth + 1));
        }
        return at;
    }

    boolean isLeaf() {
        return children.isEmpty();
    }

    /** Folders below this one (itself included) that hold files and no folders: partitions, or whole tables. */
    void forEachLeaf(Consumer<Folder> action) {
        if (isLeaf()) {
            if (!files.isEmpty()) {
                action.accept(this);
            }
            return;
        }
        children.values().forEach(c -> c.forEachLeaf(action));
    }

    /**
     * Whether a folder below holds nothing, or this one or one below holds claimed files: data an earlier crawl's
     * table claimed was taken out of the tree.
     */
    boolean holdsClaimedData() {
        if (holdsClaimedFiles) {
            return true;
        }
        if (isLeaf()) {
            return files.isEmpty();
        }
        return children.values().stream().anyMatch(Folder::holdsClaimedData);
    }

    /** Files below this one that lie beside folders: they cannot be partitions of a table rooted above them. */
    void forEachStray(Consumer<ListedFile> action) {
        if (isLeaf()) {
            return;
        }
        files.forEach(action);
        children.values().forEach(c -> c.forEachStray(action));
    }

    /** The path segments from {@code ancestor} (exclusive) down to this folder. */
    List<String> segmentsBelow(Folder ancestor) {
        String rest = ancestor.relative.isEmpty() ? relative : relative.substring(ancestor.relative.length() + 1);
        return rest.isEmpty() ? List.of() : List.of(rest.split("/"));
    }
}

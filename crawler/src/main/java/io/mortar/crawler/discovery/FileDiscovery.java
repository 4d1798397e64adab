package io.mortar.crawler.discovery;

import static java.util.Objects.requireNonNull;

import io.mortar.crawler.FileClassification;
import io.mortar.crawler.FileClassifier;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.fs.FileSystem;

/**
 * Crawls one include path: lists it once, reads only the files it must (a leaf folder's first {@code SampleSize}
 * files, every file beside folders, nothing in folders an incremental crawl already knows), on a few reader threads
 * (object stores answer slowly but in parallel), then groups what it read into tables ({@link TableGrouper}).
 * Unreadable files become {@link FileProblem}s; nothing here writes to the catalog.
 */
public final class FileDiscovery {
    private final FileClassifier classifier;
    private final Settings settings;

    /**
     * @param tableLevel Glue's {@code TableLevelConfiguration}, or null
     * @param combineCompatible Glue's {@code CombineCompatibleSchemas} grouping
     * @param readers how many files are read at once
     */
    public record Settings(Integer tableLevel, boolean combineCompatible, int readers, BooleanSupplier cancelled,
                           CrawlProgress progress) {
        public Settings {
            if (readers < 1) {
                throw new IllegalArgumentException("readers must be at least 1");
            }
            requireNonNull(cancelled, "cancelled");
            requireNonNull(progress, "progress");
        }
    }

    public FileDiscovery(FileClassifier classifier, Settings settings) {
        this.classifier = requireNonNull(classifier, "classifier");
        this.settings = requireNonNull(settings, "settings");
    }

    public FileDiscoveryResult discover(FileSystem fs, FileTarget target, EarlierCrawls earlier)
            throws IOException {
        settings.progress().phase(CrawlProgress.Phase.LISTING);
        List<ListedFile> listed = StorageListing.list(fs, target.readPath(), target.exclusions(),
                settings.cancelled());
        settings.progress().listed(listed.size());
        Locations locations = new Locations(target.location(), isFile(fs, target));
        List<String> notes = new ArrayList<>();
        List<FileProblem> problems = new ArrayList<>();

        // An incremental crawl leaves out the folders it knows; the crawler's tables keep the data below their roots.
        List<ListedFile> fresh = withoutKnownFolders(listed, locations, earlier);
        Folder tree = Folder.of(fresh);
        Map<EarlierCrawls.ExistingRoot, List<Folder>> joining = joiningExistingTables(tree, locations, earlier);
        Set<ListedFile> joined = new HashSet<>();
        List<String> joinedFolders = new ArrayList<>();
        joining.values().forEach(leaves -> leaves.forEach(leaf -> {
            joined.addAll(leaf.files);
            joinedFolders.add(leaf.relative);
        }));
        // Files the crawler's single-file tables are rooted at stay tables of their own, whatever lies beside them.
        Map<ListedFile, EarlierCrawls.ExistingRoot> claimedFiles = claimedFiles(
                fresh.stream().filter(f -> !joined.contains(f)).toList(), locations, earlier);
        Folder grouped = Folder.of(fresh.stream().filter(f -> !joined.contains(f) && !claimedFiles.containsKey(f))
                .toList(), joinedFolders, List.copyOf(claimedFiles.keySet()));

        Set<ListedFile> toRead = new LinkedHashSet<>(toRead(tree, target.sampleSize()));
        toRead.addAll(claimedFiles.keySet());
        Map<ListedFile, FileClassification> classified = read(fs, List.copyOf(toRead));
        DataUnits units = new DataUnits(classified, locations, problems, notes, settings.combineCompatible());
        TableAssembler assembler = new TableAssembler(locations);
        List<DiscoveredTable> tables = new ArrayList<>();
        joining.forEach((root, leaves) -> {
            // a table of an earlier crawl keeps its root even when the files of its folders no longer cohere
            List<DataUnit> leafUnits = new ArrayList<>();
            leaves.forEach(leaf -> {
                List<DataUnit> whole = units.ofLeafWhateverItsSchemas(leaf).stream().filter(u -> u.folder() != null)
                        .toList();
                if (!whole.isEmpty() && units.whyFilesApart(leaf) != null) {
                    notes.add(locations.folder(leaf) + " stays in the crawler's table " + root.tableName()
                            + " though " + units.whyFilesApart(leaf));
                }
                leafUnits.addAll(whole);
            });
            Folder rootFolder = folderAt(tree, locations, root.location());
            String since = earlier.knownLocations().isEmpty() ? "" : " new since the last crawl";
            if (leafUnits.isEmpty() || rootFolder == null) {
                return;
            }
            if (root.partitionKeys().isEmpty()) {
                tables.add(assembler.unpartitioned(root.tableName(), leafUnits.get(0), "the files of "
                        + root.location() + ", where the crawler's table " + root.tableName() + " is rooted"));
            } else {
                tables.add(assembler.partitioned(root.tableName(), rootFolder, leafUnits, root.partitionKeys(),
                        leafUnits.size() + " partition folder(s)" + since + " below " + root.location()
                                + ", where the crawler's table " + root.tableName() + " is rooted"));
            }
        });
        claimedFiles.forEach((file, root) -> {
            DataUnit unit = units.ofStray(file);
            if (unit != null) {
                tables.add(assembler.unpartitioned(unit.name(), unit, unit.location()
                        + " is a table of its own: the crawler's table " + root.tableName() + " is rooted there"));
            }
        });
        if (hasData(grouped)) {
            tables.addAll(new TableGrouper(units, locations, assembler, target.name(), target.depth(),
                    settings.tableLevel(), settings.combineCompatible(), notes).tables(grouped));
        }
        settings.progress().tablesFound(tables.size());
        long bytes = classified.values().stream().mapToLong(FileClassification::bytesRead).sum();
        return new FileDiscoveryResult(tables, problems, notes, listed.size(), classified.size(), bytes);
    }

    /** Listed files that are the roots of the crawler's unpartitioned tables made of one file. */
    private static Map<ListedFile, EarlierCrawls.ExistingRoot> claimedFiles(List<ListedFile> files,
                                                                          Locations locations, EarlierCrawls earlier) {
        Map<String, EarlierCrawls.ExistingRoot> fileRoots = new HashMap<>();
        earlier.roots().stream().filter(r -> r.partitionKeys().isEmpty()).forEach(r -> fileRoots.put(r.location(), r));
        Map<ListedFile, EarlierCrawls.ExistingRoot> out = new LinkedHashMap<>();
        for (ListedFile file : files) {
            EarlierCrawls.ExistingRoot root = fileRoots.get(Locations.normalized(locations.file(file)));
            if (root != null) {
                out.put(file, root);
            }
        }
        return out;
    }

    private static boolean hasData(Folder folder) {
        return !folder.files.isEmpty() || folder.children.values().stream().anyMatch(FileDiscovery::hasData);
    }

    private static boolean isFile(FileSystem fs, FileTarget target) throws IOException {
        try {
            return fs.getFileStatus(target.readPath()).isFile();
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    private static List<ListedFile> withoutKnownFolders(List<ListedFile> listed, Locations locations,
                                                        EarlierCrawls earlier) {
        if (earlier.knownLocations().isEmpty()) {
            return listed;
        }
        Set<ListedFile> known = new HashSet<>();
        Folder.of(listed).forEachLeaf(leaf -> {
            // a folder that is a table or partition, or holds files that are tables of their own, is not opened
            if (earlier.knownLocations().contains(locations.folder(leaf)) || leaf.files.stream().anyMatch(f ->
                    earlier.knownLocations().contains(Locations.normalized(locations.file(f))))) {
                known.addAll(leaf.files);
            }
        });
        Folder.of(listed).forEachStray(file -> {
            if (earlier.knownLocations().contains(Locations.normalized(locations.file(file)))) {
                known.add(file);
            }
        });
        return listed.stream().filter(f -> !known.contains(f)).toList();
    }

    /**
     * Leaf folders that belong to one of the crawler's tables: at its partition depth below a partitioned table's
     * root, or an unpartitioned table's own folder.
     */
    private static Map<EarlierCrawls.ExistingRoot, List<Folder>> joiningExistingTables(
            Folder tree, Locations locations, EarlierCrawls earlier) {
        Map<EarlierCrawls.ExistingRoot, List<Folder>> out = new LinkedHashMap<>();
        if (earlier.roots().isEmpty()) {
            return out;
        }
        tree.forEachLeaf(leaf -> {
            String location = locations.folder(leaf);
            for (EarlierCrawls.ExistingRoot root : earlier.roots()) {
                if (root.partitionKeys().isEmpty() && location.equals(root.location())) {
                    out.computeIfAbsent(root, r -> new ArrayList<>()).add(leaf);
                    return;
                }
                if (root.partitionKeys().isEmpty() || !location.startsWith(root.location())) {
                    continue;
                }
                String below = location.substring(root.location().length());
                if (below.split("/").length == root.partitionKeys().size()) {
                    out.computeIfAbsent(root, r -> new ArrayList<>()).add(leaf);
                    return;
                }
            }
        });
        return out;
    }

    private static Folder folderAt(Folder tree, Locations locations, String location) {
        if (locations.folder(tree).equals(location)) {
            return tree;
        }
        for (Folder child : tree.children.values()) {
            if (location.startsWith(locations.folder(child))) {
                return folderAt(child, locations, location);
            }
        }
        return null;
    }

    /** A leaf folder's first {@code sampleSize} files (all without one), and every file beside folders. */
    private static List<ListedFile> toRead(Folder tree, Integer sampleSize) {
        List<ListedFile> out = new ArrayList<>();
        tree.forEachLeaf(leaf -> out.addAll(sampleSize == null || leaf.files.size() <= sampleSize ? leaf.files
                : leaf.files.subList(0, sampleSize)));
        tree.forEachStray(out::add);
        return out;
    }

    private Map<ListedFile, FileClassification> read(FileSystem fs, List<ListedFile> files) throws IOException {
        settings.progress().phase(CrawlProgress.Phase.READING);
        settings.progress().toRead(files.size());
        Map<ListedFile, FileClassification> out = new ConcurrentHashMap<>();
        if (files.isEmpty()) {
            return new HashMap<>();
        }
        int threads = Math.min(settings.readers(), files.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "crawl-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (ListedFile file : files) {
                futures.add(pool.submit(() -> {
                    if (settings.cancelled().getAsBoolean()) {
                        return;
                    }
                    FileClassification c = classifier.classify(fs, file.path());
                    out.put(file, c);
                    settings.progress().read(c.bytesRead());
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrawlCancelledException();
        } catch (ExecutionException e) {
            throw new IOException("reading files failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (settings.cancelled().getAsBoolean()) {
            throw new CrawlCancelledException();
        }
        return out;
    }
}

package io.mortar.crawler.discovery;

import io.mortar.crawler.FileClassification;
import io.mortar.crawler.schema.Column;
import io.mortar.crawler.schema.SchemaMerger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns classified files into {@link DataUnit}s: a leaf folder whose readable files share one format and whose
 * schemas cohere becomes one unit (their columns merged; files left out by {@code SampleSize} counted by size, their
 * records estimated from the sampled files' records per byte); a leaf of mixed formats, or of files whose schemas do
 * not cohere ({@link SchemaClusters#oneTable()}, the rule Glue applies to sibling folders, here to sibling files),
 * becomes one unit per file — Glue's crawler makes such files tables of their own, named after them
 * ({@code persons.json} beside {@code memberships.json} gives {@code persons_json} and {@code memberships_json}).
 * Glue's {@code CombineCompatibleSchemas} keeps a leaf of one format one unit whatever its schemas. A file beside
 * folders is a unit of its own. Files no classifier recognised are recorded as problems and left out.
 */
final class DataUnits {
    private static final Set<String> SIZE_PARAMETERS = Set.of("objectCount", "sizeKey", "recordCount",
            "averageRecordSize");

    private final Map<ListedFile, FileClassification> classified;
    private final Locations locations;
    private final List<FileProblem> problems;
    private final List<String> notes;
    private final boolean combineCompatible;
    private final Map<Folder, Leaf> byLeaf = new IdentityHashMap<>();
    private final Set<Folder> splitNoted = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * A leaf folder's readable files, read both ways: one unit per file, and (when they share a format) merged into
     * one unit. {@code split} says why the folder's files are not one unit, or is null when they are.
     */
    private record Leaf(List<DataUnit> perFile, DataUnit merged, String split, String note) {
        static final Leaf EMPTY = new Leaf(List.of(), null, null, null);
    }

    /** @param combineCompatible Glue's {@code CombineCompatibleSchemas}: files of one format are one unit */
    DataUnits(Map<ListedFile, FileClassification> classified, Locations locations, List<FileProblem> problems,
              List<String> notes, boolean combineCompatible) {
        this.classified = classified;
        this.locations = locations;
        this.problems = problems;
        this.notes = notes;
        this.combineCompatible = combineCompatible;
    }

    /**
     * The units of a leaf folder: one, several (mixed formats, or schemas that do not cohere: one per file), or none
     * (nothing readable). Worked out once per leaf (a grouping asks at every level above it), so each problem is
     * recorded once.
     */
    List<DataUnit> ofLeaf(Folder leaf) {
        Leaf built = leaf(leaf);
        if (built.split == null) {
            return built.merged == null ? List.of() : List.of(built.merged);
        }
        if (built.note != null && splitNoted.add(leaf)) {
            notes.add(built.note);
        }
        return built.perFile;
    }

    /**
     * The units of a leaf folder where a table is rooted whatever the schemas (a {@code TableLevelConfiguration}
     * level, or a table of the crawler's earlier crawls): its files merged into one unit if they share a format,
     * else one unit per file.
     */
    List<DataUnit> ofLeafWhateverItsSchemas(Folder leaf) {
        Leaf built = leaf(leaf);
        return built.merged != null ? List.of(built.merged) : built.perFile;
    }

    /** Why a leaf folder's files are tables of their own, or null when they are one unit (or none). */
    String whyFilesApart(Folder leaf) {
        return leaf(leaf).split;
    }

    private Leaf leaf(Folder leaf) {
        return byLeaf.computeIfAbsent(leaf, this::build);
    }

    private Leaf build(Folder leaf) {
        List<ListedFile> sampled = new ArrayList<>();
        List<ListedFile> unsampled = new ArrayList<>();
        List<FileClassification> known = new ArrayList<>();
        for (ListedFile file : leaf.files) {
            FileClassification c = classified.get(file);
            if (c == null) {
                unsampled.add(file);
            } else if (usable(file, c)) {
                sampled.add(file);
                known.add(c);
            }
        }
        if (known.isEmpty()) {
            return Leaf.EMPTY;
        }
        List<DataUnit> perFile = new ArrayList<>();
        for (int i = 0; i < sampled.size(); i++) {
            perFile.add(ofFile(sampled.get(i), known.get(i)));
        }
        String unread = unsampled.isEmpty() ? "" : "; its " + unsampled.size()
                + " file(s) beyond SampleSize were not read and are left out";
        Map<FormatSignature, List<Integer>> bySignature = new LinkedHashMap<>();
        for (int i = 0; i < known.size(); i++) {
            bySignature.computeIfAbsent(FormatSignature.of(known.get(i)), s -> new ArrayList<>()).add(i);
        }
        if (bySignature.size() > 1) {
            String split = "files of " + bySignature.size() + " formats ("
                    + String.join(", ", bySignature.keySet().stream().map(FormatSignature::describe).toList()) + ")";
            notes.add(locations.folder(leaf) + ": " + split + ", so each file is a table of its own" + unread);
            return new Leaf(perFile, null, split, null);
        }
        List<Column> columns = List.of();
        long sampledBytes = 0;
        long sampledRecords = 0;
        for (FileClassification c : known) {
            columns = columns.isEmpty() ? c.columns() : SchemaMerger.mergeColumns(columns, c.columns());
            sampledBytes += c.fileBytes();
            sampledRecords += c.recordEstimate();
        }
        long unsampledBytes = unsampled.stream().mapToLong(ListedFile::size).sum();
        long unsampledRecords = sampledBytes == 0 ? 0
                : Math.round((double) sampledRecords * unsampledBytes / sampledBytes);
        FileStats stats = new FileStats(known.size() + unsampled.size(), sampledBytes + unsampledBytes,
                sampledRecords + unsampledRecords);
        FileClassification first = known.get(0);
        DataUnit merged = new DataUnit(leaf, null, locations.folder(leaf), FormatSignature.of(first), columns,
                first.storageFormat(), formatParameters(first), stats);
        if (combineCompatible || known.size() == 1) {
            return new Leaf(perFile, merged, null, null);
        }
        SchemaClusters clusters = SchemaClusters.of(known.stream().map(FileClassification::columns).toList());
        if (clusters.oneTable()) {
            return new Leaf(perFile, merged, null, null);
        }
        String split = "its " + known.size() + " files form " + clusters.describe("files")
                + " (one table needs at most " + SchemaClusters.MAX_CLUSTERS
                + " clusters, one of them holding more than 70 % of the files)";
        // noted when the split is taken: a table rooted here whatever the schemas keeps the files together
        return new Leaf(perFile, merged, split, locations.folder(leaf) + " is not one table: " + split
                + ", so each file is a table of its own" + unread);
    }

    /** A single file as a unit, or null if it is unreadable (recorded as a problem). */
    DataUnit ofStray(ListedFile file) {
        FileClassification c = classified.get(file);
        return c != null && usable(file, c) ? ofFile(file, c) : null;
    }

    private DataUnit ofFile(ListedFile file, FileClassification c) {
        return new DataUnit(null, file, locations.file(file), FormatSignature.of(c), c.columns(), c.storageFormat(),
                formatParameters(c), new FileStats(1, c.fileBytes(), c.recordEstimate()));
    }

    private boolean usable(ListedFile file, FileClassification c) {
        if (c.known() && !c.columns().isEmpty()) {
            return true;
        }
        problems.add(new FileProblem(locations.file(file), c.problem().orElse(c.known()
                ? "no columns could be read" : "no classifier recognised the content")));
        return false;
    }

    private static Map<String, String> formatParameters(FileClassification c) {
        Map<String, String> out = new HashMap<>(c.parameters());
        out.keySet().removeAll(SIZE_PARAMETERS);
        return out;
    }
}

package io.mortar.crawler.discovery;

import io.mortar.crawler.FileClassification;
import io.mortar.crawler.schema.Column;
import io.mortar.crawler.schema.SchemaMerger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns classified files into {@link DataUnit}s: a leaf folder whose readable files share one format becomes one
 * unit (their columns merged; files left out by {@code SampleSize} counted by size, their records estimated from
 * the sampled files' records per byte); a leaf of mixed formats becomes one unit per file; a file beside folders is
 * a unit of its own. Files no classifier recognised are recorded as problems and left out.
 */
final class DataUnits {
    private static final Set<String> SIZE_PARAMETERS = Set.of("objectCount", "sizeKey", "recordCount",
            "averageRecordSize");

    private final Map<ListedFile, FileClassification> classified;
    private final Locations locations;
    private final List<FileProblem> problems;
    private final List<String> notes;
    private final Map<Folder, List<DataUnit>> byLeaf = new IdentityHashMap<>();

    DataUnits(Map<ListedFile, FileClassification> classified, Locations locations, List<FileProblem> problems,
              List<String> notes) {
        this.classified = classified;
        this.locations = locations;
        this.problems = problems;
        this.notes = notes;
    }

    /**
     * The units of a leaf folder: one, several (mixed formats), or none (nothing readable). Worked out once per
     * leaf (a grouping asks at every level above it), so each problem is recorded once.
     */
    List<DataUnit> ofLeaf(Folder leaf) {
        return byLeaf.computeIfAbsent(leaf, this::build);
    }

    private List<DataUnit> build(Folder leaf) {
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
            return List.of();
        }
        Map<FormatSignature, List<Integer>> bySignature = new LinkedHashMap<>();
        for (int i = 0; i < known.size(); i++) {
            bySignature.computeIfAbsent(FormatSignature.of(known.get(i)), s -> new ArrayList<>()).add(i);
        }
        if (bySignature.size() > 1) {
            notes.add(locations.folder(leaf) + ": files of " + bySignature.size() + " formats ("
                    + String.join(", ", bySignature.keySet().stream().map(FormatSignature::describe).toList())
                    + "), so each file is a table of its own");
            List<DataUnit> out = new ArrayList<>();
            for (int i = 0; i < sampled.size(); i++) {
                out.add(ofFile(sampled.get(i), known.get(i)));
            }
            return out;
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
        return List.of(new DataUnit(leaf, null, locations.folder(leaf), FormatSignature.of(first), columns,
                first.storageFormat(), formatParameters(first), stats));
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

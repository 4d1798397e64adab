package io.mortar.crawler.discovery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides where tables are rooted below an include path, top down, as Glue's crawler does: a folder is one table
 * (its leaf folders the partitions) when everything below it can be read as one — no file lies beside a folder,
 * every leaf sits at the same depth, all files share a format ({@link FormatSignature}), each leaf's files cohere
 * ({@link DataUnits}), and the leaves' schemas cohere ({@link SchemaClusters#oneTable()}: at most five clusters, one
 * holding more than 70 % of the leaves). Otherwise each sub-folder is decided on its own and each file beside them is
 * a table of its own; so is each file of a leaf folder whose files do not cohere (Glue names such tables after the
 * file: {@code persons.json} → {@code persons_json}). Glue's {@code CombineCompatibleSchemas} drops the schema tests;
 * {@code TableLevelConfiguration} roots tables at a fixed depth whatever the schemas. Every decision that splits
 * data is explained in {@code notes}, for dry runs.
 */
final class TableGrouper {
    private final DataUnits units;
    private final Locations locations;
    private final TableAssembler assembler;
    private final String includeName;
    private final int includeDepth;
    private final Integer tableLevel;
    private final boolean combineCompatible;
    private final List<String> notes;

    /**
     * @param includeName the include path's last name (the table name of a table rooted at it)
     * @param includeDepth the include path's depth: its folders below the bucket (or the file system's root)
     * @param tableLevel Glue's {@code TableLevelConfiguration} (the bucket's first folder is 1), or null
     */
    TableGrouper(DataUnits units, Locations locations, TableAssembler assembler, String includeName, int includeDepth,
                 Integer tableLevel, boolean combineCompatible, List<String> notes) {
        this.units = units;
        this.locations = locations;
        this.assembler = assembler;
        this.includeName = includeName;
        this.includeDepth = includeDepth;
        this.tableLevel = tableLevel;
        this.combineCompatible = combineCompatible;
        this.notes = notes;
    }

    List<DiscoveredTable> tables(Folder root) {
        List<DiscoveredTable> out = new ArrayList<>();
        decide(root, out);
        return out;
    }

    private void decide(Folder folder, List<DiscoveredTable> out) {
        String name = folder.relative.isEmpty() ? includeName : folder.name;
        int depth = includeDepth + folder.depth;
        boolean forced = tableLevel != null && depth == tableLevel;
        if (folder.isLeaf()) {
            if (folder.holdsClaimedFiles) {
                String why = "tables of the crawler's earlier crawls are rooted at files of "
                        + locations.folder(folder);
                if (!folder.files.isEmpty()) {
                    notes.add(locations.folder(folder) + " is not one table: " + why
                            + ", so each of its other files is a table of its own");
                }
                folder.files.forEach(file -> addStray(file, out, why));
                return;
            }
            List<DataUnit> leafUnits = forced ? units.ofLeafWhateverItsSchemas(folder) : units.ofLeaf(folder);
            if (leafUnits.size() == 1 && leafUnits.get(0).folder() != null) {
                out.add(assembler.unpartitioned(name, leafUnits.get(0), "the files of " + locations.folder(folder)
                        + " read as one table" + (forced ? ": TableLevelConfiguration " + tableLevel
                        + " roots a table here" : "")));
            } else {
                String why = units.whyFilesApart(folder);
                leafUnits.forEach(u -> out.add(singleFile(u, why)));
            }
            return;
        }
        if (tableLevel == null || depth >= tableLevel) {
            String refusal = refusal(folder, forced);
            if (refusal == null) {
                List<DataUnit> leaves = leafUnits(folder, forced);
                if (!leaves.isEmpty()) {
                    out.add(assembler.partitioned(name, folder, leaves, reason(folder, leaves, forced)));
                }
                return;
            }
            notes.add(locations.folder(folder) + " is not one table: " + refusal);
        }
        for (ListedFile stray : folder.files) {
            addStray(stray, out, "a single file");
        }
        folder.children.values().forEach(child -> decide(child, out));
    }

    private void addStray(ListedFile file, List<DiscoveredTable> out, String why) {
        DataUnit unit = units.ofStray(file);
        if (unit != null) {
            out.add(singleFile(unit, why));
        }
    }

    /** @param why why the unit's files are not read with others (null: it is all its folder holds) */
    private DiscoveredTable singleFile(DataUnit unit, String why) {
        return assembler.unpartitioned(unit.name(), unit, unit.location() + " is a table of its own: "
                + (why != null ? why : unit.folder() == null ? "a single file" : "the only files of their folder"));
    }

    /** Why the data below {@code folder} cannot be one table, or null if it can. */
    private String refusal(Folder folder, boolean forced) {
        if (folder.holdsClaimedData()) {
            return "tables of the crawler's earlier crawls are rooted below it";
        }
        List<ListedFile> strays = new ArrayList<>();
        folder.forEachStray(strays::add);
        if (!strays.isEmpty()) {
            return strays.size() + " file(s) lie beside folders, e.g. " + locations.file(strays.get(0));
        }
        Set<Integer> depths = new HashSet<>();
        folder.forEachLeaf(leaf -> depths.add(leaf.depth - folder.depth));
        if (depths.size() > 1) {
            return "its data folders lie at different depths below it " + depths;
        }
        List<DataUnit> leaves = leafUnits(folder, forced);
        Set<FormatSignature> formats = new HashSet<>();
        leaves.forEach(u -> formats.add(u.signature()));
        Folder apart = firstLeafOfFilesApart(folder, forced);
        if (apart != null) {
            return "the files of " + locations.folder(apart) + " are not one table (" + units.whyFilesApart(apart)
                    + ")";
        }
        if (formats.size() > 1) {
            return "its data has " + formats.size() + " formats ("
                    + String.join(", ", formats.stream().map(FormatSignature::describe).sorted().toList()) + ")";
        }
        if (forced || combineCompatible || leaves.isEmpty()) {
            return null;
        }
        SchemaClusters clusters = SchemaClusters.of(leaves.stream().map(DataUnit::columns).toList());
        return clusters.oneTable() ? null : "its " + leaves.size() + " data folders form " + clusters.describe()
                + " (one table needs at most " + SchemaClusters.MAX_CLUSTERS
                + " clusters, one of them holding more than 70 % of the folders)";
    }

    /** A leaf below {@code folder} whose files would be tables of their own, or null. */
    private Folder firstLeafOfFilesApart(Folder folder, boolean forced) {
        List<Folder> apart = new ArrayList<>();
        folder.forEachLeaf(leaf -> {
            if ((forced ? units.ofLeafWhateverItsSchemas(leaf) : units.ofLeaf(leaf)).stream()
                    .anyMatch(u -> u.folder() == null)) {
                apart.add(leaf);
            }
        });
        return apart.isEmpty() ? null : apart.get(0);
    }

    /** @param forced whether a table is rooted at {@code folder} whatever the schemas below it */
    private List<DataUnit> leafUnits(Folder folder, boolean forced) {
        List<DataUnit> out = new ArrayList<>();
        folder.forEachLeaf(leaf -> out.addAll(forced ? units.ofLeafWhateverItsSchemas(leaf) : units.ofLeaf(leaf)));
        return out;
    }

    private String reason(Folder folder, List<DataUnit> leaves, boolean forced) {
        String how = forced ? "TableLevelConfiguration " + tableLevel + " roots a table here"
                : combineCompatible ? "its data is compatible (CombineCompatibleSchemas)"
                : "its data folders share one format and " + SchemaClusters.of(
                        leaves.stream().map(DataUnit::columns).toList()).describe();
        return locations.folder(folder) + " is one table of " + leaves.size() + " partition folder(s): " + how;
    }
}

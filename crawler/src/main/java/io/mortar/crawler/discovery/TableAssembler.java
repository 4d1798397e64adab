package io.mortar.crawler.discovery;

import io.mortar.crawler.StorageFormat;
import io.mortar.crawler.schema.Column;
import io.mortar.crawler.schema.SchemaMerger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link DiscoveredTable} from the data units grouping put under one root: the table's columns (every
 * unit's merged, in path order), its partition keys and each partition's values from the folder names between the
 * root and the leaves, and the parameters Glue's crawler writes.
 *
 * <p>Partition keys: a level whose folders are all named {@code key=value} with one key gives that key; other
 * levels are {@code partition_0}, {@code partition_1}, … by depth. A data column with a partition key's name is left
 * out of the columns (the folder's value wins, as Hive-style readers do).
 */
final class TableAssembler {
    private final Locations locations;

    TableAssembler(Locations locations) {
        this.locations = locations;
    }

    DiscoveredTable unpartitioned(String name, DataUnit unit, String reason) {
        return new DiscoveredTable(TableNames.fromName(name), unit.location(), unit.signature().classification(),
                unit.columns(), List.of(), tableFormat(unit.storageFormat(), unit.columns()),
                parameters(unit.formatParameters(), unit.stats()), Map.of(), List.of(), reason);
    }

    /** A table rooted at {@code root} whose partitions are {@code leaves}, keys named from the folder names. */
    DiscoveredTable partitioned(String name, Folder root, List<DataUnit> leaves, String reason) {
        return partitioned(name, root, leaves, keyNames(root, leaves), reason);
    }

    /** The same with the partition keys given (an existing table's, for folders new since the last crawl). */
    DiscoveredTable partitioned(String name, Folder root, List<DataUnit> leaves, List<String> keys, String reason) {
        List<Column> columns = List.of();
        FileStats stats = FileStats.NONE;
        List<DiscoveredPartition> partitions = new ArrayList<>();
        for (DataUnit leaf : leaves) {
            columns = columns.isEmpty() ? leaf.columns() : SchemaMerger.mergeColumns(columns, leaf.columns());
            stats = stats.plus(leaf.stats());
            partitions.add(new DiscoveredPartition(values(root, leaf), leaf.location(), leaf.columns(),
                    tableFormat(leaf.storageFormat(), leaf.columns()), parameters(leaf.formatParameters(),
                    leaf.stats())));
        }
        Set<String> keySet = Set.copyOf(keys);
        List<Column> dataColumns = columns.stream().filter(c -> !keySet.contains(c.name())).toList();
        DataUnit first = leaves.get(0);
        return new DiscoveredTable(TableNames.fromName(name), locations.folder(root),
                first.signature().classification(), dataColumns, keys,
                tableFormat(first.storageFormat(), dataColumns), parameters(first.formatParameters(), stats),
                Map.of(), partitions, reason);
    }

    private static List<String> keyNames(Folder root, List<DataUnit> leaves) {
        int levels = leaves.get(0).folder().segmentsBelow(root).size();
        List<String> keys = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (int level = 0; level < levels; level++) {
            TreeSet<String> named = new TreeSet<>();
            boolean allNamed = true;
            for (DataUnit leaf : leaves) {
                String segment = leaf.folder().segmentsBelow(root).get(level);
                int eq = segment.indexOf('=');
                if (eq <= 0) {
                    allNamed = false;
                    break;
                }
                named.add(TableNames.fromName(segment.substring(0, eq)));
            }
            String key = allNamed && named.size() == 1 ? named.first() : "partition_" + level;
            if (!used.add(key)) {
                key = "partition_" + level;
                used.add(key);
            }
            keys.add(key);
        }
        return keys;
    }

    private static List<String> values(Folder root, DataUnit leaf) {
        return leaf.folder().segmentsBelow(root).stream().map(segment -> {
            int eq = segment.indexOf('=');
            return eq > 0 ? segment.substring(eq + 1) : segment;
        }).toList();
    }

    /** A JSON SerDe lists the top-level columns it maps in {@code paths}, as Glue's crawler writes it. */
    private static StorageFormat tableFormat(StorageFormat format, List<Column> columns) {
        if (!format.serdeParameters().containsKey("paths")) {
            return format;
        }
        Map<String, String> serde = new HashMap<>(format.serdeParameters());
        serde.put("paths", String.join(",", new TreeSet<>(columns.stream().map(Column::name).toList())));
        return new StorageFormat(format.serializationLibrary(), serde, format.inputFormat(), format.outputFormat());
    }

    private static Map<String, String> parameters(Map<String, String> format, FileStats stats) {
        Map<String, String> out = new HashMap<>(format);
        out.putAll(stats.parameters());
        return out;
    }
}

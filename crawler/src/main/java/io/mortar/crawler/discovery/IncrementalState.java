package io.mortar.crawler.discovery;

import java.util.List;
import java.util.Set;

/**
 * What a {@code CRAWL_NEW_FOLDERS_ONLY} crawl already knows: the folders (and single-file tables) earlier crawls put
 * in the catalog, which are not read again, and the crawler's partitioned tables, which new folders at their
 * partition depth join as partitions.
 */
public record IncrementalState(Set<String> knownLocations, List<ExistingRoot> roots) {
    public static final IncrementalState NONE = new IncrementalState(Set.of(), List.of());

    public IncrementalState {
        knownLocations = Set.copyOf(knownLocations.stream().map(Locations::normalized).toList());
        roots = List.copyOf(roots);
    }

    /** A partitioned table the crawler made: its name, root folder and partition keys. */
    public record ExistingRoot(String tableName, String location, List<String> partitionKeys) {
        public ExistingRoot {
            location = Locations.normalized(location);
            partitionKeys = List.copyOf(partitionKeys);
        }
    }
}

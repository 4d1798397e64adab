package io.mortar.crawler.discovery;

import java.util.List;
import java.util.Set;

/**
 * What earlier crawls of a crawler left in the catalog. Its tables stay where they are rooted: data below a table's
 * root at its partition depth (or in an unpartitioned table's folder) belongs to that table, so a table neither
 * moves nor splits nor merges because data came or went beside it — Glue's crawler regroups from scratch every time
 * and users see tables "collapse" and "explode". A {@code CRAWL_NEW_FOLDERS_ONLY} crawl also knows the folders earlier
 * crawls read, and reads them no more.
 */
public record EarlierCrawls(Set<String> knownLocations, List<ExistingRoot> roots) {
    public static final EarlierCrawls NONE = new EarlierCrawls(Set.of(), List.of());

    public EarlierCrawls {
        knownLocations = Set.copyOf(knownLocations.stream().map(Locations::normalized).toList());
        roots = List.copyOf(roots);
    }

    /** A table the crawler made: its name, root folder (or file) and partition keys (none if unpartitioned). */
    public record ExistingRoot(String tableName, String location, List<String> partitionKeys) {
        public ExistingRoot {
            location = Locations.normalized(location);
            partitionKeys = List.copyOf(partitionKeys);
        }
    }
}

package io.mortar.crawler.plan;

import static io.mortar.crawler.plan.CatalogShapes.DEPRECATED_BY_CRAWLER;
import static io.mortar.crawler.plan.CatalogShapes.UPDATED_BY_CRAWLER;

import io.mortar.crawler.discovery.DiscoveredPartition;
import io.mortar.crawler.discovery.DiscoveredTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Compares what a crawl found with the catalog and decides what to write, as Glue's crawler does: a found table
 * is the crawler's existing table at the same location (or a table of the same name there), else a new one — named
 * after its folder with the crawler's prefix, a hash of the location appended when the name is taken. New tables and
 * partitions are always created; changed ones are rewritten only under {@code UPDATE_IN_DATABASE}; the crawler's
 * tables and partitions found no more are deleted, deprecated or logged by {@code DeleteBehavior}. Pure: the plan
 * is what a dry run shows and what a crawl then writes.
 */
public final class CrawlPlanner {
    private static final int MAX_NAME = 255;
    /** Table parameters a crawler writes; any other parameter is the user's and survives an update. */
    private static final Set<String> CRAWLER_PARAMETERS = Set.of("classification", "compressionType", "typeOfData",
            "delimiter", "skip.header.line.count", "areColumnsQuoted", "columnsOrdered", "avro.schema.literal",
            "objectCount", "sizeKey", "recordCount", "averageRecordSize", UPDATED_BY_CRAWLER, DEPRECATED_BY_CRAWLER,
            "CrawlerSchemaDeserializerVersion", "CrawlerSchemaSerializerVersion", "connectionName", "grokPattern",
            "rowTag", "comment");

    private final String database;
    private final ExistingCatalog existing;
    private final CrawlPolicy policy;
    private final List<String> log = new ArrayList<>();

    private CrawlPlanner(String database, ExistingCatalog existing, CrawlPolicy policy) {
        this.database = database;
        this.existing = existing;
        this.policy = policy;
    }

    /**
     * @throws TableThresholdExceededException when the plan would create more tables than the threshold allows
     */
    public static CrawlPlan plan(String database, List<DiscoveredTable> found, ExistingCatalog existing,
                                 CrawlPolicy policy) {
        return new CrawlPlanner(database, existing, policy).plan(found);
    }

    private CrawlPlan plan(List<DiscoveredTable> found) {
        List<Table> tables = existing.tables();
        Map<String, Table> byName = new HashMap<>();
        Map<String, Table> ownedByLocation = new LinkedHashMap<>();
        for (Table t : tables) {
            byName.put(t.name(), t);
            if (owned(t)) {
                ownedByLocation.put(location(t), t);
            }
        }
        Set<String> taken = new HashSet<>(byName.keySet());
        Set<String> matched = new HashSet<>();
        List<TablePlan> plans = new ArrayList<>();
        for (DiscoveredTable table : found) {
            String location = normalized(table.location());
            Table match = ownedByLocation.get(location);
            String wanted = truncate((policy.tablePrefix() + table.name()).toLowerCase(Locale.ROOT));
            if (match == null && byName.containsKey(wanted) && location(byName.get(wanted)).equals(location)) {
                match = byName.get(wanted); // a table made by hand (or by another crawler) for this very folder
            }
            if (match != null && matched.add(match.name())) {
                plans.add(update(match, table));
            } else {
                String name = unique(wanted, location, taken);
                taken.add(name);
                plans.add(create(name, table));
            }
        }
        if (!policy.newFoldersOnly()) {
            for (Table gone : ownedByLocation.values()) {
                if (!matched.contains(gone.name()) && inScope(location(gone))) {
                    gone(gone).ifPresent(plans::add);
                }
            }
        }
        long creates = plans.stream().filter(p -> p.action() == TablePlan.Action.CREATE).count();
        if (policy.tableThreshold() != null && creates > policy.tableThreshold()) {
            throw new TableThresholdExceededException(creates, policy.tableThreshold());
        }
        return new CrawlPlan(plans, log);
    }

    private TablePlan create(String name, DiscoveredTable found) {
        TableInput input = CatalogShapes.table(name, found, CatalogShapes.columns(found), policy.crawlerName());
        List<PartitionInput> partitions = found.partitions().stream()
                .map(p -> CatalogShapes.partition(p, input, policy.partitionsInheritFromTable())).toList();
        List<String> details = new ArrayList<>();
        details.add(describeColumns(input.storageDescriptor().columns()));
        if (!found.partitionKeys().isEmpty()) {
            details.add("partition keys " + String.join(", ", found.partitionKeys()) + "; " + partitions.size()
                    + " partition(s)");
        }
        return new TablePlan(TablePlan.Action.CREATE, database, name, input, partitions, List.of(), List.of(),
                policy.createPartitionIndex() && !found.partitionKeys().isEmpty(), found.reason(), details);
    }

    private TablePlan update(Table current, DiscoveredTable found) {
        List<String> details = new ArrayList<>();
        List<Column> columns = columnsFor(current, found, details);
        TableInput wanted = withUsersMetadata(CatalogShapes.table(current.name(), found, columns,
                policy.crawlerName()), current);
        boolean keysChanged = !keyNames(current).equals(found.partitionKeys());
        List<String> shapeChanges = shapeChanges(current, wanted, keysChanged);
        boolean deprecated = current.hasParameters() && current.parameters().containsKey(DEPRECATED_BY_CRAWLER);
        TablePlan.Action action = TablePlan.Action.UNCHANGED;
        TableInput write = null;
        if (policy.newFoldersOnly()) {
            if (!shapeChanges.isEmpty()) {
                log(current.name() + ": new folders differ from the table (" + String.join("; ", shapeChanges)
                        + "); the table is kept as it is (CRAWL_NEW_FOLDERS_ONLY)");
            }
        } else if (!shapeChanges.isEmpty() || deprecated) {
            if (policy.updateInDatabase()) {
                action = TablePlan.Action.UPDATE;
                write = wanted;
                details.addAll(shapeChanges);
                if (deprecated) {
                    details.add("found again: the deprecation mark is removed");
                }
            } else {
                shapeChanges.forEach(c -> log(current.name() + ": " + c + " — not applied (UpdateBehavior LOG)"));
            }
        }
        StorageDescriptor partitionTemplate = write != null ? write.storageDescriptor() : current.storageDescriptor();
        TableInput template = TableInput.builder().storageDescriptor(partitionTemplate).build();
        List<PartitionInput> creates = new ArrayList<>();
        List<PartitionInput> updates = new ArrayList<>();
        List<List<String>> deletes = new ArrayList<>();
        if (keysChanged && write == null) {
            if (!found.partitionKeys().isEmpty() || !current.partitionKeys().isEmpty()) {
                log(current.name() + ": partition keys are now " + found.partitionKeys() + ", not "
                        + keyNames(current) + "; partitions left as they are (UpdateBehavior LOG)");
            }
        } else if (!found.partitionKeys().isEmpty() || !current.partitionKeys().isEmpty()) {
            partitions(current, found, template, keysChanged, creates, updates, deletes);
        }
        if (!creates.isEmpty()) {
            details.add(creates.size() + " new partition(s)");
        }
        if (!updates.isEmpty()) {
            details.add(updates.size() + " partition(s) rewritten");
        }
        if (!deletes.isEmpty()) {
            details.add(deletes.size() + " partition(s) deleted: their folders are gone");
        }
        return new TablePlan(action, database, current.name(), write, creates, updates, deletes, false,
                found.reason(), details);
    }

    /** The columns the table should have: the found ones, or with MergeNewColumns the current ones plus new ones. */
    private List<Column> columnsFor(Table current, DiscoveredTable found, List<String> details) {
        List<Column> foundColumns = CatalogShapes.columns(found);
        List<Column> currentColumns = current.storageDescriptor() == null ? List.of()
                : current.storageDescriptor().columns();
        Map<String, Column> byName = new HashMap<>();
        currentColumns.forEach(c -> byName.put(c.name(), c));
        if (!policy.mergeNewColumnsOnly()) {
            // keep what users wrote about a column (its comment) when the crawler has nothing to say
            return foundColumns.stream().map(c -> c.comment() == null && byName.containsKey(c.name())
                    && byName.get(c.name()).comment() != null
                    ? c.toBuilder().comment(byName.get(c.name()).comment()).build() : c).toList();
        }
        List<Column> out = new ArrayList<>(currentColumns);
        for (Column c : foundColumns) {
            Column before = byName.get(c.name());
            if (before == null) {
                out.add(c);
            } else if (!before.type().equals(c.type())) {
                log(current.name() + ": column " + c.name() + " is now " + c.type() + ", kept as " + before.type()
                        + " (MergeNewColumns)");
            }
        }
        return out;
    }

    /** Keeps the description, owner and parameters users set, which a crawler has no reason to drop. */
    private static TableInput withUsersMetadata(TableInput wanted, Table current) {
        Map<String, String> parameters = new HashMap<>(wanted.parameters());
        if (current.hasParameters()) {
            current.parameters().forEach((k, v) -> {
                if (!CRAWLER_PARAMETERS.contains(k)) {
                    parameters.putIfAbsent(k, v);
                }
            });
        }
        return wanted.toBuilder().description(current.description()).owner(current.owner())
                .retention(current.retention()).parameters(parameters).build();
    }

    private List<String> shapeChanges(Table current, TableInput wanted, boolean keysChanged) {
        List<String> changes = new ArrayList<>();
        StorageDescriptor before = current.storageDescriptor() == null ? StorageDescriptor.builder().build()
                : current.storageDescriptor();
        StorageDescriptor after = wanted.storageDescriptor();
        changes.addAll(columnChanges(before.columns(), after.columns()));
        if (keysChanged) {
            changes.add("partition keys " + keyNames(current) + " → " + wanted.partitionKeys().stream()
                    .map(Column::name).toList());
        }
        if (!same(before.inputFormat(), after.inputFormat()) || !same(serde(before), serde(after))) {
            changes.add("storage format " + serde(before) + " → " + serde(after));
        }
        Map<String, String> paramsBefore = CatalogShapes.shapeParameters(current.parameters());
        Map<String, String> paramsAfter = CatalogShapes.shapeParameters(wanted.parameters());
        paramsBefore.remove(DEPRECATED_BY_CRAWLER);
        for (String key : Set.of("classification", "compressionType", "delimiter", "skip.header.line.count")) {
            if (!same(paramsBefore.get(key), paramsAfter.get(key))) {
                changes.add(key + " " + paramsBefore.get(key) + " → " + paramsAfter.get(key));
            }
        }
        return changes;
    }

    private static List<String> columnChanges(List<Column> before, List<Column> after) {
        Map<String, String> old = new LinkedHashMap<>();
        before.forEach(c -> old.put(c.name(), c.type()));
        Map<String, String> now = new LinkedHashMap<>();
        after.forEach(c -> now.put(c.name(), c.type()));
        List<String> out = new ArrayList<>();
        List<String> added = now.keySet().stream().filter(k -> !old.containsKey(k)).toList();
        List<String> removed = old.keySet().stream().filter(k -> !now.containsKey(k)).toList();
        List<String> retyped = now.keySet().stream().filter(k -> old.containsKey(k) && !old.get(k).equals(now.get(k)))
                .map(k -> k + " " + old.get(k) + " → " + now.get(k)).toList();
        if (!added.isEmpty()) {
            out.add("columns added: " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            out.add("columns removed: " + String.join(", ", removed));
        }
        if (!retyped.isEmpty()) {
            out.add("columns retyped: " + String.join(", ", retyped));
        }
        if (out.isEmpty() && !List.copyOf(old.keySet()).equals(List.copyOf(now.keySet()))) {
            out.add("columns reordered");
        }
        return out;
    }

    private void partitions(Table current, DiscoveredTable found, TableInput template, boolean keysChanged,
                            List<PartitionInput> creates, List<PartitionInput> updates, List<List<String>> deletes) {
        Map<List<String>, Partition> before = new LinkedHashMap<>();
        for (Partition p : existing.partitions(current.name())) {
            before.put(p.values(), p);
        }
        Set<List<String>> seen = new HashSet<>();
        for (DiscoveredPartition p : found.partitions()) {
            PartitionInput input = CatalogShapes.partition(p, template, policy.partitionsInheritFromTable());
            seen.add(p.values());
            Partition old = keysChanged ? null : before.get(p.values());
            if (old == null) {
                creates.add(input);
            } else if (policy.updateInDatabase() && !policy.newFoldersOnly()
                    && (partitionChanged(old, input) || deprecated(old))) {
                updates.add(input);
            }
        }
        if (keysChanged) {
            deletes.addAll(before.keySet());
            return;
        }
        if (policy.newFoldersOnly()) {
            return;
        }
        for (Map.Entry<List<String>, Partition> e : before.entrySet()) {
            if (seen.contains(e.getKey())) {
                continue;
            }
            switch (policy.onDeleted()) {
                case DELETE_FROM_DATABASE -> deletes.add(e.getKey());
                case DEPRECATE_IN_DATABASE -> {
                    if (!deprecated(e.getValue())) {
                        updates.add(deprecate(e.getValue()));
                    }
                }
                case LOG -> log(current.name() + ": partition " + e.getKey() + " is gone (its folder "
                        + location(e.getValue().storageDescriptor()) + " holds no data); kept (DeleteBehavior LOG)");
            }
        }
    }

    private PartitionInput deprecate(Partition p) {
        Map<String, String> parameters = new HashMap<>(p.hasParameters() ? p.parameters() : Map.of());
        parameters.put(DEPRECATED_BY_CRAWLER, policy.now().toString());
        return PartitionInput.builder().values(p.values()).storageDescriptor(p.storageDescriptor())
                .parameters(parameters).lastAccessTime(p.lastAccessTime()).build();
    }

    private static boolean deprecated(Partition p) {
        return p.hasParameters() && p.parameters().containsKey(DEPRECATED_BY_CRAWLER);
    }

    private static boolean partitionChanged(Partition old, PartitionInput input) {
        StorageDescriptor a = old.storageDescriptor();
        StorageDescriptor b = input.storageDescriptor();
        if (a == null) {
            return true;
        }
        return !columnChanges(a.columns(), b.columns()).isEmpty() || !same(a.inputFormat(), b.inputFormat())
                || !same(serde(a), serde(b)) || !same(normalizedOrNull(a.location()), normalizedOrNull(b.location()));
    }

    private java.util.Optional<TablePlan> gone(Table table) {
        String reason = "no data is left at " + location(table);
        return switch (policy.onDeleted()) {
            case DELETE_FROM_DATABASE -> java.util.Optional.of(new TablePlan(TablePlan.Action.DELETE, database,
                    table.name(), null, List.of(), List.of(), List.of(), false, reason, List.of("table deleted")));
            case DEPRECATE_IN_DATABASE -> {
                if (table.hasParameters() && table.parameters().containsKey(DEPRECATED_BY_CRAWLER)) {
                    yield java.util.Optional.empty();
                }
                Map<String, String> parameters = new HashMap<>(table.parameters());
                parameters.put(DEPRECATED_BY_CRAWLER, policy.now().toString());
                yield java.util.Optional.of(new TablePlan(TablePlan.Action.DEPRECATE, database, table.name(),
                        TableInputs.of(table).toBuilder().parameters(parameters).build(), List.of(), List.of(),
                        List.of(), false, reason, List.of("marked " + DEPRECATED_BY_CRAWLER)));
            }
            case LOG -> {
                log(table.name() + ": " + reason + "; kept (DeleteBehavior LOG)");
                yield java.util.Optional.empty();
            }
        };
    }

    private boolean owned(Table t) {
        return t.hasParameters() && policy.crawlerName().equals(t.parameters().get(UPDATED_BY_CRAWLER));
    }

    private boolean inScope(String location) {
        return policy.ownedScope().stream().anyMatch(scope -> location.startsWith(scope)
                || normalized(scope).equals(location));
    }

    private void log(String line) {
        log.add(line);
    }

    private static List<String> keyNames(Table t) {
        return t.partitionKeys().stream().map(Column::name).toList();
    }

    private static String location(Table t) {
        return location(t.storageDescriptor());
    }

    private static String location(StorageDescriptor sd) {
        return sd == null || sd.location() == null ? "" : normalized(sd.location());
    }

    /** Folder locations compare with a trailing slash; JDBC locations ({@code db.schema.table}) as they are. */
    static String normalized(String location) {
        return location.contains("/") && !location.endsWith("/") && !looksLikeFile(location) ? location + "/"
                : location;
    }

    private static String normalizedOrNull(String location) {
        return location == null ? null : normalized(location);
    }

    private static boolean looksLikeFile(String location) {
        String last = location.substring(location.lastIndexOf('/') + 1);
        return last.contains(".");
    }

    private static String serde(StorageDescriptor sd) {
        return sd.serdeInfo() == null ? null : sd.serdeInfo().serializationLibrary() + " "
                + (sd.serdeInfo().hasParameters() ? new java.util.TreeMap<>(sd.serdeInfo().parameters()) : "{}");
    }

    private static boolean same(Object a, Object b) {
        return a == null ? b == null : a.equals(b);
    }

    private static String describeColumns(List<Column> columns) {
        return columns.size() + " column(s): " + String.join(", ", columns.stream()
                .map(c -> c.name() + " " + c.type()).toList());
    }

    private static String truncate(String name) {
        return name.length() <= MAX_NAME - 9 ? name : name.substring(0, MAX_NAME - 9);
    }

    /** The wanted name, or, when another table has it, the name with a hash of the location (Glue's way). */
    private static String unique(String wanted, String location, Set<String> taken) {
        if (!taken.contains(wanted)) {
            return wanted;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(location.getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(hash);
            for (int n = 8; n <= hex.length(); n++) {
                String candidate = wanted + "_" + hex.substring(0, n);
                if (!taken.contains(candidate)) {
                    return candidate;
                }
            }
            throw new IllegalStateException("no free name for " + wanted);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.mortar.server.upgrade;

import static io.mortar.server.upgrade.SnapshotJson.answerOrError;
import static io.mortar.server.upgrade.SnapshotJson.glue;
import static io.mortar.server.upgrade.SnapshotJson.object;
import static io.mortar.server.upgrade.SnapshotJson.strings;
import static io.mortar.server.upgrade.SnapshotJson.valuesKey;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ColumnError;
import software.amazon.awssdk.services.glue.model.ColumnStatistics;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.GetColumnStatisticsForPartitionResponse;
import software.amazon.awssdk.services.glue.model.GetColumnStatisticsForTableResponse;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableVersion;
import software.amazon.awssdk.services.glue.model.UserDefinedFunction;

/**
 * The Data Catalog part of a {@link StoreSnapshot}: every database and table, each table's versions, partitions,
 * partition indexes, column statistics and tags, and each database's functions, read as a client reads them.
 *
 * <p>Partitions are keyed by their values and column statistics by their column: Glue defines no order for
 * GetPartitions, BatchGetPartition and the statistics reads, and BatchGetPartition on PostgreSQL does answer in
 * different orders. The lists other reads answer keep the server's order, which is defined (by name, version or
 * time).
 */
final class CatalogReadings {
    /** Partitions per GetPartitions page: small, so the listing crosses pages. */
    private static final int PAGE = 50;
    private static final int SEGMENTS = 4;
    /** BatchGetPartition asks for this many of a table's partitions, and one that does not exist. */
    private static final int BATCH = 10;

    private final GlueClient glue;
    private final ResourceTags tags;
    private final List<PartitionProbe> probes;

    CatalogReadings(GlueClient glue, ResourceTags tags, List<PartitionProbe> probes) {
        this.glue = requireNonNull(glue, "glue");
        this.tags = requireNonNull(tags, "tags");
        this.probes = List.copyOf(probes);
    }

    ObjectNode read() {
        List<Database> databases = new ArrayList<>();
        glue.getDatabasesPaginator(r -> r.maxResults(2)).forEach(page -> databases.addAll(page.databaseList()));
        ObjectNode out = object();
        out.set("GetDatabases", glue(databases));
        ObjectNode byName = out.putObject("databases");
        for (Database database : databases) {
            byName.set(database.name(), database(database.name()));
        }
        return out;
    }

    private ObjectNode database(String name) {
        ObjectNode out = object();
        out.set("GetDatabase", glue(glue.getDatabase(r -> r.name(name)).database()));
        out.set("GetTags", tags.of("database/" + name));
        List<UserDefinedFunction> functions = new ArrayList<>();
        glue.getUserDefinedFunctionsPaginator(r -> r.databaseName(name).pattern("*").maxResults(1))
                .forEach(page -> functions.addAll(page.userDefinedFunctions()));
        out.set("GetUserDefinedFunctions", glue(functions));
        List<Table> tables = new ArrayList<>();
        glue.getTablesPaginator(r -> r.databaseName(name).maxResults(3))
                .forEach(page -> tables.addAll(page.tableList()));
        out.set("GetTables", glue(tables));
        ObjectNode byName = out.putObject("tables");
        for (Table table : tables) {
            byName.set(table.name(), table(name, table.name()));
        }
        return out;
    }

    private ObjectNode table(String database, String name) {
        Table table = glue.getTable(r -> r.databaseName(database).name(name)).table();
        ObjectNode out = object();
        out.set("GetTable", glue(table));
        out.set("GetTags", tags.of("table/" + database + "/" + name));
        List<TableVersion> versions = new ArrayList<>();
        glue.getTableVersionsPaginator(r -> r.databaseName(database).tableName(name).maxResults(1))
                .forEach(page -> versions.addAll(page.tableVersions()));
        out.set("GetTableVersions", glue(versions));
        out.set("GetPartitionIndexes", glue(glue.getPartitionIndexes(r -> r.databaseName(database).tableName(name))
                .partitionIndexDescriptorList()));
        List<String> columns = table.storageDescriptor() == null ? List.of()
                : table.storageDescriptor().columns().stream().map(Column::name).toList();
        if (!columns.isEmpty()) {
            GetColumnStatisticsForTableResponse statistics = glue.getColumnStatisticsForTable(r -> r
                    .databaseName(database).tableName(name).columnNames(columns));
            out.set("GetColumnStatisticsForTable", byColumn(statistics.columnStatisticsList(),
                    statistics.errors()));
        }
        if (table.hasPartitionKeys() && !table.partitionKeys().isEmpty()) {
            partitions(database, name, columns, out);
        }
        return out;
    }

    private void partitions(String database, String table, List<String> columns, ObjectNode out) {
        TreeMap<String, Partition> all = new TreeMap<>();
        listPartitions(request(database, table)).forEach(p -> all.put(valuesKey(p.values()), p));
        ObjectNode partitions = out.putObject("GetPartitions");
        all.forEach((key, partition) -> partitions.set(key, glue(partition)));
        out.set("GetPartitions by Segment", segments(database, table));
        out.set("GetPartitions by Expression", expressions(database, table));
        out.set("BatchGetPartition", batch(database, table, List.copyOf(all.values())));
        if (!columns.isEmpty()) {
            out.set("GetColumnStatisticsForPartition", statistics(database, table, columns, all.values()));
        }
    }

    /** Which partitions each segment of a Segment scan holds. */
    private ObjectNode segments(String database, String table) {
        ObjectNode out = object();
        for (int segment = 0; segment < SEGMENTS; segment++) {
            int number = segment;
            out.set(number + "/" + SEGMENTS, keys(listPartitions(request(database, table)
                    .segment(s -> s.segmentNumber(number).totalSegments(SEGMENTS)))));
        }
        return out;
    }

    /** Which partitions each probe's Expression selects, or the error it ends in. */
    private ObjectNode expressions(String database, String table) {
        ObjectNode out = object();
        for (PartitionProbe probe : probes) {
            if (probe.isOn(database, table)) {
                out.set(probe.expression(), answerOrError(() -> keys(listPartitions(request(database, table)
                        .expression(probe.expression())))));
            }
        }
        return out;
    }

    /** BatchGetPartition of the first partitions and one that does not exist. */
    private ObjectNode batch(String database, String table, List<Partition> partitions) {
        List<List<String>> wanted = new ArrayList<>(partitions.stream().limit(BATCH).map(Partition::values).toList());
        List<String> missing = new ArrayList<>(wanted.get(0));
        missing.set(missing.size() - 1, "no-such-partition");
        wanted.add(missing);
        BatchGetPartitionResponse answer = glue.batchGetPartition(r -> r.databaseName(database).tableName(table)
                .partitionsToGet(wanted.stream().map(v -> PartitionValueList.builder().values(v).build())
                        .toList()));
        ObjectNode out = object();
        ObjectNode found = out.putObject("Partitions by values");
        answer.partitions().forEach(p -> found.set(valuesKey(p.values()), glue(p)));
        out.set("UnprocessedKeys", strings(answer.unprocessedKeys().stream().map(k -> valuesKey(k.values()))
                .sorted().toList()));
        return out;
    }

    /** Each partition's column statistics, for the partitions that have any. */
    private ObjectNode statistics(String database, String table, List<String> columns,
                                  Collection<Partition> partitions) {
        ObjectNode out = object();
        for (Partition partition : partitions) {
            GetColumnStatisticsForPartitionResponse answer = glue.getColumnStatisticsForPartition(r -> r
                    .databaseName(database).tableName(table).partitionValues(partition.values())
                    .columnNames(columns));
            if (answer.hasColumnStatisticsList() && !answer.columnStatisticsList().isEmpty()) {
                out.set(valuesKey(partition.values()), byColumn(answer.columnStatisticsList(), answer.errors()));
            }
        }
        return out;
    }

    private static GetPartitionsRequest.Builder request(String database, String table) {
        return GetPartitionsRequest.builder().databaseName(database).tableName(table);
    }

    /**
     * Column statistics and errors keyed by column: the store reads them in no defined order (nor does Glue
     * define one).
     */
    private static JsonNode byColumn(List<ColumnStatistics> statistics, List<ColumnError> errors) {
        ObjectNode out = object();
        ObjectNode found = out.putObject("ColumnStatisticsList by column");
        statistics.forEach(s -> found.set(s.columnName(), glue(s)));
        ObjectNode failed = out.putObject("Errors by column");
        errors.forEach(e -> failed.set(e.columnName(), glue(e)));
        return out;
    }

    private List<Partition> listPartitions(GetPartitionsRequest.Builder request) {
        List<Partition> out = new ArrayList<>();
        glue.getPartitionsPaginator(request.maxResults(PAGE).build()).forEach(page -> out.addAll(page.partitions()));
        return out;
    }

    /** The partitions' values keys in key order: which partitions a read selected. */
    private static JsonNode keys(List<Partition> partitions) {
        return strings(partitions.stream().map(p -> valuesKey(p.values())).sorted().toList());
    }

}

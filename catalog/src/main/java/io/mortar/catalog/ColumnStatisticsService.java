package io.mortar.catalog;

import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueException;
import io.mortar.store.catalog.CatalogStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.ColumnError;
import software.amazon.awssdk.services.glue.model.ColumnStatistics;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsError;
import software.amazon.awssdk.services.glue.model.DeleteColumnStatisticsForPartitionRequest;
import software.amazon.awssdk.services.glue.model.DeleteColumnStatisticsForPartitionResponse;
import software.amazon.awssdk.services.glue.model.DeleteColumnStatisticsForTableRequest;
import software.amazon.awssdk.services.glue.model.DeleteColumnStatisticsForTableResponse;
import software.amazon.awssdk.services.glue.model.GetColumnStatisticsForPartitionRequest;
import software.amazon.awssdk.services.glue.model.GetColumnStatisticsForPartitionResponse;
import software.amazon.awssdk.services.glue.model.GetColumnStatisticsForTableRequest;
import software.amazon.awssdk.services.glue.model.GetColumnStatisticsForTableResponse;
import software.amazon.awssdk.services.glue.model.UpdateColumnStatisticsForPartitionRequest;
import software.amazon.awssdk.services.glue.model.UpdateColumnStatisticsForPartitionResponse;
import software.amazon.awssdk.services.glue.model.UpdateColumnStatisticsForTableRequest;
import software.amazon.awssdk.services.glue.model.UpdateColumnStatisticsForTableResponse;

/** Column statistics of tables and of partitions (statistics of partition 0 are the table's own). */
public final class ColumnStatisticsService {
    private static final long TABLE_LEVEL = 0;

    private final CatalogStore store;
    private final TableService tables;
    private final PartitionService partitions;

    public ColumnStatisticsService(CatalogStore store, TableService tables, PartitionService partitions) {
        this.store = requireNonNull(store, "store");
        this.tables = requireNonNull(tables, "tables");
        this.partitions = requireNonNull(partitions, "partitions");
    }

    public GetColumnStatisticsForTableResponse getForTable(GetColumnStatisticsForTableRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        Result result = get(table, TABLE_LEVEL, request.columnNames());
        return GetColumnStatisticsForTableResponse.builder().columnStatisticsList(result.found).errors(result.errors)
                .build();
    }

    public GetColumnStatisticsForPartitionResponse getForPartition(GetColumnStatisticsForPartitionRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        Result result = get(table, partitions.partitionId(table, request.partitionValues()), request.columnNames());
        return GetColumnStatisticsForPartitionResponse.builder().columnStatisticsList(result.found)
                .errors(result.errors).build();
    }

    public UpdateColumnStatisticsForTableResponse updateForTable(UpdateColumnStatisticsForTableRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        return UpdateColumnStatisticsForTableResponse.builder()
                .errors(put(table, TABLE_LEVEL, request.columnStatisticsList())).build();
    }

    public UpdateColumnStatisticsForPartitionResponse updateForPartition(
            UpdateColumnStatisticsForPartitionRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        long partitionId = partitions.partitionId(table, request.partitionValues());
        return UpdateColumnStatisticsForPartitionResponse.builder()
                .errors(put(table, partitionId, request.columnStatisticsList())).build();
    }

    public DeleteColumnStatisticsForTableResponse deleteForTable(DeleteColumnStatisticsForTableRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        delete(table, TABLE_LEVEL, request.columnName());
        return DeleteColumnStatisticsForTableResponse.builder().build();
    }

    public DeleteColumnStatisticsForPartitionResponse deleteForPartition(
            DeleteColumnStatisticsForPartitionRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        delete(table, partitions.partitionId(table, request.partitionValues()), request.columnName());
        return DeleteColumnStatisticsForPartitionResponse.builder().build();
    }

    private record Result(List<ColumnStatistics> found, List<ColumnError> errors) {}

    private Result get(ResolvedTable table, long partitionId, List<String> columns) {
        List<String> names = columns.stream().map(ColumnStatisticsService::normalize).toList();
        Map<String, String> documents = store.getColumnStatistics(table.id(), partitionId, names);
        List<ColumnStatistics> found = new ArrayList<>();
        List<ColumnError> errors = new ArrayList<>();
        for (String name : names) {
            String document = documents.get(name);
            if (document == null) {
                errors.add(ColumnError.builder().columnName(name).error(TableService.detail(
                        GlueException.entityNotFound("Column statistics for %s not found.", name))).build());
            } else {
                found.add(Documents.read(document, ColumnStatistics.builder()));
            }
        }
        return new Result(found, errors);
    }

    private List<ColumnStatisticsError> put(ResolvedTable table, long partitionId, List<ColumnStatistics> statistics) {
        Map<String, String> documents = new LinkedHashMap<>();
        List<ColumnStatisticsError> errors = new ArrayList<>();
        for (ColumnStatistics stats : statistics) {
            try {
                documents.put(normalize(stats.columnName()), Documents.write(checked(table, stats)));
            } catch (GlueException e) {
                errors.add(ColumnStatisticsError.builder().columnStatistics(stats).error(TableService.detail(e)).build());
            }
        }
        if (!documents.isEmpty()) {
            store.putColumnStatistics(table.id(), partitionId, documents);
        }
        return errors;
    }

    private static ColumnStatistics checked(ResolvedTable table, ColumnStatistics stats) {
        String column = normalize(stats.columnName());
        if (!table.hasColumn(column)) {
            throw GlueException.invalidInput("Column %s is not a column of table %s.", column, table.name());
        }
        if (stats.statisticsData() == null || stats.statisticsData().type() == null) {
            throw GlueException.invalidInput("StatisticsData.Type is required for column %s.", column);
        }
        String type = stats.statisticsData().typeAsString();
        boolean hasData = switch (type) {
            case "BOOLEAN" -> stats.statisticsData().booleanColumnStatisticsData() != null;
            case "DATE" -> stats.statisticsData().dateColumnStatisticsData() != null;
            case "DECIMAL" -> stats.statisticsData().decimalColumnStatisticsData() != null;
            case "DOUBLE" -> stats.statisticsData().doubleColumnStatisticsData() != null;
            case "LONG" -> stats.statisticsData().longColumnStatisticsData() != null;
            case "STRING" -> stats.statisticsData().stringColumnStatisticsData() != null;
            case "BINARY" -> stats.statisticsData().binaryColumnStatisticsData() != null;
            default -> false;
        };
        if (!hasData) {
            throw GlueException.invalidInput("StatisticsData for column %s has Type %s but no %sColumnStatisticsData.",
                    column, type, type.charAt(0) + type.substring(1).toLowerCase(Locale.ROOT));
        }
        return stats.toBuilder().columnName(column).build();
    }

    private void delete(ResolvedTable table, long partitionId, String column) {
        if (!store.deleteColumnStatistics(table.id(), partitionId, normalize(column))) {
            throw GlueException.entityNotFound("Column statistics for %s not found.", column);
        }
    }

    private ResolvedTable table(String database, String table) {
        return tables.resolve(Names.normalize(database, "DatabaseName"), Names.normalize(table, "TableName"));
    }

    private static String normalize(String column) {
        return Names.normalize(column, "ColumnName");
    }
}

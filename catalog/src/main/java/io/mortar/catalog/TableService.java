package io.mortar.catalog;

import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.catalog.CatalogStore;
import io.mortar.store.catalog.StoredPartitionIndex;
import io.mortar.store.catalog.StoredTable;
import io.mortar.store.expression.PartitionKey;
import io.mortar.store.expression.PartitionKeyType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.glue.model.BatchDeleteTableRequest;
import software.amazon.awssdk.services.glue.model.BatchDeleteTableResponse;
import software.amazon.awssdk.services.glue.model.BatchDeleteTableVersionRequest;
import software.amazon.awssdk.services.glue.model.BatchDeleteTableVersionResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.CreateTableResponse;
import software.amazon.awssdk.services.glue.model.DeleteTableRequest;
import software.amazon.awssdk.services.glue.model.DeleteTableResponse;
import software.amazon.awssdk.services.glue.model.DeleteTableVersionRequest;
import software.amazon.awssdk.services.glue.model.DeleteTableVersionResponse;
import software.amazon.awssdk.services.glue.model.ErrorDetail;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.GetTableResponse;
import software.amazon.awssdk.services.glue.model.GetTableVersionRequest;
import software.amazon.awssdk.services.glue.model.GetTableVersionResponse;
import software.amazon.awssdk.services.glue.model.GetTableVersionsRequest;
import software.amazon.awssdk.services.glue.model.GetTableVersionsResponse;
import software.amazon.awssdk.services.glue.model.GetTablesRequest;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.PartitionIndex;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableError;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.TableVersion;
import software.amazon.awssdk.services.glue.model.TableVersionError;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;
import software.amazon.awssdk.services.glue.model.UpdateTableResponse;

/** Tables and their versions. */
public final class TableService {
    private static final String TABLES = "tables";
    private static final String VERSIONS = "versions";
    static final int MAX_PARTITION_INDEXES = 3;

    private final CatalogStore store;
    private final DatabaseService databases;
    private final CatalogIdentity identity;
    private final Clock clock;
    /** Parsed definitions by table id, valid while the version matches: partition calls parse no JSON. */
    private final Map<Long, ResolvedTable> resolved = new ConcurrentHashMap<>();

    public TableService(CatalogStore store, DatabaseService databases, CatalogIdentity identity, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.databases = requireNonNull(databases, "databases");
        this.identity = requireNonNull(identity, "identity");
        this.clock = requireNonNull(clock, "clock");
    }

    public CreateTableResponse createTable(CreateTableRequest request) {
        String database = Names.normalize(request.databaseName(), "DatabaseName");
        TableInput input = requireInput(request.tableInput(), request.openTableFormatInput() != null);
        String name = Names.normalize(input.name(), "TableInput.Name");
        List<PartitionKey> keys = ResolvedTable.partitionKeysOf(input);
        checkPartitionKeys(keys);
        List<StoredPartitionIndex> indexes = new ArrayList<>();
        if (request.hasPartitionIndexes()) {
            if (request.partitionIndexes().size() > MAX_PARTITION_INDEXES) {
                throw GlueException.limitExceeded("A table can have at most %d partition indexes.", MAX_PARTITION_INDEXES);
            }
            for (PartitionIndex index : request.partitionIndexes()) {
                indexes.add(indexFor(index, keys));
            }
        }
        databases.require(database);
        store.createTable(database, name, Documents.write(input.toBuilder().name(name).build()), clock.instant(),
                indexes);
        return CreateTableResponse.builder().build();
    }

    public GetTableResponse getTable(GetTableRequest request) {
        String database = Names.normalize(request.databaseName(), "DatabaseName");
        String name = Names.normalize(request.name(), "Name");
        return GetTableResponse.builder().table(toTable(requireStored(database, name))).build();
    }

    public GetTablesResponse getTables(GetTablesRequest request) {
        String database = Names.normalize(request.databaseName(), "DatabaseName");
        int limit = PageTokens.pageSize(request.maxResults(), 100, 100);
        databases.require(database);
        Page<StoredTable> page = store.listTables(database, PageTokens.decodeName(TABLES, request.nextToken()), limit,
                NamePattern.compile(request.expression(), "Expression"));
        return GetTablesResponse.builder()
                .tableList(page.items().stream().map(this::toTable).toList())
                .nextToken(PageTokens.encode(TABLES, page.nextCursor()))
                .build();
    }

    public UpdateTableResponse updateTable(UpdateTableRequest request) {
        String database = Names.normalize(request.databaseName(), "DatabaseName");
        TableInput input = requireInput(request.tableInput(), request.updateOpenTableFormatInput() != null);
        String name = Names.normalize(input.name(), "TableInput.Name");
        if (request.name() != null && !Names.normalize(request.name(), "Name").equals(name)) {
            throw GlueException.invalidInput("Renaming a table is not supported: TableInput.Name %s differs from Name %s.",
                    name, request.name());
        }
        Long expectedVersion = parseVersion(request.versionId(), "VersionId");
        ResolvedTable current = resolve(database, name);
        List<PartitionKey> newKeys = ResolvedTable.partitionKeysOf(input);
        checkPartitionKeys(newKeys);
        checkIndexedKeysUnchanged(current, newKeys);
        boolean archive = !Boolean.TRUE.equals(request.skipArchive());
        store.updateTable(database, name, Documents.write(input.toBuilder().name(name).build()), clock.instant(),
                expectedVersion, archive, stored -> resolved(stored).partitionKeys(), newKeys)
                .orElseThrow(() -> tableNotFound(name));
        resolved.remove(current.id());
        return UpdateTableResponse.builder().build();
    }

    public DeleteTableResponse deleteTable(DeleteTableRequest request) {
        String database = Names.normalize(request.databaseName(), "DatabaseName");
        String name = Names.normalize(request.name(), "Name");
        delete(database, name);
        return DeleteTableResponse.builder().build();
    }

    public BatchDeleteTableResponse batchDeleteTable(BatchDeleteTableRequest request) {
        String database = Names.normalize(request.databaseName(), "DatabaseName");
        // A missing database fails the whole call, as for every other table operation; Errors are per table.
        databases.require(database);
        List<TableError> errors = new ArrayList<>();
        for (String table : request.tablesToDelete()) {
            try {
                delete(database, Names.normalize(table, "TablesToDelete"));
            } catch (GlueException e) {
                errors.add(TableError.builder().tableName(table).errorDetail(detail(e)).build());
            }
        }
        return BatchDeleteTableResponse.builder().errors(errors).build();
    }

    private void delete(String database, String name) {
        databases.require(database);
        Optional<StoredTable> stored = store.getTable(database, name);
        if (stored.isEmpty() || !store.deleteTable(database, name, identity.tableArn(database, name))) {
            throw tableNotFound(name);
        }
        resolved.remove(stored.get().id());
    }

    // ------------------------------------------------------------------ versions

    public GetTableVersionsResponse getTableVersions(GetTableVersionsRequest request) {
        ResolvedTable table = resolve(Names.normalize(request.databaseName(), "DatabaseName"),
                Names.normalize(request.tableName(), "TableName"));
        int limit = PageTokens.pageSize(request.maxResults(), 100, 100);
        Page<StoredTable> page = store.listTableVersions(table.id(),
                PageTokens.decodeLong(VERSIONS, request.nextToken(), -1), limit);
        return GetTableVersionsResponse.builder()
                .tableVersions(page.items().stream().map(v -> TableVersion.builder().table(toTable(v))
                        .versionId(Long.toString(v.versionId())).build()).toList())
                .nextToken(PageTokens.encode(VERSIONS, page.nextCursor()))
                .build();
    }

    public GetTableVersionResponse getTableVersion(GetTableVersionRequest request) {
        ResolvedTable table = resolve(Names.normalize(request.databaseName(), "DatabaseName"),
                Names.normalize(request.tableName(), "TableName"));
        long version = request.versionId() == null ? table.stored().versionId()
                : parseVersion(request.versionId(), "VersionId");
        StoredTable stored = store.getTableVersion(table.id(), version)
                .orElseThrow(() -> versionNotFound(table.name(), version));
        return GetTableVersionResponse.builder().tableVersion(TableVersion.builder().table(toTable(stored))
                .versionId(Long.toString(stored.versionId())).build()).build();
    }

    public DeleteTableVersionResponse deleteTableVersion(DeleteTableVersionRequest request) {
        ResolvedTable table = resolve(Names.normalize(request.databaseName(), "DatabaseName"),
                Names.normalize(request.tableName(), "TableName"));
        deleteVersion(table, request.versionId());
        return DeleteTableVersionResponse.builder().build();
    }

    public BatchDeleteTableVersionResponse batchDeleteTableVersion(BatchDeleteTableVersionRequest request) {
        ResolvedTable table = resolve(Names.normalize(request.databaseName(), "DatabaseName"),
                Names.normalize(request.tableName(), "TableName"));
        List<TableVersionError> errors = new ArrayList<>();
        for (String version : request.versionIds()) {
            try {
                deleteVersion(table, version);
            } catch (GlueException e) {
                errors.add(TableVersionError.builder().tableName(table.name()).versionId(version)
                        .errorDetail(detail(e)).build());
            }
        }
        return BatchDeleteTableVersionResponse.builder().errors(errors).build();
    }

    private void deleteVersion(ResolvedTable table, String versionText) {
        long version = parseVersion(versionText, "VersionId");
        if (version == table.stored().versionId()) {
            throw GlueException.invalidInput("Version %d is the current version of table %s and cannot be deleted.",
                    version, table.name());
        }
        if (!store.deleteTableVersion(table.id(), version)) {
            throw versionNotFound(table.name(), version);
        }
    }

    // ------------------------------------------------------------------ shared with partitions and statistics

    /** The table with its parsed definition; EntityNotFound names whichever of database or table is missing. */
    ResolvedTable resolve(String database, String name) {
        return resolved(requireStored(database, name));
    }

    /** The stored table with its parsed definition, parsed once per version. */
    private ResolvedTable resolved(StoredTable stored) {
        ResolvedTable cached = resolved.get(stored.id());
        // The whole stored row, not the version alone: SQLite may give a table created after a DeleteDatabase the
        // row id of one deleted with it, at the same version 0, and that one's parsed definition must not serve it.
        if (cached != null && cached.stored().equals(stored)) {
            return new ResolvedTable(stored, cached.input(), cached.partitionKeys());
        }
        ResolvedTable fresh = ResolvedTable.of(stored);
        resolved.put(stored.id(), fresh);
        return fresh;
    }

    private StoredTable requireStored(String database, String name) {
        return store.getTable(database, name).orElseThrow(() -> {
            databases.require(database); // EntityNotFound for the database when that is what is missing
            return tableNotFound(name);
        });
    }

    Table toTable(StoredTable stored) {
        TableInput input = Documents.read(stored.document(), TableInput.builder());
        return Table.builder()
                .name(stored.name())
                .databaseName(stored.databaseName())
                .description(input.description())
                .owner(input.owner())
                .createTime(stored.createTime())
                .updateTime(stored.updateTime())
                .lastAccessTime(input.lastAccessTime())
                .lastAnalyzedTime(input.lastAnalyzedTime())
                .retention(input.retention() == null ? 0 : input.retention())
                .storageDescriptor(input.storageDescriptor())
                .partitionKeys(input.hasPartitionKeys() ? input.partitionKeys() : List.of())
                .viewOriginalText(input.viewOriginalText())
                .viewExpandedText(input.viewExpandedText())
                .tableType(input.tableType())
                .parameters(input.hasParameters() ? input.parameters() : Map.of())
                .targetTable(input.targetTable())
                .isRegisteredWithLakeFormation(false)
                .catalogId(identity.accountId())
                .versionId(Long.toString(stored.versionId()))
                .build();
    }

    static StoredPartitionIndex indexFor(PartitionIndex index, List<PartitionKey> keys) {
        String indexName = index.indexName();
        if (indexName == null || indexName.isEmpty()) {
            throw GlueException.invalidInput("PartitionIndex.IndexName is required.");
        }
        if (!index.hasKeys() || index.keys().isEmpty()) {
            throw GlueException.invalidInput("PartitionIndex.Keys of index %s must name at least one partition key.",
                    indexName);
        }
        List<String> names = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (String key : index.keys()) {
            int position = positionOf(keys, key);
            if (position < 0) {
                throw GlueException.invalidInput("Partition index %s: %s is not a partition key of the table.",
                        indexName, key);
            }
            PartitionKeyType type = keys.get(position).type();
            if (type != PartitionKeyType.STRING && type != PartitionKeyType.INTEGRAL && type != PartitionKeyType.DATE) {
                throw GlueException.invalidInput("Partition index %s: key %s has type %s; indexes cover string, integral"
                        + " and date keys only.", indexName, key, keys.get(position).hiveType());
            }
            if (positions.contains(position)) {
                throw GlueException.invalidInput("Partition index %s names key %s twice.", indexName, key);
            }
            names.add(keys.get(position).name());
            positions.add(position);
        }
        return new StoredPartitionIndex(indexName, names, positions, "ACTIVE");
    }

    static int positionOf(List<PartitionKey> keys, String name) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static void checkPartitionKeys(List<PartitionKey> keys) {
        Set<String> seen = new HashSet<>();
        for (PartitionKey key : keys) {
            if (key.name() == null || key.name().isEmpty()) {
                throw GlueException.invalidInput("TableInput.PartitionKeys: every partition key needs a Name.");
            }
            if (!seen.add(key.name().toLowerCase(java.util.Locale.ROOT))) {
                throw GlueException.invalidInput("TableInput.PartitionKeys: duplicate partition key %s.", key.name());
            }
        }
    }

    /** Glue forbids renaming, retyping or reordering keys that a partition index covers. */
    private void checkIndexedKeysUnchanged(ResolvedTable current, List<PartitionKey> newKeys) {
        for (StoredPartitionIndex index : store.getPartitionIndexes(current.id())) {
            for (int position : index.keyPositions()) {
                PartitionKey before = current.partitionKeys().get(position);
                if (position >= newKeys.size() || !newKeys.get(position).name().equalsIgnoreCase(before.name())
                        || newKeys.get(position).type() != before.type()) {
                    throw GlueException.invalidInput("Partition key %s is covered by partition index %s and cannot be"
                            + " renamed, retyped or moved.", before.name(), index.name());
                }
            }
        }
    }

    private static TableInput requireInput(TableInput input, boolean openTableFormat) {
        if (input == null) {
            throw GlueException.invalidInput(openTableFormat
                    ? "OpenTableFormatInput is not supported; pass TableInput (as Iceberg's GlueCatalog does)."
                    : "TableInput is required.");
        }
        return input;
    }

    private static Long parseVersion(String version, String field) {
        if (version == null) {
            return null;
        }
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            throw GlueException.invalidInput("%s must be a version number, not '%s'.", field, version);
        }
    }

    static ErrorDetail detail(GlueException e) {
        return ErrorDetail.builder().errorCode(e.code().wireName()).errorMessage(e.getMessage()).build();
    }

    static GlueException tableNotFound(String name) {
        return GlueException.entityNotFound("Table %s not found.", name);
    }

    private static GlueException versionNotFound(String table, long version) {
        return new GlueException(GlueErrorCode.ENTITY_NOT_FOUND,
                String.format("Version %d of table %s not found.", version, table));
    }

    static List<Column> columnsOf(Table table) {
        return table.storageDescriptor() != null && table.storageDescriptor().hasColumns()
                ? table.storageDescriptor().columns() : List.of();
    }
}

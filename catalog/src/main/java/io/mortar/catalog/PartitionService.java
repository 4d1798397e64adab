package io.mortar.catalog;

import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.catalog.CatalogStore;
import io.mortar.store.catalog.PartitionQuery;
import io.mortar.store.catalog.PartitionWrite;
import io.mortar.store.catalog.StoredPartition;
import io.mortar.store.catalog.StoredPartitionIndex;
import io.mortar.store.expression.BoundExpression.Binding;
import io.mortar.store.expression.ExpressionBinder;
import io.mortar.store.expression.PartitionKey;
import io.mortar.store.expression.PartitionValueCodec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchDeletePartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchDeletePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionFailureEntry;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionResponse;
import software.amazon.awssdk.services.glue.model.CreatePartitionIndexRequest;
import software.amazon.awssdk.services.glue.model.CreatePartitionIndexResponse;
import software.amazon.awssdk.services.glue.model.CreatePartitionRequest;
import software.amazon.awssdk.services.glue.model.CreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.DeletePartitionIndexRequest;
import software.amazon.awssdk.services.glue.model.DeletePartitionIndexResponse;
import software.amazon.awssdk.services.glue.model.DeletePartitionRequest;
import software.amazon.awssdk.services.glue.model.DeletePartitionResponse;
import software.amazon.awssdk.services.glue.model.GetPartitionIndexesRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionIndexesResponse;
import software.amazon.awssdk.services.glue.model.GetPartitionRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionResponse;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.KeySchemaElement;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionIndexDescriptor;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.Segment;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.UpdatePartitionRequest;
import software.amazon.awssdk.services.glue.model.UpdatePartitionResponse;

/** Partitions and partition indexes. */
public final class PartitionService {
    private static final String LISTING = "partitions";
    private static final int SD_CACHE_LIMIT = 10_000;

    private final CatalogStore store;
    private final TableService tables;
    private final CatalogIdentity identity;
    private final Clock clock;
    /** Parsed storage descriptors by their stored document: partitions of a table mostly share one. */
    private final Map<String, StorageDescriptor> descriptors = new ConcurrentHashMap<>();

    public PartitionService(CatalogStore store, TableService tables, CatalogIdentity identity, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.tables = requireNonNull(tables, "tables");
        this.identity = requireNonNull(identity, "identity");
        this.clock = requireNonNull(clock, "clock");
    }

    public CreatePartitionResponse createPartition(CreatePartitionRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        if (request.partitionInput() == null) {
            throw GlueException.invalidInput("PartitionInput is required.");
        }
        PartitionWrite write = toWrite(table, request.partitionInput(), indexedPositions(table));
        if (!store.createPartitions(table.id(), table.partitionKeys(), List.of(write), clock.instant()).isEmpty()) {
            throw GlueException.alreadyExists("Partition already exists.");
        }
        return CreatePartitionResponse.builder().build();
    }

    public BatchCreatePartitionResponse batchCreatePartition(BatchCreatePartitionRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        List<Integer> indexed = indexedPositions(table);
        List<PartitionError> errors = new ArrayList<>();
        List<PartitionWrite> writes = new ArrayList<>();
        Map<StorageDescriptor, String> documents = new HashMap<>();
        for (PartitionInput input : request.partitionInputList()) {
            try {
                writes.add(toWrite(table, input, indexed, documents));
            } catch (GlueException e) {
                errors.add(partitionError(input.values(), e));
            }
        }
        if (!writes.isEmpty()) {
            for (List<String> existing : store.createPartitions(table.id(), table.partitionKeys(), writes,
                    clock.instant())) {
                errors.add(partitionError(existing, GlueException.alreadyExists("Partition already exists.")));
            }
        }
        return BatchCreatePartitionResponse.builder().errors(errors).build();
    }

    public GetPartitionResponse getPartition(GetPartitionRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        List<String> values = request.partitionValues();
        List<StoredPartition> found = store.getPartitions(table.id(), List.of(values));
        if (found.isEmpty()) {
            throw partitionNotFound(values);
        }
        return GetPartitionResponse.builder().partition(toPartition(table, found.get(0), false)).build();
    }

    public BatchGetPartitionResponse batchGetPartition(BatchGetPartitionRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        List<List<String>> wanted = request.partitionsToGet().stream().map(PartitionValueList::values).toList();
        List<Partition> partitions = store.getPartitions(table.id(), wanted).stream()
                .map(p -> toPartition(table, p, false)).toList();
        // Missing partitions are simply absent, as in Glue; UnprocessedKeys is for keys the service did not get
        // to, and clients retry those, so listing missing ones there would loop them forever.
        return BatchGetPartitionResponse.builder().partitions(partitions).unprocessedKeys(List.of()).build();
    }

    public GetPartitionsResponse getPartitions(GetPartitionsRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        int limit = PageTokens.pageSize(request.maxResults(), 1000, 1000);
        Binding expression = null;
        if (request.expression() != null && !request.expression().isBlank()) {
            expression = ExpressionBinder.bind(request.expression(), table.partitionKeys());
        }
        Segment segment = request.segment();
        PartitionQuery filter = new PartitionQuery(expression,
                segment == null ? 0 : segment.segmentNumber(), segment == null ? 1 : segment.totalSegments());
        if (segment != null && segment.segmentNumber() >= segment.totalSegments()) {
            throw GlueException.invalidInput("Segment.SegmentNumber %d must be less than Segment.TotalSegments %d.",
                    segment.segmentNumber(), segment.totalSegments());
        }
        boolean excludeColumns = Boolean.TRUE.equals(request.excludeColumnSchema());
        Page<StoredPartition> page = store.queryPartitions(table.id(), filter,
                PageTokens.decodeLong(LISTING, request.nextToken(), 0), limit);
        return GetPartitionsResponse.builder()
                .partitions(page.items().stream().map(p -> toPartition(table, p, excludeColumns)).toList())
                .nextToken(PageTokens.encode(LISTING, page.nextCursor()))
                .build();
    }

    public UpdatePartitionResponse updatePartition(UpdatePartitionRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        update(table, request.partitionValueList(), request.partitionInput(), indexedPositions(table));
        return UpdatePartitionResponse.builder().build();
    }

    public BatchUpdatePartitionResponse batchUpdatePartition(BatchUpdatePartitionRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        List<Integer> indexed = indexedPositions(table);
        List<BatchUpdatePartitionFailureEntry> errors = new ArrayList<>();
        for (BatchUpdatePartitionRequestEntry entry : request.entries()) {
            try {
                update(table, entry.partitionValueList(), entry.partitionInput(), indexed);
            } catch (GlueException e) {
                errors.add(BatchUpdatePartitionFailureEntry.builder().partitionValueList(entry.partitionValueList())
                        .errorDetail(TableService.detail(e)).build());
            }
        }
        return BatchUpdatePartitionResponse.builder().errors(errors).build();
    }

    private void update(ResolvedTable table, List<String> values, PartitionInput input, List<Integer> indexed) {
        if (input == null) {
            throw GlueException.invalidInput("PartitionInput is required.");
        }
        PartitionInput replacement = input.hasValues() ? input : input.toBuilder().values(values).build();
        if (!store.updatePartition(table.id(), table.partitionKeys(), values, toWrite(table, replacement, indexed))) {
            throw partitionNotFound(values);
        }
    }

    public DeletePartitionResponse deletePartition(DeletePartitionRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        if (!store.deletePartitions(table.id(), List.of(request.partitionValues())).isEmpty()) {
            throw partitionNotFound(request.partitionValues());
        }
        return DeletePartitionResponse.builder().build();
    }

    public BatchDeletePartitionResponse batchDeletePartition(BatchDeletePartitionRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        List<List<String>> values = request.partitionsToDelete().stream().map(PartitionValueList::values).toList();
        List<PartitionError> errors = store.deletePartitions(table.id(), values).stream()
                .map(missing -> partitionError(missing, partitionNotFound(missing))).toList();
        return BatchDeletePartitionResponse.builder().errors(errors).build();
    }

    // ------------------------------------------------------------------ partition indexes

    public CreatePartitionIndexResponse createPartitionIndex(CreatePartitionIndexRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        if (request.partitionIndex() == null) {
            throw GlueException.invalidInput("PartitionIndex is required.");
        }
        StoredPartitionIndex index = TableService.indexFor(request.partitionIndex(), table.partitionKeys());
        rejectExistingUncastableValues(table, index);
        store.createPartitionIndex(table.id(), index);
        return CreatePartitionIndexResponse.builder().build();
    }

    public GetPartitionIndexesResponse getPartitionIndexes(GetPartitionIndexesRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        List<PartitionIndexDescriptor> descriptors = store.getPartitionIndexes(table.id()).stream()
                .map(index -> PartitionIndexDescriptor.builder()
                        .indexName(index.name())
                        .keys(index.keyPositions().stream().map(p -> KeySchemaElement.builder()
                                .name(table.partitionKeys().get(p).name())
                                .type(table.partitionKeys().get(p).hiveType()).build()).toList())
                        .indexStatus(index.status())
                        .build())
                .toList();
        return GetPartitionIndexesResponse.builder().partitionIndexDescriptorList(descriptors).build();
    }

    public DeletePartitionIndexResponse deletePartitionIndex(DeletePartitionIndexRequest request) {
        ResolvedTable table = table(request.databaseName(), request.tableName());
        if (!store.deletePartitionIndex(table.id(), request.indexName())) {
            throw GlueException.entityNotFound("Partition index %s not found.", request.indexName());
        }
        return DeletePartitionIndexResponse.builder().build();
    }

    /**
     * Glue backfills a new index and fails it on values that do not fit the key's type; Mortar builds indexes
     * synchronously, so it refuses such an index up front instead of leaving a FAILED one behind.
     */
    private void rejectExistingUncastableValues(ResolvedTable table, StoredPartitionIndex index) {
        store.findUncastable(table.id(), index.keyPositions()).ifPresent(values -> {
            throw GlueException.invalidInput("Partition index %s cannot be created: partition %s has a value that is"
                    + " not of its key's declared type.", index.name(), values);
        });
    }

    // ------------------------------------------------------------------ conversions

    /** Column statistics for partitions need the partition's row id. */
    long partitionId(ResolvedTable table, List<String> values) {
        List<StoredPartition> found = store.getPartitions(table.id(), List.of(values));
        if (found.isEmpty()) {
            throw partitionNotFound(values);
        }
        return found.get(0).id();
    }

    private List<Integer> indexedPositions(ResolvedTable table) {
        return store.getPartitionIndexes(table.id()).stream().flatMap(i -> i.keyPositions().stream()).distinct()
                .toList();
    }

    private PartitionWrite toWrite(ResolvedTable table, PartitionInput input, List<Integer> indexedPositions) {
        return toWrite(table, input, indexedPositions, new HashMap<>());
    }

    /**
     * documents: storage descriptors (without Location) already written in this request, with their document;
     * the partitions of a batch usually differ only in Location, so one of them is serialised, not a hundred.
     */
    private PartitionWrite toWrite(ResolvedTable table, PartitionInput input, List<Integer> indexedPositions,
                                   Map<StorageDescriptor, String> documents) {
        List<String> values = input.hasValues() ? input.values() : List.of();
        List<PartitionKey> keys = table.partitionKeys();
        if (keys.isEmpty()) {
            throw GlueException.invalidInput("Table %s has no partition keys, so it cannot have partitions.",
                    table.name());
        }
        if (values.size() != keys.size()) {
            throw GlueException.invalidInput("The number of partition values (%d) does not match the number of"
                    + " partition keys (%d) of table %s.", values.size(), keys.size(), table.name());
        }
        for (int i = 0; i < values.size(); i++) {
            Names.rejectNul(values.get(i), "Partition value " + (i + 1));
        }
        for (int position : indexedPositions) {
            String value = values.get(position);
            if (PartitionValueCodec.encode(value, keys.get(position)) == null) {
                throw GlueException.invalidInput("Partition value '%s' of indexed key %s is not a valid %s.", value,
                        keys.get(position).name(), keys.get(position).hiveType());
            }
            if (value.chars().anyMatch(ch -> ch <= 2)) {
                throw GlueException.invalidInput("Partition value of indexed key %s contains a character"
                        + " U+0000 to U+0002, which indexed keys do not allow.", keys.get(position).name());
            }
        }
        StorageDescriptor sd = input.storageDescriptor();
        return new PartitionWrite(values,
                sd == null ? null : sd.location(),
                sd == null ? null : documents.computeIfAbsent(sd.toBuilder().location(null).build(), Documents::write),
                Documents.writeMap(input.parameters()),
                input.lastAccessTime(),
                input.lastAnalyzedTime());
    }

    Partition toPartition(ResolvedTable table, StoredPartition stored, boolean excludeColumns) {
        StorageDescriptor sd = null;
        if (stored.storageDescriptor() != null) {
            StorageDescriptor shared = descriptor(stored.storageDescriptor());
            StorageDescriptor.Builder builder = shared.toBuilder().location(stored.location());
            if (excludeColumns) {
                builder.columns((java.util.Collection<software.amazon.awssdk.services.glue.model.Column>) null);
            }
            sd = builder.build();
        } else if (stored.location() != null) {
            sd = StorageDescriptor.builder().location(stored.location()).build();
        }
        Map<String, String> parameters = Documents.readMap(stored.parameters());
        return Partition.builder()
                .values(stored.values())
                .databaseName(table.databaseName())
                .tableName(table.name())
                .creationTime(stored.createTime())
                .lastAccessTime(stored.lastAccessTime())
                .lastAnalyzedTime(stored.lastAnalyzedTime())
                .storageDescriptor(sd)
                .parameters(parameters == null ? Map.of() : parameters)
                .catalogId(identity.accountId())
                .build();
    }

    private StorageDescriptor descriptor(String document) {
        StorageDescriptor sd = descriptors.get(document);
        if (sd == null) {
            if (descriptors.size() > SD_CACHE_LIMIT) {
                descriptors.clear();
            }
            sd = Documents.read(document, StorageDescriptor.builder());
            descriptors.put(document, sd);
        }
        return sd;
    }

    private ResolvedTable table(String database, String table) {
        return tables.resolve(Names.normalize(database, "DatabaseName"), Names.normalize(table, "TableName"));
    }

    private static PartitionError partitionError(List<String> values, GlueException e) {
        return PartitionError.builder().partitionValues(values).errorDetail(TableService.detail(e)).build();
    }

    static GlueException partitionNotFound(List<String> values) {
        return GlueException.entityNotFound("Cannot find partition %s.",
                values.stream().collect(Collectors.joining(", ", "[", "]")));
    }
}

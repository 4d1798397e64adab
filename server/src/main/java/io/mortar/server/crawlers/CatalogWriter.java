package io.mortar.server.crawlers;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.Catalog;
import io.mortar.crawler.discovery.CrawlProgress;
import io.mortar.crawler.plan.CrawlPlan;
import io.mortar.crawler.plan.TablePlan;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.server.protocol.GlueOperations;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchDeletePartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.CreatePartitionIndexRequest;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.DeleteTableRequest;
import software.amazon.awssdk.services.glue.model.GetDatabaseRequest;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionIndex;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;

/**
 * Writes a crawl's plans through the catalog's own services — the same validation, versions and archives as the
 * Glue API — table by table. A stop request is honoured between tables, so a stopped crawl leaves every table
 * either as it was or as the crawl meant it, never half-written.
 */
final class CatalogWriter {
    /** Glue's batch limits: 100 partitions to create, 100 to update, 25 to delete per call. */
    private static final int CREATE_BATCH = 100;
    private static final int UPDATE_BATCH = 100;
    private static final int DELETE_BATCH = 25;
    static final String INDEX_NAME = "crawler_partition_index";

    private final Catalog catalog;
    /** The crawl's own credential: every write is one its policy allows, as if it were made through the API. */
    private final GlueOperations.Guard guard;

    CatalogWriter(Catalog catalog, GlueOperations.Guard guard) {
        this.catalog = requireNonNull(catalog, "catalog");
        this.guard = requireNonNull(guard, "guard");
    }

    /** The request, once the crawl's credential allows it. */
    private <R extends SdkPojo> R allowed(String operation, R request) {
        guard.check(operation, request);
        return request;
    }

    /** @return how many tables were written before a stop was asked for (all of them if none was) */
    int write(CrawlPlan plan, String database, BooleanSupplier stopRequested, CrawlProgress progress) {
        ensureDatabase(database);
        int written = 0;
        for (TablePlan table : plan.tables()) {
            if (stopRequested.getAsBoolean()) {
                return written;
            }
            if (!table.writesNothing()) {
                write(table);
                progress.applied();
            }
            written++;
        }
        return written;
    }

    private void ensureDatabase(String database) {
        try {
            catalog.databases().getDatabase(allowed("GetDatabase", GetDatabaseRequest.builder().name(database).build()));
        } catch (GlueException e) {
            if (e.code() != GlueErrorCode.ENTITY_NOT_FOUND) {
                throw e;
            }
            try {
                catalog.databases().createDatabase(allowed("CreateDatabase", CreateDatabaseRequest.builder()
                        .databaseInput(DatabaseInput.builder().name(database).description("Created by a Mortar crawler")
                                .build()).build()));
            } catch (GlueException raced) {
                if (raced.code() != GlueErrorCode.ALREADY_EXISTS) {
                    throw raced;
                }
            }
        }
    }

    private void write(TablePlan t) {
        String db = t.database();
        switch (t.action()) {
            case CREATE -> catalog.tables().createTable(allowed("CreateTable", CreateTableRequest.builder()
                    .databaseName(db).tableInput(t.table()).build()));
            case UPDATE, DEPRECATE -> catalog.tables().updateTable(allowed("UpdateTable", UpdateTableRequest.builder()
                    .databaseName(db).tableInput(t.table()).build()));
            case DELETE -> {
                catalog.tables().deleteTable(allowed("DeleteTable", DeleteTableRequest.builder().databaseName(db)
                        .name(t.name()).build()));
                return;
            }
            case UNCHANGED -> { }
        }
        if (!t.deletePartitions().isEmpty()) {
            for (List<List<String>> chunk : chunks(t.deletePartitions(), DELETE_BATCH)) {
                catalog.partitions().batchDeletePartition(allowed("BatchDeletePartition",
                        BatchDeletePartitionRequest.builder().databaseName(db).tableName(t.name())
                                .partitionsToDelete(chunk.stream().map(v -> PartitionValueList.builder().values(v)
                                        .build()).toList()).build()));
            }
        }
        for (List<PartitionInput> chunk : chunks(t.createPartitions(), CREATE_BATCH)) {
            BatchCreatePartitionResponse response = catalog.partitions().batchCreatePartition(
                    allowed("BatchCreatePartition", BatchCreatePartitionRequest.builder().databaseName(db)
                            .tableName(t.name()).partitionInputList(chunk).build()));
            failOn(t, response.errors());
        }
        for (List<PartitionInput> chunk : chunks(t.updatePartitions(), UPDATE_BATCH)) {
            var response = catalog.partitions().batchUpdatePartition(allowed("BatchUpdatePartition",
                    BatchUpdatePartitionRequest.builder().databaseName(db).tableName(t.name()).entries(chunk.stream()
                            .map(p -> BatchUpdatePartitionRequestEntry.builder().partitionValueList(p.values())
                                    .partitionInput(p).build()).toList()).build()));
            if (response.hasErrors() && !response.errors().isEmpty()) {
                throw new GlueException(GlueErrorCode.INTERNAL_SERVICE, "Updating partitions of " + db + "." + t.name()
                        + " failed: " + response.errors().get(0).errorDetail().errorMessage());
            }
        }
        if (t.createIndex()) {
            List<String> keys = t.table().partitionKeys().stream().map(Column::name).limit(3).toList();
            catalog.partitions().createPartitionIndex(allowed("CreatePartitionIndex",
                    CreatePartitionIndexRequest.builder().databaseName(db).tableName(t.name())
                            .partitionIndex(PartitionIndex.builder().indexName(INDEX_NAME).keys(keys).build())
                            .build()));
        }
    }

    /** A partition another writer added meanwhile is no failure; anything else is. */
    private static void failOn(TablePlan t, List<PartitionError> errors) {
        for (PartitionError e : errors) {
            if (!GlueErrorCode.ALREADY_EXISTS.wireName().equals(e.errorDetail().errorCode())) {
                throw new GlueException(GlueErrorCode.INTERNAL_SERVICE, "Adding partition " + e.partitionValues() + " to "
                        + t.database() + "." + t.name() + " failed: " + e.errorDetail().errorMessage());
            }
        }
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            out.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return out;
    }
}

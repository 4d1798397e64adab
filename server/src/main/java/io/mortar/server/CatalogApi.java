package io.mortar.server;

import io.mortar.catalog.Catalog;
import io.mortar.server.protocol.GlueOperations;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchDeletePartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchDeleteTableRequest;
import software.amazon.awssdk.services.glue.model.BatchDeleteTableVersionRequest;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequest;
import software.amazon.awssdk.services.glue.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.CreatePartitionIndexRequest;
import software.amazon.awssdk.services.glue.model.CreatePartitionRequest;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.CreateUserDefinedFunctionRequest;
import software.amazon.awssdk.services.glue.model.DeleteColumnStatisticsForPartitionRequest;
import software.amazon.awssdk.services.glue.model.DeleteColumnStatisticsForTableRequest;
import software.amazon.awssdk.services.glue.model.DeleteDatabaseRequest;
import software.amazon.awssdk.services.glue.model.DeletePartitionIndexRequest;
import software.amazon.awssdk.services.glue.model.DeletePartitionRequest;
import software.amazon.awssdk.services.glue.model.DeleteTableRequest;
import software.amazon.awssdk.services.glue.model.DeleteTableVersionRequest;
import software.amazon.awssdk.services.glue.model.DeleteUserDefinedFunctionRequest;
import software.amazon.awssdk.services.glue.model.GetColumnStatisticsForPartitionRequest;
import software.amazon.awssdk.services.glue.model.GetColumnStatisticsForTableRequest;
import software.amazon.awssdk.services.glue.model.GetDatabaseRequest;
import software.amazon.awssdk.services.glue.model.GetDatabasesRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionIndexesRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.GetTableVersionRequest;
import software.amazon.awssdk.services.glue.model.GetTableVersionsRequest;
import software.amazon.awssdk.services.glue.model.GetTablesRequest;
import software.amazon.awssdk.services.glue.model.GetTagsRequest;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionRequest;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionsRequest;
import software.amazon.awssdk.services.glue.model.SearchTablesRequest;
import software.amazon.awssdk.services.glue.model.TagResourceRequest;
import software.amazon.awssdk.services.glue.model.UntagResourceRequest;
import software.amazon.awssdk.services.glue.model.UpdateColumnStatisticsForPartitionRequest;
import software.amazon.awssdk.services.glue.model.UpdateColumnStatisticsForTableRequest;
import software.amazon.awssdk.services.glue.model.UpdateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.UpdatePartitionRequest;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;
import software.amazon.awssdk.services.glue.model.UpdateUserDefinedFunctionRequest;

/** The Data Catalog's Glue operations. */
final class CatalogApi {
    private CatalogApi() {}

    static void register(GlueOperations ops, Catalog catalog) {
        var databases = catalog.databases();
        ops.add("CreateDatabase", CreateDatabaseRequest::builder, databases::createDatabase)
                .add("GetDatabase", GetDatabaseRequest::builder, databases::getDatabase)
                .add("GetDatabases", GetDatabasesRequest::builder, databases::getDatabases)
                .add("UpdateDatabase", UpdateDatabaseRequest::builder, databases::updateDatabase)
                .add("DeleteDatabase", DeleteDatabaseRequest::builder, databases::deleteDatabase);

        var tables = catalog.tables();
        ops.add("CreateTable", CreateTableRequest::builder, tables::createTable)
                .add("GetTable", GetTableRequest::builder, tables::getTable)
                .add("GetTables", GetTablesRequest::builder, tables::getTables)
                .add("UpdateTable", UpdateTableRequest::builder, tables::updateTable)
                .add("DeleteTable", DeleteTableRequest::builder, tables::deleteTable)
                .add("BatchDeleteTable", BatchDeleteTableRequest::builder, tables::batchDeleteTable)
                .add("GetTableVersions", GetTableVersionsRequest::builder, tables::getTableVersions)
                .add("GetTableVersion", GetTableVersionRequest::builder, tables::getTableVersion)
                .add("DeleteTableVersion", DeleteTableVersionRequest::builder, tables::deleteTableVersion)
                .add("BatchDeleteTableVersion", BatchDeleteTableVersionRequest::builder, tables::batchDeleteTableVersion)
                .add("SearchTables", SearchTablesRequest::builder, catalog.search()::searchTables);

        var partitions = catalog.partitions();
        ops.add("CreatePartition", CreatePartitionRequest::builder, partitions::createPartition)
                .add("BatchCreatePartition", BatchCreatePartitionRequest::builder, partitions::batchCreatePartition)
                .add("GetPartition", GetPartitionRequest::builder, partitions::getPartition)
                .add("BatchGetPartition", BatchGetPartitionRequest::builder, partitions::batchGetPartition)
                .add("GetPartitions", GetPartitionsRequest::builder, partitions::getPartitions)
                .add("UpdatePartition", UpdatePartitionRequest::builder, partitions::updatePartition)
                .add("BatchUpdatePartition", BatchUpdatePartitionRequest::builder, partitions::batchUpdatePartition)
                .add("DeletePartition", DeletePartitionRequest::builder, partitions::deletePartition)
                .add("BatchDeletePartition", BatchDeletePartitionRequest::builder, partitions::batchDeletePartition)
                .add("CreatePartitionIndex", CreatePartitionIndexRequest::builder, partitions::createPartitionIndex)
                .add("GetPartitionIndexes", GetPartitionIndexesRequest::builder, partitions::getPartitionIndexes)
                .add("DeletePartitionIndex", DeletePartitionIndexRequest::builder, partitions::deletePartitionIndex);

        var statistics = catalog.statistics();
        ops.add("GetColumnStatisticsForTable", GetColumnStatisticsForTableRequest::builder, statistics::getForTable)
                .add("UpdateColumnStatisticsForTable", UpdateColumnStatisticsForTableRequest::builder,
                        statistics::updateForTable)
                .add("DeleteColumnStatisticsForTable", DeleteColumnStatisticsForTableRequest::builder,
                        statistics::deleteForTable)
                .add("GetColumnStatisticsForPartition", GetColumnStatisticsForPartitionRequest::builder,
                        statistics::getForPartition)
                .add("UpdateColumnStatisticsForPartition", UpdateColumnStatisticsForPartitionRequest::builder,
                        statistics::updateForPartition)
                .add("DeleteColumnStatisticsForPartition", DeleteColumnStatisticsForPartitionRequest::builder,
                        statistics::deleteForPartition);

        var functions = catalog.functions();
        ops.add("CreateUserDefinedFunction", CreateUserDefinedFunctionRequest::builder, functions::createFunction)
                .add("GetUserDefinedFunction", GetUserDefinedFunctionRequest::builder, functions::getFunction)
                .add("GetUserDefinedFunctions", GetUserDefinedFunctionsRequest::builder, functions::getFunctions)
                .add("UpdateUserDefinedFunction", UpdateUserDefinedFunctionRequest::builder, functions::updateFunction)
                .add("DeleteUserDefinedFunction", DeleteUserDefinedFunctionRequest::builder, functions::deleteFunction);

        var tags = catalog.tags();
        ops.add("TagResource", TagResourceRequest::builder, tags::tagResource)
                .add("UntagResource", UntagResourceRequest::builder, tags::untagResource)
                .add("GetTags", GetTagsRequest::builder, tags::getTags);
    }
}

package io.mortar.store.catalog;

import io.mortar.store.Page;
import io.mortar.store.expression.PartitionKey;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The catalog's persistence SPI. Every method is one atomic transaction; none leaves a half-written object.
 * Names arrive already normalised (lower case) by the service. Methods that modify a named object report
 * absence as a false / empty result and conflicts as {@link io.mortar.model.GlueException}s of the matching
 * Glue error code, so that callers need not check-then-act.
 */
public interface CatalogStore {

    // ---- databases
    /** @throws io.mortar.model.GlueException ALREADY_EXISTS */
    void createDatabase(String name, String document, Instant createTime, String arn, Map<String, String> tags);

    Optional<StoredDatabase> getDatabase(String name);

    Page<StoredDatabase> listDatabases(String afterName, int limit);

    boolean updateDatabase(String name, String document);

    /**
     * Deletes the database with its tables, versions, partitions, statistics, functions and tags.
     *
     * @param databaseArn the database's ARN, whose tags go with it
     * @param tableArnPrefix the ARN prefix of its tables ({@code …:table/<db>/}), whose tags go too
     */
    boolean deleteDatabase(String name, String databaseArn, String tableArnPrefix);

    // ---- tables
    /**
     * @throws io.mortar.model.GlueException ENTITY_NOT_FOUND for a missing database, ALREADY_EXISTS
     */
    void createTable(String databaseName, String name, String document, Instant createTime,
                     List<StoredPartitionIndex> indexes);

    Optional<StoredTable> getTable(String databaseName, String name);

    /** Tables of a database in name order after {@code afterName}, keeping those whose name passes the filter. */
    Page<StoredTable> listTables(String databaseName, String afterName, int limit, Predicate<String> nameFilter);

    /** Every table of every database in (database, name) order, after the cursor. */
    Page<StoredTable> listAllTables(String afterCursor, int limit);

    /**
     * Replaces the definition. With {@code expectedVersion} set, fails with CONCURRENT_MODIFICATION unless it
     * is the current version. The version id always advances; with {@code archive} the replaced definition is
     * kept as a table version. When a partition key's type changes (so its values' typed encoding does), every
     * partition's typed key columns are recomputed in the same transaction; any other change, names of keys
     * included, touches no partition.
     *
     * @param partitionKeysOf the partition keys of a stored definition: the store applies it to the definition it
     *     replaces, as read in its own transaction, so that an update applied on top of a concurrent one (no
     *     {@code expectedVersion}) compares with the keys really replaced rather than those the caller saw
     * @param newKeys the partition keys of {@code document}
     * @return the new version id, empty when the table does not exist
     */
    Optional<Long> updateTable(String databaseName, String name, String document, Instant updateTime,
                               Long expectedVersion, boolean archive,
                               Function<StoredTable, List<PartitionKey>> partitionKeysOf, List<PartitionKey> newKeys);

    /** Deletes the table with its versions, partitions, indexes, statistics and tags. */
    boolean deleteTable(String databaseName, String name, String arn);

    /** Archived versions followed by the current definition, in version order after {@code afterVersion}. */
    Page<StoredTable> listTableVersions(long tableId, long afterVersion, int limit);

    Optional<StoredTable> getTableVersion(long tableId, long versionId);

    boolean deleteTableVersion(long tableId, long versionId);

    // ---- partitions
    /**
     * Inserts the partitions that do not exist yet.
     *
     * @return the value lists that already existed (not written)
     * @throws io.mortar.model.GlueException ENTITY_NOT_FOUND when the table was deleted meanwhile
     */
    List<List<String>> createPartitions(long tableId, List<PartitionKey> keys, List<PartitionWrite> partitions,
                                        Instant createTime);

    List<StoredPartition> getPartitions(long tableId, Collection<List<String>> valueLists);

    /**
     * Partitions matching the query in id order after {@code afterId}.
     *
     * @throws io.mortar.model.GlueException INVALID_INPUT for an expression on a key the store cannot filter by,
     *     INVALID_STATE when a partition's value of a key the expression mentions does not cast to its type
     */
    Page<StoredPartition> queryPartitions(long tableId, PartitionQuery query, long afterId, int limit);

    /**
     * Replaces a partition (possibly with new values).
     *
     * @return false when it does not exist
     * @throws io.mortar.model.GlueException ALREADY_EXISTS when the new values belong to another partition
     */
    boolean updatePartition(long tableId, List<PartitionKey> keys, List<String> values, PartitionWrite replacement);

    /**
     * A partition with a value that does not cast to its key's declared type, among the keys at these positions
     * (those the store keeps typed values of; the first ten).
     */
    Optional<List<String>> findUncastable(long tableId, Collection<Integer> keyPositions);

    /** @return the value lists that did not exist */
    List<List<String>> deletePartitions(long tableId, List<List<String>> valueLists);

    // ---- partition indexes
    /** @throws io.mortar.model.GlueException ALREADY_EXISTS, RESOURCE_NUMBER_LIMIT_EXCEEDED (over 3) */
    void createPartitionIndex(long tableId, StoredPartitionIndex index);

    List<StoredPartitionIndex> getPartitionIndexes(long tableId);

    boolean deletePartitionIndex(long tableId, String name);

    // ---- column statistics (partitionId 0 = the table's own)
    void putColumnStatistics(long tableId, long partitionId, Map<String, String> documentsByColumn);

    Map<String, String> getColumnStatistics(long tableId, long partitionId, Collection<String> columns);

    boolean deleteColumnStatistics(long tableId, long partitionId, String column);

    // ---- user-defined functions
    /** @throws io.mortar.model.GlueException ENTITY_NOT_FOUND (database), ALREADY_EXISTS */
    void createFunction(String databaseName, String name, String document, Instant createTime);

    Optional<StoredFunction> getFunction(String databaseName, String name);

    /** Functions in (database, name) order; a null database means every database. */
    Page<StoredFunction> listFunctions(String databaseName, Predicate<String> nameFilter, String afterCursor,
                                       int limit);

    boolean updateFunction(String databaseName, String name, String newName, String document);

    boolean deleteFunction(String databaseName, String name);

    // ---- tags
    void tagResource(String arn, Map<String, String> tags);

    void untagResource(String arn, Collection<String> keys);

    Map<String, String> getTags(String arn);

}

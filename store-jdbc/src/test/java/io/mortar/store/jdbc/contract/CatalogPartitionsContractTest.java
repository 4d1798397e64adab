package io.mortar.store.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.model.GlueErrorCode;
import io.mortar.store.catalog.PartitionQuery;
import io.mortar.store.catalog.PartitionWrite;
import io.mortar.store.catalog.StoredPartition;
import io.mortar.store.catalog.StoredPartitionIndex;
import io.mortar.store.catalog.StoredTable;
import io.mortar.store.expression.ExpressionBinder;
import io.mortar.store.expression.PartitionKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link io.mortar.store.catalog.CatalogStore}'s partition writes and point reads, partition indexes and column
 * statistics. Queries (Expressions, segments, paging) are in {@link CatalogPartitionQueryContractTest}.
 */
class CatalogPartitionsContractTest extends CatalogStoreContract {
    private static final List<PartitionKey> KEYS = List.of(new PartitionKey("year", "int"),
            new PartitionKey("region", "string"));
    private static final String SD = "{\"InputFormat\":\"parquet\"}";

    @Test
    void storesEveryFieldOfAPartition() {
        StoredTable table = newTable();
        PartitionWrite full = new PartitionWrite(List.of("2024", "eu"), "s3://b/2024/eu", SD, "{\"a\":\"1\"}",
                ACCESSED, UPDATED);
        PartitionWrite bare = new PartitionWrite(List.of("2025", "us"), null, null, null, null, null);

        assertThat(catalog().createPartitions(table.id(), KEYS, List.of(full, bare), CREATED)).isEmpty();

        assertThat(catalog().getPartitions(table.id(), List.of(List.of("2024", "eu")))).singleElement()
                .satisfies(p -> {
                    assertThat(p.values()).containsExactly("2024", "eu");
                    assertThat(p.location()).isEqualTo("s3://b/2024/eu");
                    assertThat(p.storageDescriptor()).isEqualTo(SD);
                    assertThat(p.parameters()).isEqualTo("{\"a\":\"1\"}");
                    assertThat(p.createTime()).isEqualTo(CREATED);
                    assertThat(p.lastAccessTime()).isEqualTo(ACCESSED);
                    assertThat(p.lastAnalyzedTime()).isEqualTo(UPDATED);
                });
        assertThat(catalog().getPartitions(table.id(), List.of(List.of("2025", "us")))).singleElement()
                .satisfies(p -> {
                    assertThat(p.location()).isNull();
                    assertThat(p.storageDescriptor()).isNull();
                    assertThat(p.parameters()).isNull();
                    assertThat(p.lastAccessTime()).isNull();
                    assertThat(p.lastAnalyzedTime()).isNull();
                });
    }

    @Test
    void createReturnsTheValueListsThatExistedAndTheRepeatedOnes() {
        StoredTable table = newTable();
        catalog().createPartitions(table.id(), KEYS, List.of(partition("2020", "eu"), partition("2021", "eu")),
                CREATED);

        List<List<String>> notWritten = catalog().createPartitions(table.id(), KEYS, List.of(
                partition(List.of("2021", "eu"), "{\"new\":1}"),
                partition(List.of("2022", "eu"), "{\"first\":1}"),
                partition(List.of("2022", "eu"), "{\"second\":1}"),
                partition(List.of("2020", "eu"), "{\"new\":1}"),
                partition(List.of("2023", "eu"), SD)), UPDATED);

        assertThat(notWritten).containsExactlyInAnyOrder(List.of("2021", "eu"), List.of("2022", "eu"),
                List.of("2020", "eu"));
        List<StoredPartition> stored = catalog().queryPartitions(table.id(), PartitionQuery.ALL, 0, 10).items();
        assertThat(stored).extracting(StoredPartition::values).containsExactlyInAnyOrder(List.of("2020", "eu"),
                List.of("2021", "eu"), List.of("2022", "eu"), List.of("2023", "eu"));
        // the existing ones are untouched; of a repeated value list the first is written
        assertThat(stored).filteredOn(p -> p.values().get(0).compareTo("2022") < 0).allSatisfy(p -> {
            assertThat(p.createTime()).isEqualTo(CREATED);
            assertThat(p.storageDescriptor()).isEqualTo("{\"InputFormat\":\"text\"}");
        });
        assertThat(stored).filteredOn(p -> p.values().get(0).equals("2022")).singleElement()
                .satisfies(p -> assertThat(p.storageDescriptor()).isEqualTo("{\"first\":1}"));
    }

    /**
     * Partition writers of one table run side by side: batches racing to add the same value lists, in opposite
     * orders, write each once, and each value list is reported as not written to every batch but the one that wrote
     * it. Meanwhile an UpdateTable of the table goes through.
     */
    @Test
    void batchesRacingOverTheSameValueListsWriteEachOnce() {
        StoredTable table = newTable();
        List<PartitionWrite> forward = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            forward.add(partition(Integer.toString(2000 + i), "eu"));
        }
        List<PartitionWrite> backward = new ArrayList<>(forward);
        Collections.reverse(backward);

        List<Race.Outcome<List<List<String>>>> outcomes = Race.run(
                () -> catalog().createPartitions(table.id(), KEYS, forward, CREATED),
                () -> catalog().createPartitions(table.id(), KEYS, backward, CREATED),
                () -> catalog().createPartitions(table.id(), KEYS, forward, CREATED),
                () -> {
                    catalog().updateTable(table.databaseName(), table.name(), "{}", UPDATED, null, true, t -> KEYS,
                            KEYS).orElseThrow();
                    return List.of();
                });

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        Map<List<String>, Long> notWritten = outcomes.subList(0, 3).stream().flatMap(o -> o.value().stream())
                .collect(Collectors.groupingBy(v -> v, Collectors.counting()));
        // every value list was written by exactly one of the three batches, and reported to the other two
        assertThat(notWritten).hasSize(50).allSatisfy((values, times) -> assertThat(times).isEqualTo(2L));
        assertThat(catalog().queryPartitions(table.id(), PartitionQuery.ALL, 0, 100).items()).hasSize(50);
        assertThat(catalog().getTable(table.databaseName(), table.name()).orElseThrow().versionId()).isEqualTo(1);
    }

    @Test
    void noPartitionsForADeletedTable() {
        StoredTable table = newTable();
        catalog().deleteTable(table.databaseName(), table.name(), tableArn(table.databaseName(), table.name()));

        assertGlueError(() -> catalog().createPartitions(table.id(), KEYS, List.of(partition("2020", "eu")), CREATED),
                GlueErrorCode.ENTITY_NOT_FOUND);
        assertThat(catalog().getPartitions(table.id(), List.of(List.of("2020", "eu")))).isEmpty();
    }

    @Test
    void partitionsSharingAStorageDescriptorEachReadItBack() {
        StoredTable table = newTable();
        String other = "{\"InputFormat\":\"orc\"}";
        List<PartitionWrite> writes = new ArrayList<>();
        for (int year = 2000; year < 2010; year++) {
            writes.add(partition(List.of(Integer.toString(year), "eu"), year % 2 == 0 ? SD : other));
        }
        catalog().createPartitions(table.id(), KEYS, writes, CREATED);
        // a later batch with the same content, and one that changes a partition's descriptor
        catalog().createPartitions(table.id(), KEYS, List.of(partition(List.of("2010", "eu"), SD)), CREATED);
        catalog().updatePartition(table.id(), KEYS, List.of("2001", "eu"), partition(List.of("2001", "eu"), SD));

        List<StoredPartition> read = catalog().queryPartitions(table.id(), PartitionQuery.ALL, 0, 100).items();
        assertThat(read).hasSize(11).allSatisfy(p -> {
            int year = Integer.parseInt(p.values().get(0));
            assertThat(p.storageDescriptor()).as("descriptor of %s", year)
                    .isEqualTo(year % 2 == 0 || year == 2001 ? SD : other);
            assertThat(p.location()).isEqualTo("s3://bucket/" + year + "/eu");
        });
    }

    @Test
    void getsPartitionsByValueLists() {
        StoredTable table = newTable();
        List<PartitionKey> keys = List.of(new PartitionKey("a", "string"), new PartitionKey("b", "string"));
        // Value lists far over 160 characters that differ only at their ends, and one that is a prefix of another.
        String shared = "x".repeat(200);
        List<List<String>> lists = List.of(List.of(shared, "1"), List.of(shared, "2"), List.of(shared + "y", "1"),
                List.of("short", "1"), List.of("short", "12"));
        List<PartitionWrite> writes = new ArrayList<>();
        for (int i = 0; i < lists.size(); i++) {
            writes.add(partition(lists.get(i), "{\"n\":" + i + "}"));
        }
        assertThat(catalog().createPartitions(table.id(), keys, writes, CREATED)).isEmpty();
        assertThat(catalog().createPartitions(table.id(), keys, writes, CREATED))
                .containsExactlyInAnyOrderElementsOf(lists);

        for (int i = 0; i < lists.size(); i++) {
            int n = i;
            assertThat(catalog().getPartitions(table.id(), List.of(lists.get(i)))).singleElement().satisfies(p -> {
                assertThat(p.values()).isEqualTo(lists.get(n));
                assertThat(p.storageDescriptor()).isEqualTo("{\"n\":" + n + "}");
            });
        }
        assertThat(catalog().getPartitions(table.id(), List.of(lists.get(1), List.of(shared, "3"), lists.get(1),
                List.of("short", "1"), List.of("short")))).extracting(StoredPartition::values)
                .containsExactlyInAnyOrder(lists.get(1), List.of("short", "1"));
        assertThat(catalog().getPartitions(table.id(), List.of())).isEmpty();
        // another table's partitions are not this one's
        assertThat(catalog().getPartitions(newTable().id(), lists)).isEmpty();
    }

    @Test
    void getsMoreValueListsThanOneLookupTakes() {
        StoredTable table = newTable();
        List<PartitionKey> keys = List.of(new PartitionKey("n", "int"));
        List<PartitionWrite> writes = new ArrayList<>();
        List<List<String>> wanted = new ArrayList<>();
        for (int n = 0; n < 250; n++) {
            writes.add(partition(List.of(Integer.toString(n)), SD));
            wanted.add(List.of(Integer.toString(n)));
            wanted.add(List.of(Integer.toString(1000 + n))); // missing
        }
        catalog().createPartitions(table.id(), keys, writes, CREATED);

        assertThat(catalog().getPartitions(table.id(), wanted)).hasSize(250)
                .extracting(p -> p.values().get(0)).doesNotHaveDuplicates()
                .allSatisfy(v -> assertThat(Integer.parseInt(v)).isBetween(0, 249));
    }

    @Test
    void updatesAPartitionInPlaceOrToNewValues() {
        StoredTable table = newTable();
        catalog().createPartitions(table.id(), KEYS, List.of(partition("2020", "eu"), partition("2021", "eu")),
                CREATED);
        long id = catalog().getPartitions(table.id(), List.of(List.of("2020", "eu"))).get(0).id();

        PartitionWrite replacement = new PartitionWrite(List.of("2020", "eu"), "s3://new", "{\"v\":2}", null, UPDATED,
                null);
        assertThat(catalog().updatePartition(table.id(), KEYS, List.of("2020", "eu"), replacement)).isTrue();
        assertThat(catalog().getPartitions(table.id(), List.of(List.of("2020", "eu")))).singleElement()
                .satisfies(p -> {
                    assertThat(p.id()).isEqualTo(id);
                    assertThat(p.location()).isEqualTo("s3://new");
                    assertThat(p.storageDescriptor()).isEqualTo("{\"v\":2}");
                    assertThat(p.parameters()).isNull();
                    assertThat(p.lastAccessTime()).isEqualTo(UPDATED);
                    assertThat(p.lastAnalyzedTime()).isNull();
                    assertThat(p.createTime()).isEqualTo(CREATED);
                });

        assertGlueError(() -> catalog().updatePartition(table.id(), KEYS, List.of("2020", "eu"),
                partition("2021", "eu")), GlueErrorCode.ALREADY_EXISTS);
        assertThat(catalog().getPartitions(table.id(), List.of(List.of("2020", "eu")))).hasSize(1);

        assertThat(catalog().updatePartition(table.id(), KEYS, List.of("2020", "eu"), partition("1999", "us")))
                .isTrue();
        assertThat(catalog().getPartitions(table.id(), List.of(List.of("2020", "eu")))).isEmpty();
        assertThat(catalog().getPartitions(table.id(), List.of(List.of("1999", "us")))).singleElement()
                .satisfies(p -> assertThat(p.id()).isEqualTo(id));
        // moved, its typed values moved too: an Expression finds it by its new values
        assertThat(catalog().queryPartitions(table.id(), new PartitionQuery(
                ExpressionBinder.bind("year < 2000 and region = 'us'", KEYS), 0, 1), 0, 10)
                .items()).extracting(StoredPartition::id).containsExactly(id);
        assertThat(catalog().createPartitions(table.id(), KEYS, List.of(partition("2020", "eu")), CREATED)).isEmpty();

        assertThat(catalog().updatePartition(table.id(), KEYS, List.of("1800", "eu"), partition("1800", "eu")))
                .isFalse();
        assertThat(catalog().getPartitions(table.id(), List.of(List.of("1800", "eu")))).isEmpty();
    }

    @Test
    void findsAValueThatDoesNotCastToItsKeysType() {
        StoredTable table = newTable();
        List<PartitionKey> keys = List.of(new PartitionKey("year", "int"), new PartitionKey("day", "date"),
                new PartitionKey("tiny", "tinyint"));
        catalog().createPartitions(table.id(), keys, List.of(partition("2020", "2020-01-01", "1"),
                partition("2021", "2021-02-30", "2"), partition("2022", "2022-01-01", "300")), CREATED);

        assertThat(catalog().findUncastable(table.id(), List.of(0))).isEmpty();
        assertThat(catalog().findUncastable(table.id(), List.of(0, 1))).contains(List.of("2021", "2021-02-30", "2"));
        assertThat(catalog().findUncastable(table.id(), List.of(2))).contains(List.of("2022", "2022-01-01", "300"));
        assertThat(catalog().findUncastable(table.id(), List.of())).isEmpty();

        catalog().updatePartition(table.id(), keys, List.of("2021", "2021-02-30", "2"),
                partition("2021", "2021-02-28", "2"));
        assertThat(catalog().findUncastable(table.id(), List.of(0, 1))).isEmpty();
        catalog().deletePartitions(table.id(), List.of(List.of("2022", "2022-01-01", "300")));
        assertThat(catalog().findUncastable(table.id(), List.of(0, 1, 2))).isEmpty();
    }

    @Test
    void deleteReturnsTheValueListsThatDidNotExist() {
        StoredTable table = newTable();
        catalog().createPartitions(table.id(), KEYS, List.of(partition("2020", "eu"), partition("2021", "eu"),
                partition("2022", "eu")), CREATED);
        long id = catalog().getPartitions(table.id(), List.of(List.of("2020", "eu"))).get(0).id();
        catalog().putColumnStatistics(table.id(), id, Map.of("c", "{}"));

        assertThat(catalog().deletePartitions(table.id(), List.of(List.of("2020", "eu"), List.of("1999", "eu"),
                List.of("2022", "eu")))).containsExactly(List.of("1999", "eu"));

        assertThat(catalog().queryPartitions(table.id(), PartitionQuery.ALL, 0, 10).items())
                .extracting(StoredPartition::values).containsExactly(List.of("2021", "eu"));
        assertThat(catalog().getColumnStatistics(table.id(), id, List.of("c"))).isEmpty();
        assertThat(catalog().deletePartitions(table.id(), List.of(List.of("2020", "eu"))))
                .containsExactly(List.of("2020", "eu"));
        // the values can be used again
        assertThat(catalog().createPartitions(table.id(), KEYS, List.of(partition("2020", "eu")), CREATED)).isEmpty();
    }

    // ---------------------------------------------------------------- partition indexes

    @Test
    void aTableHasAtMostThreePartitionIndexesOfDistinctNames() {
        StoredTable table = newTable();
        StoredPartitionIndex byYear = index("by_year", List.of("year"), List.of(0));
        StoredPartitionIndex byRegion = index("by_region", List.of("region"), List.of(1));
        StoredPartitionIndex byBoth = new StoredPartitionIndex("by_both", List.of("year", "region"), List.of(0, 1),
                "CREATING");
        catalog().createPartitionIndex(table.id(), byYear);
        catalog().createPartitionIndex(table.id(), byRegion);

        assertGlueError(() -> catalog().createPartitionIndex(table.id(), index("by_year", List.of("region"),
                List.of(1))), GlueErrorCode.ALREADY_EXISTS);
        catalog().createPartitionIndex(table.id(), byBoth);
        assertGlueError(() -> catalog().createPartitionIndex(table.id(), index("fourth", List.of("year"), List.of(0))),
                GlueErrorCode.RESOURCE_NUMBER_LIMIT_EXCEEDED);
        assertThat(catalog().getPartitionIndexes(table.id())).containsExactlyInAnyOrder(byYear, byRegion, byBoth);
        // another table's indexes are its own
        assertThat(catalog().getPartitionIndexes(newTable().id())).isEmpty();

        assertThat(catalog().deletePartitionIndex(table.id(), "by_year")).isTrue();
        assertThat(catalog().deletePartitionIndex(table.id(), "by_year")).isFalse();
        assertThat(catalog().getPartitionIndexes(table.id())).containsExactlyInAnyOrder(byRegion, byBoth);
        catalog().createPartitionIndex(table.id(), byYear);
        assertThat(catalog().getPartitionIndexes(table.id())).containsExactlyInAnyOrder(byYear, byRegion, byBoth);
    }

    @Test
    void anIndexedTableStillFindsItsPartitions() {
        StoredTable table = newTable(newDatabase(), List.of(index("by_both", List.of("year", "region"),
                List.of(0, 1))));
        catalog().createPartitions(table.id(), KEYS, List.of(partition("2020", "eu"), partition("2021", "eu"),
                partition("2021", "us")), CREATED);

        assertThat(catalog().queryPartitions(table.id(), new PartitionQuery(
                ExpressionBinder.bind("year = 2021 and region = 'eu'", KEYS), 0, 1), 0, 10)
                .items()).extracting(StoredPartition::values).containsExactly(List.of("2021", "eu"));
    }

    // ---------------------------------------------------------------- column statistics

    @Test
    void keepsColumnStatisticsPerTableAndPerPartition() {
        StoredTable table = newTable();
        catalog().createPartitions(table.id(), KEYS, List.of(partition("2020", "eu")), CREATED);
        long partitionId = catalog().getPartitions(table.id(), List.of(List.of("2020", "eu"))).get(0).id();

        catalog().putColumnStatistics(table.id(), 0, Map.of("a", "{\"t\":\"a\"}", "b", "{\"t\":\"b\"}"));
        catalog().putColumnStatistics(table.id(), partitionId, Map.of("a", "{\"p\":\"a\"}"));
        catalog().putColumnStatistics(table.id(), 0, Map.of("b", "{\"t\":\"b2\"}"));

        assertThat(catalog().getColumnStatistics(table.id(), 0, List.of("a", "b", "missing")))
                .isEqualTo(Map.of("a", "{\"t\":\"a\"}", "b", "{\"t\":\"b2\"}"));
        assertThat(catalog().getColumnStatistics(table.id(), partitionId, List.of("a", "b")))
                .isEqualTo(Map.of("a", "{\"p\":\"a\"}"));
        assertThat(catalog().getColumnStatistics(newTable().id(), 0, List.of("a"))).isEmpty();

        assertThat(catalog().deleteColumnStatistics(table.id(), 0, "a")).isTrue();
        assertThat(catalog().deleteColumnStatistics(table.id(), 0, "a")).isFalse();
        assertThat(catalog().getColumnStatistics(table.id(), 0, List.of("a", "b")))
                .isEqualTo(Map.of("b", "{\"t\":\"b2\"}"));
        assertThat(catalog().getColumnStatistics(table.id(), partitionId, List.of("a")))
                .isEqualTo(Map.of("a", "{\"p\":\"a\"}"));
        assertThat(catalog().deleteColumnStatistics(table.id(), partitionId, "a")).isTrue();
        assertThat(catalog().getColumnStatistics(table.id(), partitionId, List.of("a"))).isEmpty();
    }
}

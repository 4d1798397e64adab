package io.mortar.store.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.model.GlueErrorCode;
import io.mortar.store.Page;
import io.mortar.store.catalog.PartitionQuery;
import io.mortar.store.catalog.PartitionWrite;
import io.mortar.store.catalog.StoredPartition;
import io.mortar.store.catalog.StoredTable;
import io.mortar.store.expression.ExpressionBinder;
import io.mortar.store.expression.PartitionKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * {@link io.mortar.store.catalog.CatalogStore#queryPartitions}: Expressions bound to int, string and date keys,
 * segments and paging. The partitions are chosen so that comparing the values as text instead of as their keys'
 * types gives other answers ({@code 998 < 2023 < 10000} as ints, not as text).
 */
class CatalogPartitionQueryContractTest extends CatalogStoreContract {
    private static final List<PartitionKey> KEYS = List.of(new PartitionKey("year", "int"),
            new PartitionKey("region", "string"), new PartitionKey("day", "date"));
    private static final List<List<String>> PARTITIONS = List.of(
            List.of("998", "eu-west", "2024-01-15"),
            List.of("2023", "eu-west", "2023-12-31"),
            List.of("2023", "us-east", "2024-01-01"),
            List.of("2024", "us-east", "2024-02-29"),
            List.of("2024", "us_west", "2024-03-01"),
            List.of("2024", "usXwest", "2024-03-02"),
            List.of("10000", "ap-south", "2025-01-01"),
            Arrays.asList("2025", null, "2025-06-01"));

    private StoredTable table;

    /** Once per backend, after the base class opened its store. */
    @BeforeParameterizedClassInvocation
    void createPartitions() {
        table = newTable();
        List<PartitionWrite> writes = new ArrayList<>();
        for (List<String> values : PARTITIONS) {
            writes.add(new PartitionWrite(values, null, null, null, null, null));
        }
        assertThat(catalog().createPartitions(table.id(), KEYS, writes, CREATED)).isEmpty();
    }

    @Test
    void comparesValuesAsTheirKeysTypes() {
        assertThat(matching("year > 2023")).containsExactlyInAnyOrder(PARTITIONS.get(3), PARTITIONS.get(4),
                PARTITIONS.get(5), PARTITIONS.get(6), PARTITIONS.get(7));
        assertThat(matching("year < 2023")).containsExactly(PARTITIONS.get(0));
        assertThat(matching("year = 2024")).containsExactlyInAnyOrder(PARTITIONS.get(3), PARTITIONS.get(4),
                PARTITIONS.get(5));
        assertThat(matching("day > '2024-02-29'")).containsExactlyInAnyOrder(PARTITIONS.get(4), PARTITIONS.get(5),
                PARTITIONS.get(6), PARTITIONS.get(7));
        assertThat(matching("region >= 'us'")).containsExactlyInAnyOrder(PARTITIONS.get(2), PARTITIONS.get(3),
                PARTITIONS.get(4), PARTITIONS.get(5));
    }

    @Test
    void matchesLikeInBetweenAndIsNull() {
        assertThat(matching("region LIKE 'us%'")).containsExactlyInAnyOrder(PARTITIONS.get(2), PARTITIONS.get(3),
                PARTITIONS.get(4), PARTITIONS.get(5));
        // '_' stands for any one character
        assertThat(matching("region LIKE 'us_west'")).containsExactlyInAnyOrder(PARTITIONS.get(4), PARTITIONS.get(5));
        assertThat(matching("region NOT LIKE '%-%'")).containsExactlyInAnyOrder(PARTITIONS.get(4), PARTITIONS.get(5));
        assertThat(matching("year IN (998, 2023)")).containsExactlyInAnyOrder(PARTITIONS.get(0), PARTITIONS.get(1),
                PARTITIONS.get(2));
        assertThat(matching("region NOT IN ('eu-west', 'us-east')")).containsExactlyInAnyOrder(PARTITIONS.get(4),
                PARTITIONS.get(5), PARTITIONS.get(6));
        // both bounds included
        assertThat(matching("day BETWEEN '2024-01-01' AND '2024-02-29'")).containsExactlyInAnyOrder(
                PARTITIONS.get(0), PARTITIONS.get(2), PARTITIONS.get(3));
        assertThat(matching("year BETWEEN 999 AND 9999")).containsExactlyInAnyOrder(PARTITIONS.get(1),
                PARTITIONS.get(2), PARTITIONS.get(3), PARTITIONS.get(4), PARTITIONS.get(5), PARTITIONS.get(7));
        assertThat(matching("region IS NULL")).containsExactly(PARTITIONS.get(7));
        assertThat(matching("region IS NOT NULL")).hasSize(PARTITIONS.size() - 1).doesNotContain(PARTITIONS.get(7));
    }

    @Test
    void combinesPredicatesWithThreeValuedLogic() {
        // the partition without a region: "region = …" is unknown there, so only the other side of OR can match it
        assertThat(matching("year >= 2023 AND (region = 'eu-west' OR day > '2024-03-01')"))
                .containsExactlyInAnyOrder(PARTITIONS.get(1), PARTITIONS.get(5), PARTITIONS.get(6), PARTITIONS.get(7));
        assertThat(matching("NOT (region = 'eu-west')")).hasSize(5).doesNotContain(PARTITIONS.get(7));
        assertThat(matching("NOT (year = 2024) AND day < '2025-01-01'")).containsExactlyInAnyOrder(PARTITIONS.get(0),
                PARTITIONS.get(1), PARTITIONS.get(2));
    }

    @Test
    void pagesByIdCursor() {
        List<StoredPartition> all = catalog().queryPartitions(table.id(), PartitionQuery.ALL, 0, 100).items();
        assertThat(all).extracting(StoredPartition::values).containsExactlyInAnyOrderElementsOf(PARTITIONS);
        assertThat(all).extracting(StoredPartition::id).isSorted();

        List<StoredPartition> paged = new ArrayList<>();
        long after = 0;
        while (true) {
            Page<StoredPartition> page = catalog().queryPartitions(table.id(), PartitionQuery.ALL, after, 3);
            paged.addAll(page.items());
            if (page.nextCursor() == null) {
                break;
            }
            assertThat(page.items()).hasSize(3);
            assertThat(page.nextCursor()).isEqualTo(Long.toString(page.items().get(2).id()));
            assertThat(Long.parseLong(page.nextCursor())).as("the cursor advances").isGreaterThan(after);
            after = Long.parseLong(page.nextCursor());
        }
        assertThat(paged).isEqualTo(all);

        // with an Expression, a page holds matches only and the cursor skips what the last page covered
        PartitionQuery since2023 = query("year >= 2023", 0, 1);
        Page<StoredPartition> first = catalog().queryPartitions(table.id(), since2023, 0, 2);
        Page<StoredPartition> rest = catalog().queryPartitions(table.id(), since2023,
                Long.parseLong(first.nextCursor()), 100);
        assertThat(first.items()).hasSize(2);
        assertThat(rest.nextCursor()).isNull();
        List<List<String>> together = new ArrayList<>();
        first.items().forEach(p -> together.add(p.values()));
        rest.items().forEach(p -> together.add(p.values()));
        assertThat(together).containsExactlyInAnyOrderElementsOf(matching("year >= 2023")).hasSize(7);
    }

    @Test
    void segmentsAreDisjointAndTogetherComplete() {
        StoredTable many = newTable();
        List<PartitionKey> keys = List.of(new PartitionKey("n", "int"));
        List<PartitionWrite> writes = IntStream.range(0, 200)
                .mapToObj(n -> new PartitionWrite(List.of(Integer.toString(n)), null, null, null, null, null)).toList();
        catalog().createPartitions(many.id(), keys, writes, CREATED);

        for (int total : List.of(1, 3, 8)) {
            Set<String> seen = new HashSet<>();
            List<Integer> sizes = new ArrayList<>();
            for (int segment = 0; segment < total; segment++) {
                List<StoredPartition> part = catalog().queryPartitions(many.id(), new PartitionQuery(null, segment,
                        total), 0, 1000).items();
                sizes.add(part.size());
                part.forEach(p -> assertThat(seen.add(p.values().get(0)))
                        .as("%s is in one segment of %d only", p.values(), total).isTrue());
                // a partition stays in its segment: the same slice comes back again
                assertThat(catalog().queryPartitions(many.id(), new PartitionQuery(null, segment, total), 0, 1000)
                        .items()).isEqualTo(part);
            }
            assertThat(seen).as("the union of %d segments", total).hasSize(200);
            if (total > 1) {
                assertThat(sizes).as("segment sizes of %d", total).allSatisfy(size -> assertThat(size).isPositive());
            }
        }

        // with an Expression, the segments split the matches
        Set<String> matched = new HashSet<>();
        for (int segment = 0; segment < 4; segment++) {
            catalog().queryPartitions(many.id(), new PartitionQuery(ExpressionBinder.bind("n < 50", keys), segment, 4),
                    0, 1000).items().forEach(p -> assertThat(matched.add(p.values().get(0))).isTrue());
        }
        assertThat(matched).hasSize(50).allSatisfy(n -> assertThat(Integer.parseInt(n)).isLessThan(50));
    }

    @Test
    void anUncastableValueFailsAnExpressionOnItsKeyOnly() {
        StoredTable bad = newTable();
        catalog().createPartitions(bad.id(), KEYS, List.of(
                new PartitionWrite(List.of("2024", "eu", "2024-01-01"), null, null, null, null, null),
                new PartitionWrite(List.of("twenty", "eu", "2024-01-02"), null, null, null, null, null)), CREATED);

        assertGlueError(() -> catalog().queryPartitions(bad.id(), query("year > 2000", 0, 1), 0, 10),
                GlueErrorCode.INVALID_STATE).hasMessageContaining("twenty");
        assertGlueError(() -> catalog().queryPartitions(bad.id(), query("region = 'x' OR year = 1", 0, 1), 0, 10),
                GlueErrorCode.INVALID_STATE);
        // an Expression that does not mention the key, or none at all, is answered
        assertThat(catalog().queryPartitions(bad.id(), query("day = '2024-01-02'", 0, 1), 0, 10).items())
                .extracting(StoredPartition::values).containsExactly(List.of("twenty", "eu", "2024-01-02"));
        assertThat(catalog().queryPartitions(bad.id(), PartitionQuery.ALL, 0, 10).items()).hasSize(2);
    }

    @Test
    void anExpressionOnKeyElevenIsRefused() {
        StoredTable wide = newTable();
        List<PartitionKey> keys = IntStream.rangeClosed(1, 11).mapToObj(n -> new PartitionKey("k" + n, "string"))
                .toList();
        List<String> values = IntStream.rangeClosed(1, 11).mapToObj(n -> "v" + n).toList();
        catalog().createPartitions(wide.id(), keys, List.of(new PartitionWrite(values, null, null, null, null, null)),
                CREATED);

        assertThat(catalog().queryPartitions(wide.id(), new PartitionQuery(ExpressionBinder.bind("k10 = 'v10'", keys),
                0, 1), 0, 10).items()).extracting(StoredPartition::values).containsExactly(values);
        assertGlueError(() -> catalog().queryPartitions(wide.id(), new PartitionQuery(
                ExpressionBinder.bind("k11 = 'v11'", keys), 0, 1), 0, 10), GlueErrorCode.INVALID_INPUT)
                .hasMessageContaining("11");
        assertThat(catalog().getPartitions(wide.id(), List.of(values))).hasSize(1);
    }

    private PartitionQuery query(String expression, int segment, int total) {
        return new PartitionQuery(ExpressionBinder.bind(expression, KEYS), segment, total);
    }

    private List<List<String>> matching(String expression) {
        Page<StoredPartition> page = catalog().queryPartitions(table.id(), query(expression, 0, 1), 0, 100);
        assertThat(page.nextCursor()).isNull();
        return page.items().stream().map(StoredPartition::values).toList();
    }
}

package io.mortar.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionRequest;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;

/**
 * What the partition table's performance work must not change: a partition's unique key (the value list itself,
 * or a prefix and a hash for long lists) tells apart lists that share a long prefix; and what it relies on: with
 * the statistics the schema seeds, SQLite answers a selective Expression from the partition-key index.
 */
class PartitionKeysAndPlansTest {
    private static final String LONG = "v".repeat(200); // value lists longer than any plain key

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void longValueListsSharingAPrefixStayDistinct(StoreBackend backend) {
        Path dir = StoreBackend.tempDir("mortar-keys");
        StoreSettings settings = backend.create(dir);
        try (JdbcStores stores = JdbcStores.open(settings)) {
            Catalog catalog = catalog(stores);
            createTable(catalog, "a", "b");
            List<PartitionInput> inputs = List.of(partition(LONG, "1"), partition(LONG, "2"), partition("short", "1"),
                    partition(LONG + "x", "1"));

            BatchCreatePartitionResponse first = create(catalog, inputs);
            List<PartitionInput> again = new ArrayList<>(inputs);
            again.add(partition(LONG, "3"));
            BatchCreatePartitionResponse second = create(catalog, again);

            assertThat(first.errors()).isEmpty();
            assertThat(second.errors()).extracting(PartitionError::partitionValues).containsExactlyInAnyOrder(
                    List.of(LONG, "1"), List.of(LONG, "2"), List.of("short", "1"), List.of(LONG + "x", "1"));
            assertThat(second.errors()).allSatisfy(e ->
                    assertThat(e.errorDetail().errorCode()).isEqualTo("AlreadyExistsException"));
            assertThat(catalog.partitions().batchGetPartition(BatchGetPartitionRequest.builder().databaseName("db")
                    .tableName("t").partitionsToGet(values(LONG, "2"), values(LONG, "3"), values(LONG, "4")).build())
                    .partitions())
                    .extracting(p -> p.values()).containsExactlyInAnyOrder(List.of(LONG, "2"), List.of(LONG, "3"));
            assertThat(catalog.partitions().getPartitions(GetPartitionsRequest.builder().databaseName("db")
                    .tableName("t").build()).partitions())
                    .hasSize(5);
        } finally {
            backend.dispose(settings);
        }
    }

    @Test
    void sqlitePlansSelectiveExpressionsOnThePartitionKeyIndex() throws Exception {
        Path dir = StoreBackend.tempDir("mortar-plans");
        StoreSettings settings = StoreBackend.SQLITE.create(dir);
        try (JdbcStores stores = JdbcStores.open(settings)) {
            Catalog catalog = catalog(stores);
            createTable(catalog, "year", "month", "region");
            create(catalog, List.of(partition("2024", "1", "eu"), partition("2024", "2", "us")));
        }
        // A connection opened now plans with the statistics the schema seeded, as the store's readers do.
        assertThat(plan(settings)).contains("USING INDEX partitions_by_keys (table_id=? AND k1=? AND k2=?");
    }

    /** How a new connection plans the selective query of the benchmark (the shape the JDBC store's PartitionRows.query runs). */
    private static String plan(StoreSettings settings) throws Exception {
        try (Connection c = DriverManager.getConnection(settings.url()); Statement st = c.createStatement();
             ResultSet plan = st.executeQuery("EXPLAIN QUERY PLAN SELECT p.id, p.value_list FROM partitions p"
                     + " WHERE p.table_id = 1 AND p.id > 0 AND p.k1 = '22147483651202' AND p.k2 = '221474836482'"
                     + " AND p.k3 GLOB 'r-1*' ORDER BY p.id LIMIT 101")) {
            StringBuilder text = new StringBuilder();
            while (plan.next()) {
                text.append(plan.getString("detail")).append('\n');
            }
            return text.toString();
        }
    }

    @Test
    void sqliteMeasuresStatisticsOnceTheTableIsFarFromTheSeededOnes() throws Exception {
        Path dir = StoreBackend.tempDir("mortar-stats");
        StoreSettings settings = StoreBackend.SQLITE.create(dir);
        try (JdbcStores stores = JdbcStores.open(settings)) {
            Catalog catalog = catalog(stores);
            createTable(catalog, "year", "month", "region");
            for (int month = 1; month <= 20; month++) {
                List<PartitionInput> batch = new ArrayList<>();
                for (int region = 0; region < 100; region++) {
                    batch.add(partition("2024", Integer.toString(month), "r-" + region));
                }
                assertThat(create(catalog, batch).errors()).isEmpty();
            }
            assertThat(statistics(settings, "partitions_by_table")).isEqualTo("1000000 100000 1");

            stores.refreshStatistics();

            assertThat(statistics(settings, "partitions_by_table")).startsWith("2000 ");
            assertThat(plan(settings)).contains("USING INDEX partitions_by_keys (table_id=? AND k1=? AND k2=?");
        }
    }

    private static String statistics(StoreSettings settings, String index) throws Exception {
        try (Connection c = DriverManager.getConnection(settings.url()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT stat FROM sqlite_stat1 WHERE idx = '" + index + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static Catalog catalog(JdbcStores stores) {
        return new Catalog(stores.catalog(), CatalogIdentity.DEFAULT, Clock.systemUTC());
    }

    private static void createTable(Catalog catalog, String... keys) {
        catalog.databases().createDatabase(CreateDatabaseRequest.builder().databaseInput(d -> d.name("db")).build());
        List<Column> partitionKeys = new ArrayList<>();
        for (String key : keys) {
            partitionKeys.add(Column.builder().name(key).type(key.equals("region") || key.length() == 1
                    ? "string" : "int").build());
        }
        catalog.tables().createTable(CreateTableRequest.builder().databaseName("db").tableInput(t -> t.name("t")
                .partitionKeys(partitionKeys).storageDescriptor(sd -> sd.location("s3://bucket/t/"))).build());
    }

    private static BatchCreatePartitionResponse create(Catalog catalog, List<PartitionInput> inputs) {
        return catalog.partitions().batchCreatePartition(BatchCreatePartitionRequest.builder().databaseName("db")
                .tableName("t").partitionInputList(inputs).build());
    }

    private static PartitionInput partition(String... values) {
        return PartitionInput.builder().values(values)
                .storageDescriptor(sd -> sd.location("s3://bucket/t/" + String.join("/", values).hashCode() + "/"))
                .build();
    }

    private static PartitionValueList values(String... values) {
        return PartitionValueList.builder().values(values).build();
    }
}

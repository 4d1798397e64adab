package io.mortar.store.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.store.catalog.CatalogStore;
import io.mortar.store.catalog.PartitionWrite;
import io.mortar.store.expression.PartitionKey;
import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the partition table's performance relies on in SQLite: with the statistics the schema seeds, a selective
 * Expression is answered from the partition-key index; once a table is far from the seeded figures, measured
 * statistics replace them and keep that plan.
 */
class SqlitePartitionPlansTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final List<PartitionKey> KEYS = List.of(new PartitionKey("year", "int"),
            new PartitionKey("month", "int"), new PartitionKey("region", "string"));

    @Test
    void sqlitePlansSelectiveExpressionsOnThePartitionKeyIndex() throws Exception {
        StoreSettings settings = StoreBackend.SQLITE.create(StoreBackend.tempDir("mortar-plans"));
        try (JdbcStores stores = JdbcStores.open(settings)) {
            CatalogStore store = stores.catalog();
            long table = createTable(store);
            store.createPartitions(table, KEYS, List.of(partition("2024", "1", "eu"), partition("2024", "2", "us")),
                    NOW);
        }
        // A connection opened now plans with the statistics the schema seeded, as the store's readers do.
        assertThat(plan(settings)).contains("USING INDEX partitions_by_keys (table_id=? AND k1=? AND k2=?");
    }

    @Test
    void sqliteMeasuresStatisticsOnceTheTableIsFarFromTheSeededOnes() throws Exception {
        StoreSettings settings = StoreBackend.SQLITE.create(StoreBackend.tempDir("mortar-stats"));
        try (JdbcStores stores = JdbcStores.open(settings)) {
            CatalogStore store = stores.catalog();
            long table = createTable(store);
            for (int month = 1; month <= 20; month++) {
                List<PartitionWrite> batch = new ArrayList<>();
                for (int region = 0; region < 100; region++) {
                    batch.add(partition("2024", Integer.toString(month), "r-" + region));
                }
                assertThat(store.createPartitions(table, KEYS, batch, NOW)).isEmpty();
            }
            assertThat(statistics(settings, "partitions_by_table")).isEqualTo("1000000 100000 1");

            stores.refreshStatistics();

            assertThat(statistics(settings, "partitions_by_table")).startsWith("2000 ");
            assertThat(plan(settings)).contains("USING INDEX partitions_by_keys (table_id=? AND k1=? AND k2=?");
        }
    }

    /** How a new connection plans the selective query of the benchmark (the shape PartitionRows.query runs). */
    private static String plan(StoreSettings settings) throws Exception {
        try (Connection c = StoreBackend.connect(settings); Statement st = c.createStatement();
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

    private static String statistics(StoreSettings settings, String index) throws Exception {
        try (Connection c = StoreBackend.connect(settings); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT stat FROM sqlite_stat1 WHERE idx = '" + index + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static long createTable(CatalogStore store) {
        store.createDatabase("db", "{\"Name\":\"db\"}", NOW, "arn:db", Map.of());
        store.createTable("db", "t", "{\"Name\":\"t\"}", NOW, List.of());
        return store.getTable("db", "t").orElseThrow().id();
    }

    private static PartitionWrite partition(String... values) {
        return new PartitionWrite(List.of(values), "s3://bucket/t/" + String.join("/", values).hashCode() + "/",
                "{\"Location\":null}", null, null, null);
    }
}

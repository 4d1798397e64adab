package io.mortar.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.catalog.expression.PartitionKey;
import io.mortar.catalog.testing.StoreBackend;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Store behaviour below the services: migrations, atomicity, shared storage descriptors. Both backends. */
class JdbcCatalogStoreTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final List<PartitionKey> KEYS = List.of(new PartitionKey("year", "int"),
            new PartitionKey("region", "string"));

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void migrationsApplyOnceAndAreRecorded(StoreBackend backend) throws SQLException {
        Path dir = StoreBackend.tempDir("store-test");
        StoreSettings settings = backend.create(dir);
        try {
            new JdbcCatalogStore(settings).close();
            new JdbcCatalogStore(settings).close(); // reopening applies nothing twice

            try (Connection c = connect(settings);
                 ResultSet rs = c.createStatement().executeQuery("SELECT version, name FROM schema_version")) {
                List<String> applied = new ArrayList<>();
                while (rs.next()) {
                    applied.add(rs.getInt(1) + ":" + rs.getString(2));
                }
                assertThat(applied).containsExactly("1:V1__catalog.sql", "2:V2__partition_value_key.sql",
                        "3:V3__jobs.sql", "4:V4__crawlers.sql", "5:V5__connections.sql",
                        "6:V6__classifiers.sql", "7:V7__crawls.sql");
            }
        } finally {
            backend.dispose(settings);
        }
    }

    /**
     * A store made by the first release (partitions unique by value_hash) is migrated to value_key, and each
     * row's key is exactly what PartitionStore computes for lookups, long value lists with characters outside
     * the BMP included (SQL would count those differently).
     */
    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void aFirstReleaseStoreMigratesToValueKeys(StoreBackend backend) throws SQLException {
        Path dir = StoreBackend.tempDir("store-test");
        StoreSettings settings = backend.create(dir);
        List<String> valueLists = List.of("[\"2024\",\"eu\"]",
                "[\"" + "x".repeat(150) + "\uD83D\uDE00".repeat(10) + "\"]",
                "[\"" + "\uD83D\uDE00".repeat(79) + "\"]");
        try {
            try (Connection c = connect(settings)) {
                Migrator.migrate(c, StoreDialect.fromJdbcUrl(settings.url()), 1);
                try (var insert = c.prepareStatement("INSERT INTO partitions (table_id, value_hash, value_list,"
                        + " uncastable, segment, create_time) VALUES (1, ?, ?, 0, 0, 0)")) {
                    for (String list : valueLists) {
                        insert.setString(1, "hash-of-" + list.hashCode());
                        insert.setString(2, list);
                        insert.executeUpdate();
                    }
                }
            }
            new JdbcCatalogStore(settings).close(); // applies V2 and later

            try (Connection c = connect(settings);
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT value_list, value_key FROM partitions ORDER BY id")) {
                List<String> lists = new ArrayList<>();
                while (rs.next()) {
                    assertThat(rs.getString(2)).isEqualTo(PartitionStore.valueKey(rs.getString(1)));
                    lists.add(rs.getString(1));
                }
                assertThat(lists).containsExactlyElementsOf(valueLists);
                assertThat(PartitionStore.valueKey(valueLists.get(1))).contains("#"); // the hashed form was covered
                assertThatThrownBy(() -> c.createStatement().executeQuery("SELECT value_hash FROM partitions"))
                        .isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> c.createStatement().executeUpdate("INSERT INTO partitions (table_id,"
                        + " value_key, value_list, uncastable, segment, create_time) VALUES (1, '[\"2024\",\"eu\"]',"
                        + " '[]', 0, 0, 0)")).isInstanceOf(SQLException.class); // value_key is unique per table
            }
        } finally {
            backend.dispose(settings);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void aFailedCreateTableLeavesNoTableBehind(StoreBackend backend) {
        Path dir = StoreBackend.tempDir("store-test");
        StoreSettings settings = backend.create(dir);
        try (JdbcCatalogStore store = new JdbcCatalogStore(settings)) {
            store.createDatabase("db", "{\"Name\":\"db\"}", NOW, "arn:db", null);
            StoredPartitionIndex index = new StoredPartitionIndex("by_year", List.of("year"), List.of(0), "ACTIVE");

            // the second index fails after the table row and the first index were written in the transaction
            assertThatThrownBy(() -> store.createTable("db", "t", "{\"Name\":\"t\"}", NOW, List.of(index, index)))
                    .isInstanceOfSatisfying(GlueException.class,
                            e -> assertThat(e.code()).isEqualTo(GlueErrorCode.ALREADY_EXISTS));

            assertThat(store.getTable("db", "t")).isEmpty();
            store.createTable("db", "t", "{\"Name\":\"t\"}", NOW, List.of(index)); // and the name is free again
            assertThat(store.getPartitionIndexes(store.getTable("db", "t").orElseThrow().id())).hasSize(1);
        } finally {
            backend.dispose(settings);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void partitionsShareOneStorageDescriptorRowPerDistinctContent(StoreBackend backend) throws SQLException {
        Path dir = StoreBackend.tempDir("store-test");
        StoreSettings settings = backend.create(dir);
        try (JdbcCatalogStore store = new JdbcCatalogStore(settings)) {
            store.createDatabase("db", "{\"Name\":\"db\"}", NOW, "arn:db", null);
            store.createTable("db", "t", "{\"Name\":\"t\"}", NOW, List.of());
            long tableId = store.getTable("db", "t").orElseThrow().id();
            String sd = "{\"Columns\":[{\"Name\":\"id\",\"Type\":\"bigint\"}]}";
            List<PartitionWrite> writes = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                writes.add(new PartitionWrite(List.of(Integer.toString(2000 + i), "eu"), "s3://b/y=" + i, sd, null,
                        null, null));
            }
            writes.add(new PartitionWrite(List.of("1999", "us"), "s3://b/other", "{\"Columns\":[]}", null, null, null));

            assertThat(store.createPartitions(tableId, KEYS, writes, NOW)).isEmpty();

            try (Connection c = connect(settings);
                 ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM storage_descriptors")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            List<StoredPartition> read = store.getPartitions(tableId, List.of(List.of("2007", "eu")));
            assertThat(read).singleElement().satisfies(p -> {
                assertThat(p.location()).isEqualTo("s3://b/y=7");
                assertThat(p.storageDescriptor()).isEqualTo(sd);
            });
        } finally {
            backend.dispose(settings);
        }
    }

    /**
     * Two batches adding the same new storage descriptors in opposite orders, at the same time: a deadlock or retry
     * must never leave a partition pointing at a descriptor row that was rolled back.
     */
    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void concurrentBatchesWithOverlappingDescriptorsKeepEveryDescriptor(StoreBackend backend) throws Exception {
        Path dir = StoreBackend.tempDir("store-test");
        StoreSettings settings = backend.create(dir);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (JdbcCatalogStore store = new JdbcCatalogStore(settings)) {
            store.createDatabase("db", "{\"Name\":\"db\"}", NOW, "arn:db", null);
            store.createTable("db", "t", "{\"Name\":\"t\"}", NOW, List.of());
            long tableId = store.getTable("db", "t").orElseThrow().id();
            List<PartitionKey> keys = List.of(new PartitionKey("k", "string"));
            for (int round = 0; round < 5; round++) {
                List<PartitionWrite> one = new ArrayList<>();
                List<PartitionWrite> two = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    one.add(write("r" + round + "-one-" + i, "{\"InputFormat\":\"f" + round + "-" + i + "\"}"));
                    two.add(write("r" + round + "-two-" + i, "{\"InputFormat\":\"f" + round + "-" + (99 - i) + "\"}"));
                }
                CyclicBarrier start = new CyclicBarrier(2);
                Future<List<List<String>>> first = pool.submit(() -> {
                    start.await();
                    return store.createPartitions(tableId, keys, one, NOW);
                });
                Future<List<List<String>>> second = pool.submit(() -> {
                    start.await();
                    return store.createPartitions(tableId, keys, two, NOW);
                });
                assertThat(first.get(60, TimeUnit.SECONDS)).isEmpty();
                assertThat(second.get(60, TimeUnit.SECONDS)).isEmpty();
            }

            Page<StoredPartition> all = store.queryPartitions(tableId, PartitionFilter.ALL, 0, 2000);
            assertThat(all.items()).hasSize(1000).allSatisfy(p -> assertThat(p.storageDescriptor())
                    .as("descriptor of %s", p.values()).isNotNull().contains("\"InputFormat\":\"f"));
        } finally {
            pool.shutdownNow();
            backend.dispose(settings);
        }
    }

    private static PartitionWrite write(String value, String descriptor) {
        return new PartitionWrite(List.of(value), "s3://b/" + value, descriptor, null, null, null);
    }

    private static Connection connect(StoreSettings settings) throws SQLException {
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
            props.setProperty("password", settings.password());
        }
        return DriverManager.getConnection(settings.url(), props);
    }
}

package io.mortar.store.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.catalog.CatalogStore;
import io.mortar.store.catalog.PartitionQuery;
import io.mortar.store.catalog.PartitionWrite;
import io.mortar.store.catalog.StoredPartition;
import io.mortar.store.catalog.StoredPartitionIndex;
import io.mortar.store.expression.PartitionKey;
import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Store behaviour below the services: atomicity, shared storage descriptors, concurrency. Both backends. */
class JdbcCatalogStoreTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final List<PartitionKey> KEYS = List.of(new PartitionKey("year", "int"),
            new PartitionKey("region", "string"));

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void aFailedCreateTableLeavesNoTableBehind(StoreBackend backend) {
        Path dir = StoreBackend.tempDir("store-test");
        StoreSettings settings = backend.create(dir);
        try (JdbcStores stores = JdbcStores.open(settings)) {
            CatalogStore store = stores.catalog();
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
        try (JdbcStores stores = JdbcStores.open(settings)) {
            CatalogStore store = stores.catalog();
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

            try (Connection c = StoreBackend.connect(settings);
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
        try (JdbcStores stores = JdbcStores.open(settings)) {
            CatalogStore store = stores.catalog();
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

            Page<StoredPartition> all = store.queryPartitions(tableId, PartitionQuery.ALL, 0, 2000);
            assertThat(all.items()).hasSize(1000).allSatisfy(p -> assertThat(p.storageDescriptor())
                    .as("descriptor of %s", p.values()).isNotNull().contains("\"InputFormat\":\"f"));
        } finally {
            pool.shutdownNow();
            backend.dispose(settings);
        }
    }

    /**
     * Reads never queue for a connection behind writers that wait for a lock: with every writer connection (and more
     * writers besides) waiting for a table's lock, the table and its partitions are still read. Under load, writers of
     * one table queue on its row lock, and with one pool for both they held every connection while reads waited.
     */
    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void readsAreServedWhileEveryWriterWaitsForATableLock(StoreBackend backend) throws Exception {
        Path dir = StoreBackend.tempDir("store-test");
        StoreSettings created = backend.create(dir);
        StoreSettings settings = new StoreSettings(created.url(), created.user(), created.password(), 2,
                created.durableCommits());
        List<PartitionKey> keys = List.of(new PartitionKey("k", "string"));
        ExecutorService writers = Executors.newFixedThreadPool(3);
        try (JdbcStores stores = JdbcStores.open(settings); Connection holder = StoreBackend.connect(settings);
             Connection observer = StoreBackend.connect(settings)) {
            CatalogStore store = stores.catalog();
            store.createDatabase("db", "{\"Name\":\"db\"}", NOW, "arn:db", null);
            store.createTable("db", "t", "{\"Name\":\"t\"}", NOW, List.of());
            long tableId = store.getTable("db", "t").orElseThrow().id();
            store.createPartitions(tableId, keys, List.of(write("a", null)), NOW);
            holder.setAutoCommit(false);
            // the table's exclusive lock, as an UpdateTable re-encoding its partitions holds it (on SQLite: the write lock)
            try (var lock = holder.prepareStatement(backend == StoreBackend.POSTGRESQL
                    ? "SELECT id FROM catalog_tables WHERE id = ? FOR UPDATE"
                    : "UPDATE catalog_tables SET update_time = update_time WHERE id = ?")) {
                lock.setLong(1, tableId);
                assertThat(lock.execute() ? 1 : lock.getUpdateCount()).isEqualTo(1);
            }
            List<Future<List<List<String>>>> writes = new ArrayList<>();
            for (String value : List.of("b", "c", "d")) {
                writes.add(writers.submit(() -> store.createPartitions(tableId, keys, List.of(write(value, null)), NOW)));
            }
            awaitLockWaiters(backend, observer, settings.maxConnections());

            assertThat(store.getTable("db", "t")).isPresent();
            assertThat(store.queryPartitions(tableId, PartitionQuery.ALL, 0, 10).items())
                    .extracting(p -> p.values().get(0)).containsExactly("a");
            assertThat(writes).noneMatch(Future::isDone);

            holder.commit();
            // sqlite-jdbc begins the next transaction at once (BEGIN IMMEDIATE, so the write lock again) while
            // auto-commit is off
            holder.setAutoCommit(true);
            for (Future<List<List<String>>> write : writes) {
                assertThat(write.get(60, TimeUnit.SECONDS)).isEmpty();
            }
            assertThat(store.queryPartitions(tableId, PartitionQuery.ALL, 0, 10).items()).hasSize(4);
        } finally {
            writers.shutdownNow();
            backend.dispose(settings);
        }
    }

    /**
     * PostgreSQL: waits until this many sessions of the database wait for a lock (asked outside any transaction, whose
     * view of pg_stat_activity would stay as it was when first read). SQLite's writer waits inside
     * {@code BEGIN IMMEDIATE}, where nothing shows it: there every read has a connection of its own anyway.
     */
    private static void awaitLockWaiters(StoreBackend backend, Connection observer, int waiters) throws Exception {
        if (backend != StoreBackend.POSTGRESQL) {
            return;
        }
        for (int attempt = 0; attempt < 3000; attempt++) {
            try (var count = observer.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND wait_event_type = 'Lock'");
                 ResultSet rs = count.executeQuery()) {
                rs.next();
                if (rs.getInt(1) >= waiters) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the writers never waited for the table's lock");
    }

    private static PartitionWrite write(String value, String descriptor) {
        return new PartitionWrite(List.of(value), "s3://b/" + value, descriptor, null, null, null);
    }

}

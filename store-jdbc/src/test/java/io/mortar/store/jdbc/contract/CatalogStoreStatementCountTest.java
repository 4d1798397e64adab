package io.mortar.store.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.store.catalog.CatalogStore;
import io.mortar.store.catalog.PartitionQuery;
import io.mortar.store.catalog.PartitionWrite;
import io.mortar.store.catalog.StoredPartition;
import io.mortar.store.expression.ExpressionBinder;
import io.mortar.store.expression.PartitionKey;
import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StatementCounter;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exact number of SQL statements the catalog store sends for its hot paths, on each backend, so that an N+1 (or
 * any other extra round trip) fails here at once. Each expected number is derived beside it: when one changes, the
 * derivation says whether the change is a regression or a deliberate new design, whose derivation then replaces
 * the old one.
 *
 * <p>Counted with {@link StatementCounter}, which sees only connections opened while it is installed: this class
 * opens a store of its own after installing it, rather than sharing {@link CatalogStoreContract}'s. Both backends
 * send the same statements (PostgreSQL's row locks are clauses of the same SELECTs SQLite runs without them).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogStoreStatementCountTest {
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123Z");
    private static final List<PartitionKey> KEYS = List.of(new PartitionKey("n", "int"));
    private static final int PAGE = 1000;

    @Parameter
    StoreBackend backend;

    private StatementCounter counter;
    private StoreSettings settings;
    private JdbcStores stores;
    private int tables;

    @BeforeParameterizedClassInvocation
    void openCountedStore(StoreBackend backend) throws SQLException {
        // SQLite's planner-statistics refresh runs on a timer of its own; it is no part of any call measured here.
        counter = StatementCounter.install(Set.of("mortar-store-statistics"));
        settings = backend.create(StoreBackend.tempDir("statement-count"));
        stores = JdbcStores.open(settings);
    }

    @AfterParameterizedClassInvocation
    void closeCountedStore(StoreBackend backend) throws SQLException {
        try {
            if (stores != null) {
                stores.close();
            }
            if (settings != null) {
                backend.dispose(settings);
            }
        } finally {
            counter.uninstall();
        }
    }

    @Test
    void aBatchOfPartitionsSharingOneStorageDescriptor() {
        long table = newTable();
        String descriptor = "{\"InputFormat\":\"shared-" + table + "\"}";

        List<String> first = counter.statementsDuring(() -> assertThat(catalog().createPartitions(table, KEYS,
                writes(0, 100, n -> descriptor), NOW)).isEmpty());
        List<String> later = counter.statementsDuring(() -> assertThat(catalog().createPartitions(table, KEYS,
                writes(100, 100, n -> descriptor), NOW)).isEmpty());

        // 1 table lock (shared) + 2 for the new descriptor (insert if absent, read its id) + 1 insert of the 100 rows
        // (one statement, skipping value keys taken already and answering those it inserted)
        assertThat(first).as("statements for the first batch of 100").hasSize(4);
        // the same, with the descriptor's id cached since the first batch committed: 1 lock + 1 insert
        assertThat(later).as("statements for a later batch of 100").hasSize(2);
        assertThat(catalog().queryPartitions(table, PartitionQuery.ALL, 0, PAGE).items()).hasSize(200)
                .allSatisfy(p -> assertThat(p.storageDescriptor()).isEqualTo(descriptor));
    }

    @Test
    void aBatchOfPartitionsWithDistinctStorageDescriptors() {
        long table = newTable();

        List<String> statements = counter.statementsDuring(() -> assertThat(catalog().createPartitions(table, KEYS,
                writes(0, 100, n -> descriptor(table, n)), NOW)).isEmpty());

        // 1 table lock + 2 per new descriptor (insert if absent, read its id) × 100 + 1 insert of the 100 rows.
        // Each distinct descriptor costs two round trips: batching them is a possible improvement.
        assertThat(statements).as("statements for a batch of 100 with distinct descriptors").hasSize(202);
    }

    @Test
    void aPageOfAThousandPartitionsWithDistinctStorageDescriptors() {
        long table = newTable();
        for (int from = 0; from < PAGE; from += 100) {
            catalog().createPartitions(table, KEYS, writes(from, 100, n -> descriptor(table, n)), NOW);
        }
        List<List<StoredPartition>> reads = new ArrayList<>();

        List<String> firstRead = counter.statementsDuring(() -> reads.add(catalog().queryPartitions(table,
                PartitionQuery.ALL, 0, PAGE).items()));
        List<String> cachedRead = counter.statementsDuring(() -> reads.add(catalog().queryPartitions(table,
                PartitionQuery.ALL, 0, PAGE).items()));
        PartitionQuery filter = new PartitionQuery(ExpressionBinder.bind("n >= 0", KEYS), 0, 1);
        List<String> filteredRead = counter.statementsDuring(() -> reads.add(catalog().queryPartitions(table, filter,
                0, PAGE).items()));
        List<List<String>> valueLists = IntStream.range(0, PAGE).mapToObj(n -> List.of(Integer.toString(n))).toList();
        List<String> batchRead = counter.statementsDuring(() -> reads.add(catalog().getPartitions(table,
                valueLists)));

        assertThat(reads).hasSize(4).allSatisfy(read -> assertThat(read).hasSize(PAGE).allSatisfy(p ->
                assertThat(p.storageDescriptor()).isEqualTo(descriptor(table, Integer.parseInt(p.values().get(0))))));
        // 1 select of the page + 10 reads of its 1000 descriptors' documents (IN lists of 100 ids)
        assertThat(firstRead).as("statements for the first page of %d", PAGE).hasSize(11);
        // 1 select of the page; every descriptor's document is cached since the first read
        assertThat(cachedRead).as("statements for the same page again").hasSize(1);
        // 1 check that no value of the key the Expression uses fails to cast + 1 select of the page
        assertThat(filteredRead).as("statements for a page with an Expression").hasSize(2);
        // 10 selects (IN lists of 100 value keys); descriptors cached
        assertThat(batchRead).as("statements for %d value lists", PAGE).hasSize(10);
    }

    /**
     * An UpdateTable that changes no partition key's type (a parameter, a key's name, the spelling of its type) leaves
     * every partition row as it is: the same executions whatever the number of partitions. Rewriting them all held
     * the table's lock for seconds at 10,000 partitions (issue 12, finding 3).
     */
    @Test
    void anUpdateThatChangesNoKeyTypeTouchesNoPartition() {
        for (int partitions : List.of(100, 1000)) {
            long table = newTable();
            String name = "t" + tables;
            for (int from = 0; from < partitions; from += 100) {
                catalog().createPartitions(table, KEYS, writes(from, 100, n -> "{}"), NOW);
            }
            List<PartitionKey> renamed = List.of(new PartitionKey("m", " INTEGER "));

            List<String> parameter = counter.executionsDuring(() -> assertThat(catalog().updateTable("db", name,
                    "{\"Parameters\":{\"p\":\"1\"}}", NOW, null, true, t -> KEYS, KEYS)).contains(1L));
            List<String> rename = counter.executionsDuring(() -> assertThat(catalog().updateTable("db", name,
                    "{\"Parameters\":{\"p\":\"2\"}}", NOW, 1L, false, t -> KEYS, renamed)).contains(2L));

            // 1 read of the table + 1 UPDATE of its row (the version check in its WHERE) + 1 archive of the old row
            assertThat(parameter).as("executions for a parameter change, %d partitions", partitions).hasSize(3);
            // the same without the archive (SkipArchive)
            assertThat(rename).as("executions for a renamed key of the same type, %d partitions", partitions)
                    .hasSize(2);
        }
    }

    /**
     * Concurrent UpdateTables without a VersionId apply one on top of another; one that finds the row changed under
     * it re-reads it, and still writes no partition when no key type changed. The holder's open transaction makes the
     * update's first UPDATE wait and then match no row (the race).
     */
    @Test
    void anUpdateRacingAnotherWithoutAVersionTouchesNoPartition() throws Exception {
        // SQLite's single writer reads the table inside its BEGIN IMMEDIATE: no other writer can come between
        Assumptions.assumeTrue(backend == StoreBackend.POSTGRESQL, "a race of writers needs PostgreSQL");
        long table = newTable();
        String name = "t" + tables;
        for (int from = 0; from < 500; from += 100) {
            catalog().createPartitions(table, KEYS, writes(from, 100, n -> "{}"), NOW);
        }
        List<String> executions;
        try (Connection holder = StoreBackend.connect(settings)) {
            holder.setAutoCommit(false);
            // another writer's UpdateTable, committed once the update below is waiting for it
            try (PreparedStatement bump = holder.prepareStatement(
                    "UPDATE catalog_tables SET version_id = version_id + 1 WHERE id = ?")) {
                bump.setLong(1, table);
                assertThat(bump.executeUpdate()).isEqualTo(1);
            }
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                CompletableFuture<Optional<Long>> update = new CompletableFuture<>();
                executions = counter.executionsDuring(() -> {
                    thread.execute(() -> {
                        try {
                            update.complete(catalog().updateTable("db", name, "{\"Parameters\":{\"p\":\"1\"}}", NOW,
                                    null, true, t -> KEYS, KEYS));
                        } catch (RuntimeException | Error e) {
                            update.completeExceptionally(e);
                        }
                    });
                    awaitBlocked(update);
                    commit(holder);
                    assertThat(update.join()).contains(2L);
                });
            } finally {
                thread.shutdownNow();
            }
        }

        assertThat(executions).as("no partition row written").noneMatch(sql -> sql.contains("partitions"));
        // read, UPDATE matching no row (version 0 is gone), read again, UPDATE, archive; beside the observer's polls
        assertThat(executions).as("executions of the racing update")
                .filteredOn(sql -> !sql.contains("pg_stat_activity")).hasSize(5);
    }

    /** Waits until the update waits for the holder's lock, as pg_stat_activity shows. */
    private void awaitBlocked(CompletableFuture<?> update) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection observer = StoreBackend.connect(settings)) {
            while (!update.isDone() && System.nanoTime() < deadline) {
                // this database's sessions only: other databases on the server may have waiters of their own
                try (PreparedStatement waiting = observer.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND wait_event_type = 'Lock'");
                     ResultSet rs = waiting.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(update).as("the update ended without waiting for the holder's lock").isNotDone();
    }

    private static void commit(Connection connection) {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private CatalogStore catalog() {
        return stores.catalog();
    }

    /** A table of its own, so that no other test's descriptors are in the store's caches for it. */
    private long newTable() {
        String name = "t" + (++tables);
        if (catalog().getDatabase("db").isEmpty()) {
            catalog().createDatabase("db", "{}", NOW, "arn:db", Map.of());
        }
        catalog().createTable("db", name, "{}", NOW, List.of());
        return catalog().getTable("db", name).orElseThrow().id();
    }

    private static String descriptor(long table, int n) {
        return "{\"InputFormat\":\"t" + table + "\",\"Parameters\":{\"n\":\"" + n + "\"}}";
    }

    private static List<PartitionWrite> writes(int from, int count, IntFunction<String> sd) {
        return IntStream.range(from, from + count).mapToObj(n -> new PartitionWrite(List.of(Integer.toString(n)),
                "s3://b/n=" + n, sd.apply(n), null, null, null)).toList();
    }
}

package io.mortar.cli;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.jdbc.testing.StoreInspection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.TableVersion;

/**
 * Crash safety, the way it fails in production: {@code kill -9} of {@code mortar server} (its own JVM) while
 * three clients load partitions and a fourth replaces a table's definition in a loop, then a restart on the same
 * data directory and store. Repeated for several kill/restart rounds on one store. After every restart:
 * <ul>
 *   <li>the server starts and serves (ready line, /health, reads and writes);</li>
 *   <li>every acknowledged batch is there in full (listing, BatchGetPartition);</li>
 *   <li>each batch cut off by the kill is all or nothing (listing and an Expression query agree), and stays
 *       that way in later rounds (landed stays landed, lost never reappears);</li>
 *   <li>no duplicates, no partition the loaders did not send, no partition missing its descriptor or
 *       parameters, and the count is exactly 100 per complete batch;</li>
 *   <li>the updated table is exactly one committed generation (acknowledged, or the one cut off), its version
 *       id matches its definition, and its version history is every generation up to it, each whole;</li>
 *   <li>SQLite: {@code PRAGMA integrity_check} is "ok" on the file as the kill left it, and after a clean stop.</li>
 * </ul>
 * The kill moment is random (seeded; set {@code -Dmortar.crash.seed=N} to replay a run) once 20–40 batches of
 * the round were acknowledged and with loads in flight.
 */
class CrashRecoveryTest {
    private static final String DATABASE = "crash";
    private static final String EVENTS = "events";
    private static final int ROUNDS = 3;
    private static final int LOADERS = 3;

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreBackend.class)
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void killNineDuringLoadsLosesNoAcknowledgedWriteAndLeavesNothingHalfWritten(StoreBackend backend)
            throws Exception {
        Path dataDir = StoreBackend.tempDir("mortar-crash");
        StoreSettings store = backend.create(dataDir);
        // SQLite: the server's own default (catalog.db in the data directory); PostgreSQL: a fresh database.
        String storeUrl = backend == StoreBackend.SQLITE ? null : store.url();
        Path sqliteFile = dataDir.resolve("catalog.db");
        long seed = Long.getLong("mortar.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        BatchLedger ledger = new BatchLedger();
        int generation = 0;
        int unresolvedGeneration = -1;
        long started = System.nanoTime();
        System.out.printf("crash test on %s, seed %d%n", backend, seed);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                try (ServerProcess server = ServerProcess.start(dataDir, storeUrl);
                     GlueClient glue = server.client()) {
                    if (round == 1) {
                        createCatalog(glue);
                    } else {
                        generation = verifyRecovered(glue, ledger, generation, unresolvedGeneration);
                    }
                    TableEvolver evolver = loadAndKill(server, glue, round, ledger, generation, random);
                    generation = evolver.acknowledged();
                    unresolvedGeneration = evolver.unresolved();
                }
                if (backend == StoreBackend.SQLITE) {
                    assertThat(StoreInspection.sqliteIntegrity(sqliteFile)).as("integrity_check right after the kill")
                            .isEqualTo("ok");
                }
            }
            try (ServerProcess server = ServerProcess.start(dataDir, storeUrl);
                 GlueClient glue = server.client()) {
                generation = verifyRecovered(glue, ledger, generation, unresolvedGeneration);
                assertServesWrites(glue, generation);
                assertThat(server.stop()).as("a clean stop (SIGTERM runs the shutdown hook)")
                        .isIn(0, ServerProcess.EXIT_SIGTERM);
            }
            if (backend == StoreBackend.SQLITE) {
                assertThat(StoreInspection.sqliteIntegrity(sqliteFile)).as("integrity_check after a clean stop")
                        .isEqualTo("ok");
            }
            System.out.printf("crash test on %s: %d rounds in %d ms%n", backend, ROUNDS,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } finally {
            backend.dispose(store);
            FileUtils.deleteQuietly(dataDir.toFile());
        }
    }

    private static void createCatalog(GlueClient glue) {
        glue.createDatabase(b -> b.databaseInput(d -> d.name(DATABASE)));
        glue.createTable(b -> b.databaseName(DATABASE).tableInput(TableInput.builder().name(EVENTS)
                .tableType("EXTERNAL_TABLE")
                .storageDescriptor(PartitionLoader.descriptor("s3://lake/events/"))
                .partitionKeys(PartitionLoader.PARTITION_KEYS).build()));
        glue.createTable(b -> b.databaseName(DATABASE).tableInput(TableEvolver.generation(0)));
    }

    /**
     * Starts the loaders and the table updater, waits for a random number of acknowledged batches (20–40) and a
     * few random milliseconds more, then SIGKILLs the server with calls in flight.
     */
    private static TableEvolver loadAndKill(ServerProcess server, GlueClient glue, int round, BatchLedger ledger,
                                            int generation, Random random) throws InterruptedException {
        AtomicBoolean killing = new AtomicBoolean();
        String roundPrefix = "r" + round + "-";
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < LOADERS; i++) {
            threads.add(new Thread(new PartitionLoader(glue, DATABASE, EVENTS, roundPrefix + "l" + i, ledger, killing),
                    "loader-" + i));
        }
        TableEvolver evolver = new TableEvolver(glue, DATABASE, generation, killing);
        threads.add(new Thread(evolver, "table-evolver"));
        threads.forEach(Thread::start);

        int threshold = 20 + random.nextInt(21);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ledger.acknowledgedWithPrefix(roundPrefix) < threshold && ledger.unexpectedFailures().isEmpty()
                && evolver.unexpectedFailure() == null) {
            assertThat(System.nanoTime()).as("round %d: %d batches acknowledged in time", round, threshold)
                    .isLessThan(deadline);
            Thread.sleep(1);
        }
        Thread.sleep(random.nextInt(25));
        while (ledger.inFlight() == 0 && ledger.unexpectedFailures().isEmpty()) {
            Thread.onSpinWait();
        }
        killing.set(true);
        int inFlightAtKill = ledger.inFlight();
        int exit = server.kill();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(t.isAlive()).as("%s ended after the kill", t.getName()).isFalse();
        }

        assertThat(ledger.unexpectedFailures()).as("calls that failed before the kill").isEmpty();
        assertThat(evolver.unexpectedFailure()).as("UpdateTable failure before the kill").isNull();
        assertThat(exit).as("exit value of a SIGKILLed server (no shutdown hook ran); it printed:%n%s",
                server.output()).isEqualTo(ServerProcess.EXIT_SIGKILL);
        System.out.printf("round %d: killed pid %d after %d acknowledged batches (threshold %d), %d batch call(s)"
                        + " in flight; table at generation %d after %d updates, update in flight: %s%n",
                round, server.pid(), ledger.acknowledgedWithPrefix(roundPrefix), threshold, inFlightAtKill,
                evolver.acknowledged(), evolver.updatesThisRound(), evolver.unresolved() >= 0);
        return evolver;
    }

    /** Every invariant a restarted server must show; returns the table's generation (now known durable). */
    private static int verifyRecovered(GlueClient glue, BatchLedger ledger, int acknowledgedGeneration,
                                       int unresolvedGeneration) {
        verifyPartitions(glue, ledger);
        return verifyTable(glue, acknowledgedGeneration, unresolvedGeneration);
    }

    private static void verifyPartitions(GlueClient glue, BatchLedger ledger) {
        List<Partition> all = glue.getPartitionsPaginator(b -> b.databaseName(DATABASE).tableName(EVENTS)).stream()
                .flatMap(page -> page.partitions().stream()).toList();
        Map<List<String>, Long> copies = all.stream().collect(groupingBy(Partition::values, counting()));
        assertThat(copies).as("partitions listed more than once").allSatisfy((values, n) -> assertThat(n).isOne());
        for (Partition p : all) {
            String batch = p.values().get(0);
            assertThat(p.storageDescriptor()).as("descriptor of %s", p.values()).isNotNull();
            assertThat(p.storageDescriptor().location()).isEqualTo(PartitionLoader.location(batch, p.values().get(1)));
            assertThat(p.storageDescriptor().inputFormat()).isEqualTo(PartitionLoader.INPUT_FORMAT);
            assertThat(p.parameters()).containsEntry("batch", batch);
        }
        Map<String, Long> perBatch = all.stream().collect(groupingBy(p -> p.values().get(0), TreeMap::new, counting()));
        assertThat(ledger.started()).as("batches some loader sent").containsAll(perBatch.keySet());
        assertThat(perBatch).as("every batch all or nothing")
                .allSatisfy((batch, n) -> assertThat(n).as(batch).isEqualTo(PartitionLoader.BATCH_SIZE));
        assertThat(all).hasSize(PartitionLoader.BATCH_SIZE * perBatch.size());

        Set<String> mustBePresent = ledger.mustBePresent();
        assertThat(perBatch.keySet()).as("acknowledged (or already seen) batches").containsAll(mustBePresent);
        assertThat(ledger.mustBeAbsent()).as("lost batches must not come back")
                .noneMatch(perBatch::containsKey);
        assertPresentByKey(glue, mustBePresent);

        int landed = 0;
        for (String batch : ledger.unresolved()) {
            long listed = perBatch.getOrDefault(batch, 0L);
            // the Expression path (compiled SQL on the key columns) must see the same as the listing
            long viaExpression = glue.getPartitionsPaginator(b -> b.databaseName(DATABASE).tableName(EVENTS)
                    .expression("batch = '" + batch + "'")).stream().mapToLong(page -> page.partitions().size()).sum();
            assertThat(viaExpression).as("Expression query for %s", batch).isEqualTo(listed);
            ledger.settle(batch, listed > 0);
            landed += listed > 0 ? 1 : 0;
        }
        System.out.printf("  after restart: %d partitions in %d complete batches; of the cut-off batches %d landed,"
                + " the rest are absent%n", all.size(), perBatch.size(), landed);
    }

    /** BatchGetPartition finds every partition of these batches (chunks of 1000 keys, Glue's limit). */
    private static void assertPresentByKey(GlueClient glue, Set<String> batches) {
        List<PartitionValueList> keys = batches.stream().flatMap(batch -> IntStream
                .range(0, PartitionLoader.BATCH_SIZE)
                .mapToObj(item -> PartitionValueList.builder().values(batch, Integer.toString(item)).build())).toList();
        for (int from = 0; from < keys.size(); from += 1000) {
            List<PartitionValueList> chunk = keys.subList(from, Math.min(keys.size(), from + 1000));
            var response = glue.batchGetPartition(b -> b.databaseName(DATABASE).tableName(EVENTS)
                    .partitionsToGet(chunk));
            assertThat(response.partitions()).as("BatchGetPartition of acknowledged partitions").hasSize(chunk.size());
            assertThat(response.unprocessedKeys()).isEmpty();
        }
    }

    private static int verifyTable(GlueClient glue, int acknowledged, int unresolved) {
        Table table = glue.getTable(b -> b.databaseName(DATABASE).name(TableEvolver.TABLE)).table();
        int g = TableEvolver.generationOf(table);
        if (unresolved >= 0) {
            assertThat(g).as("generation after the kill: acknowledged or the update cut off")
                    .isIn(acknowledged, unresolved);
        } else {
            assertThat(g).as("generation after the kill").isEqualTo(acknowledged);
        }
        TableEvolver.assertIsGeneration(table, table.versionId(), g);
        List<TableVersion> versions = glue.getTableVersionsPaginator(b -> b.databaseName(DATABASE)
                .tableName(TableEvolver.TABLE)).stream().flatMap(page -> page.tableVersions().stream()).toList();
        assertThat(versions).extracting(TableVersion::versionId).as("version history")
                .containsExactlyElementsOf(IntStream.rangeClosed(0, g).mapToObj(Integer::toString).toList());
        for (TableVersion v : versions) {
            TableEvolver.assertIsGeneration(v.table(), v.versionId(), Integer.parseInt(v.versionId()));
        }
        System.out.printf("  after restart: table at generation %d (acknowledged %d%s), %d versions whole%n", g,
                acknowledged, unresolved >= 0 ? ", cut off " + unresolved : "", versions.size());
        return g;
    }

    /** The recovered server takes new writes on the same table and table definition. */
    private static void assertServesWrites(GlueClient glue, int generation) {
        String batch = "after-recovery";
        assertThat(glue.batchCreatePartition(b -> b.databaseName(DATABASE).tableName(EVENTS)
                .partitionInputList(PartitionLoader.batch(batch))).errors()).isEmpty();
        assertThat(glue.getPartitions(b -> b.databaseName(DATABASE).tableName(EVENTS)
                .expression("batch = '" + batch + "'")).partitions()).hasSize(PartitionLoader.BATCH_SIZE);
        glue.updateTable(b -> b.databaseName(DATABASE).tableInput(TableEvolver.generation(generation + 1))
                .versionId(Integer.toString(generation)));
        Table table = glue.getTable(b -> b.databaseName(DATABASE).name(TableEvolver.TABLE)).table();
        TableEvolver.assertIsGeneration(table, table.versionId(), generation + 1);
    }

}

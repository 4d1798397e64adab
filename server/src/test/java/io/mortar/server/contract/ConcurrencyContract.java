package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreInspection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;

/**
 * Writers racing for the same name: exactly one wins and every other gets the Glue error a client can act on,
 * never an internal error. (SQLite serialises writers; PostgreSQL runs them concurrently under READ COMMITTED.)
 */
abstract class ConcurrencyContract extends ContractGroup {
    private static final int WRITERS = 8;

    ConcurrencyContract(TestServer server, GlueClient glue) {
        super(server, glue);
    }

    @Test
    void racingCreateDatabaseCallsCreateItOnce() throws Exception {
        String name = unique("db");

        List<Throwable> failures = race(i -> () -> glue.createDatabase(r -> r.databaseInput(d -> d.name(name)
                .description("writer " + i))));

        assertThat(failures).hasSize(WRITERS - 1).allSatisfy(f -> assertThat(f)
                .isInstanceOf(AlreadyExistsException.class));
    }

    @Test
    void racingCreateTableCallsCreateItOnce() throws Exception {
        String db = newDatabase();
        String name = unique("tbl");

        List<Throwable> failures = race(i -> () -> glue.createTable(r -> r.databaseName(db)
                .tableInput(tableInput(name))));

        assertThat(failures).hasSize(WRITERS - 1).allSatisfy(f -> assertThat(f)
                .isInstanceOf(AlreadyExistsException.class));
        assertThat(glue.getTables(r -> r.databaseName(db)).tableList()).hasSize(1);
    }

    @Test
    void racingCreatePartitionCallsCreateItOnce() throws Exception {
        String db = newDatabase();
        String table = newTable(db, column("year", "int"));

        List<Throwable> failures = race(i -> () -> glue.createPartition(r -> r.databaseName(db).tableName(table)
                .partitionInput(partition("2024"))));

        assertThat(failures).hasSize(WRITERS - 1).allSatisfy(f -> assertThat(f)
                .isInstanceOf(AlreadyExistsException.class));
    }

    @Test
    void overlappingBatchesCreateEachPartitionOnceAndReportTheRest() throws Exception {
        String db = newDatabase();
        String table = newTable(db, column("n", "int"));
        // Every batch holds partitions 0..49, so each partition is contested by all writers.
        List<PartitionInput> batch = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            batch.add(partition(Integer.toString(n)));
        }
        List<BatchCreatePartitionResponse> responses = new ArrayList<>();

        List<Throwable> failures = race(i -> () -> {
            BatchCreatePartitionResponse response = glue.batchCreatePartition(r -> r.databaseName(db).tableName(table)
                    .partitionInputList(batch));
            synchronized (responses) {
                responses.add(response);
            }
        });

        assertThat(failures).isEmpty();
        List<List<String>> reported = responses.stream().flatMap(r -> r.errors().stream())
                .peek(e -> assertThat(e.errorDetail().errorCode()).isEqualTo("AlreadyExistsException"))
                .map(PartitionError::partitionValues).toList();
        // Each partition was created by exactly one writer, so every other writer reported it as existing.
        assertThat(reported.size()).isEqualTo(50 * (WRITERS - 1));
        assertThat(allPartitions(GetPartitionsRequest.builder().databaseName(db).tableName(table).build()))
                .hasSize(50);
    }

    @Test
    void partitionsRacingToTheSameNewValuesMoveOnce() throws Exception {
        String db = newDatabase();
        String table = newTable(db, column("n", "int"));
        addPartitions(db, table, IntStream.range(0, WRITERS).mapToObj(n -> values(Integer.toString(n))).toList());

        // Every writer moves its own partition to the same new values: one may take them.
        List<Throwable> failures = race(i -> () -> glue.updatePartition(r -> r.databaseName(db).tableName(table)
                .partitionValueList(Integer.toString(i)).partitionInput(partition("100"))));

        assertThat(failures).hasSize(WRITERS - 1).allSatisfy(f -> assertThat(f)
                .isInstanceOf(AlreadyExistsException.class));
        assertThat(allPartitions(GetPartitionsRequest.builder().databaseName(db).tableName(table).build()))
                .hasSize(WRITERS);
    }

    @Test
    void racingTagResourceCallsAllSucceedAndOneValueWins() throws Exception {
        String db = newDatabase();
        String arn = ARN_PREFIX + "database/" + db;

        List<Throwable> failures = race(i -> () -> glue.tagResource(r -> r.resourceArn(arn)
                .tagsToAdd(Map.of("owner", "writer " + i))));

        assertThat(failures).isEmpty();
        assertThat(glue.getTags(r -> r.resourceArn(arn)).tags()).containsOnlyKeys("owner");
    }

    @Test
    void racingUpdateTableCallsWithTheSameVersionIdLetExactlyOneWin() throws Exception {
        String db = newDatabase();
        String name = newTable(db);

        List<Throwable> failures = race(i -> () -> glue.updateTable(r -> r.databaseName(db).versionId("0")
                .tableInput(tableInput(name).toBuilder().description("writer " + i).build())));

        assertThat(failures).hasSize(WRITERS - 1).allSatisfy(f -> assertThat(f)
                .isInstanceOf(ConcurrentModificationException.class));
        assertThat(glue.getTable(r -> r.databaseName(db).name(name)).table().versionId()).isEqualTo("1");
        assertThat(glue.getTableVersions(r -> r.databaseName(db).tableName(name)).tableVersions()).hasSize(2);
    }

    @Test
    void racingUpdateTableCallsWithoutAVersionIdAllSucceedInTurn() throws Exception {
        String db = newDatabase();
        String name = newTable(db);

        List<Throwable> failures = race(i -> () -> glue.updateTable(r -> r.databaseName(db)
                .tableInput(tableInput(name).toBuilder().description("writer " + i).build())));

        // Without a VersionId the caller asked for no optimistic check: each update applies, one after another.
        assertThat(failures).isEmpty();
        assertThat(glue.getTable(r -> r.databaseName(db).name(name)).table().versionId())
                .isEqualTo(Integer.toString(WRITERS));
        assertThat(glue.getTableVersions(r -> r.databaseName(db).tableName(name)).tableVersions())
                .hasSize(WRITERS + 1);
    }

    @Test
    void deletingADatabaseWhileTablesAreCreatedInItLeavesNothingBehind() throws Exception {
        for (int round = 0; round < 5; round++) {
            String db = newDatabase();

            List<Throwable> failures = race(i -> i == 0
                    ? () -> glue.deleteDatabase(r -> r.name(db))
                    : () -> glue.createTable(r -> r.databaseName(db).tableInput(tableInput("t" + i))));

            // A table either made it in before the delete (and went with the database) or found no database.
            assertThat(failures).allSatisfy(f -> assertThat(f).isInstanceOf(EntityNotFoundException.class));
            glue.createDatabase(r -> r.databaseInput(d -> d.name(db)));
            assertThat(glue.getTables(r -> r.databaseName(db)).tableList()).isEmpty();
        }
    }

    @Test
    void deletingATableWhilePartitionsAreAddedLeavesNoPartitionBehind() throws Exception {
        String db = newDatabase();
        for (int round = 0; round < 5; round++) {
            String table = newTable(db, column("n", "int"));

            List<Throwable> failures = race(i -> i == 0
                    ? () -> glue.deleteTable(r -> r.databaseName(db).name(table))
                    : () -> glue.batchCreatePartition(r -> r.databaseName(db).tableName(table).partitionInputList(
                            IntStream.range(0, 20).mapToObj(n -> partition(i + "" + n)).toList())));

            assertThat(failures).allSatisfy(f -> assertThat(f).isInstanceOf(EntityNotFoundException.class));
        }
        // Partitions of a deleted table are unreachable through the API, so only the store itself shows a leak.
        assertThat(orphanPartitionRows()).isZero();
    }

    long orphanPartitionRows() throws SQLException {
        return StoreInspection.orphanPartitionRows(server.store());
    }

    /** Runs the writers' calls all at once; returns what each failed with (successes return nothing). */
    static List<Throwable> race(IntFunction<Runnable> writer) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> outcomes = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                Runnable call = writer.apply(i);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    call.run();
                    return null;
                }));
            }
            start.countDown();
            List<Throwable> failures = new ArrayList<>();
            for (Future<?> outcome : outcomes) {
                try {
                    outcome.get();
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }
}

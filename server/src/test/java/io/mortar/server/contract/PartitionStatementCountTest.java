package io.mortar.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StatementCounter;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;

/**
 * A guard against N+1 queries on the partition paths, through the HTTP API: reading a page of 1000 partitions, each
 * with a storage descriptor of its own, or writing a batch of partitions, takes a handful of SQL statements, not one
 * or more per partition. The counts are exact, each derived beside it, so that any extra statement fails at once;
 * the store's own share is derived in store-jdbc's CatalogStoreStatementCountTest. (Today: 12 statements for the
 * first page, 3 for a page with an Expression once descriptors are cached, 11 for BatchGetPartition, 7 for a
 * BatchCreatePartition of 100 sharing a layout.)
 */
class PartitionStatementCountTest {
    private static final int PARTITIONS = 1000;
    /**
     * The server's background threads: their periodic store checks (the crawler schedule's every few seconds) are
     * no part of a request, yet would fall into a measured one now and then.
     */
    /** Threads that poll the store on their own (their statements may fall into any window under load). */
    private static final Set<String> BACKGROUND_THREADS = Set.of("crawl-scheduler", "mortar-job-runs",
            "mortar-store-statistics", "mortar-job-queue", "mortar-orchestration", "mortar-scheduled-firing",
            "mortar-event-batcher", "mortar-event-watcher");

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void aPageOfAThousandPartitionsTakesAHandfulOfStatements(StoreBackend backend) throws Exception {
        StatementCounter counter = StatementCounter.install(BACKGROUND_THREADS);
        try (TestServer server = TestServer.start(backend); GlueClient glue = server.client()) {
            glue.createDatabase(r -> r.databaseInput(d -> d.name("db")));
            glue.createTable(r -> r.databaseName("db").tableInput(ContractGroup.tableInput("t",
                    ContractGroup.column("n", "int"))));
            List<PartitionInput> partitions = new ArrayList<>();
            for (int n = 0; n < PARTITIONS; n++) {
                // Distinct descriptors (not just locations), so none is shared and each must be read.
                PartitionInput input = ContractGroup.partition(Integer.toString(n));
                partitions.add(input.toBuilder().storageDescriptor(input.storageDescriptor().toBuilder()
                        .parameters(Map.of("n", Integer.toString(n))).build()).build());
            }
            for (int from = 0; from < PARTITIONS; from += 100) {
                List<PartitionInput> batch = partitions.subList(from, from + 100);
                assertThat(glue.batchCreatePartition(r -> r.databaseName("db").tableName("t")
                        .partitionInputList(batch)).errors()).isEmpty();
            }

            List<GetPartitionsResponse> pages = new ArrayList<>();
            List<String> firstRead = counter.statementsDuring(() -> pages.add(glue.getPartitions(r -> r
                    .databaseName("db").tableName("t").maxResults(PARTITIONS))));
            List<String> filteredRead = counter.statementsDuring(() -> pages.add(glue.getPartitions(r -> r
                    .databaseName("db").tableName("t").expression("n >= 0").maxResults(PARTITIONS))));
            List<PartitionValueList> keys = IntStream.range(0, PARTITIONS)
                    .mapToObj(n -> PartitionValueList.builder().values(Integer.toString(n)).build()).toList();
            List<String> batchRead = counter.statementsDuring(() -> assertThat(glue.batchGetPartition(r -> r
                    .databaseName("db").tableName("t").partitionsToGet(keys)).partitions()).hasSize(PARTITIONS));

            assertThat(pages).allSatisfy(page -> assertThat(page.partitions()).hasSize(PARTITIONS)
                    .allSatisfy(p -> assertThat(p.storageDescriptor().parameters())
                            .containsEntry("n", p.values().get(0))));
            // 1 read of the table + 1 select of the page + 10 reads of its 1000 descriptors (IN lists of 100 ids)
            assertThat(firstRead).as("statements for the first page of %d partitions", PARTITIONS).hasSize(12);
            // 1 read of the table + 1 check for values that do not cast to the key's type + 1 select of the page;
            // the descriptors are cached since the first page
            assertThat(filteredRead).as("statements for a page with an Expression").hasSize(3);
            // 1 read of the table + 10 selects (IN lists of 100 value lists); descriptors cached
            assertThat(batchRead).as("statements for BatchGetPartition of %d keys", PARTITIONS).hasSize(11);

            // The common write: a crawler's batch of partitions that differ only in their values and locations.
            glue.createTable(r -> r.databaseName("db").tableInput(ContractGroup.tableInput("crawled",
                    ContractGroup.column("n", "int"))));
            List<PartitionInput> crawled = IntStream.range(0, 100)
                    .mapToObj(n -> ContractGroup.partition(Integer.toString(n))).toList();
            List<String> batchWrite = counter.statementsDuring(() -> assertThat(glue.batchCreatePartition(r -> r
                    .databaseName("db").tableName("crawled").partitionInputList(crawled)).errors()).isEmpty());
            // 1 read of the table + 1 of its partition indexes (values of indexed keys are checked) + 1 table lock
            // + 2 for the layout's new descriptor (insert if absent, read its id) + 1 insert of the 100 rows (one
            // statement, skipping value lists that exist already and answering those it inserted)
            assertThat(batchWrite).as("statements for BatchCreatePartition of 100 partitions sharing a layout")
                    .hasSize(6);
        } finally {
            counter.uninstall();
        }
    }
}

package io.mortar.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StatementCounter;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;

/**
 * A guard against N+1 queries on the partition paths: reading a page of 1000 partitions, each with a storage
 * descriptor of its own, or writing a batch of partitions, takes a handful of SQL statements, not one or more per
 * partition. The bounds leave room for batching in chunks but fail at once if a statement per partition creeps in.
 * (Today: 12 statements for the first page, 3 once descriptors are cached, 11 for BatchGetPartition.)
 */
class PartitionStatementCountTest {
    private static final int PARTITIONS = 1000;

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void aPageOfAThousandPartitionsTakesAHandfulOfStatements(StoreBackend backend) throws Exception {
        StatementCounter counter = StatementCounter.install();
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
            long firstRead = counter.countDuring(() -> pages.add(glue.getPartitions(r -> r.databaseName("db")
                    .tableName("t").maxResults(PARTITIONS))));
            long filteredRead = counter.countDuring(() -> pages.add(glue.getPartitions(r -> r.databaseName("db")
                    .tableName("t").expression("n >= 0").maxResults(PARTITIONS))));
            List<PartitionValueList> keys = IntStream.range(0, PARTITIONS)
                    .mapToObj(n -> PartitionValueList.builder().values(Integer.toString(n)).build()).toList();
            long batchRead = counter.countDuring(() -> assertThat(glue.batchGetPartition(r -> r.databaseName("db")
                    .tableName("t").partitionsToGet(keys)).partitions()).hasSize(PARTITIONS));

            assertThat(pages).allSatisfy(page -> assertThat(page.partitions()).hasSize(PARTITIONS)
                    .allSatisfy(p -> assertThat(p.storageDescriptor().parameters())
                            .containsEntry("n", p.values().get(0))));
            assertThat(firstRead).as("statements for the first page of %d partitions", PARTITIONS)
                    .isPositive().isLessThanOrEqualTo(25);
            assertThat(filteredRead).as("statements for a filtered page").isPositive().isLessThanOrEqualTo(25);
            assertThat(batchRead).as("statements for BatchGetPartition of %d keys", PARTITIONS)
                    .isPositive().isLessThanOrEqualTo(30);

            // The common write: a crawler's batch of partitions that differ only in their values and locations.
            glue.createTable(r -> r.databaseName("db").tableInput(ContractGroup.tableInput("crawled",
                    ContractGroup.column("n", "int"))));
            List<PartitionInput> crawled = IntStream.range(0, 100)
                    .mapToObj(n -> ContractGroup.partition(Integer.toString(n))).toList();
            long batchWrite = counter.countDuring(() -> assertThat(glue.batchCreatePartition(r -> r
                    .databaseName("db").tableName("crawled").partitionInputList(crawled)).errors()).isEmpty());
            assertThat(batchWrite).as("statements for BatchCreatePartition of 100 partitions sharing a layout")
                    .isPositive().isLessThanOrEqualTo(15);
        } finally {
            counter.uninstall();
        }
    }
}

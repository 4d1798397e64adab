package io.mortar.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
 * or a prefix and a hash for long lists) tells apart lists that share a long prefix. (What it relies on, SQLite's
 * plans, is {@code store-jdbc}'s SqlitePartitionPlansTest.)
 */
class PartitionKeysTest {
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

package io.mortar.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.time.Clock;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionRequest;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.DeleteDatabaseRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.PartitionInput;

/**
 * The services keep tables' parsed definitions between calls; a table must never be served another table's. SQLite
 * gives a table created after a DeleteDatabase the row id of the last one deleted, at the same version.
 */
class TableResolutionTest {

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void aTableInTheRowIdOfADeletedOneIsServedItsOwnDefinition(StoreBackend backend) {
        var dir = StoreBackend.tempDir("mortar-resolve");
        StoreSettings settings = backend.create(dir);
        try (JdbcStores stores = JdbcStores.open(settings)) {
            Catalog catalog = new Catalog(stores.catalog(), CatalogIdentity.DEFAULT, Clock.systemUTC());
            createTable(catalog, "t", "a");
            catalog.partitions().getPartitions(GetPartitionsRequest.builder().databaseName("db").tableName("t")
                    .expression("a = 'x'").build()); // t's definition is parsed and kept
            catalog.databases().deleteDatabase(DeleteDatabaseRequest.builder().name("db").build());

            createTable(catalog, "u", "s");
            catalog.partitions().batchCreatePartition(BatchCreatePartitionRequest.builder().databaseName("db")
                    .tableName("u").partitionInputList(PartitionInput.builder().values("x")
                            .storageDescriptor(sd -> sd.location("s3://b/u/x/")).build()).build());

            assertThat(catalog.partitions().getPartitions(GetPartitionsRequest.builder().databaseName("db")
                    .tableName("u").expression("s = 'x'").build()).partitions())
                    .singleElement().satisfies(p -> assertThat(p.values()).containsExactly("x"));
        } finally {
            backend.dispose(settings);
            FileUtils.deleteQuietly(dir.toFile());
        }
    }

    private static void createTable(Catalog catalog, String table, String key) {
        catalog.databases().createDatabase(CreateDatabaseRequest.builder().databaseInput(d -> d.name("db")).build());
        catalog.tables().createTable(CreateTableRequest.builder().databaseName("db").tableInput(t -> t.name(table)
                .partitionKeys(Column.builder().name(key).type("string").build())
                .storageDescriptor(sd -> sd.location("s3://b/" + table + "/"))).build());
    }
}

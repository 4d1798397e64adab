package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * What every contract group works with: a Glue client on the shared server and builders for the catalog
 * objects most tests need. Groups create everything they use under names of their own
 * ({@link io.mortar.server.testing.ContractSupport#unique}).
 */
abstract class ContractGroup {
    static final String ACCOUNT = "000000000000";
    static final String ARN_PREFIX = "arn:aws:glue:us-east-1:" + ACCOUNT + ":";

    final TestServer server;
    final GlueClient glue;

    ContractGroup(TestServer server, GlueClient glue) {
        this.server = server;
        this.glue = glue;
    }

    String newDatabase() {
        String name = unique("db");
        glue.createDatabase(r -> r.databaseInput(d -> d.name(name)));
        return name;
    }

    String newTable(String database, Column... partitionKeys) {
        String name = unique("tbl");
        glue.createTable(r -> r.databaseName(database).tableInput(tableInput(name, partitionKeys)));
        return name;
    }

    static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }

    static TableInput tableInput(String name, Column... partitionKeys) {
        return TableInput.builder()
                .name(name)
                .tableType("EXTERNAL_TABLE")
                .storageDescriptor(storage("s3://lake/" + name + "/"))
                .partitionKeys(partitionKeys)
                .parameters(Map.of("classification", "parquet"))
                .build();
    }

    static StorageDescriptor storage(String location) {
        return StorageDescriptor.builder()
                .columns(column("id", "bigint"), column("amount", "decimal(10,2)"))
                .location(location)
                .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                .serdeInfo(SerDeInfo.builder()
                        .serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
                        .parameters(Map.of("serialization.format", "1")).build())
                .build();
    }

    /** A partition of the given values, located where Hive would put it. */
    static PartitionInput partition(String... values) {
        return PartitionInput.builder()
                .values(values)
                .storageDescriptor(storage("s3://lake/" + String.join("/", values) + "/"))
                .build();
    }

    /** Creates the partitions in batches of 100 and checks that every one was created. */
    void addPartitions(String database, String table, List<List<String>> valueLists) {
        for (int from = 0; from < valueLists.size(); from += 100) {
            List<PartitionInput> batch = valueLists.subList(from, Math.min(valueLists.size(), from + 100)).stream()
                    .map(values -> partition(values.toArray(String[]::new))).toList();
            BatchCreatePartitionResponse response = glue.batchCreatePartition(r -> r.databaseName(database)
                    .tableName(table).partitionInputList(batch));
            assertThat(response.errors()).isEmpty();
        }
    }

    /** Every partition the request selects, following NextToken to the end. */
    List<Partition> allPartitions(GetPartitionsRequest request) {
        List<Partition> all = new ArrayList<>();
        String token = null;
        do {
            GetPartitionsResponse page = glue.getPartitions(request.toBuilder().nextToken(token).build());
            all.addAll(page.partitions());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    static List<List<String>> valuesOf(List<Partition> partitions) {
        return partitions.stream().map(Partition::values).toList();
    }

    static List<String> values(String... values) {
        return Arrays.asList(values);
    }
}

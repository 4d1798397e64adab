package io.mortar.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;

/**
 * One client loading partitions as fast as the server takes them: BatchCreatePartition calls of
 * {@link #BATCH_SIZE} partitions each, every partition's values unique to its batch ({@code batch}, {@code item}),
 * until told to stop or the server goes away. Each call's outcome goes to the {@link BatchLedger}.
 */
final class PartitionLoader implements Runnable {
    static final int BATCH_SIZE = 100;
    static final String INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    static final List<Column> PARTITION_KEYS = List.of(Column.builder().name("batch").type("string").build(),
            Column.builder().name("item").type("int").build());

    private final GlueClient glue;
    private final String database;
    private final String table;
    private final String batchPrefix;
    private final BatchLedger ledger;
    private final AtomicBoolean killing;

    PartitionLoader(GlueClient glue, String database, String table, String batchPrefix, BatchLedger ledger,
                    AtomicBoolean killing) {
        this.glue = glue;
        this.database = database;
        this.table = table;
        this.batchPrefix = batchPrefix;
        this.ledger = ledger;
        this.killing = killing;
    }

    @Override
    public void run() {
        for (int n = 0; !killing.get(); n++) {
            String batch = String.format("%s-b%04d", batchPrefix, n);
            ledger.begin(batch);
            try {
                BatchCreatePartitionResponse response = glue.batchCreatePartition(b -> b.databaseName(database)
                        .tableName(table).partitionInputList(batch(batch)));
                if (response.hasErrors() && !response.errors().isEmpty()) {
                    // every value is new, so a per-item error is a server bug, not a crash effect
                    ledger.fail(batch, new IllegalStateException("per-item errors " + response.errors()), false);
                    return;
                }
                ledger.acknowledge(batch);
            } catch (RuntimeException e) {
                ledger.fail(batch, e, killing.get());
                return;
            }
        }
    }

    static List<PartitionInput> batch(String batch) {
        return IntStream.range(0, BATCH_SIZE).mapToObj(item -> PartitionInput.builder()
                .values(batch, Integer.toString(item))
                .storageDescriptor(descriptor(location(batch, Integer.toString(item))))
                .parameters(Map.of("batch", batch))
                .build()).toList();
    }

    /** Every partition shares this descriptor but for its Location (the store keeps one copy of it). */
    static StorageDescriptor descriptor(String location) {
        return StorageDescriptor.builder()
                .columns(Column.builder().name("id").type("bigint").build())
                .location(location)
                .inputFormat(INPUT_FORMAT)
                .serdeInfo(SerDeInfo.builder()
                        .serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe").build())
                .build();
    }

    static String location(String batch, String item) {
        return "s3://lake/events/batch=" + batch + "/item=" + item + "/";
    }
}

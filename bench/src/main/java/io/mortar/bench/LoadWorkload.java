package io.mortar.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * What each request of the load benchmark sends, on {@link PartitionDataSet}'s table after its first {@code loaded}
 * partitions were loaded:
 *
 * <ul>
 *   <li>GetTable of the table;</li>
 *   <li>GetPartitions with {@code year = Y AND month = M AND region BETWEEN 'r-a' AND 'r-b'} over a random complete
 *       month and {@value #QUERY_WIDTH} consecutive regions: exactly {@value #QUERY_WIDTH} partitions, checked;</li>
 *   <li>CreatePartition of the data set's next partition (after those loaded, so every one is new);</li>
 *   <li>UpdateTable without VersionId (the case of issue 12's finding 3) that changes only a parameter,
 *       {@value #UPDATE_PARAMETER}, to a number no other update uses; partition keys as they are.</li>
 * </ul>
 *
 * Acknowledged writes are remembered in {@link AcknowledgedWrites}, to be looked for afterwards.
 */
final class LoadWorkload {
    static final String UPDATE_PARAMETER = "bench.update";
    static final int QUERY_WIDTH = 10;

    private final GlueClient client;
    private final long completeMonths;
    private final AtomicLong nextPartition;
    private final AtomicLong nextUpdate = new AtomicLong(1);
    private final TableInput table = PartitionDataSet.table();
    private final AcknowledgedWrites acknowledged;

    LoadWorkload(GlueClient client, long loaded, AcknowledgedWrites acknowledged) {
        this.client = client;
        this.completeMonths = loaded / PartitionDataSet.REGIONS;
        this.nextPartition = new AtomicLong(loaded);
        this.acknowledged = acknowledged;
    }

    /** Sends one request; throws what the client threw, or an {@link IllegalStateException} for a wrong answer. */
    void send(LoadOperation operation) {
        switch (operation) {
            case GET_TABLE -> client.getTable(b -> b.databaseName(PartitionDataSet.DATABASE)
                    .name(PartitionDataSet.TABLE));
            case GET_PARTITIONS -> getPartitions();
            case CREATE_PARTITION -> createPartition();
            case UPDATE_TABLE -> updateTable();
        }
    }

    private void getPartitions() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long monthStart = random.nextLong(completeMonths) * PartitionDataSet.REGIONS;
        int first = random.nextInt(PartitionDataSet.REGIONS - QUERY_WIDTH + 1);
        String expression = "year = " + PartitionDataSet.year(monthStart) + " AND month = "
                + PartitionDataSet.month(monthStart) + " AND region BETWEEN '"
                + PartitionDataSet.region(first) + "' AND '" + PartitionDataSet.region(first + QUERY_WIDTH - 1) + "'";
        GetPartitionsResponse response = client.getPartitions(b -> b.databaseName(PartitionDataSet.DATABASE)
                .tableName(PartitionDataSet.TABLE).expression(expression));
        if (response.partitions().size() != QUERY_WIDTH || response.nextToken() != null) {
            throw new WrongAnswerException("GetPartitions " + expression + " answered " + response.partitions().size()
                    + " partitions" + (response.nextToken() != null ? " and a NextToken" : ""));
        }
    }

    private void createPartition() {
        long index = nextPartition.getAndIncrement();
        client.createPartition(b -> b.databaseName(PartitionDataSet.DATABASE).tableName(PartitionDataSet.TABLE)
                .partitionInput(PartitionDataSet.partition(index)));
        acknowledged.partition(index);
    }

    private void updateTable() {
        long number = nextUpdate.getAndIncrement();
        Map<String, String> parameters = new HashMap<>(table.parameters());
        parameters.put(UPDATE_PARAMETER, Long.toString(number));
        long sent = System.nanoTime();
        client.updateTable(b -> b.databaseName(PartitionDataSet.DATABASE)
                .tableInput(table.toBuilder().parameters(parameters).build()));
        acknowledged.update(number, sent, System.nanoTime());
    }

    /** A request the server answered, wrongly. */
    static final class WrongAnswerException extends IllegalStateException {
        WrongAnswerException(String message) {
            super(message);
        }
    }
}

package io.mortar.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Every write the server acknowledged during a load run, looked for once the run is over: an acknowledged write
 * that is not there was lost.
 */
final class AcknowledgedWrites {
    /** BatchGetPartition takes at most this many value lists. */
    private static final int BATCH_GET = 1000;

    private final Queue<Long> partitions = new ConcurrentLinkedQueue<>();
    private final Queue<Update> updates = new ConcurrentLinkedQueue<>();

    /** An acknowledged UpdateTable: its number, when it was sent and when its answer came (System.nanoTime). */
    record Update(long number, long sent, long acknowledged) {}

    /**
     * What was missing. An UpdateTable is lost when the table's final state is not an acknowledged update, or when
     * an acknowledged update was sent after the final one was acknowledged (so it must have come after it). With
     * no failed UpdateTable, the table's version must also count every acknowledged one.
     */
    record Audit(int partitionsAcknowledged, int partitionsMissing, int updatesAcknowledged, int updatesLost,
                 long finalUpdate, long versionsExpected, long finalVersion) {}

    void partition(long index) {
        partitions.add(index);
    }

    void update(long number, long sent, long acknowledged) {
        updates.add(new Update(number, sent, acknowledged));
    }

    /**
     * Looks for every acknowledged write through the API.
     *
     * @param initialVersion the table's VersionId before the run
     * @param updatesFailed UpdateTables that failed: each may or may not have been applied
     */
    Audit audit(GlueClient client, long initialVersion, long updatesFailed) {
        List<Long> created = new ArrayList<>(partitions);
        int found = 0;
        for (int from = 0; from < created.size(); from += BATCH_GET) {
            List<PartitionValueList> batch = created.subList(from, Math.min(created.size(), from + BATCH_GET)).stream()
                    .map(i -> PartitionValueList.builder().values(PartitionDataSet.partition(i).values()).build())
                    .toList();
            found += client.batchGetPartition(b -> b.databaseName(PartitionDataSet.DATABASE)
                    .tableName(PartitionDataSet.TABLE).partitionsToGet(batch)).partitions().size();
        }

        Table table = client.getTable(b -> b.databaseName(PartitionDataSet.DATABASE).name(PartitionDataSet.TABLE))
                .table();
        Map<String, String> parameters = table.parameters();
        long last = Long.parseLong(parameters.getOrDefault(LoadWorkload.UPDATE_PARAMETER, "0"));
        List<Update> acknowledged = new ArrayList<>(updates);
        Update finalUpdate = acknowledged.stream().filter(u -> u.number() == last).findFirst().orElse(null);
        int lost;
        if (finalUpdate == null) {
            // the final state is no acknowledged update: every acknowledged one was overwritten by one that failed,
            // which is only possible when some failed, or lost
            lost = updatesFailed > 0 ? 0 : acknowledged.size();
        } else {
            Set<Long> later = new HashSet<>();
            for (Update u : acknowledged) {
                if (u.sent() > finalUpdate.acknowledged()) {
                    later.add(u.number());
                }
            }
            lost = later.size();
        }
        long versionsExpected = initialVersion + acknowledged.size();
        long finalVersion = Long.parseLong(table.versionId());
        if (updatesFailed == 0 && finalVersion != versionsExpected) {
            lost = Math.max(lost, (int) Math.abs(versionsExpected - finalVersion));
        }
        return new Audit(created.size(), created.size() - found, acknowledged.size(), lost, last, versionsExpected,
                finalVersion);
    }
}

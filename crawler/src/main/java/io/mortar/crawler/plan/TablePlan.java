package io.mortar.crawler.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * What a crawl will do to one table, and why: the unit a crawl writes (a table and its partitions), what a dry run
 * shows.
 *
 * @param table the table's definition to create or update with; null when the table itself is left as it is
 * @param createPartitions partitions to add
 * @param updatePartitions partitions to replace (found again with another schema or format)
 * @param deletePartitions the values of partitions to delete (their folders are gone)
 * @param createIndex create a partition index on the keys (new partitioned tables)
 * @param reason why the table is what it is (where it is rooted, what it holds)
 * @param details each change, and each change the policy says only to log, in words
 */
public record TablePlan(Action action, String database, String name, TableInput table,
                        List<PartitionInput> createPartitions, List<PartitionInput> updatePartitions,
                        List<List<String>> deletePartitions, boolean createIndex, String reason,
                        List<String> details) {
    /** What happens to the table itself. */
    public enum Action { CREATE, UPDATE, UNCHANGED, DEPRECATE, DELETE }

    public TablePlan {
        requireNonNull(action, "action");
        requireNonNull(database, "database");
        requireNonNull(name, "name");
        createPartitions = List.copyOf(createPartitions);
        updatePartitions = List.copyOf(updatePartitions);
        deletePartitions = List.copyOf(deletePartitions);
        requireNonNull(reason, "reason");
        details = List.copyOf(details);
    }

    /** Nothing to write: the table and its partitions stay as they are. */
    public boolean writesNothing() {
        return (action == Action.UNCHANGED) && createPartitions.isEmpty() && updatePartitions.isEmpty()
                && deletePartitions.isEmpty();
    }
}

package io.mortar.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/** The Iceberg table the tests write (events, partitioned by region and day) and what they read back from one. */
final class IcebergTables {
    static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "region", Types.StringType.get()),
            Types.NestedField.required(3, "event_time", Types.TimestampType.withZone()),
            Types.NestedField.optional(4, "amount", Types.DecimalType.of(10, 2)));
    static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA).identity("region").day("event_time").build();

    private IcebergTables() {}

    /** A data file entry for a commit; no data is written (nothing reads it), only the metadata is real. */
    static DataFile dataFile(Table table, String name, String region, String day) {
        String partition = "region=" + region + "/event_time_day=" + day;
        return DataFiles.builder(table.spec())
                .withPath(table.location() + "/data/" + partition + "/" + name + ".parquet")
                .withFormat(FileFormat.PARQUET)
                .withPartitionPath(partition)
                .withFileSizeInBytes(4096)
                .withRecordCount(100)
                .build();
    }

    /** The data files a scan of the current snapshot plans, read from the committed manifests. */
    static Set<String> dataFiles(Table table) {
        return planned(table.newScan());
    }

    /** The same, pruned to one region by partition. */
    static Set<String> dataFiles(Table table, String region) {
        return planned(table.newScan().filter(Expressions.equal("region", region)));
    }

    private static Set<String> planned(TableScan scan) {
        Set<String> files = new HashSet<>();
        try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
            tasks.forEach(task -> files.add(task.file().location()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The snapshots, oldest first. */
    static List<Snapshot> snapshots(Table table) {
        List<Snapshot> snapshots = new ArrayList<>();
        table.snapshots().forEach(snapshots::add);
        return snapshots;
    }

    /** {@code count} snapshots, each the child of the one before, the last one current: no commit lost or forked. */
    static void assertLinearHistory(Table table, int count) {
        List<Snapshot> snapshots = snapshots(table);
        assertThat(snapshots).hasSize(count);
        for (int i = 1; i < snapshots.size(); i++) {
            assertThat(snapshots.get(i).parentId()).isEqualTo(snapshots.get(i - 1).snapshotId());
        }
        if (count > 0) {
            assertThat(table.currentSnapshot().snapshotId()).isEqualTo(snapshots.get(count - 1).snapshotId());
        }
    }

    static TableMetadata metadata(Table table) {
        return ((HasTableOperations) table).operations().current();
    }

    static String metadataLocation(Table table) {
        return metadata(table).metadataFileLocation();
    }

    /** Every metadata file the table has had, oldest first, ending with the current one. */
    static List<String> metadataHistory(Table table) {
        List<String> history = new ArrayList<>();
        metadata(table).previousFiles().forEach(entry -> history.add(entry.file()));
        history.add(metadataLocation(table));
        return history;
    }
}

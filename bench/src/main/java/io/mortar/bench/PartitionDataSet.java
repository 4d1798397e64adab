package io.mortar.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The benchmark's table and its partitions: keys {@code year int, month int, region string}, with
 * {@value #REGIONS} regions ({@code r-0000} … {@code r-1999}) in every month, months in order from January
 * {@value #FIRST_YEAR}. Partition {@code i} is therefore fully determined by {@code i}, and the first {@code n}
 * partitions form complete months plus a partial one, so any size has a month to query that is complete:
 *
 * <ul>
 *   <li>selective: {@code year = Y AND month = M AND region LIKE 'r-00%'} matches exactly 100 partitions;</li>
 *   <li>wide: {@code year = Y AND month = M AND region < 'r-1000'} matches exactly 1,000.</li>
 * </ul>
 *
 * <p>Every partition has a realistic Parquet storage descriptor: its own Location, the same ten columns and serde.
 */
final class PartitionDataSet {
    static final String DATABASE = "bench";
    static final String TABLE = "sales";
    static final int REGIONS = 2000;
    static final int FIRST_YEAR = 1990;
    static final int SELECTIVE_RESULTS = 100;
    static final int WIDE_RESULTS = 1000;
    private static final String LOCATION = "s3://mortar-bench-lake/warehouse/bench.db/sales";

    private static final List<Column> COLUMNS = List.of(
            column("order_id", "bigint"), column("customer_id", "bigint"), column("order_ts", "timestamp"),
            column("status", "string"), column("currency", "string"), column("amount", "decimal(12,2)"),
            column("discount", "decimal(5,2)"), column("items", "array<struct<sku:string,qty:int>>"),
            column("channel", "string"), column("notes", "string"));
    private static final SerDeInfo SERDE = SerDeInfo.builder()
            .serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
            .parameters(Map.of("serialization.format", "1"))
            .build();

    private PartitionDataSet() {}

    private static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }

    static TableInput table() {
        return TableInput.builder()
                .name(TABLE)
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "parquet", "EXTERNAL", "TRUE"))
                .partitionKeys(column("year", "int"), column("month", "int"), column("region", "string"))
                .storageDescriptor(descriptor(LOCATION + "/"))
                .build();
    }

    private static StorageDescriptor descriptor(String location) {
        return StorageDescriptor.builder()
                .columns(COLUMNS)
                .location(location)
                .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                .compressed(false)
                .numberOfBuckets(-1)
                .serdeInfo(SERDE)
                .storedAsSubDirectories(false)
                .build();
    }

    static int year(long i) {
        return FIRST_YEAR + (int) (i / REGIONS / 12);
    }

    static int month(long i) {
        return 1 + (int) (i / REGIONS % 12);
    }

    static String region(long i) {
        return String.format("r-%04d", i % REGIONS);
    }

    static PartitionInput partition(long i) {
        String year = Integer.toString(year(i));
        String month = Integer.toString(month(i));
        String region = region(i);
        return PartitionInput.builder()
                .values(year, month, region)
                .storageDescriptor(descriptor(LOCATION + "/year=" + year + "/month=" + month + "/region=" + region + "/"))
                .parameters(Map.of("numFiles", Long.toString(1 + i % 7)))
                .build();
    }

    static List<PartitionInput> partitions(long from, long to) {
        List<PartitionInput> batch = new ArrayList<>((int) (to - from));
        for (long i = from; i < to; i++) {
            batch.add(partition(i));
        }
        return batch;
    }

    /** The month the queries target at a given table size: the middle complete month of the partitions loaded. */
    static long targetMonthStart(long size) {
        long completeMonths = size / REGIONS;
        if (completeMonths < 1) {
            throw new IllegalArgumentException("At least " + REGIONS + " partitions are needed, got " + size);
        }
        return completeMonths / 2 * REGIONS;
    }

    static String selectiveExpression(long size) {
        long m = targetMonthStart(size);
        return "year = " + year(m) + " AND month = " + month(m) + " AND region LIKE 'r-00%'";
    }

    static String wideExpression(long size) {
        long m = targetMonthStart(size);
        return "year = " + year(m) + " AND month = " + month(m) + " AND region < 'r-1000'";
    }
}

package io.mortar.server.upgrade;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ColumnStatistics;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsData;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsType;
import software.amazon.awssdk.services.glue.model.DecimalNumber;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PrincipalType;
import software.amazon.awssdk.services.glue.model.ResourceType;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Writes the Data Catalog part of the upgrade fixture through the Glue API: databases, tables of several shapes,
 * a few hundred partitions, table versions, partition indexes, column statistics, functions and tags. Every
 * value is fixed; only the server's own times and ids differ from one generation to the next.
 */
final class CatalogFixture {
    static final String SALES = "sales";
    static final String LAKEHOUSE = "lakehouse";
    static final String ORDERS = "orders";
    static final String EVENTS = "events";
    static final String ODD_VALUES = "odd_values";

    static final List<String> YEARS = List.of("9", "10", "2023", "2024", "2025");
    static final List<String> REGIONS = List.of("eu", "us", "ap-south", "zürich");
    static final List<String> DAYS = List.of("2024-01-05", "2024-01-31", "2024-02-29", "2024-03-01", "2024-06-15",
            "2024-12-31", "2023-07-04", "2025-01-01", "1999-12-31", "2024-10-10");
    /** A value longer than 160 characters (past the store's value-key prefix), with non-ASCII in it. */
    static final String LONG_SOURCE = "long-" + "ä".repeat(80) + "-" + "x".repeat(90);

    private static final Instant ACCESSED = Instant.parse("2024-06-01T12:00:00.123Z");
    private static final Instant ANALYZED = Instant.parse("2024-05-30T08:15:00Z");

    private final GlueClient glue;
    private final String arnPrefix;

    CatalogFixture(GlueClient glue, String arnPrefix) {
        this.glue = requireNonNull(glue, "glue");
        this.arnPrefix = requireNonNull(arnPrefix, "arnPrefix");
    }

    void write() {
        databases();
        orders();
        events();
        oddValues();
        unpartitioned();
        view();
        iceberg();
        functions();
    }

    private void databases() {
        glue.createDatabase(r -> r.databaseInput(d -> d.name(SALES).description("Orders and events — Verkäufe")
                .locationUri("s3://lake/sales/").parameters(Map.of("owner", "data-team", "comment", "ünïcödé ✓")))
                .tags(Map.of("team", "sales", "cost-center", "42")));
        glue.tagResource(r -> r.resourceArn(arnPrefix + "database/" + SALES).tagsToAdd(Map.of("tier", "gold")));
        glue.createDatabase(r -> r.databaseInput(d -> d.name(LAKEHOUSE).description("Iceberg tables")
                .locationUri("s3://lake/ice/")));
        glue.createDatabase(r -> r.databaseInput(d -> d.name("empty_db").parameters(Map.of("note", "nothing here"))));
    }

    // ---------------------------------------------------------------- sales.orders: typed keys, many partitions

    private static StorageDescriptor parquet(String location, List<Column> columns) {
        return StorageDescriptor.builder().location(location).columns(columns)
                .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                .serdeInfo(SerDeInfo.builder().serializationLibrary(
                        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
                        .parameters(Map.of("serialization.format", "1")).build())
                .compressed(false).numberOfBuckets(-1).storedAsSubDirectories(false).build();
    }

    private static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }

    private static final List<Column> ORDER_COLUMNS = List.of(column("id", "bigint"),
            column("amount", "decimal(10,2)"), Column.builder().name("note").type("string")
                    .comment("free text, any language").build());

    private void orders() {
        TableInput.Builder table = TableInput.builder().name(ORDERS).description("Orders by year, region and day")
                .owner("etl").retention(30).tableType("EXTERNAL_TABLE")
                .storageDescriptor(parquet("s3://lake/sales/orders/", ORDER_COLUMNS))
                .partitionKeys(column("year", "int"), column("region", "string"), column("day", "date"))
                .parameters(Map.of("classification", "parquet", "EXTERNAL", "TRUE", "owner", "Zoë"));
        glue.createTable(r -> r.databaseName(SALES).tableInput(table.build())
                .partitionIndexes(p -> p.indexName("by_year_region").keys("year", "region")));

        List<PartitionInput> partitions = new ArrayList<>();
        int i = 0;
        for (String year : YEARS) {
            for (String region : REGIONS) {
                for (String day : DAYS) {
                    partitions.add(orderPartition(i++, year, region, day));
                }
            }
        }
        createPartitions(SALES, ORDERS, partitions);

        // Two updates: three definitions, two of them archived versions.
        List<Column> withCurrency = new ArrayList<>(ORDER_COLUMNS);
        withCurrency.add(column("currency", "string"));
        glue.updateTable(r -> r.databaseName(SALES).tableInput(table
                .storageDescriptor(parquet("s3://lake/sales/orders/", withCurrency))
                .parameters(Map.of("classification", "parquet", "EXTERNAL", "TRUE", "owner", "Zoë",
                        "comment", "currency added")).build()));
        glue.updateTable(r -> r.databaseName(SALES).tableInput(table.description("Orders, with currency")
                .parameters(Map.of("classification", "parquet", "EXTERNAL", "TRUE", "owner", "Zoë",
                        "comment", "currency added", "recordCount", "123456")).build()));
        glue.tagResource(r -> r.resourceArn(arnPrefix + "table/" + SALES + "/" + ORDERS)
                .tagsToAdd(Map.of("pii", "false", "tier", "gold")));

        glue.updateColumnStatisticsForTable(r -> r.databaseName(SALES).tableName(ORDERS).columnStatisticsList(
                longStats("id", 1, 99_999), decimalStats("amount"), stringStats("note")));
        glue.updateColumnStatisticsForPartition(r -> r.databaseName(SALES).tableName(ORDERS)
                .partitionValues("2024", "eu", "2024-01-05").columnStatisticsList(longStats("id", 5, 500),
                        stringStats("note")));
        glue.updateColumnStatisticsForPartition(r -> r.databaseName(SALES).tableName(ORDERS)
                .partitionValues("10", "zürich", "2024-02-29").columnStatisticsList(decimalStats("amount")));
    }

    /**
     * One partition of orders. Storage descriptors: most partitions share the table's (they differ only in
     * Location), the "us" ones share a JSON one, and 2025's "eu" ones each have one of their own.
     */
    private static PartitionInput orderPartition(int i, String year, String region, String day) {
        String location = "s3://lake/sales/orders/year=" + year + "/region=" + region + "/day=" + day + "/";
        StorageDescriptor sd = parquet(location, ORDER_COLUMNS);
        if (region.equals("us")) {
            sd = sd.toBuilder().inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                    .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                    .serdeInfo(s -> s.serializationLibrary("org.openx.data.jsonserde.JsonSerDe")
                            .parameters(Map.of("paths", "id,amount,note")))
                    .build();
        } else if (year.equals("2025") && region.equals("eu")) {
            sd = sd.toBuilder().parameters(Map.of("file", "part-" + i + ".parquet")).build();
        }
        PartitionInput.Builder out = PartitionInput.builder().values(year, region, day).storageDescriptor(sd);
        if (i % 3 == 0) {
            out.parameters(Map.of("numRows", Integer.toString(i * 7), "source", "batch-" + (i % 5)));
        }
        if (i % 4 == 0) {
            out.lastAccessTime(ACCESSED.plusSeconds(i));
        }
        return out.build();
    }

    // ---------------------------------------------------------------- sales.events: bigint and text keys

    private void events() {
        glue.createTable(r -> r.databaseName(SALES).tableInput(t -> t.name(EVENTS).tableType("EXTERNAL_TABLE")
                .storageDescriptor(json("s3://lake/sales/events/"))
                .partitionKeys(column("event_id", "bigint"), column("source", "string"))
                .parameters(Map.of("classification", "json")))
                .partitionIndexes(p -> p.indexName("by_source").keys("source")));
        List<String> ids = List.of("-9223372036854775808", "-42", "0", "7", "1000000000000", "9223372036854775807");
        List<String> sources = List.of("web", "mobile", "ストア", LONG_SOURCE, "a/b=c", "tab\there");
        List<PartitionInput> partitions = new ArrayList<>();
        for (String id : ids) {
            for (String source : sources) {
                partitions.add(PartitionInput.builder().values(id, source)
                        .storageDescriptor(json("s3://lake/sales/events/" + partitions.size() + "/"))
                        .parameters(Map.of("note", "événement " + id)).build());
            }
        }
        createPartitions(SALES, EVENTS, partitions);
    }

    private static StorageDescriptor json(String location) {
        return StorageDescriptor.builder().location(location)
                .columns(column("payload", "string"), column("ts", "timestamp"))
                .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                .serdeInfo(s -> s.serializationLibrary("org.openx.data.jsonserde.JsonSerDe")).build();
    }

    // ---------------------------------------------------------------- sales.odd_values: a value no cast takes

    private void oddValues() {
        glue.createTable(r -> r.databaseName(SALES).tableInput(t -> t.name(ODD_VALUES)
                .storageDescriptor(json("s3://lake/sales/odd/")).partitionKeys(column("n", "int"))));
        createPartitions(SALES, ODD_VALUES, List.of("7", "n/a", "-3").stream()
                .map(v -> PartitionInput.builder().values(v).storageDescriptor(json("s3://lake/sales/odd/" + v + "/"))
                        .build()).toList());
    }

    // ---------------------------------------------------------------- sales.people: no keys, every stats type

    private void unpartitioned() {
        glue.createTable(r -> r.databaseName(SALES).tableInput(t -> t.name("people").tableType("EXTERNAL_TABLE")
                .storageDescriptor(s -> s.location("s3://lake/sales/people/")
                        .columns(column("active", "boolean"), column("born", "date"), column("score", "double"),
                                column("photo", "binary"), column("name", "string"))
                        .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                        .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                        .serdeInfo(d -> d.serializationLibrary("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                                .parameters(Map.of("field.delim", ",", "skip.header.line.count", "1"))))
                .parameters(Map.of("classification", "csv", "delimiter", ","))));
        glue.updateColumnStatisticsForTable(r -> r.databaseName(SALES).tableName("people").columnStatisticsList(
                stats("active", "boolean", d -> d.type(ColumnStatisticsType.BOOLEAN).booleanColumnStatisticsData(
                        b -> b.numberOfTrues(5L).numberOfFalses(6L).numberOfNulls(1L))),
                stats("born", "date", d -> d.type(ColumnStatisticsType.DATE).dateColumnStatisticsData(
                        x -> x.minimumValue(Instant.parse("1950-01-01T00:00:00Z"))
                                .maximumValue(Instant.parse("2010-12-31T00:00:00Z"))
                                .numberOfNulls(0L).numberOfDistinctValues(11L))),
                stats("score", "double", d -> d.type(ColumnStatisticsType.DOUBLE).doubleColumnStatisticsData(
                        x -> x.minimumValue(-1.5).maximumValue(99.25).numberOfNulls(2L).numberOfDistinctValues(9L))),
                stats("photo", "binary", d -> d.type(ColumnStatisticsType.BINARY).binaryColumnStatisticsData(
                        x -> x.maximumLength(2048L).averageLength(512.5).numberOfNulls(4L))),
                stats("name", "string", d -> d.type(ColumnStatisticsType.STRING).stringColumnStatisticsData(
                        x -> x.maximumLength(40L).averageLength(11.0).numberOfNulls(0L)
                                .numberOfDistinctValues(12L)))));
    }

    // ---------------------------------------------------------------- sales.daily_view: a view

    private void view() {
        glue.createTable(r -> r.databaseName(SALES).tableInput(t -> t.name("daily_view").tableType("VIRTUAL_VIEW")
                .viewOriginalText("SELECT day, sum(amount) AS total FROM orders GROUP BY day")
                .viewExpandedText("SELECT `orders`.`day`, sum(`orders`.`amount`) AS `total` FROM `sales`.`orders`"
                        + " GROUP BY `orders`.`day`")
                .storageDescriptor(s -> s.columns(column("day", "date"), column("total", "decimal(20,2)")))
                .parameters(Map.of("presto_view", "true"))));
    }

    // ---------------------------------------------------------------- lakehouse.ice_orders: Iceberg, no keys

    private void iceberg() {
        TableInput.Builder table = TableInput.builder().name("ice_orders").tableType("EXTERNAL_TABLE")
                .storageDescriptor(s -> s.location("s3://lake/ice/orders")
                        .columns(column("id", "bigint"), column("ts", "timestamp"), column("amount", "double")))
                .parameters(Map.of("table_type", "ICEBERG",
                        "metadata_location", "s3://lake/ice/orders/metadata/00000-a.metadata.json"));
        glue.createTable(r -> r.databaseName(LAKEHOUSE).tableInput(table.build()));
        // What an Iceberg commit does: swap the metadata pointer, keeping the previous one, if the table is still
        // at the version it read.
        String version = glue.getTable(r -> r.databaseName(LAKEHOUSE).name("ice_orders")).table().versionId();
        glue.updateTable(r -> r.databaseName(LAKEHOUSE).versionId(version).tableInput(table
                .parameters(Map.of("table_type", "ICEBERG",
                        "metadata_location", "s3://lake/ice/orders/metadata/00001-b.metadata.json",
                        "previous_metadata_location", "s3://lake/ice/orders/metadata/00000-a.metadata.json"))
                .build()));
        glue.tagResource(r -> r.resourceArn(arnPrefix + "table/" + LAKEHOUSE + "/ice_orders")
                .tagsToAdd(Map.of("format", "iceberg")));
    }

    private void functions() {
        glue.createUserDefinedFunction(r -> r.databaseName(SALES).functionInput(f -> f.functionName("normalize_region")
                .className("io.example.udf.NormalizeRegion").ownerName("etl").ownerType(PrincipalType.USER)
                .resourceUris(u -> u.resourceType(ResourceType.JAR).uri("s3://lake/udf/regions.jar"),
                        u -> u.resourceType(ResourceType.FILE).uri("s3://lake/udf/régions.txt"))));
        glue.createUserDefinedFunction(r -> r.databaseName(SALES).functionInput(f -> f.functionName("to_cents")
                .className("io.example.udf.ToCents").ownerName("analysts").ownerType(PrincipalType.ROLE)));
        glue.createUserDefinedFunction(r -> r.databaseName(LAKEHOUSE).functionInput(f -> f.functionName("bucket16")
                .className("io.example.udf.Bucket").ownerName("etl").ownerType(PrincipalType.GROUP)
                .resourceUris(u -> u.resourceType(ResourceType.ARCHIVE).uri("s3://lake/udf/bucket.zip"))));
    }

    // ---------------------------------------------------------------- helpers

    private void createPartitions(String database, String table, List<PartitionInput> partitions) {
        for (int from = 0; from < partitions.size(); from += 100) {
            List<PartitionInput> batch = partitions.subList(from, Math.min(partitions.size(), from + 100));
            BatchCreatePartitionResponse answer = glue.batchCreatePartition(r -> r.databaseName(database)
                    .tableName(table).partitionInputList(batch));
            if (answer.hasErrors() && !answer.errors().isEmpty()) {
                throw new IllegalStateException("BatchCreatePartition on " + table + " failed: " + answer.errors());
            }
        }
    }

    private static ColumnStatistics stats(String column, String type,
                                          Consumer<ColumnStatisticsData.Builder> data) {
        return ColumnStatistics.builder().columnName(column).columnType(type).analyzedTime(ANALYZED)
                .statisticsData(data).build();
    }

    private static ColumnStatistics longStats(String column, long min, long max) {
        return stats(column, "bigint", d -> d.type(ColumnStatisticsType.LONG).longColumnStatisticsData(l -> l
                .minimumValue(min).maximumValue(max).numberOfNulls(0L).numberOfDistinctValues(max - min + 1)));
    }

    private static ColumnStatistics decimalStats(String column) {
        return stats(column, "decimal(10,2)", d -> d.type(ColumnStatisticsType.DECIMAL).decimalColumnStatisticsData(
                x -> x.minimumValue(decimal("-12.50")).maximumValue(decimal("99999.99")).numberOfNulls(3L)
                        .numberOfDistinctValues(40L)));
    }

    private static DecimalNumber decimal(String value) {
        BigDecimal number = new BigDecimal(value);
        return DecimalNumber.builder().scale(number.scale())
                .unscaledValue(SdkBytes.fromByteArray(number.unscaledValue().toByteArray())).build();
    }

    private static ColumnStatistics stringStats(String column) {
        return stats(column, "string", d -> d.type(ColumnStatisticsType.STRING).stringColumnStatisticsData(x -> x
                .maximumLength(120L).averageLength(17.25).numberOfNulls(1L).numberOfDistinctValues(33L)));
    }
}

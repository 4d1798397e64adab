package io.mortar.bench.jobs;

import static io.mortar.runtime.transform.ApplyMapping.mapping;

import io.mortar.bench.LoadAverage;
import io.mortar.runtime.MortarContext;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.TransformOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;

/**
 * A catalog read → transform → write job through Mortar's runtime, against the same logic hand-written on Spark
 * DataFrames, in one Spark session, alternating, in the same run. The job: the events of days 2..7 (a catalog
 * partition predicate; Spark's partition pruning by hand), columns renamed and cast (ApplyMapping; a select of
 * casts by hand), written as Parquet partitioned by day. Measured for a Parquet and a CSV source table (and
 * the CSV one read with the catalog's types, {@code csv-typed}); the
 * ratio is Mortar's time over the DataFrame's (target ≤ 1.05).
 *
 * <p>The benchmark hosts Spark, so it runs on the driver class path, with the Mortar server in its own JVM
 * ({@link ServerProcess}), from the repository root: {@code java <Spark's --add-opens> -cp
 * 'bench/target/mortar-bench.jar:runtime/target/jars/*' io.mortar.bench.jobs.CatalogJobBenchmark
 * [--rows 2000000] [--rounds 3]} (bench/README.md has the full line).
 */
public final class CatalogJobBenchmark {
    private static final int DAYS = 8;
    private static final StructType DATA_SCHEMA = new StructType()
            .add("id", DataTypes.LongType).add("customer", DataTypes.IntegerType)
            .add("amount", DataTypes.DoubleType).add("note", DataTypes.StringType);

    private CatalogJobBenchmark() {}

    public static void main(String[] args) throws Exception {
        long rows = 2_000_000;
        int rounds = 3;
        List<String> variants = List.of("parquet", "csv", "csv-typed");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--variants" -> variants = List.of(args[++i].split(","));
                default -> {
                    System.err.println("usage: CatalogJobBenchmark [--rows N] [--rounds N] [--variants "
                            + "parquet,csv,csv-typed]");
                    System.exit(2);
                }
            }
        }
        run(rows, rounds, variants);
        System.exit(0);
    }

    private static void run(long rows, int rounds, List<String> variants) throws Exception {
        Path work = Files.createTempDirectory("mortar-catalog-job");
        String loadAtStart = LoadAverage.now();
        SparkSession spark = SparkSession.builder().master("local[2]").appName("catalog-job-bench")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        List<String> lines = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(Path.of(System.getProperty("mortar.root", ".")),
                work.resolve("data"));
             GlueClient glue = GlueClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("b", "b")))
                     .httpClient(UrlConnectionHttpClient.create()).build();
             MortarContext mortar = MortarContext.create(spark, glue)) {
            glue.createDatabase(r -> r.databaseInput(d -> d.name("bench")));
            System.err.printf("generating %,d rows as CSV and as Parquet, partitioned by day%n", rows);
            Dataset<Row> events = spark.range(rows).selectExpr("id", "CAST(id % 10000 AS INT) AS customer",
                    "CAST((id % 997) * 0.25 AS DOUBLE) AS amount", "concat('n', id % 13) AS note", "CAST(id % " + DAYS + " AS INT) AS day");
            for (String format : List.of("parquet", "csv")) {
                Path table = work.resolve("raw").resolve(format);
                events.write().partitionBy("day").option("header", "true").format(format).save(table.toString());
                register(glue, format, table);
            }
            for (String variant : variants) {
                String format = variant.startsWith("csv") ? "csv" : "parquet";
                boolean typed = variant.endsWith("-typed");
                Path table = work.resolve("raw").resolve(format);
                List<Double> byHand = new ArrayList<>();
                List<Double> throughMortar = new ArrayList<>();
                Path out = work.resolve("out");
                // one of each first, not counted: JIT and Spark's caches warm for both
                time(() -> handWritten(spark, format, table, out.resolve("warm-hand-" + variant)));
                time(() -> mortarJob(mortar, format, typed, out.resolve("warm-mortar-" + variant)));
                for (int round = 1; round <= rounds; round++) {
                    Path handOut = out.resolve("hand-" + variant + "-" + round);
                    Path mortarOut = out.resolve("mortar-" + variant + "-" + round);
                    if (round % 2 == 1) {
                        byHand.add(time(() -> handWritten(spark, format, table, handOut)));
                        throughMortar.add(time(() -> mortarJob(mortar, format, typed, mortarOut)));
                    } else {
                        throughMortar.add(time(() -> mortarJob(mortar, format, typed, mortarOut)));
                        byHand.add(time(() -> handWritten(spark, format, table, handOut)));
                    }
                    long a = spark.read().parquet(handOut.toString()).count();
                    long b = spark.read().parquet(mortarOut.toString()).count();
                    if (a != b) {
                        throw new IllegalStateException("outputs differ: " + a + " rows by hand, " + b + " by Mortar");
                    }
                    System.err.printf("%s round %d: DataFrame %.0f ms, Mortar %.0f ms (%,d rows written)%n", variant,
                            round, byHand.get(round - 1), throughMortar.get(round - 1), a);
                    deleteTree(handOut);
                    deleteTree(mortarOut);
                }
                double hand = Medians.of(byHand);
                double viaMortar = Medians.of(throughMortar);
                lines.add(String.format("%-10s %14.0f %14.0f %10.3f  %s", variant, hand, viaMortar, viaMortar / hand,
                        viaMortar / hand <= 1.05 ? "met" : "NOT met"));
            }
        }
        System.out.println();
        System.out.println("=== Mortar catalog job benchmark ===");
        System.out.printf("machine: %d cores, Java %s; local[2]; %,d rows in %d day partitions, 6 of them read;"
                + " %d rounds, alternating; load average %s at start, %s at end%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), rows, DAYS, rounds,
                loadAtStart, LoadAverage.now());
        System.out.printf("%-10s %14s %14s %10s  %s%n", "source", "DataFrame ms", "Mortar ms", "ratio", "target <= 1.05");
        lines.forEach(System.out::println);
    }

    /**
     * The job through Mortar: catalog read with a partition predicate, ApplyMapping, partitioned Parquet. Typed:
     * the source read as a DataFrame of the catalog's column types ({@code dataFrame()}) instead of a dynamic
     * frame whose CSV values are typed by content.
     */
    private static void mortarJob(MortarContext mortar, String format, boolean typed, Path out) {
        var source = mortar.fromCatalog("bench", "events_" + format)
                .catalogPartitionPredicate("day >= 2")
                .transformationContext("events");
        DynamicFrame events = typed ? DynamicFrame.fromDF(source.dataFrame(), "events") : source.dynamicFrame();
        DynamicFrame mapped = events.applyMapping(List.of(
                mapping("id", "long", "event_id", "long"),
                mapping("customer", "int", "customer_id", "long"),
                mapping("amount", "double", "amount", "decimal(12,2)"),
                mapping("day", "int", "day", "int")), TransformOptions.of("mapped"));
        mortar.writeToOptions(mapped, "s3", Map.of("path", out.toUri().toString(), "partitionKeys", List.of("day")),
                "parquet", Map.of(), "sink");
    }

    /** The same logic as one would write it on DataFrames: Spark's reader, partition pruning, a select of casts. */
    private static void handWritten(SparkSession spark, String format, Path table, Path out) {
        spark.read().format(format).schema(DATA_SCHEMA.add("day", DataTypes.IntegerType)).option("header", "true")
                .load(table.toString())
                .where("day >= 2")
                .selectExpr("CAST(id AS BIGINT) AS event_id", "CAST(customer AS BIGINT) AS customer_id",
                        "CAST(amount AS DECIMAL(12,2)) AS amount", "day")
                .write().mode(SaveMode.ErrorIfExists).partitionBy("day").parquet(out.toString());
    }

    private static void register(GlueClient glue, String format, Path table) {
        boolean csv = format.equals("csv");
        StorageDescriptor sd = StorageDescriptor.builder()
                .location(table.toUri().toString())
                .columns(column("id", "bigint"), column("customer", "int"), column("amount", "double"),
                        column("note", "string"))
                .inputFormat(csv ? "org.apache.hadoop.mapred.TextInputFormat"
                        : "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                .outputFormat(csv ? "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"
                        : "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                .serdeInfo(SerDeInfo.builder().serializationLibrary(csv
                        ? "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"
                        : "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
                        .parameters(csv ? Map.of("field.delim", ",") : Map.of()).build())
                .build();
        glue.createTable(r -> r.databaseName("bench").tableInput(t -> t.name("events_" + format)
                .tableType("EXTERNAL_TABLE")
                .parameters(csv ? Map.of("classification", "csv", "skip.header.line.count", "1")
                        : Map.of("classification", "parquet"))
                .storageDescriptor(sd)
                .partitionKeys(column("day", "int"))));
        List<PartitionInput> partitions = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            partitions.add(PartitionInput.builder().values(String.valueOf(day)).storageDescriptor(
                    sd.toBuilder().location(table.resolve("day=" + day).toUri().toString()).build()).build());
        }
        glue.batchCreatePartition(r -> r.databaseName("bench").tableName("events_" + format)
                .partitionInputList(partitions));
    }

    private static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }

    private static double time(Runnable job) {
        long start = System.nanoTime();
        job.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

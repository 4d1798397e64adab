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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.io.FileUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;

/**
 * A catalog read → transform → write job through Mortar's runtime, against the same logic hand-written on Spark
 * DataFrames, in one Spark session, alternating, in the same run. The job: the events of days 2..7 (a catalog
 * partition predicate; Spark's partition pruning by hand), columns renamed and cast (ApplyMapping; a select of
 * casts by hand), written as Parquet partitioned by day. Measured for a Parquet source table, a CSV one read as a
 * dynamic frame ({@code csv}: values typed by content, against Spark's {@code inferSchema}) and the CSV one read
 * with the catalog's types ({@code csv-typed}, against a read with the same schema); the ratio is Mortar's time over
 * the DataFrame's (target ≤ 1.05).
 *
 * <p>The benchmark hosts Spark, so it runs on the driver class path, with the Mortar server in its own JVM
 * ({@link ServerProcess}), from the repository root: {@code java <Spark's --add-opens> -cp
 * 'bench/target/mortar-bench.jar:runtime/target/jars/*' io.mortar.bench.jobs.CatalogJobBenchmark
 * [--rows 8000000] [--rounds 8] [--warmup 3]} (bench/README.md has the full line).
 */
public final class CatalogJobBenchmark {
    private static final int DAYS = 8;
    private static final StructType DATA_SCHEMA = new StructType()
            .add("id", DataTypes.LongType).add("customer", DataTypes.IntegerType)
            .add("amount", DataTypes.DoubleType).add("note", DataTypes.StringType);

    private CatalogJobBenchmark() {}

    /** What to run: {@code warmup} uncounted rounds, then {@code rounds} counted ones, per variant. */
    private record Settings(long rows, int rounds, int warmup, List<String> variants) {}

    public static void main(String[] args) throws Exception {
        long rows = 8_000_000;
        int rounds = 8; // even: as many rounds with each job first (the first of a pair runs a little slower)
        int warmup = 3;
        List<String> variants = List.of("parquet", "csv", "csv-typed");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--variants" -> variants = List.of(args[++i].split(","));
                default -> {
                    System.err.println("usage: CatalogJobBenchmark [--rows N] [--rounds N] [--warmup N] [--variants "
                            + "parquet,csv,csv-typed]");
                    System.exit(2);
                }
            }
        }
        run(new Settings(rows, rounds, warmup, variants));
        System.exit(0);
    }

    private static void run(Settings settings) throws Exception {
        Path work = Files.createTempDirectory("mortar-catalog-job");
        String loadAtStart = LoadAverage.now();
        SparkSession spark = LocalSpark.session("catalog-job-bench");
        List<String> lines = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(Path.of(System.getProperty("mortar.root", ".")),
                work.resolve("data"));
             GlueClient glue = GlueClients.of(server);
             MortarContext mortar = MortarContext.create(spark, glue)) {
            glue.createDatabase(r -> r.databaseInput(d -> d.name("bench")));
            System.err.printf("generating %,d rows as CSV and as Parquet, partitioned by day%n", settings.rows());
            Dataset<Row> events = spark.range(settings.rows()).selectExpr("id", "CAST(id % 10000 AS INT) AS customer",
                    "CAST((id % 997) * 0.25 AS DOUBLE) AS amount", "concat('n', id % 13) AS note",
                    "CAST(id % " + DAYS + " AS INT) AS day");
            for (String format : List.of("parquet", "csv")) {
                Path table = work.resolve("raw").resolve(format);
                events.write().partitionBy("day").option("header", "true").format(format).save(table.toString());
                register(glue, format, table);
            }
            Map<String, Timings> timings = new LinkedHashMap<>();
            settings.variants().forEach(v -> timings.put(v, new Timings()));
            // Rounds go across the variants, so a drift of the machine (or of the JIT, still compiling after
            // minutes) touches every variant alike.
            for (int round = 1 - settings.warmup(); round <= settings.rounds(); round++) {
                for (String variant : settings.variants()) {
                    measureRound(spark, mortar, work, variant, round, settings, timings.get(variant));
                }
            }
            timings.forEach((variant, t) -> lines.add(t.summary(variant)));
        }
        System.out.println();
        System.out.println("=== Mortar catalog job benchmark ===");
        System.out.printf("machine: %d cores, Java %s; local[2]; %,d rows in %d day partitions, 6 of them read;"
                + " %d warm-up and %d counted rounds per source, across the sources in turn, the two jobs alternating; load average %s at start, %s at end%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), settings.rows(), DAYS,
                settings.warmup(), settings.rounds(), loadAtStart, LoadAverage.now());
        System.out.printf("%-10s %14s %14s %10s  %s%n", "source", "DataFrame ms", "Mortar ms", "ratio",
                "target <= 1.05");
        lines.forEach(System.out::println);
        System.out.println("(times: medians; ratio: the median of each round's Mortar time over its DataFrame time)");
    }

    /** The counted rounds of one variant. */
    private static final class Timings {
        final List<Double> byHand = new ArrayList<>();
        final List<Double> throughMortar = new ArrayList<>();
        final List<Double> ratios = new ArrayList<>();

        String summary(String variant) {
            double ratio = Medians.of(ratios);
            return String.format("%-10s %14.0f %14.0f %10.3f  %s", variant, Medians.of(byHand),
                    Medians.of(throughMortar), ratio, ratio <= 1.05 ? "met" : "NOT met");
        }
    }

    /**
     * One round of a variant: both jobs, alternating which goes first, their outputs checked to be the same.
     * Rounds below 1 are warm-up, not counted (the JIT compiles Spark's and Mortar's code; a first round runs
     * twice as long).
     */
    private static void measureRound(SparkSession spark, MortarContext mortar, Path work, String variant, int round,
                                     Settings settings, Timings timings) throws IOException {
        String format = variant.startsWith("csv") ? "csv" : "parquet";
        boolean typed = variant.endsWith("-typed");
        boolean byContent = format.equals("csv") && !typed;
        Path table = work.resolve("raw").resolve(format);
        Path handOut = work.resolve("out").resolve("hand-" + variant + "-" + round);
        Path mortarOut = work.resolve("out").resolve("mortar-" + variant + "-" + round);
        double hand;
        double viaMortar;
        if (round % 2 != 0) {
            hand = time(() -> handWritten(spark, format, byContent, table, handOut));
            viaMortar = time(() -> mortarJob(mortar, format, typed, mortarOut));
        } else {
            viaMortar = time(() -> mortarJob(mortar, format, typed, mortarOut));
            hand = time(() -> handWritten(spark, format, byContent, table, handOut));
        }
        String written = sameOutput(spark, handOut, mortarOut);
        System.err.printf("%s %s %d: DataFrame %.0f ms, Mortar %.0f ms (%s)%n", variant,
                round < 1 ? "warm-up" : "round", round < 1 ? round + settings.warmup() : round, hand, viaMortar,
                written);
        if (round >= 1) {
            timings.byHand.add(hand);
            timings.throughMortar.add(viaMortar);
            timings.ratios.add(viaMortar / hand);
        }
        FileUtils.deleteDirectory(handOut.toFile());
        FileUtils.deleteDirectory(mortarOut.toFile());
    }

    /** The two outputs hold the same rows (count and sums); says how many. */
    private static String sameOutput(SparkSession spark, Path hand, Path viaMortar) {
        String summary = "count(*), sum(customer_id), sum(amount), sum(day)";
        Row a = spark.read().parquet(hand.toString()).selectExpr(summary.split(", ")).first();
        Row b = spark.read().parquet(viaMortar.toString()).selectExpr(summary.split(", ")).first();
        if (!a.equals(b)) {
            throw new IllegalStateException("outputs differ: " + a + " by hand, " + b + " through Mortar");
        }
        return String.format("%,d rows written", a.getLong(0));
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

    /**
     * The same logic as one would write it on DataFrames: Spark's reader, partition pruning, a select of casts.
     * {@code byContent}: the values typed by what they hold, as a dynamic frame types CSV, which on DataFrames is
     * Spark's {@code inferSchema}; its inference pass reads only the selected days' folders, as Mortar's does.
     */
    private static void handWritten(SparkSession spark, String format, boolean byContent, Path table, Path out) {
        Dataset<Row> events;
        if (byContent) {
            String[] days = IntStream.range(2, DAYS).mapToObj(d -> table.resolve("day=" + d).toString())
                    .toArray(String[]::new);
            events = spark.read().format(format).option("header", "true").option("inferSchema", "true")
                    .option("basePath", table.toString()).load(days);
        } else {
            events = spark.read().format(format).schema(DATA_SCHEMA.add("day", DataTypes.IntegerType))
                    .option("header", "true").load(table.toString()).where("day >= 2");
        }
        events.selectExpr("CAST(id AS BIGINT) AS event_id", "CAST(customer AS BIGINT) AS customer_id",
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
}

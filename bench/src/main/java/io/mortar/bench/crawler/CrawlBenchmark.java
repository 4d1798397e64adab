package io.mortar.bench.crawler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.bench.LoadAverage;
import io.mortar.bench.jobs.GlueClients;
import io.mortar.bench.jobs.Medians;
import io.mortar.bench.jobs.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;

/**
 * Crawls a lake of 10,000 files in 500 partition folders — five datasets (Parquet, ORC, Avro, CSV with a header,
 * gzip JSON lines), 100 {@code day=} folders each, 20 files per folder — through a Mortar server (its own JVM, as
 * users run it): StartCrawler until the crawler is READY, five tables and 500 partitions written. The baseline is
 * Spark's own schema inference over the same data, in the same run: for each dataset the schema a reader infers
 * ({@code mergeSchema} for Parquet and ORC, so every footer is read as the crawler reads every footer;
 * {@code inferSchema} for CSV; JSON's default full pass; Avro's reader, which takes the first file's schema),
 * including Spark's listing and partition discovery. Rounds alternate which goes first.
 *
 * <p>Run from the repository root after {@code mvn -DskipTests package}: {@code java <Spark's --add-opens>
 * -Dmortar.root=$PWD -cp 'bench/target/mortar-bench.jar:runtime/target/jars/*'
 * io.mortar.bench.crawler.CrawlBenchmark [--folders 100] [--files 20] [--rows 200] [--rounds 5]} (bench/README.md
 * has the full line).
 */
public final class CrawlBenchmark {
    private static final List<String> FORMATS = List.of("parquet", "orc", "avro", "csv", "json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CrawlBenchmark() {}

    /** @param lake a folder to keep the generated lake in (and reuse when it exists), or null for a temporary one */
    private record Settings(int folders, int filesPerFolder, int rowsPerFile, int rounds, int warmup, Path lake) {}

    public static void main(String[] args) throws Exception {
        int folders = 100;
        int files = 20;
        int rows = 200;
        int rounds = 5;
        int warmup = 1;
        Path lake = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--folders" -> folders = Integer.parseInt(args[++i]);
                case "--files" -> files = Integer.parseInt(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--lake" -> lake = Path.of(args[++i]).toAbsolutePath();
                default -> {
                    System.err.println("usage: CrawlBenchmark [--folders N per dataset] [--files N per folder]"
                            + " [--rows N per file] [--rounds N] [--warmup N] [--lake DIR to keep and reuse]");
                    System.exit(2);
                }
            }
        }
        run(new Settings(folders, files, rows, rounds, warmup, lake));
        System.exit(0);
    }

    private static void run(Settings settings) throws Exception {
        Path work = Files.createTempDirectory("mortar-crawl-bench");
        Path lake = settings.lake() != null ? settings.lake() : work.resolve("lake");
        String loadAtStart = LoadAverage.now();
        SparkSession spark = SparkSession.builder().master("local[2]").appName("crawl-bench")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        List<Double> viaSpark = new ArrayList<>();
        List<Double> viaMortar = new ArrayList<>();
        List<Double> sparkBytes = new ArrayList<>();
        JsonNode lastSummary = null;
        long dataFiles;
        long dataBytes;
        try (ServerProcess server = ServerProcess.start(Path.of(System.getProperty("mortar.root", ".")),
                work.resolve("data"));
             GlueClient glue = GlueClients.of(server)) {
            System.err.printf("writing %d datasets x %d folders x %d files x %d rows%n", FORMATS.size(),
                    settings.folders(), settings.filesPerFolder(), settings.rowsPerFile());
            if (Files.isDirectory(lake)) {
                System.err.println("reusing the lake in " + lake);
            } else {
                generate(spark, lake, settings);
            }
            dataFiles = countDataFiles(lake);
            dataBytes = dataBytes(lake);
            System.err.printf("%,d data files, %,d bytes%n", dataFiles, dataBytes);
            for (int round = 1 - settings.warmup(); round <= settings.rounds(); round++) {
                double spent;
                double crawled;
                long[] bytes = new long[1];
                if (round % 2 != 0) {
                    spent = inferWithSpark(spark, lake, bytes);
                    crawled = crawlWithMortar(glue, lake, round);
                } else {
                    crawled = crawlWithMortar(glue, lake, round);
                    spent = inferWithSpark(spark, lake, bytes);
                }
                lastSummary = summary(glue, "bench_" + name(round));
                System.err.println("  mortar phases: " + lastSummary.get("millis"));
                System.err.printf("%s %d: Spark inference %.0f ms, Mortar crawl %.0f ms%n",
                        round < 1 ? "warm-up" : "round", round < 1 ? round + settings.warmup() : round, spent,
                        crawled);
                if (round >= 1) {
                    viaSpark.add(spent);
                    viaMortar.add(crawled);
                    sparkBytes.add((double) bytes[0]);
                }
            }
        } finally {
            spark.stop();
        }
        double sparkMs = Medians.of(viaSpark);
        double mortar = Medians.of(viaMortar);
        long filesRead = lastSummary.get("filesRead").asLong();
        System.out.println();
        System.out.println("=== Mortar crawl benchmark ===");
        System.out.printf("machine: %d cores, Java %s; load average %s at start, %s at end%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAtStart,
                LoadAverage.now());
        System.out.printf("lake: %,d data files (%,d bytes) in %d partition folders of %d datasets (%s);"
                        + " %d warm-up and %d counted rounds, alternating%n", dataFiles, dataBytes,
                settings.folders() * FORMATS.size(), FORMATS.size(), String.join(", ", FORMATS), settings.warmup(),
                settings.rounds());
        System.out.printf("%-34s %16s %16s %8s%n", "", "Spark inference", "Mortar crawl", "ratio");
        System.out.printf("%-34s %16.0f %16.0f %8.2f%n", "wall time, ms (median)", sparkMs, mortar, mortar / sparkMs);
        System.out.printf("%-34s %16.0f %16.0f %8.2f%n", "files per second", dataFiles / (sparkMs / 1000),
                dataFiles / (mortar / 1000), sparkMs / mortar);
        System.out.printf("%-34s %16.0f %16.0f %8.2f%n", "bytes read per data file",
                Medians.of(sparkBytes) / dataFiles, (double) lastSummary.get("bytesRead").asLong() / filesRead,
                ((double) lastSummary.get("bytesRead").asLong() / filesRead) / (Medians.of(sparkBytes) / dataFiles));
        System.out.printf("Mortar's crawl: %d tables and %d partitions created, %,d files listed, %,d read%n",
                lastSummary.get("tablesCreated").asLong(), lastSummary.get("partitionsCreated").asLong(),
                lastSummary.get("filesListed").asLong(), filesRead);
        System.out.println("(ratio: Mortar over Spark; below 1 for time and bytes, above 1 for files per second,"
                + " is Mortar doing better)");
        FileUtils.deleteDirectory(work.toFile());
    }

    private static String name(int round) {
        return round < 1 ? "warm" + (1 - round) : "r" + round;
    }

    /** Five datasets, {@code day=} folders, a fixed number of files per folder (maxRecordsPerFile). */
    private static void generate(SparkSession spark, Path lake, Settings settings) {
        long perFolder = (long) settings.filesPerFolder() * settings.rowsPerFile();
        Dataset<Row> rows = spark.range((long) settings.folders() * perFolder).selectExpr("id",
                "CAST(id % 10000 AS INT) AS customer", "CAST((id % 997) * 0.25 AS DOUBLE) AS amount",
                "concat('note ', id % 13) AS note", "CAST(id % " + settings.folders() + " AS INT) AS day")
                .repartition(settings.folders(), org.apache.spark.sql.functions.col("day"));
        for (String format : FORMATS) {
            var writer = rows.write().mode(SaveMode.Overwrite).partitionBy("day")
                    .option("maxRecordsPerFile", settings.rowsPerFile()).format(format);
            if (format.equals("csv")) {
                writer = writer.option("header", "true");
            }
            if (format.equals("json")) {
                writer = writer.option("compression", "gzip");
            }
            writer.save(lake.resolve(format).toString());
        }
    }

    /** Each dataset's schema as Spark infers it, listing included; bytes read counted by Hadoop. */
    private static double inferWithSpark(SparkSession spark, Path lake, long[] bytes) {
        FileSystem.clearStatistics();
        long start = System.nanoTime();
        for (String format : FORMATS) {
            DataFrameReader reader = spark.read().format(format);
            switch (format) {
                case "parquet", "orc" -> reader = reader.option("mergeSchema", "true");
                case "csv" -> reader = reader.option("header", "true").option("inferSchema", "true");
                default -> { }
            }
            StructType schema = reader.load(lake.resolve(format).toString()).schema();
            if (schema.fields().length < 5) {
                throw new IllegalStateException(format + ": Spark inferred " + schema.treeString());
            }
        }
        double ms = (System.nanoTime() - start) / 1e6;
        bytes[0] = FileSystem.getAllStatistics().stream().mapToLong(FileSystem.Statistics::getBytesRead).sum();
        return ms;
    }

    /** A fresh crawler and database per round, so each crawl creates its tables and partitions anew. */
    private static double crawlWithMortar(GlueClient glue, Path lake, int round) throws InterruptedException {
        String name = "bench_" + name(round);
        glue.createCrawler(r -> r.name(name).role("bench").databaseName(name)
                .targets(CrawlerTargets.builder().s3Targets(t -> t.path("file://" + lake + "/")).build()));
        long start = System.nanoTime();
        glue.startCrawler(r -> r.name(name));
        while (true) {
            Crawler c = glue.getCrawler(r -> r.name(name)).crawler();
            if (c.state() == CrawlerState.READY && c.lastCrawl() != null) {
                double ms = (System.nanoTime() - start) / 1e6;
                if (c.lastCrawl().status() != LastCrawlStatus.SUCCEEDED) {
                    throw new IllegalStateException("crawl failed: " + c.lastCrawl().errorMessage());
                }
                int tables = glue.getTables(r -> r.databaseName(name)).tableList().size();
                if (tables != FORMATS.size()) {
                    throw new IllegalStateException("the crawl made " + tables + " tables, not " + FORMATS.size());
                }
                return ms;
            }
            Thread.sleep(20);
        }
    }

    private static JsonNode summary(GlueClient glue, String crawler) {
        try {
            return JSON.readTree(glue.listCrawls(r -> r.crawlerName(crawler)).crawls().get(0).summary());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long countDataFiles(Path lake) throws IOException {
        try (Stream<Path> walk = Files.walk(lake)) {
            return walk.filter(Files::isRegularFile).filter(CrawlBenchmark::isData).count();
        }
    }

    private static long dataBytes(Path lake) throws IOException {
        try (Stream<Path> walk = Files.walk(lake)) {
            return walk.filter(Files::isRegularFile).filter(CrawlBenchmark::isData).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static boolean isData(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && !name.startsWith("_");
    }
}

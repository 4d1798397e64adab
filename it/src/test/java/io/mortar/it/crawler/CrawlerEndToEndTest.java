package io.mortar.it.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.it.harness.ItSpark;
import io.mortar.it.harness.S3ProxyProcess;
import io.mortar.model.GlueJson;
import io.mortar.runtime.MortarContext;
import io.mortar.server.MortarServer;
import io.mortar.server.config.S3Config;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.testing.CrawlWaits;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerHistory;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionIndexDescriptor;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * The crawler end to end, through real processes: one generated lake ({@link LakeCorpus}: Hive-partitioned
 * Parquet, CSV in unnamed partition folders, gzip JSON whose types drift, Avro, ORC, a stray file, an excluded
 * folder and bookkeeping files) put both in an S3Proxy bucket and on local disk; a Mortar server with S3
 * configured; two crawlers created and started through the AWS SDK's GlueClient ({@code s3://bucket/lake/} and
 * {@code file:///…/lake/}). The catalog they leave is checked exactly — tables, columns, partition keys and
 * values, locations, storage formats, parameters and size figures — and the same on both but for locations. Then
 * Spark reads every crawled table back through the Mortar runtime ({@code MortarContext.fromCatalog}) with the
 * rows the test wrote, whole and through partition predicates.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CrawlerEndToEndTest {
    private static final Duration CRAWL_LIMIT = Duration.ofMinutes(3);
    private static final String INDEX_NAME = "crawler_partition_index";

    /** One crawl of the lake: by its crawler, into its database, with locations below {@code prefix}. */
    private record Lake(String crawler, String database, String prefix) {
        String location(String relative) {
            return prefix + relative;
        }
    }

    private static final LakeCorpus corpus = new LakeCorpus();
    private static final Map<String, Lake> lakes = new LinkedHashMap<>();

    private static S3ProxyProcess s3;
    private static Path dataDir;
    private static MortarServer server;
    private static GlueClient glue;
    private static MortarContext mortar;

    @BeforeAll
    static void crawlTheLakeTwice() throws InterruptedException {
        s3 = S3ProxyProcess.start();
        String bucket = ItSpark.newBucket(s3, "crawl-lake"); // Spark's S3A reaches it too
        corpus.putIn(s3, bucket, "lake/");
        dataDir = StoreBackend.tempDir("mortar-crawl-e2e");
        Path local = dataDir.resolve("files").resolve("lake");
        corpus.writeTo(local);

        server = MortarServer.start(ServerConfig.embedded(dataDir.resolve("server"), 0).withS3(
                new S3Config(s3.endpoint().toString(), s3.accessKey(), s3.secretKey(), s3.region(), true)));
        glue = TestServer.client(server);
        mortar = MortarContext.create(ItSpark.get(), glue);

        lakes.put("s3", new Lake("LakeOnS3", "lake_s3", "s3://" + bucket + "/lake/"));
        lakes.put("local", new Lake("LakeOnDisk", "lake_local", "file://" + local + "/"));
        for (Lake lake : lakes.values()) {
            glue.createCrawler(r -> r.name(lake.crawler()).role("arn:aws:iam::000000000000:role/crawler")
                    .databaseName(lake.database()).targets(CrawlerTargets.builder().s3Targets(t -> t
                            .path(lake.prefix()).exclusions(LakeCorpus.EXCLUSION)).build()));
        }
        Instant started = Instant.now().minusMillis(5);
        lakes.values().forEach(lake -> glue.startCrawler(r -> r.name(lake.crawler())));
        for (Lake lake : lakes.values()) {
            Crawler done = awaitCrawl(lake.crawler(), started);
            assertThat(done.lastCrawl().status()).as("crawl of %s: %s", lake.prefix(),
                    done.lastCrawl().errorMessage()).isEqualTo(LastCrawlStatus.SUCCEEDED);
        }
    }

    @AfterAll
    static void stopAll() {
        if (mortar != null) {
            mortar.close();
        }
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (dataDir != null) {
            FileUtils.deleteQuietly(dataDir.toFile());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "local"})
    void theCrawlFindsExactlyTheTablesAndReportsWhatItRead(String where) {
        Lake lake = lakes.get(where);
        assertThat(tables(lake)).extracting(Table::name)
                .containsExactly("clicks", "events", "logs", "notes_csv", "readings", "sales");

        CrawlerHistory crawl = glue.listCrawls(r -> r.crawlerName(lake.crawler())).crawls().get(0);
        assertThat(crawl.stateAsString()).isEqualTo("COMPLETED");
        JsonNode summary = json(crawl.summary());
        assertThat(summary.get("tablesCreated").asInt()).isEqualTo(corpus.tables.size());
        assertThat(summary.get("partitionsCreated").asInt()).isEqualTo(corpus.partitions());
        assertThat(summary.get("filesListed").asInt()).as("excluded and bookkeeping files are not even listed")
                .isEqualTo(corpus.dataFiles());
        assertThat(summary.get("filesRead").asInt()).isEqualTo(corpus.dataFiles());
        assertThat(summary.get("filesSkipped").asInt()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "local"})
    void everyTableIsDescribedExactly(String where) {
        Lake lake = lakes.get(where);
        for (LakeCorpus.Table expected : corpus.tables.values()) {
            Table t = glue.getTable(r -> r.databaseName(lake.database()).name(expected.name())).table();
            String what = lake.database() + "." + expected.name();
            assertThat(t.tableType()).as(what).isEqualTo("EXTERNAL_TABLE");
            assertThat(columns(t.storageDescriptor())).as(what + " columns").isEqualTo(expected.columns());
            assertThat(t.partitionKeys()).as(what + " partition keys").extracting(Column::name, Column::type)
                    .containsExactlyElementsOf(expected.partitionKeys().stream()
                            .map(k -> org.assertj.core.groups.Tuple.tuple(k, "string")).toList());
            assertThat(new TreeMap<>(t.parameters())).as(what + " parameters")
                    .isEqualTo(expected.parameters(lake.crawler()));
            StorageDescriptor sd = t.storageDescriptor();
            assertThat(sd.location()).as(what + " location").isEqualTo(lake.location(expected.root()));
            assertStorage(what, sd, expected);
            assertThat(new TreeMap<>(sd.parameters())).as(what + " descriptor parameters")
                    .isEqualTo(expected.parameters(lake.crawler()));

            List<Partition> partitions = partitions(lake, expected.name());
            if (!expected.partitioned()) {
                assertThat(partitions).as(what + " partitions").isEmpty();
                continue;
            }
            assertThat(partitions).as(what + " partition values").extracting(Partition::values)
                    .containsExactlyElementsOf(expected.parts().stream().map(LakeCorpus.Part::values).toList());
            for (int i = 0; i < partitions.size(); i++) {
                Partition p = partitions.get(i);
                LakeCorpus.Part part = expected.parts().get(i);
                String which = what + " partition " + p.values();
                assertThat(p.storageDescriptor().location()).as(which).isEqualTo(lake.location(part.folder()));
                assertThat(new TreeMap<>(p.parameters())).as(which + " parameters")
                        .isEqualTo(expected.parameters(part));
                assertThat(columns(p.storageDescriptor())).as(which + " columns (the table's)")
                        .isEqualTo(expected.columns());
                assertStorage(which, p.storageDescriptor(), expected);
            }
            List<PartitionIndexDescriptor> indexes = glue.getPartitionIndexes(r -> r.databaseName(lake.database())
                    .tableName(expected.name())).partitionIndexDescriptorList();
            assertThat(indexes).as(what + " partition index").singleElement().satisfies(index -> {
                assertThat(index.indexName()).isEqualTo(INDEX_NAME);
                assertThat(index.keys()).extracting(k -> k.name())
                        .containsExactlyElementsOf(expected.partitionKeys());
            });
        }
    }

    @Test
    void bothCrawlsWriteTheSameTablesApartFromLocations() {
        Lake onS3 = lakes.get("s3");
        Lake onDisk = lakes.get("local");
        List<String> s3Tables = shapes(onS3);
        assertThat(s3Tables).hasSize(corpus.tables.size());
        assertThat(s3Tables).containsExactlyElementsOf(shapes(onDisk));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "local"})
    void nothingOfTheExcludedFolderOrTheBookkeepingFilesIsInTheCatalog(String where) {
        Lake lake = lakes.get(where);
        List<String> locations = new ArrayList<>();
        for (Table t : tables(lake)) {
            locations.add(t.storageDescriptor().location());
            partitions(lake, t.name()).forEach(p -> locations.add(p.storageDescriptor().location()));
        }
        assertThat(locations).hasSize(corpus.tables.size() + corpus.partitions())
                .allSatisfy(l -> assertThat(l).startsWith(lake.prefix()))
                .noneMatch(l -> l.startsWith(lake.prefix() + "tmp"))
                .noneMatch(l -> l.contains("_SUCCESS"));
        assertThat(tables(lake)).extracting(Table::name).doesNotContain("tmp", "scratch", "old_csv", "_success");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "local"})
    void sparkReadsEveryCrawledTableWithTheRowsWritten(String where) {
        Lake lake = lakes.get(where);
        for (LakeCorpus.Table expected : corpus.tables.values()) {
            String what = lake.database() + "." + expected.name();
            Dataset<Row> typed = mortar.fromCatalog(lake.database(), expected.name()).dataFrame();
            assertThat(typed.columns()).as(what + " columns").containsExactlyElementsOf(allColumns(expected));
            Row totals = typed.agg(functions.count(functions.lit(1)), functions.sum("id")).first();
            assertThat(totals.getLong(0)).as(what + " rows").isEqualTo(expected.rows());
            assertThat(totals.getLong(1)).as(what + " sum(id)").isEqualTo(expected.idSum());
            assertThat(mortar.fromCatalog(lake.database(), expected.name()).dynamicFrame().count())
                    .as(what + " rows of the dynamic frame").isEqualTo(expected.rows());
            if (expected.partitioned()) {
                Map<String, Long> perPartition = new TreeMap<>();
                typed.groupBy(expected.partitionKeys().stream().map(functions::col).toArray(
                        org.apache.spark.sql.Column[]::new)).count().collectAsList().forEach(row -> {
                            List<String> values = new ArrayList<>();
                            for (int k = 0; k < expected.partitionKeys().size(); k++) {
                                values.add(row.getString(k));
                            }
                            perPartition.put(String.join("/", values), row.getLong(row.size() - 1));
                        });
                Map<String, Long> written = new TreeMap<>();
                expected.parts().forEach(p -> written.put(String.join("/", p.values()), p.rows()));
                assertThat(perPartition).as(what + " rows per partition value").isEqualTo(written);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "local"})
    void partitionPredicatesSelectTheRightRows(String where) {
        Lake lake = lakes.get(where);
        assertThat(mortar.fromCatalog(lake.database(), "sales").pushDownPredicate("year = '2024'").dataFrame()
                .count()).isEqualTo(rows("sales", p -> p.values().get(0).equals("2024")));
        assertThat(mortar.fromCatalog(lake.database(), "sales")
                .catalogPartitionPredicate("year = '2024' AND month = '2'").dataFrame().count()).isEqualTo(50);
        assertThat(mortar.fromCatalog(lake.database(), "logs").catalogPartitionPredicate("partition_0 = '2024'")
                .dynamicFrame().count()).isEqualTo(rows("logs", p -> p.values().get(0).equals("2024")));
        assertThat(mortar.fromCatalog(lake.database(), "logs").pushDownPredicate("partition_1 = '02'")
                .dataFrame().count()).isEqualTo(30);
        Dataset<Row> day2 = mortar.fromCatalog(lake.database(), "events").pushDownPredicate("day = '2'")
                .dataFrame();
        Row events = day2.agg(functions.count(functions.lit(1)), functions.sum("value")).first();
        assertThat(events.getLong(0)).isEqualTo(12);
        assertThat(events.getDouble(1)).as("day 2's decimals, read as the widened double column")
                .isEqualTo(72.0);
        assertThat(mortar.fromCatalog(lake.database(), "events").pushDownPredicate("day = '3'").dataFrame()
                .where("tag IS NOT NULL").count()).as("the column only day 3 has").isEqualTo(14);
        assertThat(mortar.fromCatalog(lake.database(), "readings").catalogPartitionPredicate("region = 'eu'")
                .dataFrame().count()).isEqualTo(33);
    }

    private static long rows(String table, java.util.function.Predicate<LakeCorpus.Part> which) {
        return corpus.tables.get(table).parts().stream().filter(which).mapToLong(LakeCorpus.Part::rows).sum();
    }

    private static List<String> allColumns(LakeCorpus.Table t) {
        List<String> out = new ArrayList<>(t.columns().stream().map(c -> c.substring(0, c.indexOf(':'))).toList());
        out.addAll(t.partitionKeys());
        return out;
    }

    private static void assertStorage(String what, StorageDescriptor sd, LakeCorpus.Table expected) {
        assertThat(sd.serdeInfo().serializationLibrary()).as(what + " SerDe").isEqualTo(expected.serde());
        assertThat(new TreeMap<>(sd.serdeInfo().parameters())).as(what + " SerDe parameters")
                .isEqualTo(new TreeMap<>(expected.serdeParameters()));
        assertThat(sd.inputFormat()).as(what + " InputFormat").isEqualTo(expected.inputFormat());
        assertThat(sd.outputFormat()).as(what + " OutputFormat").isEqualTo(expected.outputFormat());
        assertThat(sd.compressed()).as(what + " Compressed")
                .isEqualTo(!"none".equals(expected.formatParameters().get("compressionType")));
    }

    /** A table and its partitions in words, locations relative to the lake and the crawler's name left out. */
    private static List<String> shapes(Lake lake) {
        List<String> out = new ArrayList<>();
        for (Table t : tables(lake)) {
            StringBuilder s = new StringBuilder(t.name()).append(' ').append(t.tableType());
            s.append(" keys=").append(t.partitionKeys().stream().map(c -> c.name() + ":" + c.type()).toList());
            Map<String, String> parameters = new TreeMap<>(t.parameters());
            parameters.remove("UPDATED_BY_CRAWLER");
            s.append(" parameters=").append(parameters);
            s.append(' ').append(shape(lake, t.storageDescriptor()));
            for (Partition p : partitions(lake, t.name())) {
                s.append("\n  partition ").append(p.values()).append(" parameters=")
                        .append(new TreeMap<>(p.parameters())).append(' ').append(shape(lake, p.storageDescriptor()));
            }
            out.add(s.toString());
        }
        return out;
    }

    private static String shape(Lake lake, StorageDescriptor sd) {
        assertThat(sd.location()).startsWith(lake.prefix());
        Map<String, String> parameters = new TreeMap<>(sd.parameters());
        parameters.remove("UPDATED_BY_CRAWLER");
        return "location=" + sd.location().substring(lake.prefix().length()) + " columns=" + columns(sd)
                + " serde=" + sd.serdeInfo().serializationLibrary() + new TreeMap<>(sd.serdeInfo().parameters())
                + " input=" + sd.inputFormat() + " output=" + sd.outputFormat() + " compressed=" + sd.compressed()
                + " buckets=" + sd.numberOfBuckets() + " parameters=" + parameters;
    }

    private static List<String> columns(StorageDescriptor sd) {
        return sd.columns().stream().map(c -> c.name() + ":" + c.type()).toList();
    }

    private static List<Table> tables(Lake lake) {
        List<Table> out = new ArrayList<>();
        glue.getTablesPaginator(r -> r.databaseName(lake.database())).forEach(page -> out.addAll(page.tableList()));
        out.sort(Comparator.comparing(Table::name));
        return out;
    }

    /** A table's partitions in the order of the corpus's: by values, numerically where they are numbers. */
    private static List<Partition> partitions(Lake lake, String table) {
        List<Partition> out = new ArrayList<>();
        glue.getPartitionsPaginator(r -> r.databaseName(lake.database()).tableName(table))
                .forEach(page -> out.addAll(page.partitions()));
        out.sort(Comparator.comparing(p -> String.join("/", p.values().stream()
                .map(v -> v.matches("\\d+") ? String.format("%010d", Long.parseLong(v)) : v).toList())));
        return out;
    }

    private static Crawler awaitCrawl(String name, Instant after) throws InterruptedException {
        return CrawlWaits.awaitLastCrawlAfter(glue, name, after, CRAWL_LIMIT);
    }

    private static JsonNode json(String text) {
        try {
            return GlueJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

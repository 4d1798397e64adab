package io.mortar.server.crawlers;

import static io.mortar.crawler.testing.SampleFiles.csv;
import static io.mortar.crawler.testing.SampleFiles.gzip;
import static io.mortar.crawler.testing.SampleFiles.jsonLines;
import static io.mortar.crawler.testing.SampleFiles.parquet;
import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.model.GlueJson;
import io.mortar.server.testing.CrawlWaits;
import io.mortar.server.testing.SignedHttp;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.CrawlerHistory;
import software.amazon.awssdk.services.glue.model.CrawlerMetrics;
import software.amazon.awssdk.services.glue.model.CrawlerNotRunningException;
import software.amazon.awssdk.services.glue.model.CrawlerRunningException;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.CreateCrawlerRequest;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Crawls through the Glue API (StartCrawler, StopCrawler, GetCrawler's LastCrawl, ListCrawls, GetCrawlerMetrics)
 * over data the test writes to local disk, and the catalog they leave, on each store. Every assertion reads the
 * catalog back with the AWS SDK's GlueClient.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CrawlRunsContract {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private TestServer server;
    private GlueClient glue;
    private Path root;

    abstract StoreBackend backend();

    @BeforeAll
    void startServer() throws IOException {
        server = TestServer.start(backend());
        glue = server.client();
        root = Files.createTempDirectory("crawl-data");
    }

    @AfterAll
    void stopServer() throws IOException {
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close();
        }
        if (root != null) {
            FileUtils.deleteDirectory(root.toFile());
        }
    }

    private Path put(String relative, byte[] bytes) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    private static Map<String, Object> record(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    private CreateCrawlerRequest.Builder crawler(String name, String database, String path) {
        return CreateCrawlerRequest.builder().name(name).role("arn:aws:iam::000000000000:role/crawler")
                .databaseName(database).targets(CrawlerTargets.builder().s3Targets(t -> t.path(path)).build());
    }

    private software.amazon.awssdk.services.glue.model.Crawler crawl(String name) throws InterruptedException {
        return CrawlWaits.crawl(glue, name, WAIT);
    }

    private software.amazon.awssdk.services.glue.model.Crawler crawlOk(String name) throws InterruptedException {
        return CrawlWaits.crawlOk(glue, name, WAIT);
    }

    private List<Table> tables(String database) {
        List<Table> out = new ArrayList<>();
        glue.getTablesPaginator(r -> r.databaseName(database)).forEach(page -> out.addAll(page.tableList()));
        out.sort(Comparator.comparing(Table::name));
        return out;
    }

    private Table table(String database, String name) {
        return glue.getTable(r -> r.databaseName(database).name(name)).table();
    }

    private List<Partition> partitions(String database, String table) {
        List<Partition> out = new ArrayList<>();
        glue.getPartitionsPaginator(r -> r.databaseName(database).tableName(table))
                .forEach(page -> out.addAll(page.partitions()));
        out.sort(Comparator.comparing(p -> String.join("/", p.values())));
        return out;
    }

    private static List<String> columns(Table t) {
        return t.storageDescriptor().columns().stream().map(c -> c.name() + ":" + c.type()).toList();
    }

    private JsonNode summary(String crawler) {
        CrawlerHistory last = glue.listCrawls(r -> r.crawlerName(crawler)).crawls().get(0);
        return json(last.summary());
    }

    private static JsonNode json(String text) {
        try {
            return GlueJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String http(String method, String path) throws IOException, InterruptedException {
        URI uri = URI.create(server.endpoint() + path);
        HttpRequest request = method.equals("POST") ? SignedHttp.post(uri, server.server())
                : SignedHttp.get(uri, server.server());
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aCrawlFillsTheCatalogAndReportsWhatItDid() throws Exception {
        String lake = unique("lake");
        for (int month = 1; month <= 3; month++) {
            put(lake + "/orders/year=2024/month=" + month + "/part-0.parquet", parquet(month * 100L, 100));
        }
        put(lake + "/events/day=1/e.json.gz", gzip(jsonLines(List.of(record("id", 1, "kind", "click")))));
        put(lake + "/events/day=2/e.json.gz", gzip(jsonLines(List.of(record("id", 2, "kind", "view")))));
        put(lake + "/archive/old.csv", csv(List.of("id", "v"), List.of(List.of(1, 2), List.of(3, 4))));
        put(lake + "/readme.csv", csv(List.of("id", "text"), List.of(List.of(1, "a"), List.of(2, "b"))));
        String db = unique("db");
        String name = unique("Crawler");
        glue.createCrawler(crawler(name, db, "file://" + root.resolve(lake)).targets(CrawlerTargets.builder()
                .s3Targets(t -> t.path("file://" + root.resolve(lake)).exclusions("archive/**")).build()).build());

        var done = crawlOk(name);
        assertThat(done.lastCrawl().logGroup()).isEqualTo("/aws-glue/crawlers");
        assertThat(tables(db)).extracting(Table::name).containsExactly("events", "orders", "readme_csv");
        Table orders = table(db, "orders");
        assertThat(columns(orders)).containsExactly("id:bigint", "name:string", "amount:double");
        assertThat(orders.partitionKeys()).extracting(Column::name, Column::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("year", "string"),
                        org.assertj.core.groups.Tuple.tuple("month", "string"));
        assertThat(orders.storageDescriptor().location()).isEqualTo("file://" + root.resolve(lake) + "/orders/");
        assertThat(orders.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(orders.parameters()).containsEntry("classification", "parquet")
                .containsEntry("UPDATED_BY_CRAWLER", name).containsEntry("recordCount", "300")
                .containsEntry("objectCount", "3");
        assertThat(partitions(db, "orders")).extracting(Partition::values).containsExactly(
                List.of("2024", "1"), List.of("2024", "2"), List.of("2024", "3"));
        assertThat(glue.getPartitionIndexes(r -> r.databaseName(db).tableName("orders")).partitionIndexDescriptorList())
                .singleElement().satisfies(i -> assertThat(i.indexName()).isEqualTo("crawler_partition_index"));
        assertThat(table(db, "events").parameters()).containsEntry("compressionType", "gzip");

        CrawlerHistory history = glue.listCrawls(r -> r.crawlerName(name)).crawls().get(0);
        assertThat(history.stateAsString()).isEqualTo("COMPLETED");
        assertThat(history.endTime()).isAfterOrEqualTo(history.startTime());
        JsonNode summary = json(history.summary());
        assertThat(summary.get("tablesCreated").asInt()).isEqualTo(3);
        assertThat(summary.get("partitionsCreated").asInt()).isEqualTo(5);
        assertThat(summary.get("filesListed").asInt()).as("the excluded folder is not listed").isEqualTo(6);
        CrawlerMetrics metrics = glue.getCrawlerMetrics(r -> r.crawlerNameList(name)).crawlerMetricsList().get(0);
        assertThat(metrics.tablesCreated()).isEqualTo(3);
        assertThat(metrics.lastRuntimeSeconds()).isGreaterThanOrEqualTo(0.0);
        assertThat(http("GET", "/crawls/" + history.crawlId() + "/log"))
                .contains("CREATE " + db + ".orders: ").contains("3 partition folder(s)");

        // the same data again: nothing changes, no new table version, the stray file's table stays
        String version = orders.versionId();
        crawlOk(name);
        assertThat(table(db, "orders").versionId()).isEqualTo(version);
        assertThat(tables(db)).extracting(Table::name).containsExactly("events", "orders", "readme_csv");
        JsonNode again = summary(name);
        assertThat(List.of(again.get("tablesCreated").asInt(), again.get("tablesUpdated").asInt(),
                again.get("tablesDeprecated").asInt(), again.get("partitionsCreated").asInt())).containsOnly(0);
    }

    @Test
    void aNewFolderWithANewColumnUnderEachUpdateBehavior() throws Exception {
        for (String behavior : List.of("UPDATE_IN_DATABASE", "LOG")) {
            String lake = unique("drift");
            put(lake + "/t/day=1/a.csv", csv(List.of("id", "v"), List.of(List.of(1, 2), List.of(3, 4))));
            String db = unique("db");
            String name = unique("Drift");
            glue.createCrawler(crawler(name, db, "file://" + root.resolve(lake + "/t")).schemaChangePolicy(p -> p
                    .updateBehavior(behavior).deleteBehavior("LOG")).build());
            crawlOk(name);
            put(lake + "/t/day=2/b.csv", csv(List.of("id", "v", "note"), List.of(List.of(5, 6, "x"),
                    List.of(7, 8, "y"))));
            crawlOk(name);
            Table t = table(db, "t");
            assertThat(partitions(db, "t")).as("new partitions are always added").extracting(Partition::values)
                    .containsExactly(List.of("1"), List.of("2"));
            if (behavior.equals("UPDATE_IN_DATABASE")) {
                assertThat(columns(t)).containsExactly("id:bigint", "v:bigint", "note:string");
                assertThat(partitions(db, "t").get(0).storageDescriptor().columns()).as("inherited from the table")
                        .hasSize(3);
                assertThat(summary(name).get("tablesUpdated").asInt()).isEqualTo(1);
            } else {
                assertThat(columns(t)).containsExactly("id:bigint", "v:bigint");
                String log = http("GET", "/crawls/" + glue.listCrawls(r -> r.crawlerName(name)).crawls().get(0)
                        .crawlId() + "/log");
                assertThat(log).contains("LOG t: columns added: note — not applied (UpdateBehavior LOG)");
            }
        }
    }

    @Test
    void aDeletedFolderUnderEachDeleteBehavior() throws Exception {
        for (String behavior : List.of("DELETE_FROM_DATABASE", "DEPRECATE_IN_DATABASE", "LOG")) {
            String lake = unique("gone");
            put(lake + "/t/day=1/a.parquet", parquet(0, 5));
            Path second = put(lake + "/t/day=2/a.parquet", parquet(5, 5));
            put(lake + "/u/x.parquet", parquet(0, 2));
            String db = unique("db");
            String name = unique("Gone");
            glue.createCrawler(crawler(name, db, "file://" + root.resolve(lake)).schemaChangePolicy(p -> p
                    .updateBehavior("UPDATE_IN_DATABASE").deleteBehavior(behavior)).build());
            crawlOk(name);
            assertThat(tables(db)).extracting(Table::name).containsExactly("t", "u");
            Files.delete(second);
            Files.delete(root.resolve(lake + "/u/x.parquet"));
            crawlOk(name);
            switch (behavior) {
                case "DELETE_FROM_DATABASE" -> {
                    assertThat(tables(db)).extracting(Table::name).containsExactly("t");
                    assertThat(partitions(db, "t")).extracting(Partition::values).containsExactly(List.of("1"));
                }
                case "DEPRECATE_IN_DATABASE" -> {
                    assertThat(table(db, "u").parameters()).containsKey("DEPRECATED_BY_CRAWLER");
                    assertThat(partitions(db, "t")).hasSize(2).filteredOn(p -> p.values().equals(List.of("2")))
                            .singleElement().satisfies(p ->
                                    assertThat(p.parameters()).containsKey("DEPRECATED_BY_CRAWLER"));
                }
                default -> {
                    assertThat(tables(db)).extracting(Table::name).containsExactly("t", "u");
                    assertThat(table(db, "u").parameters()).doesNotContainKey("DEPRECATED_BY_CRAWLER");
                    assertThat(partitions(db, "t")).hasSize(2);
                }
            }
        }
    }

    @Test
    void crawlNewFoldersOnlyReadsOnlyTheNewFolder() throws Exception {
        String lake = unique("incr");
        for (int day = 1; day <= 4; day++) {
            put(lake + "/t/day=" + day + "/a.parquet", parquet(day * 10L, 10));
            put(lake + "/t/day=" + day + "/b.parquet", parquet(day * 10L + 5, 10));
        }
        String db = unique("db");
        String name = unique("Incr");
        glue.createCrawler(crawler(name, db, "file://" + root.resolve(lake + "/t"))
                .schemaChangePolicy(p -> p.updateBehavior("LOG").deleteBehavior("LOG"))
                .recrawlPolicy(p -> p.recrawlBehavior("CRAWL_NEW_FOLDERS_ONLY")).build());
        crawlOk(name);
        assertThat(summary(name).get("filesRead").asInt()).isEqualTo(8);
        put(lake + "/t/day=5/a.parquet", parquet(50, 10));
        crawlOk(name);
        assertThat(summary(name).get("filesRead").asInt()).as("only the new folder's file is opened").isEqualTo(1);
        assertThat(summary(name).get("filesListed").asInt()).isEqualTo(9);
        assertThat(partitions(db, "t")).extracting(Partition::values).containsExactly(List.of("1"), List.of("2"),
                List.of("3"), List.of("4"), List.of("5"));
    }

    @Test
    void aDryRunShowsTheTablesAndWhyWithoutWritingThem() throws Exception {
        String lake = unique("dry");
        put(lake + "/sales/region=eu/a.parquet", parquet(0, 5));
        put(lake + "/sales/region=us/a.parquet", parquet(5, 5));
        put(lake + "/stray.csv", csv(List.of("id", "v"), List.of(List.of(1, 2), List.of(3, 4))));
        String db = unique("db");
        String name = unique("Dry");
        glue.createCrawler(crawler(name, db, "file://" + root.resolve(lake)).build());
        JsonNode plan = json(http("POST", "/crawlers/" + name + "/dry-run"));
        assertThat(plan.get("tables")).hasSize(2);
        JsonNode sales = plan.get("tables").get(1).get("name").asText().equals("sales") ? plan.get("tables").get(1)
                : plan.get("tables").get(0);
        assertThat(sales.get("action").asText()).isEqualTo("CREATE");
        assertThat(sales.get("partitionsToCreate").asInt()).isEqualTo(2);
        assertThat(sales.get("reason").asText()).contains("is one table of 2 partition folder(s)");
        assertThat(plan.get("groupingNotes").get(0).asText()).contains("1 file(s) lie beside folders");
        assertThat(glue.getDatabases(r -> { }).databaseList()).noneMatch(d -> d.name().equals(db));
        assertThat(glue.getCrawler(r -> r.name(name)).crawler().lastCrawl()).isNull();
    }

    @Test
    void aTableThresholdFailsTheCrawlAndWritesNothing() throws Exception {
        String lake = unique("many");
        for (String t : List.of("a", "b", "c")) {
            put(lake + "/" + t + "/x.parquet", parquet(0, 2));
        }
        put(lake + "/d/x.orc", io.mortar.crawler.testing.SampleFiles.orc(0, 2));
        String db = unique("db");
        String name = unique("Many");
        glue.createCrawler(crawler(name, db, "file://" + root.resolve(lake))
                .configuration("{\"Version\":1.0,\"CrawlerOutput\":{\"Tables\":{\"TableThreshold\":2}}}").build());
        var done = crawl(name);
        assertThat(done.lastCrawl().status()).isEqualTo(LastCrawlStatus.FAILED);
        assertThat(done.lastCrawl().errorMessage()).contains("is greater than the TableThreshold (2)");
        assertThat(glue.getDatabases(r -> { }).databaseList()).noneMatch(d -> d.name().equals(db));
    }

    @Test
    void stoppingACrawlLeavesTheCatalogAsItWas() throws Exception {
        String lake = unique("slow");
        for (int i = 0; i < 400; i++) {
            put(lake + "/t/part=" + i + "/f.csv", csv(List.of("id", "v"), IntStream.range(0, 50)
                    .mapToObj(n -> List.<Object>of(n, n)).toList()));
        }
        String db = unique("db");
        String name = unique("Slow");
        glue.createCrawler(crawler(name, db, "file://" + root.resolve(lake)).build());
        Instant started = Instant.now().minusMillis(5);
        glue.startCrawler(r -> r.name(name));
        expectError(CrawlerRunningException.class, () -> glue.startCrawler(r -> r.name(name)));
        glue.stopCrawler(r -> r.name(name));
        var stopping = glue.getCrawler(r -> r.name(name)).crawler();
        var done = CrawlWaits.awaitLastCrawlAfter(glue, name, started, WAIT);
        assertThat(stopping.state()).isIn(CrawlerState.STOPPING, CrawlerState.READY);
        assertThat(done.lastCrawl().status()).isEqualTo(LastCrawlStatus.CANCELLED);
        assertThat(glue.listCrawls(r -> r.crawlerName(name)).crawls().get(0).stateAsString()).isEqualTo("STOPPED");
        assertThat(glue.getDatabases(r -> { }).databaseList()).noneMatch(d -> d.name().equals(db));
        assertThat(message(expectError(CrawlerNotRunningException.class, () -> glue.stopCrawler(r -> r.name(name)))))
                .contains("is not running");
    }

    @Test
    void aCrawlThatCannotReachItsTargetFailsWithTheCause() throws Exception {
        String name = unique("Jdbc");
        glue.createCrawler(CreateCrawlerRequest.builder().name(name).role("r").databaseName(unique("db"))
                .targets(CrawlerTargets.builder().jdbcTargets(t -> t.connectionName("nowhere").path("db/public/%"))
                        .build()).build());
        var done = crawl(name);
        assertThat(done.lastCrawl().status()).isEqualTo(LastCrawlStatus.FAILED);
        assertThat(done.lastCrawl().errorMessage()).contains("nowhere");
        expectError(EntityNotFoundException.class, () -> glue.startCrawler(r -> r.name(unique("Missing"))));
        expectError(EntityNotFoundException.class, () -> glue.listCrawls(r -> r.crawlerName(unique("Missing"))));
    }

    @Test
    void customClassifiersComeFirstAndUnreadableFilesAreSkippedAndLogged() throws Exception {
        String lake = unique("logs");
        put(lake + "/app/day=1/a.log", ("2024-01-01T10:00:00 INFO started\n2024-01-01T10:00:01 WARN slow disk\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        put(lake + "/app/day=2/a.log", ("2024-01-02T09:00:00 ERROR failed\n2024-01-02T09:00:05 INFO retried\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        put(lake + "/app/day=2/broken.parquet", "PAR1 this is not parquet at all".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        String classifier = unique("AppLog");
        glue.createClassifier(r -> r.grokClassifier(g -> g.name(classifier).classification("applog")
                .grokPattern("%{TIMESTAMP_ISO8601:at:timestamp} %{LOGLEVEL:level} %{GREEDYDATA:message}")));
        String db = unique("db");
        String name = unique("Grok");
        glue.createCrawler(crawler(name, db, "file://" + root.resolve(lake + "/app")).classifiers(classifier).build());
        crawlOk(name);
        Table app = table(db, "app");
        assertThat(app.parameters()).containsEntry("classification", "applog");
        assertThat(columns(app)).containsExactly("at:timestamp", "level:string", "message:string");
        assertThat(app.storageDescriptor().serdeInfo().serializationLibrary())
                .isEqualTo("com.amazonaws.glue.serde.GrokSerDe");
        assertThat(summary(name).get("filesSkipped").asInt()).isEqualTo(1);
        String log = http("GET", "/crawls/" + glue.listCrawls(r -> r.crawlerName(name)).crawls().get(0).crawlId()
                + "/log");
        assertThat(log).contains("SKIPPED FILE file://" + root.resolve(lake + "/app/day=2/broken.parquet"));
    }

    @Test
    void csvDatesAreTypedUnlessGlueCompatibleClassificationIsAsked() throws Exception {
        String lake = unique("dates");
        put(lake + "/t/a.csv", csv(List.of("id", "day", "at"), List.of(List.of(1, "2024-01-31",
                "2024-01-31 10:00:00"), List.of(2, "2024-02-01", "2024-02-01 11:30:00"))));
        String db = unique("db");
        String typed = unique("Typed");
        glue.createCrawler(crawler(typed, db, "file://" + root.resolve(lake + "/t")).build());
        crawlOk(typed);
        assertThat(columns(table(db, "t"))).containsExactly("id:bigint", "day:date", "at:timestamp");
        String glueLike = unique("GlueLike");
        String db2 = unique("db");
        glue.createCrawler(crawler(glueLike, db2, "file://" + root.resolve(lake + "/t"))
                .configuration("{\"Version\":1.0,\"Mortar\":{\"GlueCompatibleClassification\":true}}").build());
        crawlOk(glueLike);
        assertThat(columns(table(db2, "t"))).containsExactly("id:bigint", "day:string", "at:string");
    }

    @Test
    void aCatalogTargetRecrawlsTheLocationOfAnExistingTable() throws Exception {
        String lake = unique("cat");
        put(lake + "/orders/day=1/a.parquet", parquet(0, 5));
        String db = unique("db");
        glue.createDatabase(r -> r.databaseInput(d -> d.name(db)));
        glue.createTable(r -> r.databaseName(db).tableInput(t -> t.name("curated_orders").description("by hand")
                .storageDescriptor(sd -> sd.location("file://" + root.resolve(lake + "/orders") + "/")
                        .columns(c -> c.name("id").type("bigint")))));
        String name = unique("Catalog");
        glue.createCrawler(CreateCrawlerRequest.builder().name(name).role("r").targets(CrawlerTargets.builder()
                .catalogTargets(t -> t.databaseName(db).tables("curated_orders")).build())
                .schemaChangePolicy(p -> p.updateBehavior("UPDATE_IN_DATABASE").deleteBehavior("LOG")).build());
        crawlOk(name);
        assertThat(tables(db)).extracting(Table::name).containsExactly("curated_orders");
        Table t = table(db, "curated_orders");
        assertThat(columns(t)).containsExactly("id:bigint", "name:string", "amount:double");
        assertThat(t.partitionKeys()).extracting(Column::name).containsExactly("day");
        assertThat(t.description()).as("what users wrote stays").isEqualTo("by hand");
        assertThat(partitions(db, "curated_orders")).extracting(Partition::values).containsExactly(List.of("1"));
    }
}

package io.mortar.cli;

import static io.mortar.crawler.testing.SampleFiles.csv;
import static io.mortar.crawler.testing.SampleFiles.gzip;
import static io.mortar.crawler.testing.SampleFiles.jsonLines;
import static io.mortar.crawler.testing.SampleFiles.orc;
import static io.mortar.crawler.testing.SampleFiles.parquet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.model.GlueJson;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.CreateCrawlerRequest;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * The crawler commands against a real server, over data written to local disk: {@code mortar crawl --dry-run}
 * (the plan, nothing written), {@code mortar crawl} (follows the crawl to its end, prints its counts and id, exits
 * with its outcome), {@code mortar crawlers}, {@code mortar crawls}, {@code mortar crawl-log} and
 * {@code mortar stop-crawl}, and their errors.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrawlerCommandsTest {
    private static final Pattern CRAWL_ID = Pattern.compile("(?m)^Crawl id: (\\S+)");
    /** A progress line, e.g. {@code 1.7s  READING   files: 1500 listed, 1291/1500 read (359.3 KiB)  tables: …}. */
    private static final Pattern PROGRESS = Pattern.compile("(?m)^ *\\d+\\.\\ds {2}[A-Z]+ +"
            + "files: \\d+ listed, \\d+/\\d+ read \\(.+\\)  tables: \\d+ found, \\d+ written");
    private static final String THRESHOLD_1 = "{\"Version\":1.0,\"CrawlerOutput\":{\"Tables\":{\"TableThreshold\":1}}}";

    private static TestServer server;
    private static GlueClient glue;
    private static Path root;
    private static int unique;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(StoreBackend.SQLITE);
        glue = server.client();
        root = Files.createDirectories(server.dataDir().resolve("lakes"));
    }

    @AfterAll
    static void stop() {
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close(); // deletes the data directory, the lakes with it
        }
    }

    private static synchronized String unique(String prefix) {
        return prefix + "_" + (++unique);
    }

    private static CliRun mortar(String... args) {
        return CliRun.against(server, args);
    }

    private static Path put(String relative, byte[] bytes) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private static Map<String, Object> record(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    /** A crawler of {@code file://<root>/<lake>} into {@code database}. */
    private static void createCrawler(String name, String database, String lake, String configuration) {
        glue.createCrawler(CreateCrawlerRequest.builder().name(name).role("arn:aws:iam::000000000000:role/crawler")
                .databaseName(database).configuration(configuration)
                .targets(CrawlerTargets.builder().s3Targets(t -> t.path("file://" + root.resolve(lake))).build())
                .build());
    }

    private static List<String> tables(String database) {
        List<String> names = new ArrayList<>();
        glue.getTablesPaginator(r -> r.databaseName(database))
                .forEach(page -> page.tableList().stream().map(Table::name).forEach(names::add));
        return names.stream().sorted().toList();
    }

    private static boolean databaseExists(String database) {
        return glue.getDatabases(r -> { }).databaseList().stream().anyMatch(d -> d.name().equals(database));
    }

    /** The row of {@code mortar crawlers} for one crawler, by column name. */
    private static Map<String, String> crawlerRow(String name) {
        CliRun run = mortar("crawlers");
        assertThat(run.exit()).as(run.err()).isZero();
        PrintedTable table = PrintedTable.read(run.lines());
        int row = table.column("NAME").indexOf(name);
        assertThat(row).as("%s in %s", name, run.out()).isNotNegative();
        Map<String, String> cells = new LinkedHashMap<>();
        for (int c = 0; c < table.header().size(); c++) {
            cells.put(table.header().get(c), table.rows().get(row).get(c));
        }
        return cells;
    }

    private static String crawlId(CliRun run) {
        Matcher m = CRAWL_ID.matcher(run.out());
        assertThat(m.find()).as("a crawl id in %s", run.out()).isTrue();
        return m.group(1);
    }

    @Test
    void dryRunThenCrawlThenTheCrawlerItsCrawlsAndTheLog() throws Exception {
        String lake = unique("lake");
        for (int month = 1; month <= 3; month++) {
            put(lake + "/orders/year=2024/month=" + month + "/part-0.parquet", parquet(month * 100L, 100));
        }
        put(lake + "/events/day=1/e.json.gz", gzip(jsonLines(List.of(record("id", 1, "kind", "click")))));
        put(lake + "/events/day=2/e.json.gz", gzip(jsonLines(List.of(record("id", 2, "kind", "view")))));
        put(lake + "/stray.csv", csv(List.of("id", "v"), List.of(List.of(1, 2), List.of(3, 4))));
        String db = unique("db");
        String name = unique("Lake");
        createCrawler(name, db, lake, null);

        // --dry-run: the plan, table by table, with reasons; nothing is written
        CliRun dry = mortar("crawl", name, "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.lines()).contains("CREATE  " + db + ".orders", "CREATE  " + db + ".events",
                "CREATE  " + db + ".stray_csv",
                "    location:       file://" + root.resolve(lake) + "/orders/",
                "    classification: parquet",
                "    columns:        id bigint, name string, amount double",
                "    partition keys: year, month",
                "    partitions:     3 to create, 0 to update, 0 to delete");
        assertThat(dry.out()).contains("is one table of 3 partition folder(s)").contains("Grouping notes:")
                .contains("1 file(s) lie beside folders").contains("Nothing was written.");
        assertThat(databaseExists(db)).as("a dry run writes nothing").isFalse();
        assertThat(glue.getCrawler(r -> r.name(name)).crawler().lastCrawl()).isNull();

        CliRun dryJson = mortar("crawl", name, "--dry-run", "-o", "json");
        assertThat(dryJson.exit()).as(dryJson.err()).isZero();
        JsonNode plan = GlueJson.mapper().readTree(dryJson.out());
        assertThat(plan.get("tables")).hasSize(3).allSatisfy(t -> assertThat(t.get("action").asText())
                .isEqualTo("CREATE"));
        assertThat(plan.get("filesListed").asInt()).isEqualTo(6);

        // the crawl: followed to its end, its counts and its id
        CliRun crawl = mortar("crawl", name);
        assertThat(crawl.exit()).as(crawl.out() + crawl.err()).isZero();
        String crawlId = crawlId(crawl);
        assertThat(crawl.lines().get(0)).isEqualTo("Started crawl " + crawlId + " of crawler " + name);
        assertThat(crawl.out()).containsPattern("(?m)^Crawl SUCCEEDED in \\d+\\.\\d s$")
                .contains("  tables:      3 created, 0 updated, 0 deprecated, 0 deleted (3 written)")
                .contains("  partitions:  5 created, 0 updated, 0 deleted")
                .containsPattern("  files:       6 listed, \\d+ read, 0 skipped; ");
        assertThat(crawl.err()).isEmpty();
        assertThat(tables(db)).containsExactly("events", "orders", "stray_csv");

        // mortar crawlers: READY, its last crawl SUCCEEDED
        Map<String, String> row = crawlerRow(name);
        assertThat(row.get("STATE")).isEqualTo("READY");
        assertThat(row.get("DATABASE")).isEqualTo(db);
        assertThat(row.get("TARGETS")).isEqualTo("file://" + root.resolve(lake));
        assertThat(row.get("SCHEDULE")).isEmpty();
        assertThat(row.get("LAST CRAWL (UTC)")).matches("SUCCEEDED \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(row.get("ERROR")).isEmpty();

        // mortar crawls: the one crawl, COMPLETED
        CliRun crawls = mortar("crawls", name);
        assertThat(crawls.exit()).as(crawls.err()).isZero();
        PrintedTable history = PrintedTable.read(crawls.lines());
        assertThat(history.column("CRAWL ID")).containsExactly(crawlId);
        assertThat(history.column("STATE")).containsExactly("COMPLETED");
        assertThat(history.column("TABLES +/~/-")).containsExactly("3/0/0");
        assertThat(history.column("DURATION (S)").get(0)).matches("\\d+\\.\\d");
        assertThat(history.column("ERROR")).containsExactly("");

        // mortar crawl-log: what it decided and why
        CliRun log = mortar("crawl-log", crawlId);
        assertThat(log.exit()).as(log.err()).isZero();
        assertThat(log.out()).startsWith("crawl " + crawlId + " of crawler " + name + ": COMPLETED")
                .contains("CREATE " + db + ".orders: ").contains("CREATE " + db + ".events: ");

        // -o json: the Glue objects
        JsonNode crawlsJson = GlueJson.mapper().readTree(mortar("crawls", name, "-o", "json").out());
        assertThat(crawlsJson).singleElement().satisfies(c -> {
            assertThat(c.get("CrawlId").asText()).isEqualTo(crawlId);
            assertThat(GlueJson.mapper().readTree(c.get("Summary").asText()).get("tablesCreated").asInt())
                    .isEqualTo(3);
        });
        JsonNode crawlersJson = GlueJson.mapper().readTree(mortar("crawlers", "-o", "json").out());
        assertThat(crawlersJson).anySatisfy(c -> {
            assertThat(c.get("Name").asText()).isEqualTo(name);
            assertThat(c.get("LastCrawl").get("Status").asText()).isEqualTo("SUCCEEDED");
        });
    }

    @Test
    void aFailedCrawlExitsOneWithItsMessage() throws Exception {
        String lake = unique("many");
        put(lake + "/a/x.parquet", parquet(0, 2));
        put(lake + "/b/x.orc", orc(0, 2)); // another format: two tables, not one of two partitions
        String db = unique("db");
        String name = unique("Threshold");
        createCrawler(name, db, lake, THRESHOLD_1);

        CliRun crawl = mortar("crawl", name);
        assertThat(crawl.exit()).as(crawl.out() + crawl.err()).isEqualTo(1);
        String crawlId = crawlId(crawl);
        assertThat(crawl.out()).contains("Crawl FAILED in ");
        assertThat(crawl.err().lines().toList()).singleElement().asString()
                .startsWith("error: crawl " + crawlId + " of crawler " + name + " FAILED: ")
                .contains("is greater than the TableThreshold (1)");
        assertThat(databaseExists(db)).isFalse();

        Map<String, String> row = crawlerRow(name);
        assertThat(row.get("STATE")).isEqualTo("READY");
        assertThat(row.get("LAST CRAWL (UTC)")).startsWith("FAILED ");
        assertThat(row.get("ERROR")).isNotEmpty().hasSizeLessThanOrEqualTo(CrawlerCommands.SHORT_ERROR);

        PrintedTable history = PrintedTable.read(mortar("crawls", name).lines());
        assertThat(history.column("STATE")).containsExactly("FAILED");
        assertThat(history.column("ERROR").get(0)).isNotEmpty();
    }

    @Test
    void followingACrawlShowsProgressAndStoppingItEndsItCancelled() throws Exception {
        String lake = unique("slow");
        List<List<Object>> rows = IntStream.range(0, 50).mapToObj(n -> List.<Object>of(n, n)).toList();
        for (int i = 0; i < 1500; i++) {
            put(lake + "/t/part=" + i + "/f.csv", csv(List.of("id", "v"), rows));
        }
        String db = unique("db");
        String name = unique("Slow");
        createCrawler(name, db, lake, null);

        // mortar crawl in the background, its output read while it runs
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> following = CompletableFuture.supplyAsync(() -> {
            CommandLine cli = MortarCli.commandLine(CliRun.environmentOf(server));
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            return cli.execute("--endpoint", server.endpoint().toString(), "crawl", name, "--interval", "0.2");
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!PROGRESS.matcher(out.toString()).find() && !following.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(out.toString()).as("a progress line while the crawl runs: " + err).containsPattern(PROGRESS);

        CliRun second = mortar("crawl", name);
        assertThat(second.exit()).isEqualTo(2);
        assertThat(second.err()).isEqualTo("error: CrawlerRunningException: Crawler with name " + name
                + " has already started\n");
        assertThat(mortar("crawl", name, "--no-wait").exit()).isEqualTo(2);

        CliRun stop = mortar("stop-crawl", name);
        assertThat(stop.exit()).as(stop.err()).isZero();
        assertThat(stop.out()).isEqualTo("Stopping crawler " + name + "\n");

        int exit = following.get(60, TimeUnit.SECONDS);
        assertThat(exit).as(out + "\n" + err).isEqualTo(1);
        assertThat(out.toString()).contains("Crawl CANCELLED in ");
        assertThat(err.toString()).startsWith("error: crawl ").contains(" of crawler " + name
                + " CANCELLED: the crawl was stopped");
        assertThat(databaseExists(db)).as("a stopped crawl writes nothing").isFalse();
        assertThat(PrintedTable.read(mortar("crawls", name).lines()).column("STATE")).containsExactly("STOPPED");
        assertThat(crawlerRow(name).get("LAST CRAWL (UTC)")).startsWith("CANCELLED ");

        // --no-wait starts it and says so, nothing more
        CliRun noWait = mortar("crawl", name, "--no-wait");
        assertThat(noWait.exit()).as(noWait.err()).isZero();
        assertThat(noWait.lines()).singleElement().asString().matches("Started crawl \\S+ of crawler " + name);
        assertThat(mortar("stop-crawl", name).exit()).isZero();
    }

    @Test
    void unknownCrawlersAndCrawlsAreClearErrors() {
        for (String[] args : List.of(new String[] {"crawl", "NoSuchCrawler"},
                new String[] {"crawl", "NoSuchCrawler", "--dry-run"}, new String[] {"crawls", "NoSuchCrawler"},
                new String[] {"stop-crawl", "NoSuchCrawler"})) {
            CliRun run = mortar(args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", args)).isEqualTo(
                    "error: EntityNotFoundException: Crawler entry with name NoSuchCrawler does not exist\n");
            assertThat(run.out()).isEmpty();
        }

        String name = unique("Idle");
        createCrawler(name, unique("db"), unique("nothing"), null);
        CliRun stop = mortar("stop-crawl", name);
        assertThat(stop.exit()).isEqualTo(2);
        assertThat(stop.err()).isEqualTo("error: CrawlerNotRunningException: Crawler with name " + name
                + " is not running\n");

        CliRun log = mortar("crawl-log", "no-such-crawl");
        assertThat(log.exit()).isEqualTo(2);
        assertThat(log.err()).isEqualTo("error: no crawl no-such-crawl at " + server.endpoint() + "\n");

        CliRun both = mortar("crawl", name, "--dry-run", "--no-wait");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--dry-run and --no-wait do not go together");
    }

    @Test
    void everyOptionHasHelp() {
        for (String command : List.of("crawlers", "crawls", "crawl", "crawl-log", "stop-crawl")) {
            CommandLine cli = MortarCli.commandLine(CliRun.environmentOf(server)).getSubcommands().get(command);
            cli.getCommandSpec().options().forEach(o -> assertThat(o.description()).as("%s %s", command,
                    o.longestName()).isNotEmpty().allMatch(d -> !d.isBlank()));
            cli.getCommandSpec().positionalParameters().forEach(p -> assertThat(p.description())
                    .as("%s %s", command, p.paramLabel()).isNotEmpty());
        }
    }
}

package io.mortar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.mortar.cli.demo.ParquetFiles;
import io.mortar.runtime.demo.DemoTickets;
import io.mortar.server.MortarServer;
import io.mortar.server.config.ConfigLoader;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.jdbc.testing.TestPostgres;
import io.mortar.tagging.TagRule;
import io.mortar.tagging.Tagger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.apache.commons.io.FileUtils;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * {@code mortar demo} end to end, in-process and small ({@code --rows 20000 --rules 50}): its exit code and printed
 * steps; the catalog it leaves (read through a server started again on its data directory); the tagged Parquet
 * read back file by file from S3Proxy's folder at the locations the catalog gives, every row's tags checked
 * against {@link Tagger} in this JVM (and a sample against each rule's own {@code find()}), texts and days against
 * the generator; and the PostgreSQL summary table against counts of those rows. Without a test PostgreSQL
 * ({@code MORTAR_TEST_PG_URL}) the demo runs with {@code --postgres none} and the summary is read from the lake.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class DemoCommandTest {
    private static final long ROWS = 20_000;
    private static final int RULES = 50;
    private static final long SEED = 42;
    private static final int DAYS = 7;
    private static final int TEXT_LENGTH = 100;
    private static final LocalDate FIRST_DAY = LocalDate.parse("2025-06-02");
    /** A time as the demo prints it: {@code 12.3 s}, or from a minute on {@code 1 min 05 s}. */
    private static final String DURATION = "([\\d.]+ s|\\d+ min \\d{2} s)";

    private static Path dir;
    private static String pgUrl;
    private static CliRun demo;
    private static List<TicketRow> tagged;

    /** One row of the tagged Parquet output. */
    record TicketRow(long id, String subject, String body, String notes, String day, List<String> tags) {}

    @BeforeAll
    static void runTheDemo() throws IOException {
        dir = StoreBackend.tempDir("mortar-demo-test");
        pgUrl = TestPostgres.adminUrl().isPresent() || "true".equalsIgnoreCase(System.getenv("CI"))
                ? TestPostgres.createDatabase("mortar_demo") : null;
        demo = CliRun.run(Map.of(), "demo", "--rows", Long.toString(ROWS), "--rules", Integer.toString(RULES),
                "--dir", dir.toString(), "--postgres", pgUrl == null ? "none" : pgUrl);
        System.out.println(demo.out());
        System.err.println(demo.err());
        assertThat(demo.exit()).as(demo.err()).isZero();
        tagged = readTaggedParquet();
    }

    @AfterAll
    static void cleanUp() {
        if (pgUrl != null) {
            TestPostgres.dropDatabase(pgUrl);
        }
        if (dir != null) {
            FileUtils.deleteQuietly(dir.toFile());
        }
    }

    @Test
    void printsEveryStepAndWhereThingsAre() {
        List<String> steps = demo.lines().stream().filter(l -> l.matches("\\[\\d/6] .*")).toList();
        assertThat(steps).hasSize(6);
        assertThat(steps.get(0)).isEqualTo("[1/6] S3Proxy");
        assertThat(steps.get(1)).isEqualTo("[2/6] Mortar server");
        assertThat(steps.get(2)).isEqualTo("[3/6] PostgreSQL connection");
        assertThat(steps.get(3)).startsWith("[4/6] Generate 20,000 tickets and 50 rules");
        assertThat(steps.get(4)).startsWith("[5/6] Crawl s3://demo/raw/");
        assertThat(steps.get(5)).startsWith("[6/6] Tag the tickets with 50 rules");
        assertThat(demo.out())
                .contains("20,000 rows (id, subject, body, notes; day) over 7 days from 2025-06-02")
                .contains("table demo.tickets (parquet), partitioned by day: 7 partitions")
                .contains("20,000 records counted")
                .containsPattern("read, tagged and wrote 20,000 rows in [\\d.]+ s: [\\d,]+ rows/s; 0 guard trips")
                .containsPattern("SUCCEEDED in " + DURATION + ": ExecutionTime \\d+ s, 120 DPU-seconds")
                .contains("Top tags:")
                .containsPattern("Done in " + DURATION + ": 20,000 tickets generated, crawled and tagged with 50 rules")
                .contains("bin/mortar tables demo");
        if (pgUrl != null) {
            assertThat(demo.out()).contains("TestConnection OK").contains("in PostgreSQL: public.demo_tag_summary");
        } else {
            assertThat(demo.out()).contains("in the lake: s3://demo/summary/tag_summary/");
        }
        assertThat(demo.err()).doesNotContain("error");
    }

    @Test
    void theCatalogHoldsTheCrawledAndTheTaggedTableWithTheirPartitions() {
        try (MortarServer server = MortarServer.start(ConfigLoader.load(null, Map.of(),
                Map.of("mortar.data-dir", dir.resolve("mortar").toString(), "mortar.port", "0")));
             GlueClient glue = TestServer.client(server)) {
            List<String> tables = glue.getTables(b -> b.databaseName("demo")).tableList().stream().map(Table::name)
                    .sorted().toList();
            assertThat(tables).containsExactlyElementsOf(pgUrl == null
                    ? List.of("tag_summary", "tickets", "tickets_tagged") : List.of("tickets", "tickets_tagged"));

            Table raw = glue.getTable(b -> b.databaseName("demo").name("tickets")).table();
            assertThat(raw.storageDescriptor().location()).isEqualTo("s3://demo/raw/tickets/");
            assertThat(raw.parameters()).containsEntry("classification", "parquet")
                    .containsEntry("UPDATED_BY_CRAWLER", "demo-raw").containsEntry("recordCount", "20000");
            assertThat(raw.storageDescriptor().columns()).extracting(Column::name, Column::type).containsExactly(
                    tuple("id", "bigint"),
                    tuple("subject", "string"),
                    tuple("body", "string"),
                    tuple("notes", "string"));
            assertThat(raw.partitionKeys()).extracting(Column::name).containsExactly("day");
            assertThat(partitions(glue, "tickets")).containsExactlyInAnyOrderElementsOf(days("s3://demo/raw/tickets/"));

            Table out = glue.getTable(b -> b.databaseName("demo").name("tickets_tagged")).table();
            assertThat(out.storageDescriptor().location()).startsWith("s3://demo/tagged/tickets");
            assertThat(out.storageDescriptor().columns()).extracting(Column::name, Column::type).containsExactly(
                    tuple("id", "bigint"),
                    tuple("subject", "string"),
                    tuple("body", "string"),
                    tuple("notes", "string"),
                    tuple("tags", "array<string>"));
            assertThat(out.partitionKeys()).extracting(Column::name).containsExactly("day");
            assertThat(partitions(glue, "tickets_tagged"))
                    .containsExactlyInAnyOrderElementsOf(days("s3://demo/tagged/tickets/"));

            for (String job : List.of("demo-generate", "demo-tag")) {
                List<JobRun> runs = glue.getJobRuns(b -> b.jobName(job)).jobRuns();
                assertThat(runs).hasSize(1);
                assertThat(runs.get(0).jobRunStateAsString()).isEqualTo("SUCCEEDED");
                assertThat(demo.out()).contains("      run " + runs.get(0).id() + "\n");
            }
        }
    }

    @Test
    void theTaggedParquetHoldsEveryTicketOnceWithTheTagsTheTaggerGives() {
        assertThat(tagged).hasSize((int) ROWS);
        assertThat(tagged.stream().mapToLong(TicketRow::id).sorted().toArray())
                .isEqualTo(LongStream.range(0, ROWS).toArray());

        List<TagRule> rules = DemoTickets.rules(SEED, RULES);
        List<String> columns = List.of("subject", "body", "notes");
        Tagger tagger = Tagger.compile(rules, columns, Tagger.Options.DEFAULTS);
        Tagger.Matching matching = tagger.newMatching();
        int withTags = 0;
        for (TicketRow row : tagged) {
            matching.set(0, row.subject());
            matching.set(1, row.body());
            matching.set(2, row.notes());
            int n = matching.matchRow();
            List<String> expected = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                expected.add(tagger.tags().get(matching.tag(k)));
            }
            assertThat(row.tags()).as("the tags of ticket %d", row.id()).isEqualTo(expected);
            withTags += expected.isEmpty() ? 0 : 1;
        }
        assertThat(withTags).as("rows with a tag").isBetween((int) (ROWS / 10), (int) ROWS);

        // The definition itself, on a sample: a rule tags a row when its regex finds a match in one of its columns.
        List<Pattern> patterns = rules.stream().map(r -> Pattern.compile(r.regex(), r.flags())).toList();
        for (TicketRow row : tagged.subList(0, 500)) {
            Map<String, String> text = Map.of("subject", row.subject(), "body", row.body(), "notes", row.notes());
            List<String> expected = new ArrayList<>();
            for (int r = 0; r < rules.size(); r++) {
                TagRule rule = rules.get(r);
                Pattern p = patterns.get(r);
                if (!expected.contains(rule.tag())
                        && rule.columns().stream().anyMatch(c -> p.matcher(text.get(c)).find())) {
                    expected.add(rule.tag());
                }
            }
            assertThat(row.tags()).as("the tags of ticket %d by each rule's find()", row.id()).isEqualTo(expected);
        }
    }

    @Test
    void theTicketsAreTheGeneratorsOwnReproducibly() {
        Map<Long, TicketRow> byId = new HashMap<>();
        tagged.forEach(r -> byId.put(r.id(), r));
        for (long id : new long[] {0, 1, 9_999, 10_000, 12_345, ROWS - 1}) {
            TicketRow row = byId.get(id);
            String[] text = DemoTickets.ticket(SEED, id, TEXT_LENGTH);
            assertThat(List.of(row.subject(), row.body(), row.notes())).as("ticket %d", id)
                    .containsExactly(text[0], text[1], text[2]);
            assertThat(row.day()).isEqualTo(DemoTickets.day(id, ROWS, DAYS, FIRST_DAY));
        }
        assertThat(tagged.stream().map(TicketRow::day).distinct().count()).isEqualTo(DAYS);
    }

    @Test
    void theSummaryTableCountsTheTaggedRows() throws Exception {
        Map<String, Long> expected = new TreeMap<>();
        for (TicketRow row : tagged) {
            row.tags().forEach(t -> expected.merge(t, 1L, Long::sum));
        }
        Map<String, Long> rows = new TreeMap<>();
        Map<String, Double> shares = new TreeMap<>();
        if (pgUrl != null) {
            try (Connection c = DriverManager.getConnection(pgUrl); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT tag, rows, share FROM public.demo_tag_summary")) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getLong(2));
                    shares.put(rs.getString(1), rs.getDouble(3));
                }
            }
        } else {
            for (Group g : ParquetFiles.read(dir.resolve("s3/data/demo/summary/tag_summary"))) {
                rows.put(g.getString("tag", 0), g.getLong("rows", 0));
                shares.put(g.getString("tag", 0), g.getDouble("share", 0));
            }
        }
        assertThat(rows).isNotEmpty().isEqualTo(expected);
        assertThat(rows.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(tagged.stream().mapToLong(r -> r.tags().size()).sum());
        rows.forEach((tag, n) -> assertThat(shares.get(tag)).as(tag).isCloseTo((double) n / ROWS,
                org.assertj.core.data.Offset.offset(1e-12)));
    }

    @Test
    void anExplicitPostgresThatDoesNotAnswerFailsItsStepBeforeAnySparkJob() {
        Path other = StoreBackend.tempDir("mortar-demo-test-pg");
        try {
            CliRun run = CliRun.run(Map.of(), "demo", "--rows", "1000", "--dir", other.toString(), "--postgres",
                    "jdbc:postgresql://127.0.0.1:1/nowhere?user=demo&password=demo");
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("error: step 3/6 (PostgreSQL connection) failed: TestConnection of"
                    + " demo-postgres (jdbc:postgresql://127.0.0.1:1/nowhere?user=demo, from --postgres) failed")
                    .doesNotContain("password=demo");
            assertThat(run.out()).as("no Spark job ran").doesNotContain("[4/6]");
        } finally {
            FileUtils.deleteQuietly(other.toFile());
        }
    }

    @Test
    void aFolderThatIsNotADemosIsLeftAlone() throws IOException {
        Path other = StoreBackend.tempDir("mortar-demo-test-foreign");
        try {
            Files.writeString(other.resolve("precious.txt"), "keep me");
            CliRun run = CliRun.run(Map.of(), "demo", "--dir", other.toString(), "--postgres", "none");
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("is not empty and holds no .mortar-demo file");
            assertThat(Files.readString(other.resolve("precious.txt"))).isEqualTo("keep me");
            assertThat(CliRun.run(Map.of(), "demo", "--rows", "0").err()).contains("--rows must be at least 1");
            assertThat(CliRun.run(Map.of(), "demo", "--postgres", "jdbc:mysql://x/y").err())
                    .contains("must be a PostgreSQL JDBC URL");
        } finally {
            FileUtils.deleteQuietly(other.toFile());
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static List<String> partitions(GlueClient glue, String table) {
        return glue.getPartitionsPaginator(b -> b.databaseName("demo").tableName(table)).stream()
                .flatMap(p -> p.partitions().stream())
                .map(p -> String.join("/", p.values()) + " @ " + p.storageDescriptor().location()).toList();
    }

    private static List<String> days(String root) {
        List<String> out = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            String day = FIRST_DAY.plusDays(d).toString();
            out.add(day + " @ " + root + "day=" + day + "/");
        }
        return out;
    }

    /** The tagged table's rows: the Parquet files of each partition the catalog lists, from S3Proxy's folder. */
    private static List<TicketRow> readTaggedParquet() throws IOException {
        List<TicketRow> rows = new ArrayList<>();
        try (MortarServer server = MortarServer.start(ConfigLoader.load(null, Map.of(),
                Map.of("mortar.data-dir", dir.resolve("mortar").toString(), "mortar.port", "0")));
             GlueClient glue = TestServer.client(server)) {
            List<Partition> partitions = glue.getPartitionsPaginator(b -> b.databaseName("demo")
                    .tableName("tickets_tagged")).stream().flatMap(p -> p.partitions().stream()).toList();
            assertThat(partitions).hasSize(DAYS);
            for (Partition partition : partitions) {
                String location = partition.storageDescriptor().location();
                assertThat(location).startsWith("s3://demo/");
                Path folder = dir.resolve("s3/data/demo").resolve(location.substring("s3://demo/".length()));
                String day = partition.values().get(0);
                for (Group g : ParquetFiles.read(folder)) {
                    rows.add(new TicketRow(g.getLong("id", 0), g.getString("subject", 0), g.getString("body", 0),
                            g.getString("notes", 0), day, ParquetFiles.strings(g, "tags")));
                }
            }
        }
        return rows;
    }
}

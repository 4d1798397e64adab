package io.mortar.cli.demo;

import static io.mortar.cli.demo.DemoLayout.DATABASE;
import static io.mortar.cli.demo.DemoLayout.RAW_TABLE;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.cli.Sizes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerHistory;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.LastCrawlInfo;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Step 5: a crawler crawls {@code s3://demo/raw/} into the catalog; the step checks the crawl made the tickets'
 * table with a partition per day.
 */
final class CrawlStep {
    static final String CRAWLER = "demo-raw";
    static final String RAW_ROOT = "s3://demo/raw/";
    /**
     * Tables rooted at the folders of s3://demo/raw/ (depth 2: the bucket's first folder is 1), so each dataset there
     * is a table of its own, named after its folder, even while raw/ holds one dataset only (Glue would otherwise
     * root that one at the include path and call it "raw").
     */
    static final String CRAWLER_CONFIGURATION = "{\"Version\": 1.0, \"Grouping\": {\"TableLevelConfiguration\": 2}}";

    private final DemoRun.Settings settings;
    private final GlueClient glue;
    private final DemoHints hints;
    private final Path bucketDir;
    private final DemoOutput out;

    /**
     * @param bucketDir the demo bucket's folder in S3Proxy's data directory
     */
    CrawlStep(DemoRun.Settings settings, GlueClient glue, DemoHints hints, Path bucketDir, DemoOutput out) {
        this.settings = settings;
        this.glue = glue;
        this.hints = hints;
        this.bucketDir = bucketDir;
        this.out = out;
    }

    /** Returns the crawl's id. */
    String run() {
        long t = System.nanoTime();
        glue.createCrawler(b -> b.name(CRAWLER).role("mortar-demo").databaseName(DATABASE)
                .description("mortar demo: the raw data, one table per folder of s3://demo/raw/")
                .targets(x -> x.s3Targets(s -> s.path(RAW_ROOT)))
                .configuration(CRAWLER_CONFIGURATION));
        glue.startCrawler(b -> b.name(CRAWLER));
        Crawler crawler;
        while (true) {
            crawler = glue.getCrawler(b -> b.name(CRAWLER)).crawler();
            if (crawler.state() == CrawlerState.READY && crawler.lastCrawl() != null) {
                break;
            }
            JobRunner.sleep(250);
        }
        LastCrawlInfo last = crawler.lastCrawl();
        String crawlId = last.messagePrefix();
        if (last.status() != LastCrawlStatus.SUCCEEDED) {
            throw new StepFailure("crawl " + crawlId + " of crawler " + CRAWLER + " " + last.statusAsString() + ": "
                    + last.errorMessage(), help(crawlId));
        }
        Optional<JsonNode> summary = glue.listCrawls(b -> b.crawlerName(CRAWLER).maxResults(1)).crawls().stream()
                .findFirst().map(CrawlerHistory::summary).flatMap(JobRunner::json);
        Table table;
        try {
            table = glue.getTable(b -> b.databaseName(DATABASE).name(RAW_TABLE)).table();
        } catch (GlueException e) {
            List<String> found = glue.getTables(b -> b.databaseName(DATABASE)).tableList().stream()
                    .map(Table::name).toList();
            throw new StepFailure("the crawl made no table " + DATABASE + "." + RAW_TABLE + " (tables: " + found
                    + ")", help(crawlId));
        }
        long partitions = partitions(glue, RAW_TABLE);
        out.line("with {\"Grouping\": {\"TableLevelConfiguration\": 2}}: a table per folder of %s", RAW_ROOT);
        out.line("crawl %s SUCCEEDED in %s: table %s.%s (%s), partitioned by %s: %d partitions", crawlId,
                DemoOutput.seconds(t), DATABASE, RAW_TABLE, table.parameters().getOrDefault("classification", "?"),
                keys(table), partitions);
        out.line("columns %s", columns(table));
        summary.ifPresent(s -> out.line("%d files listed, %d read (%s of footers); %s records counted; %d table and"
                        + " %d partitions created", s.path("filesListed").asLong(), s.path("filesRead").asLong(),
                Sizes.bytes(s.path("bytesRead").asLong()), recordCount(table),
                s.path("tablesCreated").asLong(), s.path("partitionsCreated").asLong()));
        if (partitions != Math.min(settings.days(), settings.rows())) {
            throw new StepFailure("the table " + DATABASE + "." + RAW_TABLE + " has " + partitions + " partitions, not"
                    + " one per day (" + settings.days() + ")", help(crawlId));
        }
        return crawlId;
    }

    /** How many partitions a table of the demo database has. */
    static long partitions(GlueClient glue, String table) {
        return glue.getPartitionsPaginator(b -> b.databaseName(DATABASE).tableName(table)).stream()
                .mapToLong(p -> p.partitions().size()).sum();
    }

    private List<String> help(String crawlId) {
        List<String> help = new ArrayList<>();
        help.add("the data it crawled: " + bucketDir.resolve("raw"));
        help.addAll(hints.lookAt(List.of("crawls " + CRAWLER, "crawl-log " + crawlId)));
        return help;
    }

    private static String keys(Table table) {
        return table.partitionKeys().isEmpty() ? "nothing"
                : String.join(", ", table.partitionKeys().stream().map(Column::name).toList());
    }

    private static String columns(Table table) {
        List<String> cols = new ArrayList<>();
        for (Column c : table.storageDescriptor().columns()) {
            cols.add(c.name() + " " + c.type());
        }
        for (Column c : table.partitionKeys()) {
            cols.add(c.name() + " " + c.type() + " (partition key)");
        }
        return String.join(", ", cols);
    }

    private static String recordCount(Table table) {
        String count = table.parameters().get("recordCount");
        if (count == null) {
            return "no";
        }
        try {
            return String.format(Locale.ROOT, "%,d", Long.parseLong(count));
        } catch (NumberFormatException e) {
            return count;
        }
    }
}

package io.mortar.server.upgrade;

import static java.util.Objects.requireNonNull;

import io.mortar.server.testing.CrawlWaits;
import io.mortar.server.testing.JobRunWaits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.glue.model.WorkerType;

/**
 * Writes the upgrade fixture's jobs and crawlers, and lets them run: a job run that succeeds and one that fails
 * (real Spark drivers, from the old build's runtime/target/jars), one crawl over a small local folder of CSV and
 * JSON files. Crawlers on a schedule fire only in 2199, so no server that opens the store starts a crawl.
 */
final class RunsFixture {
    static final String LAKE_CRAWLER = "lake_crawler";
    static final String JDBC_CRAWLER = "jdbc_crawler";
    /** Far enough ahead that a schedule never fires while a test or the generator runs. */
    static final String NEVER_SOON = "cron(0 12 1 1 ? 2199)";
    private static final Duration RUN_LIMIT = Duration.ofMinutes(10);

    private final GlueClient glue;
    private final Path files;
    private final String arnPrefix;

    /** @param files a folder for the job scripts and the crawled files; they must outlive the runs */
    RunsFixture(GlueClient glue, Path files, String arnPrefix) {
        this.glue = requireNonNull(glue, "glue");
        this.files = requireNonNull(files, "files");
        this.arnPrefix = requireNonNull(arnPrefix, "arnPrefix");
    }

    void write() throws IOException, InterruptedException {
        String ok = jobs();
        crawlers();
        String failed = glue.startJobRun(r -> r.jobName("failing_job")).jobRunId();
        require(JobRunWaits.awaitEnd(glue, "nightly_orders", ok, RUN_LIMIT), JobRunState.SUCCEEDED);
        require(JobRunWaits.awaitEnd(glue, "failing_job", failed, RUN_LIMIT), JobRunState.FAILED);
    }

    /** Creates the jobs and starts the run that succeeds; its id. */
    private String jobs() throws IOException {
        Path ok = write("scripts/ok.sql", "SELECT '${greeting}' AS greeting; SELECT 1");
        Path fail = write("scripts/fail.sql", "SELECT raise_error('boom')");
        glue.createJob(r -> r.name("nightly_orders").description("Nightly orders rollup — täglich")
                .role("arn:aws:iam::000000000000:role/etl")
                .command(c -> c.name("glueetl").scriptLocation(ok.toString()))
                .defaultArguments(Map.of("--greeting", "héllo", "--day", "monday", "--enable-metrics", "true"))
                .nonOverridableArguments(Map.of("--env", "prod"))
                .executionProperty(p -> p.maxConcurrentRuns(2)).maxRetries(0).timeout(10)
                .workerType(WorkerType.G_1_X).numberOfWorkers(2)
                .tags(Map.of("team", "sales", "schedule", "nightly")));
        glue.tagResource(r -> r.resourceArn(arnPrefix + "job/nightly_orders").tagsToAdd(Map.of("tier", "gold")));
        glue.createJob(r -> r.name("failing_job").role("etl").maxRetries(0)
                .command(c -> c.name("glueetl").scriptLocation(fail.toString())));
        glue.createJob(r -> r.name("idle_job").role("etl").maxCapacity(2.0).timeout(60)
                .command(c -> c.name("glueetl").scriptLocation(ok.toString()))
                .defaultArguments(Map.of("--greeting", "never run")));
        return glue.startJobRun(r -> r.jobName("nightly_orders").arguments(Map.of("--greeting", "hello")))
                .jobRunId();
    }

    private void crawlers() throws IOException, InterruptedException {
        // Semicolons: the custom CSV classifier, tried first, must not take the JSON lines for CSV.
        write("lake/customers/part-0.csv", "id;name;city\n1;Anna;Zürich\n2;Bob;Oslo\n3;Chloé;Paris\n");
        write("lake/clicks/day=2024-01-01/a.json",
                "{\"id\": 1, \"page\": \"/home\"}\n{\"id\": 2, \"page\": \"/ä\"}\n");
        write("lake/clicks/day=2024-01-02/b.json", "{\"id\": 3, \"page\": \"/cart\"}\n{\"id\": 4, \"page\": \"/\"}\n");
        write("lake/tmp/ignored.csv", "a;b\n1;2\n");
        glue.createDatabase(r -> r.databaseInput(d -> d.name("crawled").description("What the crawler found")));
        glue.createCrawler(r -> r.name(LAKE_CRAWLER).role("arn:aws:iam::000000000000:role/crawler")
                .databaseName("crawled").description("Crawls the local lake").tablePrefix("raw_")
                .targets(t -> t.s3Targets(s -> s.path("file://" + files.resolve("lake")).exclusions("tmp/**")))
                .classifiers(SettingsFixture.CSV_CLASSIFIER)
                .schemaChangePolicy(p -> p.updateBehavior("UPDATE_IN_DATABASE").deleteBehavior("DEPRECATE_IN_DATABASE"))
                .configuration("{\"Version\":1.0,\"CrawlerOutput\":{\"Partitions\":"
                        + "{\"AddOrUpdateBehavior\":\"InheritFromTable\"}}}")
                .tags(Map.of("team", "sales")));
        Crawler crawled = CrawlWaits.crawlOk(glue, LAKE_CRAWLER, RUN_LIMIT);
        if (crawled.lastCrawl() == null) {
            throw new IllegalStateException("The crawl left no LastCrawl");
        }
        // Scheduled (UpdateCrawlerSchedule starts the schedule) only after the crawl, which has to be started by
        // hand; the store then holds both.
        glue.updateCrawlerSchedule(r -> r.crawlerName(LAKE_CRAWLER).schedule(NEVER_SOON));

        glue.createCrawler(r -> r.name(JDBC_CRAWLER).role("crawler").databaseName("crawled")
                .targets(t -> t.jdbcTargets(j -> j.connectionName(SettingsFixture.JDBC_CONNECTION)
                        .path("sales/public/%").exclusions("sales/public/tmp_%")))
                .schedule("cron(30 3 ? * MON *)"));
        // Not scheduled: created with a schedule, then paused, so it never fires.
        glue.stopCrawlerSchedule(r -> r.crawlerName(JDBC_CRAWLER));
        glue.tagResource(r -> r.resourceArn(arnPrefix + "crawler/" + JDBC_CRAWLER).tagsToAdd(Map.of("env", "dev")));
    }

    private Path write(String relative, String content) throws IOException {
        Path file = files.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private static void require(JobRun run, JobRunState state) {
        if (run.jobRunState() != state) {
            throw new IllegalStateException("Run " + run.id() + " of " + run.jobName() + " ended " + run.jobRunState()
                    + " instead of " + state + ": " + run.errorMessage());
        }
    }
}

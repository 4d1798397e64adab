package io.mortar.server.crawlers;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchGetCrawlersResponse;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.CreateCrawlerRequest;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetCrawlersResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.NoScheduleException;
import software.amazon.awssdk.services.glue.model.SchedulerNotRunningException;
import software.amazon.awssdk.services.glue.model.SchedulerRunningException;

/**
 * The crawler-definition half of the Glue crawler API through the AWS SDK's {@code GlueClient}, on each store:
 * CRUD with Glue's defaults, partial updates that raise the version, schedules and their states, validation with
 * messages naming the field, tags and paging.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CrawlerApiContract {
    static final String ARN_PREFIX = "arn:aws:glue:us-east-1:000000000000:crawler/";

    private TestServer server;
    GlueClient glue;

    abstract StoreBackend backend();

    @BeforeAll
    void startServer() {
        server = TestServer.start(backend());
        glue = server.client();
    }

    @AfterAll
    void stopServer() {
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static CreateCrawlerRequest.Builder crawler(String name) {
        return CreateCrawlerRequest.builder().name(name).role("arn:aws:iam::000000000000:role/crawler")
                .databaseName("lake")
                .targets(CrawlerTargets.builder().s3Targets(t -> t.path("s3://bucket/events/").exclusions("**.tmp"))
                        .build());
    }

    Crawler get(String name) {
        return glue.getCrawler(r -> r.name(name)).crawler();
    }

    @Test
    void aNewCrawlerHasGluesDefaultsAndItsScheduleRuns() {
        String name = unique("Events");
        glue.createCrawler(crawler(name).schedule("cron(15 12 * * ? *)").tablePrefix("raw_")
                .configuration("{\"Version\":1.0,\"Grouping\":{\"TableLevelConfiguration\":2}}").build());

        Crawler c = get(name);
        assertThat(c.name()).isEqualTo(name);
        assertThat(c.stateAsString()).isEqualTo("READY");
        assertThat(c.version()).isEqualTo(1L);
        assertThat(c.crawlElapsedTime()).isZero();
        assertThat(c.creationTime()).isNotNull().isEqualTo(c.lastUpdated());
        assertThat(c.databaseName()).isEqualTo("lake");
        assertThat(c.tablePrefix()).isEqualTo("raw_");
        assertThat(c.targets().s3Targets()).singleElement().satisfies(t -> {
            assertThat(t.path()).isEqualTo("s3://bucket/events/");
            assertThat(t.exclusions()).containsExactly("**.tmp");
        });
        assertThat(c.schemaChangePolicy().updateBehaviorAsString()).isEqualTo("UPDATE_IN_DATABASE");
        assertThat(c.schemaChangePolicy().deleteBehaviorAsString()).isEqualTo("DEPRECATE_IN_DATABASE");
        assertThat(c.recrawlPolicy().recrawlBehaviorAsString()).isEqualTo("CRAWL_EVERYTHING");
        assertThat(c.lineageConfiguration().crawlerLineageSettingsAsString()).isEqualTo("DISABLE");
        assertThat(c.schedule().scheduleExpression()).isEqualTo("cron(15 12 * * ? *)");
        assertThat(c.schedule().stateAsString()).isEqualTo("SCHEDULED");
        assertThat(c.configuration()).isEqualTo("{\"Version\":1.0,\"Grouping\":{\"TableLevelConfiguration\":2}}");

        String onDemand = unique("OnDemand");
        glue.createCrawler(crawler(onDemand).build());
        assertThat(get(onDemand).schedule()).isNull();
        expectError(AlreadyExistsException.class, () -> glue.createCrawler(crawler(name).build()));
    }

    @Test
    void anUpdateChangesOnlyWhatItGivesAndRaisesTheVersion() {
        String name = unique("Partial");
        glue.createCrawler(crawler(name).description("first").schedule("cron(0 6 * * ? *)").build());
        Crawler before = get(name);

        glue.updateCrawler(r -> r.name(name).description("second"));
        Crawler after = get(name);
        assertThat(after.description()).isEqualTo("second");
        assertThat(after.version()).isEqualTo(2L);
        assertThat(after.targets()).isEqualTo(before.targets());
        assertThat(after.role()).isEqualTo(before.role());
        assertThat(after.schedule()).isEqualTo(before.schedule());
        assertThat(after.creationTime()).isEqualTo(before.creationTime());
        assertThat(after.lastUpdated()).isAfterOrEqualTo(before.lastUpdated());

        glue.updateCrawler(r -> r.name(name).schemaChangePolicy(p -> p.updateBehavior("LOG").deleteBehavior("LOG"))
                .recrawlPolicy(p -> p.recrawlBehavior("CRAWL_NEW_FOLDERS_ONLY")));
        assertThat(get(name).recrawlPolicy().recrawlBehaviorAsString()).isEqualTo("CRAWL_NEW_FOLDERS_ONLY");

        glue.updateCrawler(r -> r.name(name).schedule(""));
        assertThat(get(name).schedule()).as("an empty Schedule runs the crawler on demand").isNull();
        assertThat(get(name).version()).isEqualTo(4L);

        expectError(EntityNotFoundException.class, () -> glue.updateCrawler(r -> r.name(unique("Nope"))
                .description("x")));
    }

    @Test
    void schedulesStartAndStopWithGluesStateErrors() {
        String name = unique("Scheduled");
        glue.createCrawler(crawler(name).schedule("cron(0/30 * * * ? *)").build());
        assertThat(message(expectError(SchedulerRunningException.class,
                () -> glue.startCrawlerSchedule(r -> r.crawlerName(name))))).contains(name);

        glue.stopCrawlerSchedule(r -> r.crawlerName(name));
        assertThat(get(name).schedule().stateAsString()).isEqualTo("NOT_SCHEDULED");
        expectError(SchedulerNotRunningException.class, () -> glue.stopCrawlerSchedule(r -> r.crawlerName(name)));

        glue.updateCrawlerSchedule(r -> r.crawlerName(name).schedule("cron(0 1 * * ? *)"));
        assertThat(get(name).schedule().scheduleExpression()).isEqualTo("cron(0 1 * * ? *)");
        assertThat(get(name).schedule().stateAsString()).as("a stopped schedule stays stopped")
                .isEqualTo("NOT_SCHEDULED");
        glue.startCrawlerSchedule(r -> r.crawlerName(name));
        assertThat(get(name).schedule().stateAsString()).isEqualTo("SCHEDULED");

        String onDemand = unique("NoSchedule");
        glue.createCrawler(crawler(onDemand).build());
        expectError(NoScheduleException.class, () -> glue.startCrawlerSchedule(r -> r.crawlerName(onDemand)));
        glue.updateCrawlerSchedule(r -> r.crawlerName(onDemand).schedule("cron(0 2 ? * MON-FRI *)"));
        assertThat(get(onDemand).schedule().stateAsString()).as("a new schedule starts").isEqualTo("SCHEDULED");

        assertThat(message(expectError(InvalidInputException.class,
                () -> glue.updateCrawlerSchedule(r -> r.crawlerName(onDemand).schedule("cron(0/2 * * * ? *)")))))
                .contains("Schedule 'cron(0/2 * * * ? *)' is not a valid schedule").contains("5 minutes");
        expectError(EntityNotFoundException.class,
                () -> glue.stopCrawlerSchedule(r -> r.crawlerName(unique("Nope"))));
    }

    @Test
    void badDefinitionsAreRefusedNamingTheField() {
        assertThat(refusal(crawler(unique("C")).role(null))).contains("Value null at 'role' failed to satisfy constraint");
        assertThat(refusal(crawler(unique("C")).targets(CrawlerTargets.builder().build())))
                .contains("Targets must have at least one");
        assertThat(refusal(crawler(unique("C")).targets(t -> t.s3Targets(s -> s.exclusions("x")))))
                .contains("Targets.S3Targets[0].Path is required");
        assertThat(refusal(crawler(unique("C")).targets(t -> t.s3Targets(s -> s.path("s3://b/").sampleSize(300)))))
                .contains("Targets.S3Targets[0].SampleSize must be between 1 and 249");
        assertThat(refusal(crawler(unique("C")).targets(t -> t.jdbcTargets(j -> j.path("db/%")))))
                .contains("Targets.JdbcTargets[0].ConnectionName is required");
        assertThat(refusal(crawler(unique("C")).targets(t -> t.catalogTargets(k -> k.databaseName("lake").tables(List.of())))))
                .contains("at 'targets.catalogTargets.1.member.tables' failed to satisfy constraint");
        assertThat(refusal(crawler(unique("C")).targets(t -> t.mongoDBTargets(m -> m.path("db/c")))))
                .contains("MongoDB, DynamoDB, Delta, Iceberg and Hudi targets are not supported");
        assertThat(refusal(crawler(unique("C")).schedule("cron(0 12 * * * *)")))
                .contains("Schedule 'cron(0 12 * * * *)' is not a valid schedule")
                .contains("exactly one of Day-of-month and Day-of-week must be '?'");
        assertThat(refusal(crawler(unique("C")).recrawlPolicy(p -> p.recrawlBehavior("CRAWL_NEW_FOLDERS_ONLY"))))
                .contains("CRAWL_NEW_FOLDERS_ONLY needs SchemaChangePolicy UpdateBehavior LOG and DeleteBehavior LOG");
        assertThat(refusal(crawler(unique("C")).tablePrefix("p".repeat(129))))
                .contains("at 'tablePrefix' failed to satisfy constraint: Member must have length less than or equal to 128");
        assertThat(refusal(crawler(unique("C")).configuration("{\"Version\":1.0,\"Grouping\":{\"Tablelevel\":2}")))
                .contains("Configuration is not valid JSON");
        assertThat(refusal(crawler(unique("C")).configuration("{\"Version\":1.0,\"Groupings\":{}}")))
                .contains("Configuration has an unknown key Groupings");
        assertThat(refusal(crawler(unique("C")).configuration(
                "{\"Version\":1.0,\"CrawlerOutput\":{\"Tables\":{\"TableThreshold\":0}}}")))
                .contains("Configuration.CrawlerOutput.Tables.TableThreshold must be a positive integer");

        String name = unique("Kept");
        glue.createCrawler(crawler(name).build());
        assertThat(message(expectError(InvalidInputException.class, () -> glue.updateCrawler(r -> r.name(name)
                .description("changed").recrawlPolicy(p -> p.recrawlBehavior("CRAWL_NEW_FOLDERS_ONLY"))))))
                .contains("CRAWL_NEW_FOLDERS_ONLY needs SchemaChangePolicy UpdateBehavior LOG");
        assertThat(get(name).description()).isNull();
        assertThat(get(name).version()).as("a refused update writes nothing").isEqualTo(1L);
    }

    private String refusal(CreateCrawlerRequest.Builder request) {
        String message = message(expectError(InvalidInputException.class, () -> glue.createCrawler(request.build())));
        expectError(EntityNotFoundException.class, () -> glue.getCrawler(r -> r.name(request.build().name())));
        return message;
    }

    @Test
    void listingPagingBatchGetTagsAndDelete() {
        String prefix = unique("Page");
        List<String> names = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
        for (String name : names) {
            glue.createCrawler(crawler(name).tags(name.endsWith("b") ? Map.of("team", "data") : Map.of()).build());
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetCrawlersResponse page = glue.getCrawlers(r -> r.maxResults(1).nextToken(next));
            page.crawlers().forEach(c -> seen.add(c.name()));
            assertThat(page.crawlers()).hasSizeLessThanOrEqualTo(1);
            token = page.nextToken();
        } while (token != null);
        assertThat(seen).containsSubsequence(names);
        assertThat(glue.listCrawlers(r -> r.tags(Map.of("team", "data"))).crawlerNames())
                .containsExactly(prefix + "-b");
        assertThat(glue.getTags(r -> r.resourceArn(ARN_PREFIX + prefix + "-b")).tags())
                .containsExactlyEntriesOf(Map.of("team", "data"));

        BatchGetCrawlersResponse batch = glue.batchGetCrawlers(r -> r.crawlerNames(prefix + "-a", prefix + "-x"));
        assertThat(batch.crawlers()).extracting(Crawler::name).containsExactly(prefix + "-a");
        assertThat(batch.crawlersNotFound()).containsExactly(prefix + "-x");

        glue.deleteCrawler(r -> r.name(prefix + "-b"));
        expectError(EntityNotFoundException.class, () -> glue.getCrawler(r -> r.name(prefix + "-b")));
        expectError(EntityNotFoundException.class, () -> glue.deleteCrawler(r -> r.name(prefix + "-b")));
        expectError(EntityNotFoundException.class,
                () -> glue.getTags(r -> r.resourceArn(ARN_PREFIX + prefix + "-b")));
        assertThat(glue.listCrawlers(r -> r.tags(Map.of("team", "data"))).crawlerNames()).isEmpty();
    }
}

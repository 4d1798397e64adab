package io.mortar.server.crawlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.config.CrawlersConfig;
import io.mortar.server.testing.CrawlWaits;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.CrawlerHistory;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;

/**
 * Issue 12, finding 1 for crawls: a burst of StartCrawler on a server that crawls two at a time. Every crawler
 * shows RUNNING at once (as in Glue, a started crawler is running), but only two crawls execute at any moment, the
 * rest wait their turn, every crawl completes, and a crawl's start time (ListCrawls, LastCrawl) is when it left the
 * queue, so its run time never counts the wait.
 */
class CrawlQueueTest {
    private static final int CRAWLERS = 6;
    private static final int AT_ONCE = 2;
    private static final Duration WAIT = Duration.ofMinutes(3);

    private TestServer server;
    private GlueClient glue;

    @AfterEach
    void stop() {
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void crawlsBeyondTheServersCapacityWaitAndTheirTimeStartsWhenTheyRun() throws Exception {
        server = TestServer.start(StoreBackend.SQLITE, config -> config.withCrawlers(new CrawlersConfig(AT_ONCE, 2)));
        glue = server.client();
        Path dataDir = server.dataDir();
        glue.createDatabase(r -> r.databaseInput(d -> d.name("lake")));
        for (int i = 0; i < CRAWLERS; i++) {
            Path table = Files.createDirectories(dataDir.resolve("lake" + i).resolve("events"));
            for (int file = 0; file < 400; file++) { // enough files that a crawl takes a while
                Files.writeString(table.resolve("part-" + file + ".csv"), "id,name,amount\n1,a,2.5\n2,b,3.5\n");
            }
            String path = "file://" + dataDir.resolve("lake" + i);
            String prefix = "c" + i + "_";
            String name = "crawler" + i;
            glue.createCrawler(r -> r.name(name).role("arn:aws:iam::000000000000:role/crawler")
                    .databaseName("lake").tablePrefix(prefix)
                    .targets(CrawlerTargets.builder().s3Targets(t -> t.path(path)).build()));
        }

        Instant before = Instant.now().minusMillis(5);
        List<Thread> starts = new ArrayList<>();
        for (int i = 0; i < CRAWLERS; i++) {
            int crawler = i;
            Thread start = new Thread(() -> glue.startCrawler(r -> r.name("crawler" + crawler)));
            start.start();
            starts.add(start);
        }
        for (Thread start : starts) {
            start.join();
        }

        List<CrawlerHistory> crawls = new ArrayList<>();
        for (int i = 0; i < CRAWLERS; i++) {
            CrawlWaits.awaitLastCrawlAfter(glue, "crawler" + i, before, WAIT);
            int crawler = i;
            crawls.add(glue.listCrawls(r -> r.crawlerName("crawler" + crawler)).crawls().get(0));
        }
        assertThat(crawls).allSatisfy(crawl -> assertThat(crawl.stateAsString()).as(crawl.errorMessage())
                .isEqualTo("COMPLETED"));
        assertThat(mostAtOnce(crawls)).as("crawls executing at once: %s", crawls.stream()
                .map(crawl -> crawl.startTime() + "…" + crawl.endTime()).toList()).isBetween(1, AT_ONCE);
        List<String> tables = glue.getTables(r -> r.databaseName("lake")).tableList().stream()
                .map(table -> table.name()).toList();
        for (int i = 0; i < CRAWLERS; i++) {
            String prefix = "c" + i + "_";
            assertThat(tables).as("crawler%d's table", i).filteredOn(name -> name.startsWith(prefix)).hasSize(1);
        }
    }

    /** The most [StartTime, EndTime] windows that overlap at any instant. */
    private static int mostAtOnce(List<CrawlerHistory> crawls) {
        int most = 0;
        for (CrawlerHistory crawl : crawls) {
            Instant at = crawl.startTime();
            int live = (int) crawls.stream().filter(other -> !other.startTime().isAfter(at)
                    && other.endTime().isAfter(at)).count();
            most = Math.max(most, live);
        }
        return most;
    }
}

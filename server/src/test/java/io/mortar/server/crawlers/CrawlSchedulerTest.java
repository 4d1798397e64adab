package io.mortar.server.crawlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.crawlers.CrawlerStore;
import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.CreateCrawlerRequest;
import software.amazon.awssdk.services.glue.model.StopCrawlerScheduleRequest;

/** The crawler scheduler on a real store, driven tick by tick with a clock the test moves. */
class CrawlSchedulerTest {
    private final StoreBackend backend = StoreBackend.SQLITE;
    private StoreSettings settings;
    private JdbcStores stores;
    private CrawlerService crawlers;
    private CrawlScheduler scheduler;
    private Instant now = Instant.parse("2026-12-03T10:00:30Z");
    private final List<String> started = new ArrayList<>();

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @BeforeEach
    void setUp() {
        Path dir = StoreBackend.tempDir("scheduler");
        settings = backend.create(dir);
        stores = JdbcStores.open(settings);
        CrawlerStore crawlerStore = stores.crawlers();
        crawlers = new CrawlerService(crawlerStore, stores.crawls(), CatalogIdentity.DEFAULT, clock);
        // a tick far away: the test ticks by hand
        scheduler = new CrawlScheduler(crawlerStore, name -> {
            if (name.equals("busy")) {
                throw new GlueException(GlueErrorCode.CRAWLER_RUNNING, "busy");
            }
            started.add(name + "@" + now);
        }, clock, Duration.ofHours(1));
    }

    @AfterEach
    void tearDown() {
        scheduler.close();
        stores.close();
        backend.dispose(settings);
    }

    private void create(String name, String schedule) {
        crawlers.createCrawler(CreateCrawlerRequest.builder().name(name).role("r").schedule(schedule)
                .targets(CrawlerTargets.builder().s3Targets(t -> t.path("s3://b/x/")).build()).build());
    }

    private void at(String time) {
        now = Instant.parse(time);
        scheduler.tick();
    }

    @Test
    void aScheduledCrawlerStartsAtEachFiringInUtc() {
        create("every15", "cron(0/15 * * * ? *)");
        create("daily", "cron(0 12 * * ? *)");
        create("onDemand", null);
        at("2026-12-03T10:00:31Z"); // learns the next firings: 10:15 and 12:00
        at("2026-12-03T10:14:59Z");
        assertThat(started).isEmpty();
        at("2026-12-03T10:15:00Z");
        assertThat(started).containsExactly("every15@2026-12-03T10:15:00Z");
        at("2026-12-03T10:20:00Z");
        at("2026-12-03T10:30:02Z");
        at("2026-12-03T12:00:00Z");
        // a missed firing (10:45 while nothing ticked) runs once, not once per firing missed
        assertThat(started).containsExactly("every15@2026-12-03T10:15:00Z", "every15@2026-12-03T10:30:02Z",
                "daily@2026-12-03T12:00:00Z", "every15@2026-12-03T12:00:00Z");
    }

    @Test
    void aStoppedScheduleAndARunningCrawlerAreSkipped() {
        create("paused", "cron(0/5 * * * ? *)");
        create("busy", "cron(0/5 * * * ? *)");
        at("2026-12-03T10:01:00Z");
        crawlers.stopCrawlerSchedule(StopCrawlerScheduleRequest.builder().crawlerName("paused").build());
        at("2026-12-03T10:05:00Z");
        assertThat(started).as("paused is not started; busy refuses and is skipped").isEmpty();
        at("2026-12-03T10:10:00Z");
        assertThat(started).isEmpty();
    }
}

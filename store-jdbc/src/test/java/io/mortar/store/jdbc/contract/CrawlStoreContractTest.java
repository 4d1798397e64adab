package io.mortar.store.jdbc.contract;

import static io.mortar.store.jdbc.contract.FixedTimes.T0;
import static io.mortar.store.jdbc.contract.FixedTimes.at;
import static io.mortar.store.jdbc.contract.GlueErrors.assertGlueError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.crawlers.CrawlStore;
import io.mortar.store.crawlers.StoredCrawl;
import io.mortar.store.crawlers.StoredCrawler;
import io.mortar.store.jdbc.testing.StoreContract;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CrawlStore}: a crawl begins and ends with its crawler's READY → RUNNING (→ STOPPING) →
 * READY, so a crawler is never RUNNING without a running crawl, and the crawls read back newest first.
 */
class CrawlStoreContractTest extends StoreContract {

    private CrawlStore crawls() {
        return stores().crawls();
    }

    private String newCrawler() {
        String name = unique("crawler");
        stores().crawlers().create(new StoredCrawler(name, "{}", 1, "READY", "NOT_SCHEDULED", T0, T0),
                "arn:aws:glue:us-east-1:123456789012:crawler/" + name, Map.of());
        return name;
    }

    private String crawlerState(String crawler) {
        return stores().crawlers().get(crawler).orElseThrow().state();
    }

    private static StoredCrawl running(String crawlId, String crawler, Instant start) {
        return new StoredCrawl(crawlId, crawler, StoredCrawl.RUNNING, start, null, null, null, null, 0, 0, 0);
    }

    private static StoredCrawl ended(StoredCrawl crawl, String state, Instant end) {
        return new StoredCrawl(crawl.crawlId(), crawl.crawlerName(), state, crawl.startTime(), end,
                state.equals(StoredCrawl.FAILED) ? "boom" : null, "{\"tablesCreated\":2}", "line 1\nline 2", 2, 3, 4);
    }

    /** A crawl begun and ended at {@code start} and one second later. */
    private StoredCrawl crawl(String crawler, Instant start) {
        StoredCrawl crawl = running(unique("crawl"), crawler, start);
        crawls().begin(crawler, crawl.crawlId(), start);
        StoredCrawl done = ended(crawl, StoredCrawl.COMPLETED, start.plusSeconds(1));
        crawls().finish(done);
        return done;
    }

    @Test
    void aCrawlBeginsOnlyFromReadyAndMakesItsCrawlerRunning() {
        String crawler = newCrawler();
        String crawlId = unique("crawl");

        crawls().begin(crawler, crawlId, at(1));

        assertThat(crawlerState(crawler)).isEqualTo("RUNNING");
        StoredCrawl expected = running(crawlId, crawler, at(1));
        assertThat(crawls().get(crawlId)).contains(expected);
        assertThat(crawls().running(crawler)).contains(expected);
        assertThat(crawls().lastEnded(crawler)).isEmpty();
        assertThat(crawls().unfinished()).contains(expected);
    }

    @Test
    void aCrawlLeavingTheQueueStartsNowAndAnEndedOneKeepsItsTimes() {
        String crawler = newCrawler();
        String crawlId = unique("crawl");
        crawls().begin(crawler, crawlId, at(1));

        crawls().executing(crawlId, at(5));

        assertThat(crawls().get(crawlId)).contains(running(crawlId, crawler, at(5)));
        StoredCrawl done = ended(running(crawlId, crawler, at(5)), StoredCrawl.COMPLETED, at(9));
        crawls().finish(done);
        crawls().executing(crawlId, at(20));
        assertThat(crawls().get(crawlId)).contains(done);
        crawls().executing(unique("missing"), at(20)); // nothing to move, nothing written
        assertThat(crawls().get(crawlId)).contains(done);
    }

    @Test
    void aRunningOrStoppingCrawlerRefusesASecondCrawl() {
        String crawler = newCrawler();
        String crawlId = unique("crawl");
        crawls().begin(crawler, crawlId, at(1));

        String second = unique("crawl");
        assertGlueError(GlueErrorCode.CRAWLER_RUNNING, () -> crawls().begin(crawler, second, at(2)));
        crawls().stopping(crawler);
        assertGlueError(GlueErrorCode.CRAWLER_RUNNING, () -> crawls().begin(crawler, second, at(3)));

        assertThat(crawls().get(second)).isEmpty();
        assertThat(crawls().history(crawler, null, 10)).containsExactly(running(crawlId, crawler, at(1)));
        assertThat(crawlerState(crawler)).isEqualTo("STOPPING");
    }

    @Test
    void aCrawlOfAMissingCrawlerIsEntityNotFoundAndNotRecorded() {
        String crawlId = unique("crawl");

        assertGlueError(GlueErrorCode.ENTITY_NOT_FOUND, () -> crawls().begin(unique("crawler"), crawlId, T0));

        assertThat(crawls().get(crawlId)).isEmpty();
    }

    @Test
    void aBeginThatCannotRecordItsCrawlLeavesTheCrawlerReady() {
        String first = newCrawler();
        String second = newCrawler();
        String crawlId = unique("crawl");
        crawls().begin(first, crawlId, at(1));

        // a crawl id already taken: the crawl cannot be recorded, so the crawler must not be RUNNING either
        assertThatThrownBy(() -> crawls().begin(second, crawlId, at(2))).isInstanceOf(RuntimeException.class);

        assertThat(crawlerState(second)).isEqualTo("READY");
        assertThat(crawls().running(second)).isEmpty();
        assertThat(crawls().get(crawlId)).contains(running(crawlId, first, at(1)));
    }

    @Test
    void simultaneousBeginsStartOneCrawl() {
        for (int round = 0; round < 5; round++) {
            String crawler = newCrawler();
            String one = unique("crawl");
            String other = unique("crawl");

            List<Race.Outcome<String>> outcomes = Race.run(() -> {
                crawls().begin(crawler, one, at(1));
                return one;
            }, () -> {
                crawls().begin(crawler, other, at(1));
                return other;
            });

            List<String> begun = outcomes.stream().filter(Race.Outcome::succeeded).map(Race.Outcome::value).toList();
            assertThat(begun).as("round %d", round).hasSize(1);
            assertThat(outcomes).filteredOn(o -> !o.succeeded()).singleElement()
                    .satisfies(o -> assertThat(o.failure()).isInstanceOfSatisfying(GlueException.class,
                            e -> assertThat(e.code()).isEqualTo(GlueErrorCode.CRAWLER_RUNNING)));
            assertThat(crawls().history(crawler, null, 10)).as("round %d", round)
                    .containsExactly(running(begun.get(0), crawler, at(1)));
        }
    }

    @Test
    void stoppingMovesOnlyARunningCrawlerToStopping() {
        String crawler = newCrawler();
        assertGlueError(GlueErrorCode.CRAWLER_NOT_RUNNING, () -> crawls().stopping(crawler));
        assertThat(crawlerState(crawler)).isEqualTo("READY");

        String crawlId = unique("crawl");
        crawls().begin(crawler, crawlId, at(1));
        crawls().stopping(crawler);
        assertThat(crawlerState(crawler)).isEqualTo("STOPPING");
        assertThat(crawls().running(crawler)).as("the crawl runs until it ends")
                .contains(running(crawlId, crawler, at(1)));

        assertGlueError(GlueErrorCode.CRAWLER_STOPPING, () -> crawls().stopping(crawler));
        assertThat(crawlerState(crawler)).isEqualTo("STOPPING");
        assertGlueError(GlueErrorCode.ENTITY_NOT_FOUND, () -> crawls().stopping(unique("crawler")));
    }

    @Test
    void finishingRecordsTheCrawlAndMakesItsCrawlerReady() {
        String crawler = newCrawler();
        StoredCrawl crawl = running(unique("crawl"), crawler, at(1));
        crawls().begin(crawler, crawl.crawlId(), at(1));
        StoredCrawl failed = ended(crawl, StoredCrawl.FAILED, at(9));

        crawls().finish(failed);

        assertThat(crawlerState(crawler)).isEqualTo("READY");
        assertThat(crawls().get(crawl.crawlId())).contains(failed);
        assertThat(crawls().running(crawler)).isEmpty();
        assertThat(crawls().lastEnded(crawler)).contains(failed);
        assertThat(crawls().unfinished()).extracting(StoredCrawl::crawlId).doesNotContain(crawl.crawlId());

        String next = unique("crawl");
        crawls().begin(crawler, next, at(10));
        assertThat(crawls().running(crawler)).contains(running(next, crawler, at(10)));
    }

    @Test
    void aStoppedCrawlEndsWithItsCrawlerReady() {
        String crawler = newCrawler();
        StoredCrawl crawl = running(unique("crawl"), crawler, at(1));
        crawls().begin(crawler, crawl.crawlId(), at(1));
        crawls().stopping(crawler);

        crawls().finish(ended(crawl, StoredCrawl.STOPPED, at(2)));

        assertThat(crawlerState(crawler)).isEqualTo("READY");
        assertThat(crawls().lastEnded(crawler)).hasValueSatisfying(
                c -> assertThat(c.state()).isEqualTo(StoredCrawl.STOPPED));
    }

    @Test
    void aLateFinishOfAnEndedCrawlNeitherRewritesItNorReadiesTheCrawlerOfTheNextCrawl() {
        String crawler = newCrawler();
        StoredCrawl first = crawl(crawler, at(1));
        StoredCrawl next = running(unique("crawl"), crawler, at(5));
        crawls().begin(crawler, next.crawlId(), at(5));

        crawls().finish(ended(first, StoredCrawl.FAILED, at(9))); // the first crawl's end, reported twice
        crawls().finish(ended(running(unique("crawl"), crawler, at(3)), StoredCrawl.FAILED, at(9))); // never begun

        assertThat(crawlerState(crawler)).as("the next crawl still runs").isEqualTo("RUNNING");
        assertThat(crawls().running(crawler)).contains(next);
        assertThat(crawls().get(first.crawlId())).contains(first);
        assertThat(crawls().history(crawler, null, 10)).containsExactly(next, first);
    }

    @Test
    void historyIsNewestFirstBeforeAnInstantAndLimited() {
        String crawler = newCrawler();
        crawl(newCrawler(), at(25)); // another crawler's
        List<StoredCrawl> oldestFirst = List.of(crawl(crawler, at(0)), crawl(crawler, at(10)),
                crawl(crawler, at(20)), crawl(crawler, at(30)));
        StoredCrawl current = running(unique("crawl"), crawler, at(40));
        crawls().begin(crawler, current.crawlId(), at(40));

        assertThat(crawls().history(crawler, null, 10)).containsExactly(current, oldestFirst.get(3),
                oldestFirst.get(2), oldestFirst.get(1), oldestFirst.get(0));
        assertThat(crawls().history(crawler, null, 2)).containsExactly(current, oldestFirst.get(3));
        assertThat(crawls().history(crawler, at(20), 10)).as("before is exclusive")
                .containsExactly(oldestFirst.get(1), oldestFirst.get(0));
        assertThat(crawls().history(crawler, at(20), 1)).containsExactly(oldestFirst.get(1));
        assertThat(crawls().history(crawler, at(0), 10)).isEmpty();
        assertThat(crawls().lastEnded(crawler)).as("the newest ended crawl, not the running one")
                .contains(oldestFirst.get(3));
        assertThat(crawls().running(crawler)).contains(current);
    }

    @Test
    void aCrawlerThatNeverCrawledHasNoCrawls() {
        String crawler = newCrawler();

        assertThat(crawls().running(crawler)).isEmpty();
        assertThat(crawls().lastEnded(crawler)).isEmpty();
        assertThat(crawls().history(crawler, null, 10)).isEmpty();
        assertThat(crawls().get(unique("crawl"))).isEmpty();
    }

    @Test
    void unfinishedCrawlsAreEveryCrawlersRunningOnesOldestFirst() {
        String first = newCrawler();
        String second = newCrawler();
        String third = newCrawler();
        crawl(third, at(1));
        // ids that sort the other way round from the start times
        crawls().begin(first, "b_" + unique("crawl"), at(20));
        crawls().begin(second, "c_" + unique("crawl"), at(10));
        crawls().begin(third, "a_" + unique("crawl"), at(30));
        crawls().stopping(third);

        assertThat(crawls().unfinished()).filteredOn(c -> List.of(first, second, third).contains(c.crawlerName()))
                .extracting(StoredCrawl::crawlerName, StoredCrawl::startTime)
                .containsExactly(tuple(second, at(10)),
                        tuple(first, at(20)),
                        tuple(third, at(30)));
    }
}

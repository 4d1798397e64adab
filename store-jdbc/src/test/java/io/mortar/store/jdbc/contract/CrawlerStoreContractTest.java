package io.mortar.store.jdbc.contract;

import static io.mortar.store.jdbc.contract.FixedTimes.T0;
import static io.mortar.store.jdbc.contract.FixedTimes.at;
import static io.mortar.store.jdbc.contract.GlueErrors.assertGlueError;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.crawlers.CrawlerStore;
import io.mortar.store.crawlers.StoredCrawl;
import io.mortar.store.crawlers.StoredCrawler;
import io.mortar.store.jdbc.testing.StoreContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The contract of {@link CrawlerStore}: crawler definitions, their tags, and what deleting one takes with it. */
class CrawlerStoreContractTest extends StoreContract {
    private static final String ARN_PREFIX = "arn:aws:glue:us-east-1:123456789012:crawler/";

    private CrawlerStore crawlers() {
        return stores().crawlers();
    }

    private static String arn(String crawler) {
        return ARN_PREFIX + crawler;
    }

    private static StoredCrawler crawler(String name, String scheduleState) {
        return new StoredCrawler(name, "{\"Role\":\"r\",\"Targets\":{}}", 1, "READY", scheduleState, T0, T0);
    }

    private StoredCrawler create(String name, Map<String, String> tags) {
        StoredCrawler crawler = crawler(name, "NOT_SCHEDULED");
        crawlers().create(crawler, arn(name), tags);
        return crawler;
    }

    private StoredCrawler newCrawler() {
        return create(unique("crawler"), Map.of());
    }

    private static StoredCrawler withVersion(StoredCrawler c, long version) {
        return new StoredCrawler(c.name(), c.document(), version, c.state(), c.scheduleState(), c.createTime(),
                c.updateTime());
    }

    @Test
    void aCreatedCrawlerReadsBackWithItsTags() {
        String name = unique("crawler");
        StoredCrawler crawler = new StoredCrawler(name, "{\"Targets\":{\"S3Targets\":[]}}", 3, "READY", "SCHEDULED",
                T0, at(1));

        crawlers().create(crawler, arn(name), Map.of("team", "data"));

        assertThat(crawlers().get(name)).contains(crawler);
        assertThat(stores().catalog().getTags(arn(name))).isEqualTo(Map.of("team", "data"));
        assertThat(crawlers().get(name + "_other")).isEmpty();
    }

    @Test
    void creatingATakenNameFailsAndChangesNothing() {
        StoredCrawler first = create(unique("crawler"), Map.of("team", "data"));
        StoredCrawler second = new StoredCrawler(first.name(), "{}", 9, "RUNNING", "SCHEDULED", at(5), at(5));

        assertGlueError(GlueErrorCode.ALREADY_EXISTS,
                () -> crawlers().create(second, arn(first.name()), Map.of("team", "intruder")));

        assertThat(crawlers().get(first.name())).contains(first);
        assertThat(stores().catalog().getTags(arn(first.name()))).isEqualTo(Map.of("team", "data"));
    }

    @Test
    void aNewCrawlerHasExactlyItsOwnTagsWhateverWasLeftUnderItsArn() {
        String name = unique("crawler");
        stores().catalog().tagResource(arn(name), Map.of("stray", "left behind", "team", "old"));

        create(name, Map.of("team", "new"));

        assertThat(stores().catalog().getTags(arn(name))).isEqualTo(Map.of("team", "new"));
    }

    @Test
    void crawlersListInNameOrderAPageAtATime() {
        String prefix = unique("list") + "_";
        for (String suffix : List.of("c", "a", "d", "b")) {
            create(prefix + suffix, Map.of());
        }

        Page<StoredCrawler> first = crawlers().listCrawlers(prefix, 3, Map.of(), ARN_PREFIX);
        assertThat(first.items()).extracting(StoredCrawler::name)
                .containsExactly(prefix + "a", prefix + "b", prefix + "c");
        assertThat(first.nextCursor()).isEqualTo(prefix + "c");
        assertThat(crawlers().listCrawlers(first.nextCursor(), 3, Map.of(), ARN_PREFIX).items().get(0))
                .isEqualTo(crawler(prefix + "d", "NOT_SCHEDULED"));
    }

    /** Crawler names keep their case and page by code point on every backend, whatever the database's collation. */
    @Test
    void crawlersListInByteOrder() {
        String prefix = unique("bytes") + "-";
        List<String> sorted = List.of("0", "A", "B", "_", "a", "b", "é", "中");
        for (String suffix : List.of("b", "中", "_", "A", "0", "é", "a", "B")) {
            create(prefix + suffix, Map.of());
        }

        List<String> listed = new ArrayList<>();
        String after = prefix;
        Page<StoredCrawler> page;
        do {
            page = crawlers().listCrawlers(after, 3, Map.of(), ARN_PREFIX);
            page.items().stream().map(StoredCrawler::name).filter(n -> n.startsWith(prefix)).forEach(listed::add);
            after = page.nextCursor();
        } while (after != null && after.startsWith(prefix));

        assertThat(listed).containsExactlyElementsOf(sorted.stream().map(s -> prefix + s).toList());
    }

    @Test
    void aTagFilteredListingHoldsOnlyCrawlersCarryingEveryTagUnderTheirArn() {
        String team = unique("team");
        StoredCrawler both = create(team + "_a", Map.of("team", team, "env", "prod"));
        create(team + "_b", Map.of("team", team));
        create(team + "_c", Map.of("team", team, "env", "dev"));
        StoredCrawler bothToo = create(team + "_d", Map.of("env", "prod", "team", team, "more", "tags"));
        StoredCrawler third = create(team + "_e", Map.of("team", team, "env", "prod"));
        StoredCrawler taggedElsewhere = create(team + "_f", Map.of());
        stores().catalog().tagResource("arn:aws:glue:us-east-1:123456789012:job/" + taggedElsewhere.name(),
                Map.of("team", team, "env", "prod"));

        Map<String, String> filter = Map.of("team", team, "env", "prod");
        Page<StoredCrawler> first = crawlers().listCrawlers(null, 2, filter, ARN_PREFIX);
        assertThat(first.items()).containsExactly(both, bothToo);
        Page<StoredCrawler> last = crawlers().listCrawlers(first.nextCursor(), 2, filter, ARN_PREFIX);
        assertThat(last.items()).containsExactly(third);
        assertThat(last.nextCursor()).isNull();
        assertThat(crawlers().listCrawlers(null, 3, filter, ARN_PREFIX).nextCursor()).isNull();
    }

    @Test
    void onlyCrawlersWhoseScheduleRunsAreScheduledInNameOrder() {
        String prefix = unique("sched") + "_";
        crawlers().create(crawler(prefix + "b", "SCHEDULED"), arn(prefix + "b"), Map.of());
        crawlers().create(crawler(prefix + "a", "SCHEDULED"), arn(prefix + "a"), Map.of());
        crawlers().create(crawler(prefix + "c", "NOT_SCHEDULED"), arn(prefix + "c"), Map.of());
        crawlers().create(crawler(prefix + "d", "TRANSITIONING"), arn(prefix + "d"), Map.of());

        assertThat(crawlers().scheduled()).filteredOn(c -> c.name().startsWith(prefix))
                .extracting(StoredCrawler::name).containsExactly(prefix + "a", prefix + "b");

        crawlers().change(prefix + "a", c -> new StoredCrawler(c.name(), c.document(), c.version(), c.state(),
                "NOT_SCHEDULED", c.createTime(), at(1)));
        assertThat(crawlers().scheduled()).filteredOn(c -> c.name().startsWith(prefix))
                .extracting(StoredCrawler::name).containsExactly(prefix + "b");
    }

    @Test
    void aChangeIsGivenTheStoredCrawlerAndStoresWhatItReturns() {
        StoredCrawler crawler = create(unique("crawler"), Map.of("team", "data"));
        AtomicReference<StoredCrawler> given = new AtomicReference<>();
        StoredCrawler next = new StoredCrawler(crawler.name(), "{\"v\":2}", 2, "STOPPING", "SCHEDULED", T0, at(30));

        StoredCrawler changed = crawlers().change(crawler.name(), current -> {
            given.set(current);
            return next;
        });

        assertThat(given.get()).isEqualTo(crawler);
        assertThat(changed).isEqualTo(next);
        assertThat(crawlers().get(crawler.name())).contains(next);
        assertThat(stores().catalog().getTags(arn(crawler.name()))).isEqualTo(Map.of("team", "data"));
    }

    @Test
    void aRefusedChangeWritesNothing() {
        StoredCrawler crawler = newCrawler();

        assertGlueError(GlueErrorCode.CRAWLER_RUNNING, () -> crawlers().change(crawler.name(), current -> {
            throw new GlueException(GlueErrorCode.CRAWLER_RUNNING, "Crawler is running");
        }));

        assertThat(crawlers().get(crawler.name())).contains(crawler);
    }

    @Test
    void changingAMissingCrawlerIsEntityNotFoundWithoutCallingTheChange() {
        AtomicInteger called = new AtomicInteger();

        assertGlueError(GlueErrorCode.ENTITY_NOT_FOUND, () -> crawlers().change(unique("crawler"), current -> {
            called.incrementAndGet();
            return current;
        }));

        assertThat(called).hasValue(0);
    }

    @Test
    void simultaneousChangesNeverLoseOneAnother() {
        StoredCrawler crawler = newCrawler();
        int perThread = 4;
        Runnable bumps = () -> {
            for (int i = 0; i < perThread; i++) {
                crawlers().change(crawler.name(), current -> {
                    Race.widenWindow();
                    return withVersion(current, current.version() + 1);
                });
            }
        };

        List<Race.Outcome<Object>> outcomes = Race.run(Executors.callable(bumps), Executors.callable(bumps));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        assertThat(crawlers().get(crawler.name()).orElseThrow().version()).isEqualTo(1 + 2 * perThread);
    }

    @Test
    void deletingACrawlerTakesItsCrawlsAndTagsWithIt() {
        StoredCrawler crawler = create(unique("crawler"), Map.of("team", "data"));
        StoredCrawler other = create(unique("crawler"), Map.of("team", "data"));
        String crawlId = unique("crawl");
        stores().crawls().begin(crawler.name(), crawlId, at(1));
        stores().crawls().finish(new StoredCrawl(crawlId, crawler.name(), StoredCrawl.COMPLETED, at(1), at(2), null,
                "{}", "log", 1, 0, 0));
        String othersCrawl = unique("crawl");
        stores().crawls().begin(other.name(), othersCrawl, at(1));
        AtomicReference<StoredCrawler> checked = new AtomicReference<>();

        assertThat(crawlers().delete(crawler.name(), arn(crawler.name()), checked::set)).isTrue();

        assertThat(checked.get()).isEqualTo(crawler);
        assertThat(crawlers().get(crawler.name())).isEmpty();
        assertThat(stores().crawls().get(crawlId)).isEmpty();
        assertThat(stores().crawls().history(crawler.name(), null, 10)).isEmpty();
        assertThat(stores().catalog().getTags(arn(crawler.name()))).isEmpty();
        assertThat(crawlers().get(other.name())).isPresent();
        assertThat(stores().crawls().get(othersCrawl)).isPresent();
        assertThat(stores().catalog().getTags(arn(other.name()))).isEqualTo(Map.of("team", "data"));
    }

    @Test
    void aRefusedDeleteKeepsTheCrawlerItsCrawlsAndItsTags() {
        StoredCrawler crawler = create(unique("crawler"), Map.of("team", "data"));
        String crawlId = unique("crawl");
        stores().crawls().begin(crawler.name(), crawlId, at(1));

        assertGlueError(GlueErrorCode.CRAWLER_RUNNING, () -> crawlers().delete(crawler.name(), arn(crawler.name()),
                current -> {
                    throw new GlueException(GlueErrorCode.CRAWLER_RUNNING, "Crawler is running");
                }));

        assertThat(crawlers().get(crawler.name())).hasValueSatisfying(c -> assertThat(c.state()).isEqualTo("RUNNING"));
        assertThat(stores().crawls().running(crawler.name())).hasValueSatisfying(
                c -> assertThat(c.crawlId()).isEqualTo(crawlId));
        assertThat(stores().catalog().getTags(arn(crawler.name()))).isEqualTo(Map.of("team", "data"));
    }

    @Test
    void deletingAMissingCrawlerIsFalseWithoutCallingTheCheck() {
        AtomicInteger checked = new AtomicInteger();

        assertThat(crawlers().delete(unique("crawler"), arn("none"), c -> checked.incrementAndGet())).isFalse();

        assertThat(checked).hasValue(0);
    }
}

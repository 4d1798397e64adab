package io.mortar.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;

/** Waiting for a crawl, as a client does: polling GetCrawler until the crawler is READY with a newer LastCrawl. */
public final class CrawlWaits {
    private static final long POLL_MILLIS = 100;

    private CrawlWaits() {}

    /** StartCrawler, then the crawler once that crawl has ended (whatever its status). */
    public static Crawler crawl(GlueClient glue, String name, Duration limit) throws InterruptedException {
        Instant started = Instant.now().minusMillis(5);
        glue.startCrawler(r -> r.name(name));
        return awaitLastCrawlAfter(glue, name, started, limit);
    }

    /** The same, for a crawl that must succeed: its error message is the failure's description. */
    public static Crawler crawlOk(GlueClient glue, String name, Duration limit) throws InterruptedException {
        Crawler done = crawl(glue, name, limit);
        assertThat(done.lastCrawl().status()).as(done.lastCrawl().errorMessage()).isEqualTo(LastCrawlStatus.SUCCEEDED);
        return done;
    }

    /** The crawler once it is READY with a LastCrawl started at or after {@code after}. */
    public static Crawler awaitLastCrawlAfter(GlueClient glue, String name, Instant after, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Crawler c = glue.getCrawler(r -> r.name(name)).crawler();
            if (c.state() == CrawlerState.READY && c.lastCrawl() != null
                    && !c.lastCrawl().startTime().isBefore(after)) {
                return c;
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new AssertionError("crawler " + name + " did not finish a crawl within " + limit);
    }
}

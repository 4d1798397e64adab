package io.mortar.server.crawlers;

import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.server.schedule.CronSchedule;
import io.mortar.store.crawlers.CrawlerStore;
import io.mortar.store.crawlers.StoredCrawler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.ScheduleState;

/**
 * Starts crawlers on their schedules (Glue's {@code cron(...)}, in UTC). Every tick it reads the scheduled
 * crawlers, keeps each one's next firing, and starts those that are due; a crawler still running at its firing is
 * skipped until the next one, as Glue does. A schedule changed through the API takes effect at the next tick.
 */
final class CrawlScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrawlScheduler.class);

    private final CrawlerStore crawlers;
    private final Consumer<String> start;
    private final Clock clock;
    private final ScheduledExecutorService ticker;
    /** Crawler name → (schedule expression, next firing). */
    private final Map<String, Map.Entry<String, Instant>> next = new HashMap<>();

    /** @param start StartCrawler, by name (throws a GlueException to refuse) */
    CrawlScheduler(CrawlerStore crawlers, Consumer<String> start, Clock clock, Duration tick) {
        this.crawlers = requireNonNull(crawlers, "crawlers");
        this.start = requireNonNull(start, "start");
        this.clock = requireNonNull(clock, "clock");
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crawl-scheduler");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tickSafely, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("Crawler schedule check failed; trying again at the next tick", e);
        }
    }

    /** One check: start every scheduled crawler whose firing has come. */
    synchronized void tick() {
        Instant now = clock.instant();
        Set<String> seen = new HashSet<>();
        for (StoredCrawler stored : crawlers.scheduled()) {
            Crawler crawler = CrawlerService.definition(stored);
            if (crawler.schedule() == null || !ScheduleState.SCHEDULED.toString().equals(stored.scheduleState())) {
                continue;
            }
            String expression = crawler.schedule().scheduleExpression();
            seen.add(stored.name());
            Map.Entry<String, Instant> known = next.get(stored.name());
            if (known == null || !known.getKey().equals(expression)) {
                nextFiring(expression, now).ifPresentOrElse(at -> next.put(stored.name(), Map.entry(expression, at)),
                        () -> next.remove(stored.name()));
                continue;
            }
            if (!now.isBefore(known.getValue())) {
                fire(stored.name());
                nextFiring(expression, now).ifPresentOrElse(at -> next.put(stored.name(), Map.entry(expression, at)),
                        () -> next.remove(stored.name()));
            }
        }
        next.keySet().retainAll(seen);
    }

    private static Optional<Instant> nextFiring(String expression, Instant after) {
        return CronSchedule.parse("Schedule", expression).nextAfter(after);
    }

    private void fire(String name) {
        try {
            start.accept(name);
            LOG.info("Crawler {} started by its schedule", name);
        } catch (GlueException e) {
            if (e.code() == GlueErrorCode.CRAWLER_RUNNING) {
                LOG.info("Crawler {} is still running at its scheduled time; this firing is skipped", name);
            } else {
                LOG.warn("Crawler {} could not be started by its schedule: {}", name, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}

package io.mortar.server.crawlers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mortar.crawler.discovery.CrawlCancelledException;
import io.mortar.crawler.discovery.CrawlProgress;
import io.mortar.crawler.plan.TablePlan;
import io.mortar.crawler.plan.TableThresholdExceededException;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import io.mortar.server.config.CrawlersConfig;
import io.mortar.store.crawlers.CrawlStore;
import io.mortar.store.crawlers.CrawlerStore;
import io.mortar.store.crawlers.StoredCrawl;
import io.mortar.store.crawlers.StoredCrawler;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.Crawler;

/**
 * Runs crawls in the server, at most {@code mortar.crawlers.max-concurrent} at once (more wait their turn while
 * their crawlers show RUNNING): StartCrawler begins a crawl, StopCrawler asks it to stop — before it writes
 * anything, or between two tables — and each crawl ends COMPLETED, FAILED (with the cause) or STOPPED, its crawler
 * READY again. Crawls live in this server's memory; one a stopped server left RUNNING ends FAILED when the next
 * server starts (Mortar runs one server per store for crawls, as for jobs).
 */
public final class CrawlRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrawlRunner.class);
    /** A crawl's log is kept in the store; beyond this it is cut (a crawl of a million folders says a lot). */
    private static final int MAX_LOG_CHARS = 1_000_000;

    private final CrawlerStore crawlers;
    private final CrawlStore crawls;
    private final CrawlExecution execution;
    private final CrawlCredentials credentials;
    private final Clock clock;
    private final ExecutorService pool;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private volatile Runnable crawlEnded = () -> { };

    /**
     * A crawl in this server: its id, its progress, whether it was asked to stop, and when it started: when it was
     * queued, then when it left the queue (its run time never counts the wait).
     */
    static final class Running {
        private final String crawlId;
        private final CrawlProgress progress = new CrawlProgress();
        private final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile Instant started;

        Running(String crawlId, Instant queued) {
            this.crawlId = crawlId;
            this.started = queued;
        }

        String crawlId() {
            return crawlId;
        }

        Instant started() {
            return started;
        }

        CrawlProgress progress() {
            return progress;
        }

        java.util.concurrent.atomic.AtomicBoolean stop() {
            return stop;
        }
    }

    CrawlRunner(CrawlerStore crawlers, CrawlStore crawls, CrawlExecution execution, CrawlersConfig config,
                CrawlCredentials credentials, Clock clock) {
        this.credentials = requireNonNull(credentials, "credentials");
        this.crawlers = requireNonNull(crawlers, "crawlers");
        this.crawls = requireNonNull(crawls, "crawls");
        this.execution = requireNonNull(execution, "execution");
        this.clock = requireNonNull(clock, "clock");
        this.pool = Executors.newFixedThreadPool(config.maxConcurrent(), r -> {
            Thread t = new Thread(r, "crawl");
            t.setDaemon(true);
            return t;
        });
    }

    /** Ends the crawls a stopped server left running: their crawlers are READY again. */
    void reconcile() {
        for (StoredCrawl crawl : crawls.unfinished()) {
            if (running.containsKey(crawl.crawlerName())) {
                continue;
            }
            LOG.warn("Crawl {} of crawler {} was running when the server stopped; it ends FAILED", crawl.crawlId(),
                    crawl.crawlerName());
            crawls.finish(new StoredCrawl(crawl.crawlId(), crawl.crawlerName(), StoredCrawl.FAILED,
                    crawl.startTime(), clock.instant(), "The server stopped during the crawl; tables it had"
                    + " written stay, the rest was not written. Start the crawler again.", null, null, 0, 0, 0));
        }
    }

    /** StartCrawler. @throws GlueException CrawlerRunning unless the crawler is READY */
    void start(String name) {
        start(name, UUID.randomUUID().toString());
    }

    /**
     * Starts a crawl under an id the caller chose (a trigger's firing derives it): false, starting nothing, when a
     * crawl with that id exists already.
     *
     * @throws GlueException CrawlerRunning unless the crawler is READY
     */
    boolean start(String name, String crawlId) {
        if (crawls.get(crawlId).isPresent()) {
            return false;
        }
        Crawler definition = CrawlerService.definition(crawlers.get(name).orElseThrow(() ->
                GlueException.entityNotFound("Crawler entry with name %s does not exist", name)));
        Instant started = clock.instant();
        crawls.begin(name, crawlId, started);
        Running crawl = new Running(crawlId, started);
        running.put(name, crawl);
        try {
            pool.execute(() -> run(definition, crawl));
        } catch (RuntimeException e) {
            running.remove(name);
            end(name, crawl, StoredCrawl.FAILED, "The server is shutting down", null);
            throw e;
        }
        return true;
    }

    /** StopCrawler: the crawl stops before it writes, or between two tables. */
    void stop(String name) {
        crawls.stopping(name);
        Running crawl = running.get(name);
        if (crawl != null) {
            crawl.stop().set(true);
        }
    }

    Optional<Running> progress(String name) {
        return Optional.ofNullable(running.get(name));
    }

    /** What a crawl would write now, and why, without writing it. */
    CrawlOutcome dryRun(String name) {
        StoredCrawler stored = crawlers.get(name).orElseThrow(() ->
                GlueException.entityNotFound("Crawler entry with name %s does not exist", name));
        try {
            return execution.plan(CrawlerService.definition(stored), new CrawlProgress(), () -> false);
        } catch (java.io.IOException e) {
            throw GlueException.invalidInput("Dry run of crawler %s could not read its targets: %s", name,
                    e.getMessage());
        }
    }

    private void run(Crawler definition, Running crawl) {
        String name = definition.name();
        CrawlOutcome outcome = null;
        try {
            crawl.started = clock.instant(); // out of the queue: the crawl's time starts now
            crawls.executing(crawl.crawlId(), crawl.started);
            outcome = execution.plan(definition, crawl.progress(), crawl.stop()::get);
            if (crawl.stop().get()) {
                end(name, crawl, StoredCrawl.STOPPED, null, outcome);
                return;
            }
            boolean complete;
            try {
                complete = execution.write(outcome, crawl.stop()::get, crawl.progress(),
                        credentials.issue(crawl.crawlId(), definition));
            } finally {
                credentials.revoke(crawl.crawlId());
            }
            end(name, crawl, complete ? StoredCrawl.COMPLETED : StoredCrawl.STOPPED, null, outcome);
        } catch (CrawlCancelledException e) {
            end(name, crawl, StoredCrawl.STOPPED, null, outcome);
        } catch (GlueException | TableThresholdExceededException e) {
            end(name, crawl, StoredCrawl.FAILED, e.getMessage(), outcome);
        } catch (Exception | Error e) {
            LOG.error("Crawl {} of crawler {} failed", crawl.crawlId(), name, e);
            end(name, crawl, StoredCrawl.FAILED, "Internal error: " + e, outcome);
        }
    }

    private void end(String name, Running crawl, String state, String error, CrawlOutcome outcome) {
        crawl.progress().phase(CrawlProgress.Phase.DONE);
        try {
            crawls.finish(new StoredCrawl(crawl.crawlId(), name, state, crawl.started(), clock.instant(), error,
                    outcome == null ? null : summary(outcome, crawl.progress()), outcome == null ? null : log(outcome),
                    outcome == null ? 0 : outcome.tables(TablePlan.Action.CREATE),
                    outcome == null ? 0 : outcome.tables(TablePlan.Action.UPDATE)
                            + outcome.tables(TablePlan.Action.DEPRECATE),
                    outcome == null ? 0 : outcome.tables(TablePlan.Action.DELETE)));
        } finally {
            running.remove(name, crawl);
            crawlEnded.run();
        }
    }

    /** Called after every crawl's end (the orchestration reacts to it at once instead of at its next tick). */
    void onCrawlEnded(Runnable listener) {
        this.crawlEnded = requireNonNull(listener, "listener");
    }

    /** The crawl's counts as a JSON object: CrawlerHistory's {@code Summary}. */
    static String summary(CrawlOutcome outcome, CrawlProgress progress) {
        ObjectNode json = GlueJson.mapper().createObjectNode();
        json.put("tablesCreated", outcome.tables(TablePlan.Action.CREATE));
        json.put("tablesUpdated", outcome.tables(TablePlan.Action.UPDATE));
        json.put("tablesDeprecated", outcome.tables(TablePlan.Action.DEPRECATE));
        json.put("tablesDeleted", outcome.tables(TablePlan.Action.DELETE));
        json.put("partitionsCreated", outcome.partitionsCreated());
        json.put("partitionsUpdated", outcome.partitionsUpdated());
        json.put("partitionsDeleted", outcome.partitionsDeleted());
        json.put("filesListed", outcome.filesListed());
        json.put("filesRead", outcome.filesRead());
        json.put("bytesRead", outcome.bytesRead());
        json.put("filesSkipped", outcome.problems().size());
        json.put("tablesWritten", progress.changesApplied());
        ObjectNode millis = json.putObject("millis");
        progress.phaseMillis().forEach((phase, ms) -> {
            if (phase != CrawlProgress.Phase.DONE) {
                millis.put(phase.toString().toLowerCase(java.util.Locale.ROOT), ms);
            }
        });
        return json.toString();
    }

    private static String log(CrawlOutcome outcome) {
        List<String> lines = outcome.logLines();
        String text = String.join("\n", lines);
        return text.length() <= MAX_LOG_CHARS ? text
                : text.substring(0, MAX_LOG_CHARS) + "\n… (the log is cut at " + MAX_LOG_CHARS + " characters)";
    }

    /** Asks running crawls to stop and waits a little for them; what is unfinished ends FAILED at the next start. */
    @Override
    public void close() {
        running.values().forEach(r -> r.stop().set(true));
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }
}

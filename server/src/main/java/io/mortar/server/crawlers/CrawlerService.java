package io.mortar.server.crawlers;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.catalog.Names;
import io.mortar.catalog.PageTokens;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import io.mortar.server.schedule.CronSchedule;
import io.mortar.store.Page;
import io.mortar.store.crawlers.CrawlStore;
import io.mortar.store.crawlers.CrawlerStore;
import io.mortar.store.crawlers.StoredCrawler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.model.BatchGetCrawlersRequest;
import software.amazon.awssdk.services.glue.model.BatchGetCrawlersResponse;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.CreateCrawlerRequest;
import software.amazon.awssdk.services.glue.model.CreateCrawlerResponse;
import software.amazon.awssdk.services.glue.model.DeleteCrawlerRequest;
import software.amazon.awssdk.services.glue.model.DeleteCrawlerResponse;
import software.amazon.awssdk.services.glue.model.GetCrawlerRequest;
import software.amazon.awssdk.services.glue.model.GetCrawlerResponse;
import software.amazon.awssdk.services.glue.model.GetCrawlersRequest;
import software.amazon.awssdk.services.glue.model.GetCrawlersResponse;
import software.amazon.awssdk.services.glue.model.LastCrawlInfo;
import software.amazon.awssdk.services.glue.model.ListCrawlersRequest;
import software.amazon.awssdk.services.glue.model.ListCrawlersResponse;
import software.amazon.awssdk.services.glue.model.Schedule;
import software.amazon.awssdk.services.glue.model.ScheduleState;
import software.amazon.awssdk.services.glue.model.StartCrawlerScheduleRequest;
import software.amazon.awssdk.services.glue.model.StartCrawlerScheduleResponse;
import software.amazon.awssdk.services.glue.model.StopCrawlerScheduleRequest;
import software.amazon.awssdk.services.glue.model.StopCrawlerScheduleResponse;
import software.amazon.awssdk.services.glue.model.UpdateCrawlerRequest;
import software.amazon.awssdk.services.glue.model.UpdateCrawlerResponse;
import software.amazon.awssdk.services.glue.model.UpdateCrawlerScheduleRequest;
import software.amazon.awssdk.services.glue.model.UpdateCrawlerScheduleResponse;

/**
 * Crawler definitions and their schedules: CreateCrawler, GetCrawler, GetCrawlers, ListCrawlers, BatchGetCrawlers,
 * UpdateCrawler (only the fields given change; the version goes up), DeleteCrawler, UpdateCrawlerSchedule,
 * StartCrawlerSchedule and StopCrawlerSchedule, with Glue's state errors.
 */
final class CrawlerService {
    private static final String LISTING = "crawlers";
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1_000;
    private static final int MAX_BATCH = 100;

    private final CrawlerStore store;
    private final CatalogIdentity identity;
    private final Clock clock;
    private final CrawlStore crawls;

    CrawlerService(CrawlerStore store, CrawlStore crawls, CatalogIdentity identity, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.crawls = requireNonNull(crawls, "crawls");
        this.identity = requireNonNull(identity, "identity");
        this.clock = requireNonNull(clock, "clock");
    }

    String arn(String name) {
        return identity.arnPrefix() + "crawler/" + name;
    }

    CreateCrawlerResponse createCrawler(CreateCrawlerRequest request) {
        // The request's members are the Crawler's, except the schedule (a string here) and the tags.
        Crawler definition = CrawlerDefinitions.normalize(GlueJson.read(
                GlueJson.writeString(request.toBuilder().schedule(null).tags(null).build()), Crawler.builder()));
        CronSchedule schedule = CrawlerDefinitions.schedule(request.schedule());
        Names.rejectNul(request.tags(), "Tags");
        Instant now = clock.instant();
        store.create(new StoredCrawler(request.name(), document(definition, schedule), 1, CrawlerState.READY.toString(),
                        (schedule == null ? ScheduleState.NOT_SCHEDULED : ScheduleState.SCHEDULED).toString(), now, now),
                arn(request.name()), request.hasTags() ? request.tags() : Map.of());
        return CreateCrawlerResponse.builder().build();
    }

    GetCrawlerResponse getCrawler(GetCrawlerRequest request) {
        return GetCrawlerResponse.builder().crawler(toCrawler(require(request.name()))).build();
    }

    private StoredCrawler require(String name) {
        return store.get(name).orElseThrow(() -> notFound(name));
    }

    private static GlueException notFound(String name) {
        return GlueException.entityNotFound("Crawler entry with name %s does not exist", name);
    }

    GetCrawlersResponse getCrawlers(GetCrawlersRequest request) {
        Page<StoredCrawler> page = page(request.nextToken(), request.maxResults(), Map.of());
        return GetCrawlersResponse.builder().crawlers(page.items().stream().map(this::toCrawler).toList())
                .nextToken(PageTokens.encode(LISTING, page.nextCursor())).build();
    }

    ListCrawlersResponse listCrawlers(ListCrawlersRequest request) {
        Names.rejectNul(request.tags(), "Tags");
        Page<StoredCrawler> page = page(request.nextToken(), request.maxResults(),
                request.hasTags() ? request.tags() : Map.of());
        return ListCrawlersResponse.builder().crawlerNames(page.items().stream().map(StoredCrawler::name).toList())
                .nextToken(PageTokens.encode(LISTING, page.nextCursor())).build();
    }

    private Page<StoredCrawler> page(String token, Integer maxResults, Map<String, String> tags) {
        int limit = PageTokens.pageSize(maxResults, DEFAULT_PAGE, MAX_PAGE);
        return store.listCrawlers(PageTokens.decodeName(LISTING, token), limit, tags, arn(""));
    }

    BatchGetCrawlersResponse batchGetCrawlers(BatchGetCrawlersRequest request) {
        if (!request.hasCrawlerNames() || request.crawlerNames().isEmpty()
                || request.crawlerNames().size() > MAX_BATCH) {
            throw GlueException.invalidInput("CrawlerNames must name between 1 and %d crawlers.", MAX_BATCH);
        }
        List<Crawler> found = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        for (String name : request.crawlerNames()) {
            Optional<StoredCrawler> crawler = store.get(name);
            if (crawler.isPresent()) {
                found.add(toCrawler(crawler.get()));
            } else {
                notFound.add(name);
            }
        }
        return BatchGetCrawlersResponse.builder().crawlers(found).crawlersNotFound(notFound).build();
    }

    /** Only the fields the request gives change (Glue's observed behaviour); an empty Schedule removes it. */
    UpdateCrawlerResponse updateCrawler(UpdateCrawlerRequest request) {
        CronSchedule schedule = CrawlerDefinitions.schedule(request.schedule());
        store.change(request.name(), current -> {
            refuseWhileRunning(current, "updated");
            Crawler before = definition(current);
            Crawler.Builder merged = before.toBuilder();
            if (request.role() != null) merged.role(request.role());
            if (request.databaseName() != null) merged.databaseName(request.databaseName());
            if (request.description() != null) merged.description(request.description());
            if (request.targets() != null) merged.targets(request.targets());
            if (request.hasClassifiers()) merged.classifiers(request.classifiers());
            if (request.tablePrefix() != null) merged.tablePrefix(request.tablePrefix());
            if (request.schemaChangePolicy() != null) merged.schemaChangePolicy(request.schemaChangePolicy());
            if (request.recrawlPolicy() != null) merged.recrawlPolicy(request.recrawlPolicy());
            if (request.lineageConfiguration() != null) merged.lineageConfiguration(request.lineageConfiguration());
            if (request.lakeFormationConfiguration() != null) {
                merged.lakeFormationConfiguration(request.lakeFormationConfiguration());
            }
            if (request.configuration() != null) merged.configuration(request.configuration());
            if (request.crawlerSecurityConfiguration() != null) {
                merged.crawlerSecurityConfiguration(request.crawlerSecurityConfiguration());
            }
            Crawler definition = CrawlerDefinitions.normalize(merged.build());
            if (request.schedule() == null) {
                return changed(current, definition, scheduleOf(before), current.scheduleState());
            }
            return changed(current, definition, schedule, scheduleStateAfterUpdate(before, schedule, current));
        });
        return UpdateCrawlerResponse.builder().build();
    }

    UpdateCrawlerScheduleResponse updateCrawlerSchedule(UpdateCrawlerScheduleRequest request) {
        CronSchedule schedule = CrawlerDefinitions.schedule(request.schedule());
        store.change(request.crawlerName(), current -> {
            Crawler definition = definition(current);
            return changed(current, definition, schedule, scheduleStateAfterUpdate(definition, schedule, current));
        });
        return UpdateCrawlerScheduleResponse.builder().build();
    }

    StartCrawlerScheduleResponse startCrawlerSchedule(StartCrawlerScheduleRequest request) {
        store.change(request.crawlerName(), current -> {
            if (scheduleOf(definition(current)) == null) {
                throw new GlueException(GlueErrorCode.NO_SCHEDULE,
                        "Crawler " + current.name() + " has no schedule to start");
            }
            if (current.scheduleState().equals(ScheduleState.SCHEDULED.toString())) {
                throw new GlueException(GlueErrorCode.SCHEDULER_RUNNING,
                        "The schedule of crawler " + current.name() + " is already running");
            }
            return withScheduleState(current, ScheduleState.SCHEDULED);
        });
        return StartCrawlerScheduleResponse.builder().build();
    }

    StopCrawlerScheduleResponse stopCrawlerSchedule(StopCrawlerScheduleRequest request) {
        store.change(request.crawlerName(), current -> {
            if (!current.scheduleState().equals(ScheduleState.SCHEDULED.toString())) {
                throw new GlueException(GlueErrorCode.SCHEDULER_NOT_RUNNING,
                        "The schedule of crawler " + current.name() + " is not running");
            }
            return withScheduleState(current, ScheduleState.NOT_SCHEDULED);
        });
        return StopCrawlerScheduleResponse.builder().build();
    }

    DeleteCrawlerResponse deleteCrawler(DeleteCrawlerRequest request) {
        if (!store.delete(request.name(), arn(request.name()), current -> refuseWhileRunning(current, "deleted"))) {
            throw notFound(request.name());
        }
        return DeleteCrawlerResponse.builder().build();
    }

    private static void refuseWhileRunning(StoredCrawler crawler, String what) {
        if (!crawler.state().equals(CrawlerState.READY.toString())) {
            throw new GlueException(GlueErrorCode.CRAWLER_RUNNING,
                    "Crawler " + crawler.name() + " is " + crawler.state() + " and cannot be " + what + " until it is"
                            + " READY");
        }
        if (crawler.scheduleState().equals(ScheduleState.TRANSITIONING.toString())) {
            throw new GlueException(GlueErrorCode.SCHEDULER_TRANSITIONING,
                    "The schedule of crawler " + crawler.name() + " is changing state");
        }
    }

    /** A crawler that had no schedule starts its new one; one whose schedule was stopped keeps it stopped. */
    private static String scheduleStateAfterUpdate(Crawler before, CronSchedule schedule, StoredCrawler current) {
        if (schedule == null) {
            return ScheduleState.NOT_SCHEDULED.toString();
        }
        return scheduleOf(before) == null ? ScheduleState.SCHEDULED.toString() : current.scheduleState();
    }

    private StoredCrawler changed(StoredCrawler current, Crawler definition, CronSchedule schedule,
                                  String scheduleState) {
        return new StoredCrawler(current.name(), document(definition, schedule), current.version() + 1,
                current.state(), scheduleState, current.createTime(), clock.instant());
    }

    private StoredCrawler withScheduleState(StoredCrawler current, ScheduleState state) {
        return new StoredCrawler(current.name(), current.document(), current.version(), current.state(),
                state.toString(), current.createTime(), clock.instant());
    }

    /** Stored: the definition with the schedule's expression only (its state, the times and version are columns). */
    private static String document(Crawler definition, CronSchedule schedule) {
        return GlueJson.writeString(definition.toBuilder()
                .schedule(schedule == null ? null : Schedule.builder().scheduleExpression(schedule.expression()).build())
                .build());
    }

    /** A stored crawler's definition, named. */
    static Crawler definition(StoredCrawler stored) {
        return GlueJson.read(stored.document(), Crawler.builder()).toBuilder().name(stored.name()).build();
    }

    private static CronSchedule scheduleOf(Crawler definition) {
        return definition.schedule() == null ? null
                : CronSchedule.parse("Schedule", definition.schedule().scheduleExpression());
    }

    /** The Crawler shape: definition, state, schedule state, times, version and the last crawl's outcome. */
    Crawler toCrawler(StoredCrawler stored) {
        Crawler definition = definition(stored);
        Crawler.Builder out = definition.toBuilder().name(stored.name()).state(stored.state())
                .creationTime(stored.createTime()).lastUpdated(stored.updateTime()).version(stored.version())
                .crawlElapsedTime(0L);
        if (definition.schedule() != null) {
            out.schedule(definition.schedule().toBuilder().state(stored.scheduleState()).build());
        }
        if (!stored.state().equals(CrawlerState.READY.toString())) {
            crawls.running(stored.name()).ifPresent(c -> out.crawlElapsedTime(
                    Math.max(0, clock.millis() - c.startTime().toEpochMilli())));
        }
        crawls.lastEnded(stored.name()).ifPresent(c -> out.lastCrawl(LastCrawlInfo.builder()
                .status(CrawlHistory.lastCrawlStatus(c.state())).errorMessage(c.errorMessage())
                .logGroup(CrawlHistory.LOG_GROUP).logStream(stored.name()).messagePrefix(c.crawlId())
                .startTime(c.startTime()).build()));
        return out.build();
    }
}

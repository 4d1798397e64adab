package io.mortar.server.crawlers;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.PageTokens;
import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.crawlers.CrawlStore;
import io.mortar.store.crawlers.CrawlerStore;
import io.mortar.store.crawlers.StoredCrawl;
import io.mortar.store.crawlers.StoredCrawler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.model.CrawlerHistory;
import software.amazon.awssdk.services.glue.model.CrawlerMetrics;
import software.amazon.awssdk.services.glue.model.CrawlsFilter;
import software.amazon.awssdk.services.glue.model.FieldName;
import software.amazon.awssdk.services.glue.model.GetCrawlerMetricsRequest;
import software.amazon.awssdk.services.glue.model.GetCrawlerMetricsResponse;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;
import software.amazon.awssdk.services.glue.model.ListCrawlsRequest;
import software.amazon.awssdk.services.glue.model.ListCrawlsResponse;

/**
 * A crawler's past: ListCrawls (newest first, with Glue's filters on CRAWL_ID, STATE, START_TIME, END_TIME and
 * DPU_HOUR) and GetCrawlerMetrics (last and median run time, time left for a running crawl, the last crawl's table
 * counts). Mortar crawls run in the server, not on DPUs: their DPUHour is 0.
 */
final class CrawlHistory {
    static final String LOG_GROUP = "/aws-glue/crawlers";
    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 1000;
    private static final int SCAN = 500;
    private static final int MEDIAN_OF = 100;

    private final CrawlerStore crawlers;
    private final CrawlStore crawls;
    private final Clock clock;

    CrawlHistory(CrawlerStore crawlers, CrawlStore crawls, Clock clock) {
        this.crawlers = requireNonNull(crawlers, "crawlers");
        this.crawls = requireNonNull(crawls, "crawls");
        this.clock = requireNonNull(clock, "clock");
    }

    static LastCrawlStatus lastCrawlStatus(String crawlState) {
        return switch (crawlState) {
            case StoredCrawl.COMPLETED -> LastCrawlStatus.SUCCEEDED;
            case StoredCrawl.STOPPED -> LastCrawlStatus.CANCELLED;
            default -> LastCrawlStatus.FAILED;
        };
    }

    ListCrawlsResponse listCrawls(ListCrawlsRequest request) {
        String name = request.crawlerName();
        crawlers.get(name).orElseThrow(() -> GlueException.entityNotFound("Crawler entry with name %s does not exist",
                name));
        int limit = PageTokens.pageSize(request.maxResults(), DEFAULT_PAGE, MAX_PAGE);
        List<CrawlsFilter> filters = request.hasFilters() ? request.filters() : List.of();
        filters.forEach(CrawlHistory::check);
        long cursor = PageTokens.decodeLong("crawls", request.nextToken(), -1);
        Instant before = cursor < 0 ? null : Instant.ofEpochMilli(cursor);
        List<StoredCrawl> matching = new ArrayList<>();
        while (matching.size() <= limit) {
            List<StoredCrawl> batch = crawls.history(name, before, SCAN);
            for (StoredCrawl c : batch) {
                if (filters.stream().allMatch(f -> matches(c, f))) {
                    matching.add(c);
                }
            }
            if (batch.size() < SCAN) {
                break;
            }
            before = batch.get(batch.size() - 1).startTime();
        }
        Page<StoredCrawl> page = Page.of(matching, limit, c -> Long.toString(c.startTime().toEpochMilli()));
        return ListCrawlsResponse.builder().crawls(page.items().stream().map(c -> history(c)).toList())
                .nextToken(PageTokens.encode("crawls", page.nextCursor())).build();
    }

    private static CrawlerHistory history(StoredCrawl c) {
        return CrawlerHistory.builder().crawlId(c.crawlId()).state(c.state()).startTime(c.startTime())
                .endTime(c.endTime()).summary(c.summary()).errorMessage(c.errorMessage()).logGroup(LOG_GROUP)
                .logStream(c.crawlerName()).messagePrefix(c.crawlId()).dpuHour(0.0).build();
    }

    private static void check(CrawlsFilter f) {
        if (f.fieldName() == null || f.filterOperator() == null || f.fieldValue() == null) {
            throw GlueException.invalidInput("Filters: each filter needs FieldName, FilterOperator and FieldValue.");
        }
        switch (f.fieldName()) {
            case START_TIME, END_TIME -> instant(f);
            case DPU_HOUR -> number(f);
            case STATE -> {
                if (!List.of(StoredCrawl.RUNNING, StoredCrawl.COMPLETED, StoredCrawl.FAILED, StoredCrawl.STOPPED)
                        .contains(f.fieldValue())) {
                    throw GlueException.invalidInput("Filters: STATE is RUNNING, COMPLETED, FAILED or STOPPED, not %s.",
                            f.fieldValue());
                }
            }
            default -> { }
        }
    }

    private static boolean matches(StoredCrawl c, CrawlsFilter f) {
        int cmp;
        switch (f.fieldName()) {
            case CRAWL_ID -> cmp = c.crawlId().compareTo(f.fieldValue());
            case STATE -> cmp = c.state().compareTo(f.fieldValue());
            case START_TIME -> cmp = c.startTime().compareTo(instant(f));
            case END_TIME -> {
                if (c.endTime() == null) {
                    return false;
                }
                cmp = c.endTime().compareTo(instant(f));
            }
            case DPU_HOUR -> cmp = Double.compare(0.0, number(f));
            default -> {
                return false;
            }
        }
        return switch (f.filterOperator()) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            default -> false;
        };
    }

    /** Times as epoch milliseconds (what the console sends) or ISO-8601. */
    private static Instant instant(CrawlsFilter f) {
        String v = f.fieldValue().strip();
        try {
            return v.matches("\\d+") ? Instant.ofEpochMilli(Long.parseLong(v)) : Instant.parse(v);
        } catch (RuntimeException e) {
            throw GlueException.invalidInput("Filters: %s must be a time in epoch milliseconds or ISO-8601, not %s.",
                    f.fieldNameAsString(), v);
        }
    }

    private static double number(CrawlsFilter f) {
        try {
            return Double.parseDouble(f.fieldValue());
        } catch (NumberFormatException e) {
            throw GlueException.invalidInput("Filters: %s must be a number, not %s.", f.fieldNameAsString(),
                    f.fieldValue());
        }
    }

    GetCrawlerMetricsResponse getCrawlerMetrics(GetCrawlerMetricsRequest request) {
        List<StoredCrawler> chosen = new ArrayList<>();
        String next = null;
        if (request.hasCrawlerNameList() && !request.crawlerNameList().isEmpty()) {
            for (String name : request.crawlerNameList()) {
                crawlers.get(name).ifPresent(chosen::add); // unknown names are left out, as in Glue
            }
        } else {
            int limit = PageTokens.pageSize(request.maxResults(), 100, 1000);
            Page<StoredCrawler> page = crawlers.listCrawlers(PageTokens.decodeName("crawler-metrics",
                    request.nextToken()), limit, Map.of(), "");
            chosen.addAll(page.items());
            next = PageTokens.encode("crawler-metrics", page.nextCursor());
        }
        return GetCrawlerMetricsResponse.builder().crawlerMetricsList(chosen.stream().map(this::metrics).toList())
                .nextToken(next).build();
    }

    private CrawlerMetrics metrics(StoredCrawler crawler) {
        List<StoredCrawl> past = crawls.history(crawler.name(), null, MEDIAN_OF + 1).stream()
                .filter(StoredCrawl::finished).limit(MEDIAN_OF).toList();
        CrawlerMetrics.Builder out = CrawlerMetrics.builder().crawlerName(crawler.name()).stillEstimating(false)
                .timeLeftSeconds(0.0);
        Optional<StoredCrawl> last = past.stream().findFirst();
        double median = median(past.stream().map(CrawlHistory::seconds).sorted().toList());
        last.ifPresent(c -> out.lastRuntimeSeconds(seconds(c)).tablesCreated((int) c.tablesCreated())
                .tablesUpdated((int) c.tablesUpdated()).tablesDeleted((int) c.tablesDeleted()));
        out.medianRuntimeSeconds(median);
        crawls.running(crawler.name()).ifPresent(c -> {
            double elapsed = (clock.millis() - c.startTime().toEpochMilli()) / 1000.0;
            out.stillEstimating(past.isEmpty()).timeLeftSeconds(past.isEmpty() ? 0.0 : Math.max(0.0,
                    median - elapsed));
        });
        if (last.isEmpty()) {
            out.lastRuntimeSeconds(0.0).tablesCreated(0).tablesUpdated(0).tablesDeleted(0);
        }
        return out.build();
    }

    private static double seconds(StoredCrawl c) {
        return (c.endTime().toEpochMilli() - c.startTime().toEpochMilli()) / 1000.0;
    }

    private static double median(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return 0.0;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

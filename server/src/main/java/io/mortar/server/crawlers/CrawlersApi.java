package io.mortar.server.crawlers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mortar.catalog.Catalog;
import io.mortar.catalog.connections.ConnectionService;
import io.mortar.crawler.discovery.CrawlProgress;
import io.mortar.crawler.discovery.FileProblem;
import io.mortar.crawler.plan.CrawlPlan;
import io.mortar.crawler.plan.TablePlan;
import io.mortar.model.GlueJson;
import io.mortar.server.classifiers.ClassifierLookup;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.protocol.GlueJsonProtocol;
import io.mortar.server.protocol.GlueOperations;
import io.mortar.store.crawlers.CrawlStore;
import io.mortar.store.crawlers.CrawlerStore;
import io.mortar.store.crawlers.StoredCrawl;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.glue.model.BatchGetCrawlersRequest;
import software.amazon.awssdk.services.glue.model.CreateCrawlerRequest;
import software.amazon.awssdk.services.glue.model.DeleteCrawlerRequest;
import software.amazon.awssdk.services.glue.model.GetCrawlerMetricsRequest;
import software.amazon.awssdk.services.glue.model.GetCrawlerRequest;
import software.amazon.awssdk.services.glue.model.GetCrawlersRequest;
import software.amazon.awssdk.services.glue.model.ListCrawlersRequest;
import software.amazon.awssdk.services.glue.model.ListCrawlsRequest;
import software.amazon.awssdk.services.glue.model.StartCrawlerRequest;
import software.amazon.awssdk.services.glue.model.StartCrawlerResponse;
import software.amazon.awssdk.services.glue.model.StartCrawlerScheduleRequest;
import software.amazon.awssdk.services.glue.model.StopCrawlerRequest;
import software.amazon.awssdk.services.glue.model.StopCrawlerResponse;
import software.amazon.awssdk.services.glue.model.StopCrawlerScheduleRequest;
import software.amazon.awssdk.services.glue.model.UpdateCrawlerRequest;
import software.amazon.awssdk.services.glue.model.UpdateCrawlerScheduleRequest;

/**
 * The crawler operations of the Glue API, the crawls they start, and Mortar's own crawl endpoints beside the Glue
 * protocol: {@code GET /crawlers/{name}/progress}, {@code POST /crawlers/{name}/dry-run} and
 * {@code GET /crawls/{id}/log}. Crawlers live in the catalog's database.
 */
public final class CrawlersApi implements AutoCloseable {
    private final CrawlRunner runner;
    private final CrawlScheduler scheduler;
    private final CrawlStore crawls;

    private CrawlersApi(CrawlRunner runner, CrawlScheduler scheduler, CrawlStore crawls) {
        this.runner = runner;
        this.scheduler = scheduler;
        this.crawls = crawls;
    }

    public static CrawlersApi register(GlueOperations ops, Catalog catalog, CrawlerStore store, CrawlStore crawls,
                                       ConnectionService connections, ClassifierLookup classifiers,
                                       ServerConfig config, CrawlCredentials credentials, Clock clock) {
        requireNonNull(ops, "ops");
        CrawlerService crawlers = new CrawlerService(store, crawls, config.identity(), clock);
        CrawlRunner runner = new CrawlRunner(store, crawls, new CrawlExecution(catalog, connections, classifiers,
                config.s3(), config.crawlers(), clock), config.crawlers(), credentials, clock);
        CrawlHistory history = new CrawlHistory(store, crawls, clock);
        ops.add("CreateCrawler", CreateCrawlerRequest::builder, crawlers::createCrawler)
                .add("GetCrawler", GetCrawlerRequest::builder, crawlers::getCrawler)
                .add("GetCrawlers", GetCrawlersRequest::builder, crawlers::getCrawlers)
                .add("ListCrawlers", ListCrawlersRequest::builder, crawlers::listCrawlers)
                .add("BatchGetCrawlers", BatchGetCrawlersRequest::builder, crawlers::batchGetCrawlers)
                .add("UpdateCrawler", UpdateCrawlerRequest::builder, crawlers::updateCrawler)
                .add("DeleteCrawler", DeleteCrawlerRequest::builder, crawlers::deleteCrawler)
                .add("UpdateCrawlerSchedule", UpdateCrawlerScheduleRequest::builder, crawlers::updateCrawlerSchedule)
                .add("StartCrawlerSchedule", StartCrawlerScheduleRequest::builder, crawlers::startCrawlerSchedule)
                .add("StopCrawlerSchedule", StopCrawlerScheduleRequest::builder, crawlers::stopCrawlerSchedule)
                .add("StartCrawler", StartCrawlerRequest::builder, r -> {
                    runner.start(r.name());
                    return StartCrawlerResponse.builder().build();
                })
                .add("StopCrawler", StopCrawlerRequest::builder, r -> {
                    runner.stop(r.name());
                    return StopCrawlerResponse.builder().build();
                })
                .add("ListCrawls", ListCrawlsRequest::builder, history::listCrawls)
                .add("GetCrawlerMetrics", GetCrawlerMetricsRequest::builder, history::getCrawlerMetrics);
        // Crawler names keep their case; an ARN's name is everything after "crawler/".
        catalog.tags().registerResourceKind("crawler", false, path -> store.get(String.join("/", path)).isPresent());
        runner.reconcile();
        return new CrawlersApi(runner, new CrawlScheduler(store, runner::start, clock, Duration.ofSeconds(5)), crawls);
    }

    /**
     * Starts a crawl a trigger fires, under the id its firing derives; false, starting nothing, when that crawl
     * exists already.
     *
     * @throws io.mortar.model.GlueException CrawlerRunning unless the crawler is READY
     */
    public boolean startTriggeredCrawl(String crawlerName, String crawlId) {
        return runner.start(crawlerName, crawlId);
    }

    /** StopCrawler. */
    public void stopCrawler(String crawlerName) {
        runner.stop(crawlerName);
    }

    /** Called after every crawl's end. */
    public void onCrawlEnded(Runnable listener) {
        runner.onCrawlEnded(listener);
    }

    /** {@code GET /crawlers/{name}/progress}: the running crawl's phase and counts, or 404 when none runs. */
    public void serveProgress(Context ctx) {
        String name = ctx.pathParam("name");
        var running = runner.progress(name);
        if (running.isEmpty()) {
            GlueJsonProtocol.writeNotFound(ctx, "Crawler " + name + " has no crawl running here");
            return;
        }
        CrawlProgress p = running.get().progress();
        ObjectNode json = GlueJson.mapper().createObjectNode();
        json.put("crawlId", running.get().crawlId());
        json.put("phase", p.phase().toString());
        json.put("elapsedMillis", System.currentTimeMillis() - running.get().started().toEpochMilli());
        json.put("filesListed", p.filesListed());
        json.put("filesToRead", p.filesToRead());
        json.put("filesRead", p.filesRead());
        json.put("bytesRead", p.bytesRead());
        json.put("tablesFound", p.tablesFound());
        json.put("tablesWritten", p.changesApplied());
        json.put("stopRequested", running.get().stop().get());
        ctx.contentType("application/json").result(json.toString());
    }

    /**
     * {@code POST /crawlers/{name}/dry-run}: what a crawl would write now, table by table, and why. Its failures
     * reach GlueJsonProtocol through MortarServer's exception handler, like every error Mortar answers.
     */
    public void serveDryRun(Context ctx) {
        CrawlOutcome outcome = runner.dryRun(ctx.pathParam("name"));
        ctx.contentType("application/json").result(dryRunJson(outcome).toString());
    }

    static ObjectNode dryRunJson(CrawlOutcome outcome) {
        ObjectNode json = GlueJson.mapper().createObjectNode();
        json.put("filesListed", outcome.filesListed());
        json.put("filesRead", outcome.filesRead());
        json.put("bytesRead", outcome.bytesRead());
        ArrayNode tables = json.putArray("tables");
        for (CrawlPlan plan : outcome.plans()) {
            for (TablePlan t : plan.tables()) {
                ObjectNode table = tables.addObject();
                table.put("action", t.action().toString());
                table.put("database", t.database());
                table.put("name", t.name());
                if (t.table() != null && t.table().storageDescriptor() != null) {
                    table.put("location", t.table().storageDescriptor().location());
                    table.put("classification", t.table().parameters().get("classification"));
                    ArrayNode columns = table.putArray("columns");
                    t.table().storageDescriptor().columns().forEach(c -> columns.add(c.name() + " " + c.type()));
                    ArrayNode keys = table.putArray("partitionKeys");
                    t.table().partitionKeys().forEach(k -> keys.add(k.name()));
                }
                table.put("partitionsToCreate", t.createPartitions().size());
                table.put("partitionsToUpdate", t.updatePartitions().size());
                table.put("partitionsToDelete", t.deletePartitions().size());
                table.put("reason", t.reason());
                ArrayNode details = table.putArray("details");
                t.details().forEach(details::add);
            }
        }
        ArrayNode log = json.putArray("log");
        outcome.plans().forEach(p -> p.log().forEach(log::add));
        ArrayNode notes = json.putArray("groupingNotes");
        outcome.notes().forEach(notes::add);
        ArrayNode skipped = json.putArray("skippedFiles");
        for (FileProblem p : outcome.problems()) {
            skipped.addObject().put("location", p.location()).put("problem", p.problem());
        }
        return json;
    }

    /** {@code GET /crawls/{id}/log}: what an ended crawl decided and why, line by line. */
    public void serveLog(Context ctx) {
        String id = ctx.pathParam("id");
        var crawl = crawls.get(id);
        if (crawl.isEmpty()) {
            GlueJsonProtocol.writeNotFound(ctx, "No crawl " + id);
            return;
        }
        StoredCrawl c = crawl.get();
        StringBuilder text = new StringBuilder();
        text.append("crawl ").append(c.crawlId()).append(" of crawler ").append(c.crawlerName()).append(": ")
                .append(c.state()).append('\n');
        if (c.errorMessage() != null) {
            text.append("ERROR ").append(c.errorMessage()).append('\n');
        }
        if (c.log() != null && !c.log().isEmpty()) {
            text.append(c.log()).append('\n');
        }
        ctx.contentType("text/plain; charset=utf-8").result(text.toString());
    }

    @Override
    public void close() {
        scheduler.close();
        runner.close();
    }
}

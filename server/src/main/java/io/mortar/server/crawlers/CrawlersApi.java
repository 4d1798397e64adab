package io.mortar.server.crawlers;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.catalog.TagService;
import io.mortar.catalog.store.Jdbc;
import io.mortar.server.crawlers.store.CrawlerStore;
import io.mortar.server.protocol.GlueOperations;
import java.time.Clock;
import software.amazon.awssdk.services.glue.model.BatchGetCrawlersRequest;
import software.amazon.awssdk.services.glue.model.CreateCrawlerRequest;
import software.amazon.awssdk.services.glue.model.DeleteCrawlerRequest;
import software.amazon.awssdk.services.glue.model.GetCrawlerRequest;
import software.amazon.awssdk.services.glue.model.GetCrawlersRequest;
import software.amazon.awssdk.services.glue.model.ListCrawlersRequest;
import software.amazon.awssdk.services.glue.model.StartCrawlerScheduleRequest;
import software.amazon.awssdk.services.glue.model.StopCrawlerScheduleRequest;
import software.amazon.awssdk.services.glue.model.UpdateCrawlerRequest;
import software.amazon.awssdk.services.glue.model.UpdateCrawlerScheduleRequest;

/** The crawler operations of the Glue API; crawlers live in the catalog's database. */
public final class CrawlersApi {
    private CrawlersApi() {}

    public static void register(GlueOperations ops, Jdbc jdbc, TagService tags, CatalogIdentity identity, Clock clock) {
        requireNonNull(ops, "ops");
        CrawlerStore store = new CrawlerStore(jdbc);
        CrawlerService crawlers = new CrawlerService(store, identity, clock);
        ops.add("CreateCrawler", CreateCrawlerRequest::builder, crawlers::createCrawler)
                .add("GetCrawler", GetCrawlerRequest::builder, crawlers::getCrawler)
                .add("GetCrawlers", GetCrawlersRequest::builder, crawlers::getCrawlers)
                .add("ListCrawlers", ListCrawlersRequest::builder, crawlers::listCrawlers)
                .add("BatchGetCrawlers", BatchGetCrawlersRequest::builder, crawlers::batchGetCrawlers)
                .add("UpdateCrawler", UpdateCrawlerRequest::builder, crawlers::updateCrawler)
                .add("DeleteCrawler", DeleteCrawlerRequest::builder, crawlers::deleteCrawler)
                .add("UpdateCrawlerSchedule", UpdateCrawlerScheduleRequest::builder, crawlers::updateCrawlerSchedule)
                .add("StartCrawlerSchedule", StartCrawlerScheduleRequest::builder, crawlers::startCrawlerSchedule)
                .add("StopCrawlerSchedule", StopCrawlerScheduleRequest::builder, crawlers::stopCrawlerSchedule);
        // Crawler names keep their case; an ARN's name is everything after "crawler/".
        tags.registerResourceKind("crawler", false, path -> store.get(String.join("/", path)).isPresent());
    }
}

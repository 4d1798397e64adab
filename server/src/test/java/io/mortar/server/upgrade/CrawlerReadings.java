package io.mortar.server.upgrade;

import static io.mortar.server.upgrade.SnapshotJson.glue;
import static io.mortar.server.upgrade.SnapshotJson.object;
import static io.mortar.server.upgrade.SnapshotJson.strings;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Classifier;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerHistory;
import software.amazon.awssdk.services.glue.model.CrawlerMetrics;
import software.amazon.awssdk.services.glue.model.ListCrawlsResponse;

/**
 * The crawlers part of a {@link StoreSnapshot}: every crawler with its tags, crawls (ListCrawls), metrics and last
 * crawl, and every custom classifier.
 *
 * <p>GetCrawler's CrawlElapsedTime and GetCrawlerMetrics' TimeLeftSeconds and StillEstimating follow the clock,
 * but only while a crawl runs; a store at rest has none running, so they are compared like everything else.
 */
final class CrawlerReadings {
    private final GlueClient glue;
    private final ResourceTags tags;

    CrawlerReadings(GlueClient glue, ResourceTags tags) {
        this.glue = requireNonNull(glue, "glue");
        this.tags = requireNonNull(tags, "tags");
    }

    ObjectNode crawlers() {
        List<Crawler> crawlers = new ArrayList<>();
        glue.getCrawlersPaginator(r -> r.maxResults(1)).forEach(page -> crawlers.addAll(page.crawlers()));
        List<String> names = new ArrayList<>();
        glue.listCrawlersPaginator(r -> r.maxResults(1)).forEach(page -> names.addAll(page.crawlerNames()));
        List<CrawlerMetrics> metrics = new ArrayList<>();
        glue.getCrawlerMetricsPaginator(r -> r.maxResults(1))
                .forEach(page -> metrics.addAll(page.crawlerMetricsList()));
        ObjectNode out = object();
        out.set("GetCrawlers", glue(crawlers));
        out.set("ListCrawlers", strings(names));
        out.set("GetCrawlerMetrics", glue(metrics));
        ObjectNode byName = out.putObject("crawlers");
        for (Crawler crawler : crawlers) {
            byName.set(crawler.name(), crawler(crawler.name()));
        }
        return out;
    }

    private ObjectNode crawler(String name) {
        ObjectNode out = object();
        out.set("GetCrawler", glue(glue.getCrawler(r -> r.name(name)).crawler()));
        out.set("GetTags", tags.of("crawler/" + name));
        List<CrawlerHistory> crawls = new ArrayList<>();
        String token = null;
        do {
            String from = token;
            ListCrawlsResponse page = glue.listCrawls(r -> r.crawlerName(name).maxResults(1).nextToken(from));
            crawls.addAll(page.crawls());
            token = page.nextToken();
        } while (token != null);
        out.set("ListCrawls", glue(crawls));
        return out;
    }

    ObjectNode classifiers() {
        List<Classifier> classifiers = new ArrayList<>();
        glue.getClassifiersPaginator(r -> r.maxResults(1)).forEach(page -> classifiers.addAll(page.classifiers()));
        ObjectNode out = object();
        out.set("GetClassifiers", glue(classifiers));
        ObjectNode byName = out.putObject("classifiers");
        for (Classifier classifier : classifiers) {
            String name = name(classifier);
            byName.set(name, glue(glue.getClassifier(r -> r.name(name)).classifier()));
        }
        return out;
    }

    /** A classifier's name sits in the shape of its kind, the one member that is set. */
    private static String name(Classifier classifier) {
        return Stream.of(classifier.grokClassifier() == null ? null : classifier.grokClassifier().name(),
                        classifier.xmlClassifier() == null ? null : classifier.xmlClassifier().name(),
                        classifier.jsonClassifier() == null ? null : classifier.jsonClassifier().name(),
                        classifier.csvClassifier() == null ? null : classifier.csvClassifier().name())
                .filter(n -> n != null).findFirst()
                .orElseThrow(() -> new IllegalStateException("A classifier of no known kind: " + classifier));
    }
}

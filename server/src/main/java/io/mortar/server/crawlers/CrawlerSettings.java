package io.mortar.server.crawlers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.crawler.ClassifierOptions;
import io.mortar.crawler.plan.CrawlPolicy;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.RecrawlBehavior;

/**
 * A stored crawler definition read for a crawl: Glue's {@code SchemaChangePolicy}, {@code RecrawlPolicy} and the
 * {@code Configuration} JSON ({@code CrawlerOutput}, {@code Grouping}, {@code CreatePartitionIndex}), plus Mortar's
 * own keys under {@code "Mortar"}: {@code GlueCompatibleClassification} (CSV dates and timestamps stay strings, as
 * in Glue) and {@code PartitionsInheritFromTable} (default true: partitions take the table's schema).
 */
record CrawlerSettings(String database, Integer tableLevel, boolean combineCompatible, Integer tableThreshold,
                       boolean mergeNewColumnsOnly, boolean partitionsInherit, boolean createPartitionIndex,
                       boolean newFoldersOnly, boolean updateInDatabase, CrawlPolicy.DeleteBehavior onDeleted,
                       String tablePrefix, ClassifierOptions classifierOptions) {
    static final String DEFAULT_DATABASE = "default";

    static CrawlerSettings of(Crawler crawler) {
        JsonNode config = configuration(crawler.configuration());
        boolean glueCompatible = config.at("/Mortar/GlueCompatibleClassification").asBoolean(false);
        JsonNode inherit = config.at("/Mortar/PartitionsInheritFromTable");
        boolean partitionsInherit = "InheritFromTable".equals(
                config.at("/CrawlerOutput/Partitions/AddOrUpdateBehavior").asText())
                || inherit.isMissingNode() || inherit.asBoolean();
        return new CrawlerSettings(
                crawler.databaseName() == null || crawler.databaseName().isBlank() ? DEFAULT_DATABASE
                        : crawler.databaseName().toLowerCase(java.util.Locale.ROOT),
                intOrNull(config.at("/Grouping/TableLevelConfiguration")),
                "CombineCompatibleSchemas".equals(config.at("/Grouping/TableGroupingPolicy").asText()),
                intOrNull(config.at("/CrawlerOutput/Tables/TableThreshold")),
                "MergeNewColumns".equals(config.at("/CrawlerOutput/Tables/AddOrUpdateBehavior").asText()),
                partitionsInherit,
                config.at("/CreatePartitionIndex").asBoolean(true),
                crawler.recrawlPolicy() != null && crawler.recrawlPolicy().recrawlBehavior()
                        == RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY,
                !"LOG".equals(crawler.schemaChangePolicy().updateBehaviorAsString()),
                CrawlPolicy.DeleteBehavior.valueOf(crawler.schemaChangePolicy().deleteBehaviorAsString()),
                crawler.tablePrefix(),
                glueCompatible ? ClassifierOptions.glueCompatible() : ClassifierOptions.defaults());
    }

    CrawlPolicy policy(String crawlerName, List<String> ownedScope, Instant now) {
        return new CrawlPolicy(crawlerName, tablePrefix, updateInDatabase, onDeleted, mergeNewColumnsOnly,
                partitionsInherit, tableThreshold, createPartitionIndex, newFoldersOnly, ownedScope, now);
    }

    private static JsonNode configuration(String text) {
        if (text == null || text.isBlank()) {
            return GlueJson.mapper().createObjectNode();
        }
        try {
            return GlueJson.mapper().readTree(text); // checked when the crawler was created or updated
        } catch (JsonProcessingException e) {
            throw GlueException.invalidInput("Configuration is not valid JSON: %s", e.getOriginalMessage());
        }
    }

    private static Integer intOrNull(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asInt();
    }
}

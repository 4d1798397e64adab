package io.mortar.server.crawlers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import io.mortar.server.schedule.CronSchedule;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.glue.model.CatalogTarget;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerLineageSettings;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.JdbcTarget;
import software.amazon.awssdk.services.glue.model.LineageConfiguration;
import software.amazon.awssdk.services.glue.model.RecrawlBehavior;
import software.amazon.awssdk.services.glue.model.RecrawlPolicy;
import software.amazon.awssdk.services.glue.model.S3Target;
import software.amazon.awssdk.services.glue.model.SchemaChangePolicy;

/**
 * Glue's rules for a crawler definition beyond the service model's own (required members, lengths, enums, which the
 * protocol edge checks first): what CreateCrawler and UpdateCrawler accept (messages name the field) and the
 * defaults a stored crawler gets. The definition is a {@code Crawler} without state, schedule state, times or
 * version, which the store keeps beside it.
 */
final class CrawlerDefinitions {
    private static final Set<String> CONFIGURATION_KEYS = Set.of("Version", "CrawlerOutput", "Grouping",
            "CreatePartitionIndex", "Mortar");
    /** Mortar's own settings, under the key "Mortar" (Glue has none of them). */
    private static final Set<String> MORTAR_KEYS = Set.of("GlueCompatibleClassification",
            "PartitionsInheritFromTable");

    private CrawlerDefinitions() {}

    /** The definition as stored: validated, with Glue's defaults for what it leaves out. */
    static Crawler normalize(Crawler crawler) {
        if (crawler.role() == null || crawler.role().isBlank()) {
            throw GlueException.invalidInput("Role is required.");
        }
        targets(crawler.targets());
        Crawler.Builder out = crawler.toBuilder();
        SchemaChangePolicy policy = schemaChangePolicy(crawler.schemaChangePolicy());
        out.schemaChangePolicy(policy);
        out.recrawlPolicy(recrawlPolicy(crawler.recrawlPolicy(), policy));
        out.lineageConfiguration(crawler.lineageConfiguration() != null
                && crawler.lineageConfiguration().crawlerLineageSettingsAsString() != null
                ? crawler.lineageConfiguration()
                : LineageConfiguration.builder().crawlerLineageSettings(CrawlerLineageSettings.DISABLE).build());
        if (crawler.configuration() != null && !crawler.configuration().isBlank()) {
            configuration(crawler.configuration());
        }
        return out.build();
    }

    /** A non-blank schedule, checked; null for none (a crawler run on demand). */
    static CronSchedule schedule(String expression) {
        return expression == null || expression.isBlank() ? null : CronSchedule.parse("Schedule", expression);
    }

    private static void targets(CrawlerTargets targets) {
        if (targets != null && hasUnsupported(targets)) {
            throw GlueException.invalidInput("Targets: Mortar crawls S3Targets (s3:// and local paths), JdbcTargets"
                    + " and CatalogTargets; MongoDB, DynamoDB, Delta, Iceberg and Hudi targets are not supported.");
        }
        if (targets == null || targets.s3Targets().isEmpty() && targets.jdbcTargets().isEmpty()
                && targets.catalogTargets().isEmpty()) {
            throw GlueException.invalidInput("Targets must have at least one S3Targets, JdbcTargets or"
                    + " CatalogTargets entry.");
        }
        int i = 0;
        for (S3Target t : targets.s3Targets()) {
            if (t.path() == null || t.path().isBlank()) {
                throw GlueException.invalidInput("Targets.S3Targets[%d].Path is required.", i);
            }
            if (t.sampleSize() != null && (t.sampleSize() < 1 || t.sampleSize() > 249)) {
                throw GlueException.invalidInput("Targets.S3Targets[%d].SampleSize must be between 1 and 249, not %d.",
                        i, t.sampleSize());
            }
            if (t.eventQueueArn() != null) {
                throw GlueException.invalidInput("Targets.S3Targets[%d].EventQueueArn is not supported: Mortar has no"
                        + " S3 event notifications; use a schedule or RecrawlPolicy CRAWL_NEW_FOLDERS_ONLY.", i);
            }
            i++;
        }
        i = 0;
        for (JdbcTarget t : targets.jdbcTargets()) {
            if (t.connectionName() == null || t.connectionName().isBlank()) {
                throw GlueException.invalidInput("Targets.JdbcTargets[%d].ConnectionName is required.", i);
            }
            if (t.path() == null || t.path().isBlank()) {
                throw GlueException.invalidInput("Targets.JdbcTargets[%d].Path is required (database/schema/table,"
                        + " with %% as a wildcard).", i);
            }
            i++;
        }
        i = 0;
        for (CatalogTarget t : targets.catalogTargets()) {
            if (t.databaseName() == null || t.databaseName().isBlank()) {
                throw GlueException.invalidInput("Targets.CatalogTargets[%d].DatabaseName is required.", i);
            }
            i++;
        }
    }

    /** An absent list reads as empty (the SDK's auto-constructed list). */
    private static boolean hasUnsupported(CrawlerTargets t) {
        return !t.mongoDBTargets().isEmpty() || !t.dynamoDBTargets().isEmpty() || !t.deltaTargets().isEmpty()
                || !t.icebergTargets().isEmpty() || !t.hudiTargets().isEmpty();
    }

    private static SchemaChangePolicy schemaChangePolicy(SchemaChangePolicy given) {
        String update = given == null || given.updateBehaviorAsString() == null ? "UPDATE_IN_DATABASE"
                : given.updateBehaviorAsString();
        String delete = given == null || given.deleteBehaviorAsString() == null ? "DEPRECATE_IN_DATABASE"
                : given.deleteBehaviorAsString();
        return SchemaChangePolicy.builder().updateBehavior(update).deleteBehavior(delete).build();
    }

    private static RecrawlPolicy recrawlPolicy(RecrawlPolicy given, SchemaChangePolicy policy) {
        String behavior = given == null || given.recrawlBehaviorAsString() == null
                ? RecrawlBehavior.CRAWL_EVERYTHING.toString() : given.recrawlBehaviorAsString();
        if (behavior.equals(RecrawlBehavior.CRAWL_EVENT_MODE.toString())) {
            throw GlueException.invalidInput("RecrawlPolicy.RecrawlBehavior CRAWL_EVENT_MODE is not supported: Mortar"
                    + " has no S3 event notifications; use CRAWL_NEW_FOLDERS_ONLY.");
        }
        if (behavior.equals(RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY.toString())
                && (!policy.updateBehaviorAsString().equals("LOG") || !policy.deleteBehaviorAsString().equals("LOG"))) {
            throw GlueException.invalidInput("RecrawlPolicy.RecrawlBehavior CRAWL_NEW_FOLDERS_ONLY needs"
                    + " SchemaChangePolicy UpdateBehavior LOG and DeleteBehavior LOG, not %s and %s.",
                    policy.updateBehaviorAsString(), policy.deleteBehaviorAsString());
        }
        return RecrawlPolicy.builder().recrawlBehavior(behavior).build();
    }

    /** Glue's crawler Configuration: a JSON object of the keys Glue documents, each with a value it accepts. */
    private static void configuration(String text) {
        JsonNode root;
        try {
            root = GlueJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw GlueException.invalidInput("Configuration is not valid JSON: %s", e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw GlueException.invalidInput("Configuration must be a JSON object.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!CONFIGURATION_KEYS.contains(key)) {
                throw GlueException.invalidInput("Configuration has an unknown key %s; known are %s.", key,
                        CONFIGURATION_KEYS.stream().sorted().toList());
            }
        }
        if (root.has("Version") && root.get("Version").asDouble() != 1.0) {
            throw GlueException.invalidInput("Configuration.Version must be 1.0.");
        }
        expect(root, "/CrawlerOutput/Partitions/AddOrUpdateBehavior", "InheritFromTable");
        expect(root, "/CrawlerOutput/Tables/AddOrUpdateBehavior", "MergeNewColumns");
        expect(root, "/Grouping/TableGroupingPolicy", "CombineCompatibleSchemas");
        positive(root, "/CrawlerOutput/Tables/TableThreshold");
        positive(root, "/Grouping/TableLevelConfiguration");
        JsonNode mortar = root.at("/Mortar");
        if (!mortar.isMissingNode()) {
            if (!mortar.isObject()) {
                throw GlueException.invalidInput("Configuration.Mortar must be a JSON object.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = mortar.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!MORTAR_KEYS.contains(e.getKey())) {
                    throw GlueException.invalidInput("Configuration.Mortar has an unknown key %s; known are %s.",
                            e.getKey(), MORTAR_KEYS.stream().sorted().toList());
                }
                if (!e.getValue().isBoolean()) {
                    throw GlueException.invalidInput("Configuration.Mortar.%s must be true or false.", e.getKey());
                }
            }
        }
        JsonNode index = root.at("/CreatePartitionIndex");
        if (!index.isMissingNode() && !index.isBoolean()) {
            throw GlueException.invalidInput("Configuration.CreatePartitionIndex must be true or false.");
        }
    }

    private static void expect(JsonNode root, String pointer, String only) {
        JsonNode value = root.at(pointer);
        if (!value.isMissingNode() && !only.equals(value.asText())) {
            throw GlueException.invalidInput("Configuration%s must be %s, not %s.", pointer.replace('/', '.'), only,
                    value);
        }
    }

    private static void positive(JsonNode root, String pointer) {
        JsonNode value = root.at(pointer);
        if (!value.isMissingNode() && (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1)) {
            throw GlueException.invalidInput("Configuration%s must be a positive integer, not %s.",
                    pointer.replace('/', '.'), value);
        }
    }
}

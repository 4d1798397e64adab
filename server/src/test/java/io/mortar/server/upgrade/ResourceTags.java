package io.mortar.server.upgrade;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeMap;
import software.amazon.awssdk.services.glue.GlueClient;

/** GetTags for the catalog's resources, named by their ARN after the catalog's prefix ({@code database/sales}). */
record ResourceTags(GlueClient glue, String arnPrefix) {
    ResourceTags {
        requireNonNull(glue, "glue");
        requireNonNull(arnPrefix, "arnPrefix");
    }

    /** The prefix of this store's ARNs: its region and the CatalogId (the account) GetDatabase reports. */
    static String arnPrefix(String region, String catalogId) {
        return "arn:aws:glue:" + region + ":" + catalogId + ":";
    }

    JsonNode of(String resource) {
        ObjectNode out = SnapshotJson.object();
        new TreeMap<>(glue.getTags(r -> r.resourceArn(arnPrefix + resource)).tags()).forEach(out::put);
        return out;
    }
}

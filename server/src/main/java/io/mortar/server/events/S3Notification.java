package io.mortar.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bucket notification as S3-compatible stores POST it: AWS S3's {@code {"Records":[…]}} (delivered over HTTP by an SNS
 * subscription, which wraps it in an SNS message), MinIO's webhook (the same records with a top-level
 * {@code EventName} and {@code Key}), Ceph RGW's; and S3's {@code s3:TestEvent}, which says nothing happened. Only
 * {@code ObjectCreated:*} records are objects that landed; the others are counted as ignored.
 *
 * @param created the objects created, in the order of the records
 * @param ignored records of other events (removals, restores, …) and the test event
 * @param subscribeUrl for an SNS subscription's confirmation request, the URL that confirms it; null otherwise
 */
public record S3Notification(List<CreatedObject> created, int ignored, String subscribeUrl) {

    /**
     * An object a notification says was created.
     *
     * @param key the object's key, decoded (notifications URL-encode it, a space as {@code +})
     * @param size bytes; -1 when the record does not say
     * @param eTag without the quotes some stores put around it; null when the record has none
     */
    public record CreatedObject(String bucket, String key, long size, String eTag, String sequencer,
                                Instant eventTime) {}

    /**
     * Reads a notification body.
     *
     * @throws GlueException InvalidInputException for a body that is not such a notification, naming what is wrong
     */
    public static S3Notification parse(byte[] body) {
        JsonNode root;
        try {
            root = GlueJson.parse(body);
        } catch (GlueException e) {
            throw GlueException.invalidInput("An S3 event notification must be JSON: %s", e.getMessage());
        }
        if (!root.isObject()) {
            throw GlueException.invalidInput("An S3 event notification is a JSON object with Records.");
        }
        String snsType = root.path("Type").asText("");
        if (snsType.equals("SubscriptionConfirmation") && root.path("SubscribeURL").isTextual()) {
            return new S3Notification(List.of(), 1, root.get("SubscribeURL").asText());
        }
        if (snsType.equals("Notification") && root.path("Message").isTextual()) {
            return parse(root.get("Message").asText().getBytes(StandardCharsets.UTF_8));
        }
        if (root.path("Event").asText("").endsWith("TestEvent")) {
            return new S3Notification(List.of(), 1, null);
        }
        JsonNode records = root.get("Records");
        if (records == null || !records.isArray()) {
            throw GlueException.invalidInput("An S3 event notification has a Records array (or is s3:TestEvent).");
        }
        List<CreatedObject> created = new ArrayList<>();
        int ignored = 0;
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            String field = "Records[" + i + "]";
            String name = text(record, field, "eventName");
            if (!isObjectCreated(name)) {
                ignored++;
                continue;
            }
            JsonNode s3 = record.path("s3");
            String bucket = text(s3.path("bucket"), field + ".s3.bucket", "name");
            String key = decode(text(s3.path("object"), field + ".s3.object", "key"), field + ".s3.object.key");
            JsonNode object = s3.path("object");
            created.add(new CreatedObject(bucket, key, object.path("size").isNumber()
                    ? object.path("size").asLong() : -1,
                    normalEtag(object.path("eTag").asText(null)), object.path("sequencer").asText(null),
                    time(record.path("eventTime").asText(null), field)));
        }
        return new S3Notification(List.copyOf(created), ignored, null);
    }

    /** {@code ObjectCreated:Put} (AWS, Ceph) or {@code s3:ObjectCreated:Put} (MinIO), any kind of creation. */
    static boolean isObjectCreated(String eventName) {
        String name = eventName.startsWith("s3:") ? eventName.substring(3) : eventName;
        return name.startsWith("ObjectCreated:");
    }

    private static String text(JsonNode node, String where, String member) {
        JsonNode value = node.get(member);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw GlueException.invalidInput("%s.%s is missing from the S3 event notification.", where, member);
        }
        return value.asText();
    }

    private static String decode(String key, String field) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GlueException.invalidInput("%s is not URL-encoded: %s", field, key);
        }
    }

    /**
     * An ETag as notifications and listings agree on it: without the quotes some put around it, lower case; null for
     * none.
     */
    static String normalEtag(String eTag) {
        if (eTag == null || eTag.isEmpty()) {
            return null;
        }
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
                ? eTag.substring(1, eTag.length() - 1).toLowerCase(Locale.ROOT) : eTag.toLowerCase(Locale.ROOT);
    }

    /** The record's eventTime; the epoch when absent (it only orders nothing: batches count from receipt). */
    private static Instant time(String text, String field) {
        if (text == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw GlueException.invalidInput("%s.eventTime is not an ISO-8601 time: %s", field, text);
        }
    }
}

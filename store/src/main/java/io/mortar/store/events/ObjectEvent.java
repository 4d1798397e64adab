package io.mortar.store.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A new object under a location an {@code EVENT} trigger watches, as the intake hands it to the store: from an S3
 * notification or from the watcher's listing.
 *
 * @param eventId stable for one version of one object (the same from a notification and from a listing), so the
 *     store keeps one event however often it is reported
 * @param objectUrl {@code s3://bucket/key} or {@code file:///path}
 * @param size bytes
 * @param eventTime when the object was written, as its source says
 */
public record ObjectEvent(String eventId, String objectUrl, long size, Instant eventTime) {
    public ObjectEvent {
        requireNonNull(eventId, "eventId");
        requireNonNull(objectUrl, "objectUrl");
        requireNonNull(eventTime, "eventTime");
    }
}

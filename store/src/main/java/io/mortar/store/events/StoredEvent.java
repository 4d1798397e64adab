package io.mortar.store.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An event a trigger received: an object it was told of or its watcher found.
 *
 * @param receivedAt when Mortar recorded it (a batch's window counts from its oldest event's)
 * @param batchId the batch it was fired in; null while it is pending
 */
public record StoredEvent(String triggerName, String eventId, String objectUrl, long size, Instant eventTime,
                          Instant receivedAt, String batchId) {
    public StoredEvent {
        requireNonNull(triggerName, "triggerName");
        requireNonNull(eventId, "eventId");
        requireNonNull(objectUrl, "objectUrl");
        requireNonNull(receivedAt, "receivedAt");
    }
}

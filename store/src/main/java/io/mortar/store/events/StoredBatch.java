package io.mortar.store.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A batch of a trigger's events, closed by its {@code BatchSize} or its {@code BatchWindow}: exactly one of
 * {@code batchSize} and {@code batchWindowSeconds} is non-zero, as in Glue's {@code StartingEventBatchCondition}.
 *
 * @param eventIds its events, oldest first
 * @param closedAt when the batch was formed
 * @param firedAt when the trigger was fired for it; null until then
 */
public record StoredBatch(String batchId, String triggerName, List<String> eventIds, int batchSize,
                          int batchWindowSeconds, Instant closedAt, Instant firedAt) {
    public StoredBatch {
        requireNonNull(batchId, "batchId");
        requireNonNull(triggerName, "triggerName");
        requireNonNull(closedAt, "closedAt");
        eventIds = List.copyOf(eventIds);
        if ((batchSize == 0) == (batchWindowSeconds == 0)) {
            throw new IllegalArgumentException("A batch closes by its size or by its window, exactly one of them: "
                    + batchSize + ", " + batchWindowSeconds);
        }
    }

    public boolean fired() {
        return firedAt != null;
    }
}

package io.mortar.server.events;

import io.mortar.model.GlueJson;
import io.mortar.store.triggers.StoredTrigger;
import java.time.Duration;
import software.amazon.awssdk.services.glue.model.EventBatchingCondition;
import software.amazon.awssdk.services.glue.model.Trigger;

/**
 * When a trigger's pending events make a batch: its {@code EventBatchingCondition}, with Glue's defaults where it is
 * absent (a batch of 1) or silent about the window (900 seconds).
 */
public record BatchPolicy(int size, int windowSeconds) {
    static final int DEFAULT_SIZE = 1;
    static final int DEFAULT_WINDOW_SECONDS = 900;

    public static BatchPolicy of(StoredTrigger trigger) {
        EventBatchingCondition condition = GlueJson.read(trigger.document(), Trigger.builder())
                .eventBatchingCondition();
        if (condition == null) {
            return new BatchPolicy(DEFAULT_SIZE, DEFAULT_WINDOW_SECONDS);
        }
        return new BatchPolicy(condition.batchSize() == null ? DEFAULT_SIZE : condition.batchSize(),
                condition.batchWindow() == null ? DEFAULT_WINDOW_SECONDS : condition.batchWindow());
    }

    Duration window() {
        return Duration.ofSeconds(windowSeconds);
    }
}

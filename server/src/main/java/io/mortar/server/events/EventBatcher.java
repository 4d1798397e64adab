package io.mortar.server.events;

import static java.util.Objects.requireNonNull;

import io.mortar.server.orchestration.EventFiring;
import io.mortar.store.events.EventStore;
import io.mortar.store.events.StoredBatch;
import io.mortar.store.events.StoredEvent;
import io.mortar.store.triggers.StoredTrigger;
import io.mortar.store.triggers.TriggerStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batcher: turns each ACTIVATED EVENT trigger's pending events into batches by its {@link BatchPolicy}, formed
 * atomically in the store, and fires every formed batch through {@link EventFiring} until it has fired.
 */
final class EventBatcher {
    private static final Logger LOG = LoggerFactory.getLogger(EventBatcher.class);

    private final EventStore events;
    private final TriggerStore triggers;
    private final EventFiring firing;
    private final Clock clock;
    private final OnceLog problems = new OnceLog(LOG);

    EventBatcher(EventStore events, TriggerStore triggers, EventFiring firing, Clock clock) {
        this.events = requireNonNull(events, "events");
        this.triggers = requireNonNull(triggers, "triggers");
        this.firing = requireNonNull(firing, "firing");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * One pass: forms the batches each ACTIVATED EVENT trigger's pending events make (every full {@code BatchSize},
     * then what is left once the {@code BatchWindow} of its oldest has passed), then fires every formed and unfired
     * batch of such a trigger. A batch whose firing fails stays unfired and is fired again on the next pass; a batch
     * of a trigger no longer ACTIVATED waits until it is again.
     */
    synchronized void batch() {
        Set<String> active = new HashSet<>();
        for (StoredTrigger trigger : triggers.withTypeAndState(WatchedTriggers.EVENT, WatchedTriggers.ACTIVATED)) {
            active.add(trigger.name());
            formBatches(trigger.name(), BatchPolicy.of(trigger));
        }
        for (StoredBatch batch : events.unfired()) {
            if (active.contains(batch.triggerName())) {
                fire(batch);
            }
        }
    }

    private void formBatches(String trigger, BatchPolicy policy) {
        while (true) {
            List<StoredEvent> pending = events.pending(trigger, policy.size());
            if (pending.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            List<String> ids = pending.stream().map(StoredEvent::eventId).toList();
            StoredBatch batch;
            if (pending.size() == policy.size()) {
                batch = new StoredBatch(newBatchId(), trigger, ids, policy.size(), 0, now, null);
            } else if (!pending.get(0).receivedAt().plus(policy.window()).isAfter(now)) {
                batch = new StoredBatch(newBatchId(), trigger, ids, 0, policy.windowSeconds(), now, null);
            } else {
                return;
            }
            if (!events.formBatch(batch) || batch.batchSize() == 0) {
                return; // another server formed a batch of these first (and fires it), or the window took all
            }
        }
    }

    private void fire(StoredBatch batch) {
        String problem = "fire " + batch.batchId();
        try {
            firing.fireBatch(batch.triggerName(), batch.batchId(), batch.eventIds(),
                    new EventFiring.BatchCondition(batch.batchSize(), batch.batchWindowSeconds()));
        } catch (RuntimeException e) {
            problems.warn(problem + " " + e.getMessage(), "Batch {} of trigger {} ({} event(s)) did not fire, tried"
                    + " again later: {}", batch.batchId(), batch.triggerName(), batch.eventIds().size(),
                    e.getMessage());
            return;
        }
        events.markFired(batch.batchId(), clock.instant());
        problems.clear(problem);
        LOG.info("Trigger {} fired for batch {} of {} event(s)", batch.triggerName(), batch.batchId(),
                batch.eventIds().size());
    }

    /** A batch's id: random, and stored with the batch, so it is the same on every attempt to fire it. */
    private static String newBatchId() {
        return "eb_" + UUID.randomUUID().toString().replace("-", "");
    }
}

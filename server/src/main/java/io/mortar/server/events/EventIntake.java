package io.mortar.server.events;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.catalog.TagService;
import io.mortar.model.GlueException;
import io.mortar.server.config.EventsConfig;
import io.mortar.server.config.S3Config;
import io.mortar.server.orchestration.EventFiring;
import io.mortar.store.events.EventStore;
import io.mortar.store.events.ObjectEvent;
import io.mortar.store.events.StoredBatch;
import io.mortar.store.events.StoredEvent;
import io.mortar.store.triggers.StoredTrigger;
import io.mortar.store.triggers.TriggerStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event intake of {@code EVENT} triggers: objects landing under the places an ACTIVATED EVENT trigger's
 * {@value EventSources#TAG} tag names become the trigger's events, which are batched by its
 * {@code EventBatchingCondition} and fired, once a batch, through {@link EventFiring}.
 *
 * <p>Events come from S3 notifications ({@link #receive}) and from the {@link EventWatcher}, which lists every
 * watched place each {@link EventsConfig#watchInterval} (for stores that notify nobody: S3Proxy, local disk). Both
 * land in the {@link EventStore}, which keeps one event per object version; the {@link EventBatcher} forms and fires
 * the batches. Everything lives in the store, so a restarted server — or a second one on the same store — continues
 * where the first left off: a batch is formed atomically there before it is fired, and fired again until
 * {@link EventFiring#fireBatch} returns (which starts nothing twice).
 */
public final class EventIntake implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventIntake.class);

    private final EventStore events;
    private final TriggerStore triggers;
    private final WatchedTriggers watched;
    private final EventWatcher watcher;
    private final EventBatcher batcher;
    private final EventsConfig config;
    private final Clock clock;
    private ScheduledExecutorService watching;
    private ScheduledExecutorService batching;

    public EventIntake(EventStore events, TriggerStore triggers, TagService tags, CatalogIdentity identity,
                       S3Config s3, EventFiring firing, Clock clock, EventsConfig config) {
        this.events = requireNonNull(events, "events");
        this.triggers = requireNonNull(triggers, "triggers");
        this.clock = requireNonNull(clock, "clock");
        this.config = requireNonNull(config, "config");
        this.watched = new WatchedTriggers(triggers, tags, identity);
        this.watcher = new EventWatcher(events, watched, new StorageObjects(requireNonNull(s3, "s3")), clock);
        this.batcher = new EventBatcher(events, triggers, firing, clock);
    }

    /**
     * Starts the watcher (unless its interval is zero) and the batcher; the batcher's first pass fires what a server
     * before this one left formed and unfired.
     */
    public synchronized void start() {
        if (batching != null) {
            throw new IllegalStateException("The event intake is running already");
        }
        batching = Executors.newSingleThreadScheduledExecutor(daemon("mortar-event-batcher"));
        batching.scheduleWithFixedDelay(() -> guarded("batching", batcher::batch), 0,
                config.batchTick().toMillis(), TimeUnit.MILLISECONDS);
        if (config.watching()) {
            watching = Executors.newSingleThreadScheduledExecutor(daemon("mortar-event-watcher"));
            watching.scheduleWithFixedDelay(() -> guarded("watching", this::watch), 0,
                    config.watchInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** What a notification gave: its records, those ignored, and the new events each trigger accepted. */
    public record Accepted(int records, int ignored, Map<String, Integer> triggers) {
        public int accepted() {
            return triggers.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Records the objects a notification says were created as events of every ACTIVATED EVENT trigger watching
     * them, and has them batched at once.
     */
    public Accepted receive(S3Notification notification) {
        Instant now = clock.instant();
        List<WatchedTrigger> watching = watched.now();
        Map<String, Map<String, ObjectEvent>> byTrigger = new TreeMap<>();
        for (S3Notification.CreatedObject created : notification.created()) {
            if (created.size() == 0) {
                continue; // an empty object carries no data (the watcher does not list them either)
            }
            String url = EventLocation.S3Prefix.objectUrl(created.bucket(), created.key());
            ObjectEvent event = new ObjectEvent(ObjectIdentity.s3Object(created.bucket(), created.key(),
                    created.eTag(), created.size()), url, Math.max(0, created.size()), created.eventTime());
            for (WatchedTrigger trigger : watching) {
                if (trigger.watches(url)) {
                    byTrigger.computeIfAbsent(trigger.name(), k -> new LinkedHashMap<>()).put(event.eventId(), event);
                }
            }
        }
        Map<String, Integer> accepted = new TreeMap<>();
        for (Map.Entry<String, Map<String, ObjectEvent>> entry : byTrigger.entrySet()) {
            List<ObjectEvent> recorded = events.record(entry.getKey(), List.copyOf(entry.getValue().values()), now);
            accepted.put(entry.getKey(), recorded.size());
            if (config.watching()) {
                watcher.remember(entry.getKey(), entry.getValue().keySet()); // its listings need not record them
            }
        }
        if (accepted.values().stream().anyMatch(n -> n > 0)) {
            wakeBatcher();
        }
        return new Accepted(notification.created().size() + notification.ignored(), notification.ignored(),
                accepted);
    }

    /** One pass of the watcher ({@link EventWatcher#watch}), then of the batcher if it found new events. */
    public void watch() {
        if (watcher.watch()) {
            wakeBatcher();
        }
    }

    /** One pass of the batcher ({@link EventBatcher#batch}); the running intake makes one every tick. */
    public void batch() {
        batcher.batch();
    }

    /**
     * What a trigger's events look like now: the places it watches (or why it receives no events), its batching,
     * its oldest pending events and its latest batches.
     *
     * @throws GlueException EntityNotFoundException when there is no such trigger
     */
    public TriggerEvents describe(String trigger, int limit) {
        StoredTrigger stored = triggers.get(trigger).orElseThrow(() ->
                GlueException.entityNotFound("Trigger %s not found.", trigger));
        Optional<String> value = watched.tagValue(trigger);
        List<String> locations = List.of();
        String problem = null;
        if (value.isEmpty()) {
            problem = "no " + EventSources.TAG + " tag: the trigger watches no location";
        } else {
            try {
                locations = EventSources.parse(value.get()).stream().map(EventLocation::url).toList();
            } catch (GlueException e) {
                problem = e.getMessage();
            }
        }
        if (problem == null && !(WatchedTriggers.EVENT.equals(stored.type())
                && WatchedTriggers.ACTIVATED.equals(stored.state()))) {
            problem = "the trigger is " + stored.type() + " " + stored.state() + ": only an ACTIVATED EVENT trigger"
                    + " receives events";
        }
        return new TriggerEvents(trigger, watched.arn(trigger), stored.type(), stored.state(), locations, problem,
                BatchPolicy.of(stored), events.pendingCount(trigger), events.pending(trigger, limit),
                events.batches(trigger, limit));
    }

    /** {@link #describe}'s answer. @param problem why the trigger receives no events; null if it does */
    public record TriggerEvents(String trigger, String arn, String type, String state, List<String> locations,
                                String problem, BatchPolicy batching, int pendingCount, List<StoredEvent> pending,
                                List<StoredBatch> batches) {}

    private synchronized void wakeBatcher() {
        if (batching != null) {
            batching.execute(() -> guarded("batching", batcher::batch));
        }
    }

    private static void guarded(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            // the store may be away for a moment; the next tick tries again
            LOG.warn("Event intake: {} failed, tried again on the next tick", what, e);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        ScheduledExecutorService[] running;
        synchronized (this) {
            running = new ScheduledExecutorService[] {watching, batching};
            watching = null;
            batching = null;
        }
        for (ScheduledExecutorService threads : running) {
            if (threads != null) {
                threads.shutdownNow();
                try {
                    threads.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        watcher.close();
    }
}

package io.mortar.server.events;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.catalog.TagService;
import io.mortar.model.GlueException;
import io.mortar.server.config.EventsConfig;
import io.mortar.server.config.S3Config;
import io.mortar.server.orchestration.EventFiring;
import io.mortar.store.events.EventStore;
import io.mortar.store.events.EventStore.Watch;
import io.mortar.store.events.ObjectEvent;
import io.mortar.store.events.StoredBatch;
import io.mortar.store.events.StoredEvent;
import io.mortar.store.triggers.StoredTrigger;
import io.mortar.store.triggers.TriggerStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.GetTagsRequest;

/**
 * The event intake of {@code EVENT} triggers: objects landing under the locations an ACTIVATED EVENT trigger's
 * {@value EventSources#TAG} tag names become the trigger's events, which are batched by its
 * {@code EventBatchingCondition} and fired, once a batch, through {@link EventFiring}.
 *
 * <p>Events come from S3 notifications ({@link #receive}) and from a watcher that lists every watched location each
 * {@link EventsConfig#watchInterval} (for stores that notify nobody: S3Proxy, local disk). Both land in the
 * {@link EventStore}, which keeps one event per object version. Everything lives in the store, so a restarted server
 * — or a second one on the same store — continues where the first left off: a batch is formed atomically there
 * before it is fired, and fired again until {@link EventFiring#fireBatch} returns (which starts nothing twice).
 */
public final class EventIntake implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventIntake.class);
    static final String EVENT = "EVENT";
    static final String ACTIVATED = "ACTIVATED";

    private final EventStore events;
    private final TriggerStore triggers;
    private final TagService tags;
    private final CatalogIdentity identity;
    private final ObjectListing listing;
    private final EventFiring firing;
    private final Clock clock;
    private final EventsConfig config;
    /** Event ids each trigger has received or seen, as far as this server knows: spares the store a re-read. */
    private final Map<String, Set<String>> known = new ConcurrentHashMap<>();
    /** Problems already logged (a bad tag value, an unlistable location, a batch that would not fire). */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    /** One pass of the batcher at a time on this server (a wake-up and a tick may coincide). */
    private final Object batching = new Object();
    private ScheduledExecutorService watcher;
    private ScheduledExecutorService batcher;

    public EventIntake(EventStore events, TriggerStore triggers, TagService tags, CatalogIdentity identity,
                       S3Config s3, EventFiring firing, Clock clock, EventsConfig config) {
        this(events, triggers, tags, identity, new StorageObjects(requireNonNull(s3, "s3")), firing, clock, config);
    }

    EventIntake(EventStore events, TriggerStore triggers, TagService tags, CatalogIdentity identity,
                ObjectListing listing, EventFiring firing, Clock clock, EventsConfig config) {
        this.events = requireNonNull(events, "events");
        this.triggers = requireNonNull(triggers, "triggers");
        this.tags = requireNonNull(tags, "tags");
        this.identity = requireNonNull(identity, "identity");
        this.listing = requireNonNull(listing, "listing");
        this.firing = requireNonNull(firing, "firing");
        this.clock = requireNonNull(clock, "clock");
        this.config = requireNonNull(config, "config");
    }

    /** Starts the watcher (unless its interval is zero) and the batcher. */
    public synchronized void start() {
        if (batcher != null) {
            throw new IllegalStateException("The event intake is running already");
        }
        batcher = Executors.newSingleThreadScheduledExecutor(daemon("mortar-event-batcher"));
        long tick = config.batchTick().toMillis();
        batcher.scheduleWithFixedDelay(() -> guarded("batching", this::batch), 0, tick, TimeUnit.MILLISECONDS);
        if (config.watching()) {
            watcher = Executors.newSingleThreadScheduledExecutor(daemon("mortar-event-watcher"));
            long interval = config.watchInterval().toMillis();
            watcher.scheduleWithFixedDelay(() -> guarded("watching", this::watch), 0, interval,
                    TimeUnit.MILLISECONDS);
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
        List<WatchedTrigger> watched = watchedTriggers();
        Map<String, Map<String, ObjectEvent>> byTrigger = new TreeMap<>();
        for (S3Notification.CreatedObject created : notification.created()) {
            if (created.size() == 0) {
                continue; // an empty object carries no data (the watcher does not list them either)
            }
            String url = EventLocation.S3Prefix.objectUrl(created.bucket(), created.key());
            ObjectEvent event = new ObjectEvent(ObjectIdentity.s3Object(created.bucket(), created.key(),
                    created.eTag(), created.size()), url, Math.max(0, created.size()), created.eventTime());
            for (WatchedTrigger trigger : watched) {
                if (trigger.watches(url)) {
                    byTrigger.computeIfAbsent(trigger.name(), k -> new LinkedHashMap<>()).put(event.eventId(), event);
                }
            }
        }
        Map<String, Integer> accepted = new TreeMap<>();
        for (Map.Entry<String, Map<String, ObjectEvent>> entry : byTrigger.entrySet()) {
            List<ObjectEvent> recorded = events.record(entry.getKey(), List.copyOf(entry.getValue().values()), now);
            accepted.put(entry.getKey(), recorded.size());
            knownBy(entry.getKey()).addAll(entry.getValue().keySet());
        }
        if (accepted.values().stream().anyMatch(n -> n > 0)) {
            wakeBatcher();
        }
        return new Accepted(notification.created().size() + notification.ignored(), notification.ignored(),
                accepted);
    }

    /**
     * One pass of the watcher: lists each location of each ACTIVATED EVENT trigger and records what the trigger has
     * not seen as its events — except on a location's first listing, which records what is there as seen; and
     * forgets the locations no longer watched (a trigger stopped, deleted or retagged), so that watching one again
     * starts over rather than firing what landed meanwhile.
     */
    public void watch() {
        List<WatchedTrigger> watched = watchedTriggers();
        Map<Watch, EventLocation> wanted = new LinkedHashMap<>();
        for (WatchedTrigger trigger : watched) {
            for (EventLocation location : trigger.locations()) {
                wanted.put(new Watch(trigger.name(), location.url()), location);
            }
        }
        Set<Watch> stored = events.watches();
        for (Watch watch : stored) {
            if (!wanted.containsKey(watch)) {
                events.stopWatching(watch.triggerName(), watch.location());
            }
        }
        known.keySet().retainAll(watched.stream().map(WatchedTrigger::name).toList());
        boolean fresh = false;
        for (Map.Entry<Watch, EventLocation> entry : wanted.entrySet()) {
            String trigger = entry.getKey().triggerName();
            List<ObjectEvent> listed;
            try {
                listed = listing.list(entry.getValue());
            } catch (IOException | RuntimeException e) {
                reportOnce("list " + entry.getKey(), "Cannot list {} for trigger {}: {}", entry.getValue().url(),
                        trigger, e.getMessage());
                continue;
            }
            reported.remove("list " + entry.getKey());
            Instant now = clock.instant();
            if (!stored.contains(entry.getKey())) {
                if (events.startWatching(trigger, entry.getValue().url(), listed, now)) {
                    knownBy(trigger).addAll(listed.stream().map(ObjectEvent::eventId).toList());
                    LOG.info("Trigger {} watches {}: {} object(s) there already are not events",
                            trigger, entry.getValue().url(), listed.size());
                    continue;
                }
                known.remove(trigger); // another server started watching it first: read what it saw
            }
            Set<String> seen = knownBy(trigger);
            List<ObjectEvent> unseen = listed.stream().filter(e -> !seen.contains(e.eventId())).toList();
            if (!unseen.isEmpty()) {
                fresh |= !events.record(trigger, unseen, now).isEmpty();
                seen.addAll(unseen.stream().map(ObjectEvent::eventId).toList());
            }
        }
        if (fresh) {
            wakeBatcher();
        }
    }

    /**
     * One pass of the batcher: forms the batches each ACTIVATED EVENT trigger's pending events make (every full
     * {@code BatchSize}, then what is left once the {@code BatchWindow} of its oldest has passed), then fires every
     * formed and unfired batch of such a trigger. A batch whose firing fails stays unfired and is fired again on the
     * next pass; a batch of a trigger no longer ACTIVATED waits until it is again.
     */
    public void batch() {
        synchronized (batching) {
            List<StoredTrigger> active = triggers.withTypeAndState(EVENT, ACTIVATED);
            Set<String> names = new HashSet<>();
            for (StoredTrigger trigger : active) {
                names.add(trigger.name());
                formBatches(trigger.name(), BatchPolicy.of(trigger));
            }
            for (StoredBatch batch : events.unfired()) {
                if (names.contains(batch.triggerName())) {
                    fire(batch);
                }
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
            if (!events.formBatch(batch)) {
                return; // another server formed a batch of these first; it fires it
            }
            if (batch.batchSize() == 0) {
                return; // the window took every pending event
            }
        }
    }

    private void fire(StoredBatch batch) {
        String problem = "fire " + batch.batchId();
        try {
            firing.fireBatch(batch.triggerName(), batch.batchId(), batch.eventIds(),
                    new EventFiring.BatchCondition(batch.batchSize(), batch.batchWindowSeconds()));
        } catch (RuntimeException e) {
            reportOnce(problem + " " + e.getMessage(), "Batch {} of trigger {} ({} event(s)) did not fire, tried"
                    + " again later: {}", batch.batchId(), batch.triggerName(), batch.eventIds().size(),
                    e.getMessage());
            return;
        }
        events.markFired(batch.batchId(), clock.instant());
        reported.removeIf(key -> key.startsWith(problem));
        LOG.info("Trigger {} fired for batch {} of {} event(s)", batch.triggerName(), batch.batchId(),
                batch.eventIds().size());
    }

    /**
     * What a trigger's events look like now: the locations it watches (or why its tag names none), its batching,
     * its oldest pending events and its latest batches.
     *
     * @throws GlueException EntityNotFoundException when there is no such trigger
     */
    public TriggerEvents describe(String trigger, int limit) {
        StoredTrigger stored = triggers.get(trigger).orElseThrow(() ->
                GlueException.entityNotFound("Trigger %s not found.", trigger));
        Optional<String> value = tagValue(trigger);
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
        if (problem == null && !(EVENT.equals(stored.type()) && ACTIVATED.equals(stored.state()))) {
            problem = "the trigger is " + stored.type() + " " + stored.state() + ": only an ACTIVATED EVENT trigger"
                    + " receives events";
        }
        return new TriggerEvents(trigger, arn(trigger), stored.type(), stored.state(), locations, problem,
                BatchPolicy.of(stored), events.pendingCount(trigger), events.pending(trigger, limit),
                events.batches(trigger, limit));
    }

    /** {@link #describe}'s answer. @param problem why the trigger receives no events; null if it does */
    public record TriggerEvents(String trigger, String arn, String type, String state, List<String> locations, String problem,
                                BatchPolicy batching, int pendingCount, List<StoredEvent> pending,
                                List<StoredBatch> batches) {}

    /** A batch's id: random, and stored with the batch, so it is the same on every attempt to fire it. */
    private static String newBatchId() {
        return "eb_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The ACTIVATED EVENT triggers whose tag names locations; a tag that does not parse is logged once. */
    List<WatchedTrigger> watchedTriggers() {
        List<WatchedTrigger> out = new ArrayList<>();
        for (StoredTrigger trigger : triggers.withTypeAndState(EVENT, ACTIVATED)) {
            Optional<String> value = tagValue(trigger.name());
            if (value.isEmpty()) {
                continue;
            }
            try {
                out.add(new WatchedTrigger(trigger.name(), EventSources.parse(value.get())));
            } catch (GlueException e) {
                reportOnce("tag " + trigger.name() + " " + value.get(), "Trigger {} watches nothing: {}",
                        trigger.name(), e.getMessage());
            }
        }
        return out;
    }

    private Optional<String> tagValue(String trigger) {
        try {
            return Optional.ofNullable(tags.getTags(GetTagsRequest.builder().resourceArn(arn(trigger)).build()).tags()
                    .get(EventSources.TAG));
        } catch (GlueException e) {
            return Optional.empty(); // deleted since it was listed
        }
    }

    /** The trigger's ARN, under which its tags live. */
    private String arn(String trigger) {
        return identity.arnPrefix() + "trigger/" + trigger;
    }

    private Set<String> knownBy(String trigger) {
        return known.computeIfAbsent(trigger, t -> {
            Set<String> loaded = ConcurrentHashMap.newKeySet();
            loaded.addAll(events.known(t));
            return loaded;
        });
    }

    private void wakeBatcher() {
        ScheduledExecutorService running = batcher;
        if (running != null && !running.isShutdown()) {
            running.execute(() -> guarded("batching", this::batch));
        }
    }

    private void reportOnce(String key, String format, Object... args) {
        if (reported.add(key)) {
            LOG.warn(format, args);
        }
    }

    private static void guarded(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            // the store may be down for a moment; the next tick tries again
            LOG.warn("Event intake: {} failed, tried again on the next tick", what, e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public synchronized void close() {
        for (ScheduledExecutorService threads : new ScheduledExecutorService[] {watcher, batcher}) {
            if (threads != null) {
                threads.shutdownNow();
                try {
                    threads.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        watcher = null;
        batcher = null;
        listing.close();
    }
}

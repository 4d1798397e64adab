package io.mortar.server.events;

import static java.util.Objects.requireNonNull;

import io.mortar.store.events.EventStore;
import io.mortar.store.events.EventStore.Watch;
import io.mortar.store.events.ObjectEvent;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher: lists the places of the ACTIVATED EVENT triggers and records what a trigger has not seen there as its
 * events, for stores that send no notifications. What each trigger has seen is in the store; this keeps a copy of the
 * ids, so a pass reads only the listings (and writes only what is new).
 */
final class EventWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventWatcher.class);

    private final EventStore events;
    private final WatchedTriggers watched;
    private final StorageObjects listing;
    private final Clock clock;
    /** Event ids each trigger has received or seen, as far as this server knows. */
    private final Map<String, Set<String>> known = new ConcurrentHashMap<>();
    private final OnceLog problems = new OnceLog(LOG);

    EventWatcher(EventStore events, WatchedTriggers watched, StorageObjects listing, Clock clock) {
        this.events = requireNonNull(events, "events");
        this.watched = requireNonNull(watched, "watched");
        this.listing = requireNonNull(listing, "listing");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * One pass: lists each place of each ACTIVATED EVENT trigger and records what the trigger has not seen as its
     * events — except on a place's first listing, which records what is there as seen; and forgets the places no
     * longer watched (a trigger stopped, deleted or retagged), so that watching one again starts over rather than
     * firing what landed meanwhile. A place that cannot be listed is warned of once and tried on the next pass.
     *
     * @return whether any new event was recorded
     */
    boolean watch() {
        List<WatchedTrigger> triggers = watched.now();
        Map<Watch, EventLocation> wanted = new LinkedHashMap<>();
        for (WatchedTrigger trigger : triggers) {
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
        known.keySet().retainAll(triggers.stream().map(WatchedTrigger::name).toList());
        boolean fresh = false;
        for (Map.Entry<Watch, EventLocation> entry : wanted.entrySet()) {
            fresh |= watch(entry.getKey(), entry.getValue(), stored.contains(entry.getKey()));
        }
        return fresh;
    }

    private boolean watch(Watch watch, EventLocation location, boolean watchedBefore) {
        String trigger = watch.triggerName();
        List<ObjectEvent> listed;
        try {
            listed = listing.list(location);
        } catch (IOException | RuntimeException e) {
            problems.warn("list " + watch, "Cannot list {} for trigger {}: {}", location.url(), trigger,
                    e.getMessage());
            return false;
        }
        problems.clear("list " + watch);
        Instant now = clock.instant();
        if (!watchedBefore) {
            if (events.startWatching(trigger, location.url(), listed, now)) {
                remember(trigger, listed.stream().map(ObjectEvent::eventId).toList());
                LOG.info("Trigger {} watches {}: {} object(s) there already are not events", trigger,
                        location.url(), listed.size());
                return false;
            }
            known.remove(trigger); // another server started watching it first: read what it saw
        }
        Set<String> seen = knownBy(trigger);
        List<ObjectEvent> unseen = listed.stream().filter(e -> !seen.contains(e.eventId())).toList();
        if (unseen.isEmpty()) {
            return false;
        }
        boolean fresh = !events.record(trigger, unseen, now).isEmpty();
        remember(trigger, unseen.stream().map(ObjectEvent::eventId).toList());
        return fresh;
    }

    /** The trigger has received or seen these events (a notification of them, say): a listing need not record them. */
    void remember(String trigger, Collection<String> eventIds) {
        knownBy(trigger).addAll(eventIds);
    }

    private Set<String> knownBy(String trigger) {
        return known.computeIfAbsent(trigger, t -> {
            Set<String> loaded = ConcurrentHashMap.newKeySet();
            loaded.addAll(events.known(t));
            return loaded;
        });
    }

    @Override
    public void close() {
        listing.close();
    }
}

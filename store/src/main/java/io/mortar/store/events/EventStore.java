package io.mortar.store.events;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The events of {@code EVENT} triggers, what their watchers have seen, and the batches they are fired in. Every
 * method is one atomic transaction.
 *
 * <p>An event is kept once per trigger and event id, however many times a store notifies it or a watcher lists it,
 * and however many servers report it. Events become a batch atomically ({@link #formBatch}: the batch is written only
 * if every one of its events is still pending), so of several servers forming a trigger's next batch exactly one
 * does; a formed batch stays unfired until {@link #markFired}, so a server that dies between forming and firing
 * leaves it for the next one (firing is idempotent per batch id on the other side).
 *
 * <p>A watcher's first listing of a location records what is there as seen, not as events
 * ({@link #startWatching}); afterwards anything it lists that the trigger has not seen or received is new.
 */
public interface EventStore {

    /**
     * Records these events of {@code trigger} as pending, each unless the trigger already has (or has seen) its id.
     *
     * @return the events newly recorded
     */
    List<ObjectEvent> record(String trigger, List<ObjectEvent> events, Instant now);

    /**
     * Starts watching {@code location} for {@code trigger}: records the objects there now as seen (never fired) and
     * the location as watched. False, and nothing written, if it is watched already.
     */
    boolean startWatching(String trigger, String location, List<ObjectEvent> present, Instant now);

    /** The locations watched, by trigger name. */
    Set<Watch> watches();

    /** Forgets that {@code trigger} watches {@code location} (what it saw stays): watching it again starts over. */
    void stopWatching(String trigger, String location);

    /** A location a trigger's watcher has listed at least once. */
    record Watch(String triggerName, String location) {}

    /** The ids of every event the trigger received and every object its watcher has seen. */
    Set<String> known(String trigger);

    /** The trigger's oldest pending events (received first, then by id), at most {@code limit}. */
    List<StoredEvent> pending(String trigger, int limit);

    /** How many events of the trigger are pending. */
    int pendingCount(String trigger);

    /**
     * Forms the batch: assigns its events to it and stores it, unfired — only if each of its events is the trigger's
     * and still pending; otherwise (another server formed a batch of some of them first) writes nothing.
     *
     * @return true if this call formed it
     */
    boolean formBatch(StoredBatch batch);

    /** Every batch formed and not yet fired, oldest first. */
    List<StoredBatch> unfired();

    /** Records that the trigger was fired for the batch (again: nothing changes). */
    void markFired(String batchId, Instant now);

    /** The trigger's latest batches, newest first, at most {@code limit}. */
    List<StoredBatch> batches(String trigger, int limit);

    /** Forgets every event, batch and watch of the trigger (it was deleted). */
    void forget(String trigger);
}

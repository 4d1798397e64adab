package io.mortar.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the loaders know about each batch of partitions they sent: acknowledged (the call returned success, so the
 * batch must survive any crash), unresolved (the call was cut off by the kill: the batch may or may not have
 * committed, but never partly), and, once a restarted server has been looked at, which unresolved batches
 * landed and which were lost (a landed batch must stay, a lost one must never reappear).
 */
final class BatchLedger {
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> unresolved = ConcurrentHashMap.newKeySet();
    private final Set<String> landed = ConcurrentHashMap.newKeySet();
    private final Set<String> lost = ConcurrentHashMap.newKeySet();
    private final List<String> unexpectedFailures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();

    void begin(String batch) {
        started.add(batch);
        inFlight.incrementAndGet();
    }

    void acknowledge(String batch) {
        acknowledged.add(batch);
        inFlight.decrementAndGet();
    }

    /**
     * A call that failed. During a kill that is expected and the batch's fate is unknown; before it, the
     * server failed a request it should have served, which the test reports.
     */
    void fail(String batch, Throwable failure, boolean killing) {
        inFlight.decrementAndGet();
        if (killing) {
            unresolved.add(batch);
        } else {
            unexpectedFailures.add(batch + ": " + failure);
        }
    }

    /** After a restart: what became of a batch that was in flight at the kill. */
    void settle(String batch, boolean present) {
        unresolved.remove(batch);
        (present ? landed : lost).add(batch);
    }

    int inFlight() {
        return inFlight.get();
    }

    long acknowledgedWithPrefix(String prefix) {
        return acknowledged.stream().filter(b -> b.startsWith(prefix)).count();
    }

    Set<String> started() {
        return Set.copyOf(started);
    }

    Set<String> acknowledged() {
        return new TreeSet<>(acknowledged);
    }

    Set<String> unresolved() {
        return new TreeSet<>(unresolved);
    }

    /** Batches that must be complete now: acknowledged ones and unresolved ones already seen complete. */
    Set<String> mustBePresent() {
        Set<String> all = new TreeSet<>(acknowledged);
        all.addAll(landed);
        return all;
    }

    /** Unresolved batches already seen absent after a restart: they must stay absent. */
    Set<String> mustBeAbsent() {
        return new TreeSet<>(lost);
    }

    List<String> unexpectedFailures() {
        return List.copyOf(unexpectedFailures);
    }
}

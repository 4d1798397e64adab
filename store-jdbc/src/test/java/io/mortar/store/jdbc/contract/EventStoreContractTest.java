package io.mortar.store.jdbc.contract;

import static io.mortar.store.jdbc.contract.FixedTimes.T0;
import static io.mortar.store.jdbc.contract.FixedTimes.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.store.events.EventStore;
import io.mortar.store.events.EventStore.Watch;
import io.mortar.store.events.ObjectEvent;
import io.mortar.store.events.StoredBatch;
import io.mortar.store.events.StoredEvent;
import io.mortar.store.jdbc.testing.StoreContract;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link EventStore}: each event kept once per trigger however often it is reported, a watcher's
 * first listing seen and never fired, pending events oldest first, batches formed exactly once however many
 * servers form them, and fired until marked so.
 */
class EventStoreContractTest extends StoreContract {

    private EventStore events() {
        return stores().events();
    }

    private static ObjectEvent object(String id) {
        return new ObjectEvent(id, "s3://lake/in/" + id + ".csv", 10 + id.length(), T0);
    }

    private static List<ObjectEvent> objects(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> object(prefix + "_" + i)).toList();
    }

    private static List<String> ids(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::eventId).toList();
    }

    private static StoredBatch batch(String id, String trigger, List<String> events, int size, int window) {
        return new StoredBatch(id, trigger, events, size, window, at(100), null);
    }

    @Test
    void anEventIsRecordedOncePerTriggerHoweverOftenItIsReported() {
        String trigger = unique("trigger");
        String other = unique("trigger");
        ObjectEvent a = object(unique("a"));
        ObjectEvent b = object(unique("b"));

        assertThat(events().record(trigger, List.of(a, b), at(1))).containsExactly(a, b);
        assertThat(events().record(trigger, List.of(b, a), at(2))).as("redelivered, or listed after notified")
                .isEmpty();
        assertThat(events().record(other, List.of(a), at(3))).as("another trigger's own event").containsExactly(a);

        assertThat(events().pending(trigger, 10)).containsExactly(
                new StoredEvent(trigger, a.eventId(), a.objectUrl(), a.size(), T0, at(1), null),
                new StoredEvent(trigger, b.eventId(), b.objectUrl(), b.size(), T0, at(1), null));
        assertThat(events().pendingCount(trigger)).isEqualTo(2);
        assertThat(events().known(trigger)).containsExactlyInAnyOrder(a.eventId(), b.eventId());
    }

    @Test
    void pendingEventsComeOldestFirstAndUpToTheLimit() {
        String trigger = unique("trigger");
        events().record(trigger, List.of(object("z_late")), at(5));
        events().record(trigger, List.of(object("m_early"), object("a_early")), at(1));

        assertThat(ids(events().pending(trigger, 10))).containsExactly("a_early", "m_early", "z_late");
        assertThat(ids(events().pending(trigger, 2))).containsExactly("a_early", "m_early");
    }

    @Test
    void aWatchersFirstListingIsSeenNeverPendingAndWatchingStartsOnce() {
        String trigger = unique("trigger");
        String location = "s3://lake/" + unique("in") + "/";
        List<ObjectEvent> there = objects(unique("old"), 3);

        assertThat(events().startWatching(trigger, location, there, at(1))).isTrue();
        assertThat(events().startWatching(trigger, location, objects(unique("later"), 2), at(2)))
                .as("watched already: nothing written").isFalse();

        assertThat(events().pending(trigger, 10)).isEmpty();
        assertThat(events().known(trigger)).containsExactlyInAnyOrderElementsOf(
                there.stream().map(ObjectEvent::eventId).toList());
        assertThat(events().record(trigger, List.of(there.get(0)), at(3))).as("a seen object is not new").isEmpty();
        assertThat(events().watches()).contains(new Watch(trigger, location));

        events().stopWatching(trigger, location);
        assertThat(events().watches()).doesNotContain(new Watch(trigger, location));
        assertThat(events().known(trigger)).as("what it saw stays").hasSize(3);
        assertThat(events().startWatching(trigger, location, List.of(), at(4))).isTrue();
    }

    @Test
    void aFormedBatchTakesItsEventsLeavesTheRestPendingAndIsFiredUntilMarked() {
        String trigger = unique("trigger");
        List<ObjectEvent> five = objects(unique("e"), 5);
        events().record(trigger, five, at(1));
        List<String> first = ids(events().pending(trigger, 3));
        String batchId = unique("batch");

        assertThat(events().formBatch(batch(batchId, trigger, first, 3, 0))).isTrue();

        assertThat(events().pendingCount(trigger)).isEqualTo(2);
        assertThat(ids(events().pending(trigger, 10))).doesNotContainAnyElementsOf(first);
        StoredBatch formed = batch(batchId, trigger, first, 3, 0);
        assertThat(events().unfired()).contains(formed);
        assertThat(events().batches(trigger, 10)).containsExactly(formed);

        events().markFired(batchId, at(200));
        events().markFired(batchId, at(300)); // again: the first time stays
        assertThat(events().unfired()).extracting(StoredBatch::batchId).doesNotContain(batchId);
        assertThat(events().batches(trigger, 10)).containsExactly(new StoredBatch(batchId, trigger, first, 3, 0,
                at(100), at(200)));
    }

    @Test
    void aBatchOfEventsNotAllPendingIsNotFormed() {
        String trigger = unique("trigger");
        events().record(trigger, objects(unique("e"), 3), at(1));
        List<String> pending = ids(events().pending(trigger, 3));
        assertThat(events().formBatch(batch(unique("batch"), trigger, pending.subList(0, 2), 2, 0))).isTrue();

        String late = unique("batch");
        assertThat(events().formBatch(batch(late, trigger, pending, 0, 900))).as("two of them are batched").isFalse();
        assertThat(events().formBatch(batch(late, unique("trigger"), pending.subList(2, 3), 0, 900)))
                .as("another trigger's event").isFalse();
        assertThat(events().formBatch(batch(late, trigger, List.of("no_such_event"), 0, 900))).isFalse();

        assertThat(ids(events().pending(trigger, 10))).containsExactly(pending.get(2));
        assertThat(events().batches(trigger, 10)).hasSize(1);
    }

    @Test
    void ofServersFormingTheSameBatchExactlyOneDoes() {
        for (int round = 0; round < 10; round++) {
            String trigger = unique("trigger");
            events().record(trigger, objects(unique("e"), 4), at(1));
            List<String> pending = ids(events().pending(trigger, 4));
            List<Race.Outcome<Boolean>> outcomes = Race.run(
                    () -> events().formBatch(batch(unique("one"), trigger, pending, 4, 0)),
                    () -> events().formBatch(batch(unique("two"), trigger, pending, 4, 0)));

            assertThat(outcomes).as("round %d", round).allMatch(Race.Outcome::succeeded);
            assertThat(outcomes).as("round %d", round).filteredOn(Race.Outcome::value).hasSize(1);
            assertThat(events().batches(trigger, 10)).hasSize(1);
            assertThat(events().batches(trigger, 10).get(0).eventIds()).containsExactlyElementsOf(pending);
        }
    }

    @Test
    void racingReportsOfOneEventRecordItOnce() {
        for (int round = 0; round < 10; round++) {
            String trigger = unique("trigger");
            ObjectEvent event = object(unique("e"));
            List<Race.Outcome<List<ObjectEvent>>> outcomes = Race.run(
                    () -> events().record(trigger, List.of(event), at(1)),
                    () -> events().record(trigger, List.of(event), at(2)));

            assertThat(outcomes).as("round %d", round).allMatch(Race.Outcome::succeeded);
            assertThat(outcomes).as("round %d", round).filteredOn(o -> !o.value().isEmpty()).hasSize(1);
            assertThat(events().pendingCount(trigger)).isEqualTo(1);
        }
    }

    @Test
    void latestBatchesComeNewestFirstAndForgettingATriggerTakesAll() {
        String trigger = unique("trigger");
        events().record(trigger, objects(unique("e"), 4), at(1));
        List<String> pending = ids(events().pending(trigger, 4));
        List<String> batchIds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String id = unique("batch");
            batchIds.add(id);
            events().formBatch(new StoredBatch(id, trigger, pending.subList(2 * i, 2 * i + 2), 2, 0, at(10 + i),
                    null));
        }
        events().startWatching(trigger, "/data/in", List.of(object(unique("old"))), at(1));

        assertThat(events().batches(trigger, 10)).extracting(StoredBatch::batchId)
                .containsExactly(batchIds.get(1), batchIds.get(0));
        assertThat(events().batches(trigger, 1)).extracting(StoredBatch::batchId).containsExactly(batchIds.get(1));

        events().forget(trigger);
        assertThat(events().batches(trigger, 10)).isEmpty();
        assertThat(events().known(trigger)).isEmpty();
        assertThat(events().unfired()).extracting(StoredBatch::triggerName).doesNotContain(trigger);
        assertThat(events().watches()).extracting(Watch::triggerName).doesNotContain(trigger);
    }
}

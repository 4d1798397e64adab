package io.mortar.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.catalog.TagService;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import io.mortar.server.config.EventsConfig;
import io.mortar.server.config.S3Config;
import io.mortar.server.orchestration.EventFiring;
import io.mortar.server.orchestration.EventFiring.BatchCondition;
import io.mortar.server.testing.MovableClock;
import io.mortar.store.events.StoredEvent;
import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.triggers.StoredTrigger;
import io.mortar.store.triggers.StoredTrigger.Kind;
import io.mortar.store.triggers.StoredTrigger.Ref;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.TriggerType;

/**
 * The event intake on a real store and real local folders, stepped by hand with a clock the test moves; a recording
 * {@link EventFiring} stands where the orchestration fires the trigger.
 */
class EventIntakeTest {
    private static final CatalogIdentity IDENTITY = CatalogIdentity.DEFAULT;
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir
    Path lake;

    private final List<StoreSettings> created = new ArrayList<>();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private JdbcStores stores;
    private TagService tags;
    private final MovableClock clock = new MovableClock(T0);
    private final Recorder fired = new Recorder();

    /** A clock the test moves. */
    /** The orchestration's side of the port: records each firing; fails the first {@code failures} asked. */
    static final class Recorder implements EventFiring {
        record Firing(String trigger, String batchId, List<String> eventIds, BatchCondition condition) {}

        final List<Firing> firings = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void fireBatch(String triggerName, String batchId, List<String> eventIds, BatchCondition condition) {
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw GlueException.concurrentRunsExceeded("The workflow is running already.");
            }
            firings.add(new Firing(triggerName, batchId, List.copyOf(eventIds), condition));
        }

        /** Each batch fired, once, in the order first fired. */
        Map<String, Firing> batches() {
            Map<String, Firing> out = new java.util.LinkedHashMap<>();
            synchronized (firings) {
                firings.forEach(f -> out.putIfAbsent(f.batchId(), f));
            }
            return out;
        }
    }

    @BeforeEach
    void openStore() throws IOException {
        stores = open(StoreBackend.SQLITE, StoreBackend.SQLITE.create(Files.createDirectories(lake.resolve("store"))));
        tags = tagsOver(stores);
    }

    private JdbcStores open(StoreBackend backend, StoreSettings settings) {
        if (!created.contains(settings)) {
            created.add(settings);
        }
        JdbcStores opened = JdbcStores.open(settings);
        this.opened.add(opened);
        return opened;
    }

    private static TagService tagsOver(JdbcStores stores) {
        TagService tags = new TagService(stores.catalog(), IDENTITY);
        tags.registerResourceKind("trigger", false, path -> stores.triggers().get(String.join("/", path)).isPresent());
        return tags;
    }

    @AfterEach
    void close() throws Exception {
        Collections.reverse(opened);
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        for (StoreSettings settings : created) {
            (settings.url().startsWith("jdbc:postgresql:") ? StoreBackend.POSTGRESQL : StoreBackend.SQLITE)
                    .dispose(settings);
        }
    }

    private EventIntake intake(JdbcStores over, TagService tagging) {
        EventIntake intake = new EventIntake(over.events(), over.triggers(), tagging, IDENTITY, S3Config.NONE, fired,
                clock, new EventsConfig(Duration.ofMillis(200), Duration.ofMillis(200)));
        opened.add(intake);
        return intake;
    }

    private EventIntake intake() {
        return intake(stores, tags);
    }

    private static void createTrigger(JdbcStores in, String name, String state, Integer batchSize,
                                      Integer batchWindow, String locations) {
        Trigger.Builder trigger = Trigger.builder().name(name).type(TriggerType.EVENT)
                .actions(Action.builder().jobName("load").build());
        if (batchSize != null) {
            trigger.eventBatchingCondition(b -> b.batchSize(batchSize).batchWindow(batchWindow));
        }
        in.triggers().create(new StoredTrigger(name, null, "EVENT", state, GlueJson.writeString(trigger.build()),
                Set.of(new Ref(Kind.JOB, "load")), Set.of(), T0, T0), IDENTITY.arnPrefix() + "trigger/" + name,
                locations == null ? Map.of() : Map.of(EventSources.TAG, locations));
    }

    private Path folder(String name) throws IOException {
        return Files.createDirectories(lake.resolve(name));
    }

    private static List<Path> land(Path folder, String prefix, int count) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = folder.resolve(prefix + "_" + i + ".csv");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "id,name\n" + i + ",row\n", StandardCharsets.UTF_8);
            files.add(file);
        }
        return files;
    }

    /** The event ids of these files as they are now: what the intake must fire for them. */
    private static List<String> idsOf(List<Path> files) throws IOException {
        List<String> ids = new ArrayList<>();
        for (Path file : files) {
            ids.add(ObjectIdentity.localFile(EventLocation.LocalFolder.objectUrl(file),
                    Files.getLastModifiedTime(file).toMillis(), Files.size(file)));
        }
        return ids;
    }

    /** The event ids of every batch fired for the trigger, batch by batch, each batch once. */
    private List<List<String>> firedFor(String trigger) {
        return fired.batches().values().stream().filter(f -> f.trigger().equals(trigger))
                .map(Recorder.Firing::eventIds).toList();
    }

    private static Set<String> union(List<List<String>> batches) {
        return batches.stream().flatMap(List::stream).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    // ------------------------------------------------------------------ tests

    @Test
    void filesThatLandAreFiredOneBatchPerBatchSizeAndWhatWasThereNever() throws IOException {
        Path in = folder("in");
        List<Path> old = land(in, "old", 2);
        createTrigger(stores, "on_landing", "ACTIVATED", 3, 900, in.toString());
        EventIntake intake = intake();

        intake.watch();
        intake.batch();
        assertThat(fired.firings).as("what was there before watching is not new").isEmpty();

        List<Path> landed = land(in.resolve("day=1"), "new", 7);
        intake.watch();
        intake.watch(); // listing again finds nothing more
        intake.batch();

        List<List<String>> batches = firedFor("on_landing");
        assertThat(batches).hasSize(2).allSatisfy(batch -> assertThat(batch).hasSize(3));
        assertThat(fired.firings).extracting(Recorder.Firing::condition)
                .containsOnly(new BatchCondition(3, 0));
        List<String> landedIds = idsOf(landed);
        assertThat(union(batches)).hasSize(6).isSubsetOf(landedIds).doesNotContainAnyElementsOf(idsOf(old));
        assertThat(stores.events().pending("on_landing", 10)).extracting(StoredEvent::eventId)
                .as("the seventh waits for two more or for the window").hasSize(1).isSubsetOf(landedIds)
                .doesNotContainAnyElementsOf(union(batches));
        assertThat(stores.events().unfired()).isEmpty();
    }

    @Test
    void whenTheWindowPassesSinceTheOldestPendingEventWhatIsPendingIsFired() throws IOException {
        Path in = folder("in");
        createTrigger(stores, "windowed", "ACTIVATED", 5, 60, in.toString());
        EventIntake intake = intake();
        intake.watch();

        List<Path> first = land(in, "a", 2);
        intake.watch();
        clock.advance(Duration.ofSeconds(30));
        List<Path> second = land(in, "b", 1);
        intake.watch();
        clock.advance(Duration.ofSeconds(29));
        intake.batch();
        assertThat(fired.firings).as("59 s after the first event").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        intake.batch();

        assertThat(firedFor("windowed")).hasSize(1);
        assertThat(fired.firings.get(0).condition()).isEqualTo(new BatchCondition(0, 60));
        List<String> expected = new ArrayList<>(idsOf(first));
        expected.addAll(idsOf(second));
        assertThat(fired.firings.get(0).eventIds()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(stores.events().pendingCount("windowed")).isZero();
    }

    @Test
    void withoutEventBatchingConditionEachEventIsABatchOfOne() throws IOException {
        Path in = folder("in");
        createTrigger(stores, "each", "ACTIVATED", null, null, "file://" + in);
        EventIntake intake = intake();
        intake.watch();
        List<Path> landed = land(in, "x", 2);

        intake.watch();
        intake.batch();

        assertThat(firedFor("each")).hasSize(2).allSatisfy(batch -> assertThat(batch).hasSize(1));
        assertThat(union(firedFor("each"))).containsExactlyInAnyOrderElementsOf(idsOf(landed));
        assertThat(fired.firings).extracting(Recorder.Firing::condition).containsOnly(new BatchCondition(1, 0));
    }

    @Test
    void aRestartedIntakeNeitherFiresAgainNorLosesWhatLandedWhileItWasDown() throws IOException {
        Path in = folder("in");
        land(in, "old", 3);
        createTrigger(stores, "restarted", "ACTIVATED", 2, 900, in.toString());
        EventIntake first = intake();
        first.watch();
        List<Path> before = land(in, "before", 2);
        first.watch();
        first.batch();
        assertThat(firedFor("restarted")).hasSize(1);
        List<Path> pendingAtStop = land(in, "pending", 1);
        first.watch();
        first.close();

        List<Path> whileDown = land(in, "down", 1);
        EventIntake second = intake();
        second.watch();
        second.batch();

        List<List<String>> batches = firedFor("restarted");
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).containsExactlyInAnyOrderElementsOf(idsOf(before));
        List<String> next = new ArrayList<>(idsOf(pendingAtStop));
        next.addAll(idsOf(whileDown));
        assertThat(batches.get(1)).containsExactlyInAnyOrderElementsOf(next);
        assertThat(fired.firings).as("nothing fired twice").hasSize(2);
    }

    @Test
    void aBatchWhoseFiringFailsIsFiredAgainUntilItIsAndThenNeverAgain() throws IOException {
        Path in = folder("in");
        createTrigger(stores, "retried", "ACTIVATED", 1, 900, in.toString());
        EventIntake intake = intake();
        intake.watch();
        List<Path> landed = land(in, "x", 1);
        intake.watch();
        fired.failures.set(2);

        intake.batch();
        intake.batch();
        assertThat(fired.firings).isEmpty();
        assertThat(stores.events().unfired()).hasSize(1);
        String batchId = stores.events().unfired().get(0).batchId();

        intake.batch();
        intake.batch();

        assertThat(fired.firings).hasSize(1);
        assertThat(fired.firings.get(0).batchId()).as("the same batch, by the same id").isEqualTo(batchId);
        assertThat(fired.firings.get(0).eventIds()).containsExactlyElementsOf(idsOf(landed));
        assertThat(stores.events().unfired()).isEmpty();
        assertThat(stores.events().batches("retried", 10).get(0).firedAt()).isEqualTo(clock.instant());
    }

    @Test
    void aBatchLeftUnfiredByAStoppedServerIsFiredByTheNext() throws IOException {
        Path in = folder("in");
        createTrigger(stores, "handed_over", "ACTIVATED", 1, 900, in.toString());
        EventIntake first = intake();
        first.watch();
        land(in, "x", 1);
        first.watch();
        fired.failures.set(1);
        first.batch();
        first.close();
        assertThat(fired.firings).isEmpty();

        intake().batch();

        assertThat(fired.firings).hasSize(1);
        assertThat(stores.events().unfired()).isEmpty();
    }

    @Test
    void onlyActivatedEventTriggersWithATagWatchAndStoppingOneForgetsWhatItWatched() throws IOException {
        Path in = folder("in");
        createTrigger(stores, "stopped", "DEACTIVATED", 1, 900, in.toString());
        createTrigger(stores, "untagged", "ACTIVATED", 1, 900, null);
        createTrigger(stores, "badly_tagged", "ACTIVATED", 1, 900, "in/relative");
        createTrigger(stores, "watching", "ACTIVATED", 1, 900, in.toString());
        EventIntake intake = intake();
        intake.watch();
        land(in, "first", 1);
        intake.watch();
        intake.batch();
        assertThat(fired.firings).extracting(Recorder.Firing::trigger).containsExactly("watching");

        stores.triggers().change("watching", t -> new StoredTrigger(t.name(), t.workflowName(), t.type(),
                "DEACTIVATED", t.document(), t.starts(), t.watches(), t.createTime(), T0));
        intake.watch();
        List<Path> meanwhile = land(in, "meanwhile", 1);
        intake.watch();
        stores.triggers().change("watching", t -> new StoredTrigger(t.name(), t.workflowName(), t.type(),
                "ACTIVATED", t.document(), t.starts(), t.watches(), t.createTime(), T0));
        intake.watch();
        intake.batch();
        assertThat(fired.firings).as("what landed while it was stopped is not new").hasSize(1);

        List<Path> after = land(in, "after", 1);
        intake.watch();
        intake.batch();
        assertThat(fired.firings).hasSize(2);
        assertThat(fired.firings.get(1).eventIds()).containsExactlyElementsOf(idsOf(after))
                .doesNotContainAnyElementsOf(idsOf(meanwhile));
    }

    @Test
    void bookkeepingFilesEmptyFilesAndHiddenFoldersAreNoEvents() throws IOException {
        Path in = folder("in");
        createTrigger(stores, "data_only", "ACTIVATED", 1, 900, in.toString());
        EventIntake intake = intake();
        intake.watch();
        Files.writeString(in.resolve("_SUCCESS"), "done");
        Files.createFile(in.resolve("empty.csv"));
        Files.createDirectories(in.resolve("_temporary/0"));
        Files.writeString(in.resolve("_temporary/0/part-0.csv"), "a");
        Files.createDirectories(in.resolve(".staging"));
        Files.writeString(in.resolve(".staging/part-1.csv"), "a");
        List<Path> data = land(in, "data", 1);

        intake.watch();
        intake.batch();

        assertThat(union(firedFor("data_only"))).containsExactlyElementsOf(idsOf(data));
    }

    @Test
    void aRewrittenFileIsANewEventButTheSameVersionListedAgainIsNot() throws IOException {
        Path in = folder("in");
        createTrigger(stores, "rewrites", "ACTIVATED", 1, 900, in.toString());
        EventIntake intake = intake();
        intake.watch();
        Path file = land(in, "x", 1).get(0);
        intake.watch();
        List<String> firstVersion = idsOf(List.of(file));
        Files.writeString(file, "id,name\n1,a longer row\n");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(T0.plusSeconds(5)));
        intake.watch();
        intake.watch();
        intake.batch();

        assertThat(firedFor("rewrites")).hasSize(2);
        assertThat(union(firedFor("rewrites"))).containsExactlyInAnyOrder(firstVersion.get(0),
                idsOf(List.of(file)).get(0));
    }

    @Test
    void aNotificationAndItsRedeliveryMakeOneEventForEachTriggerWatchingTheObject() {
        createTrigger(stores, "lake_in", "ACTIVATED", 2, 900, "s3://lake/in");
        createTrigger(stores, "lake_all", "ACTIVATED", 2, 900, "s3://lake s3://other/x");
        createTrigger(stores, "elsewhere", "ACTIVATED", 2, 900, "s3://lake/out");
        createTrigger(stores, "off", "DEACTIVATED", 2, 900, "s3://lake/in");
        EventIntake intake = intake();
        S3Notification notification = S3Notification.parse(("""
                {"Records":[
                 {"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"lake"},"object":{"key":"in/a.csv","size":5,"eTag":"e1"}}},
                 {"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"lake"},"object":{"key":"in/_SUCCESS","size":0,"eTag":"e0"}}},
                 {"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"lake"},"object":{"key":"in/b.csv","size":7,"eTag":"e2"}}},
                 {"eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"lake"},"object":{"key":"in/c.csv"}}}]}
                """).getBytes(StandardCharsets.UTF_8));

        EventIntake.Accepted first = intake.receive(notification);
        EventIntake.Accepted again = intake.receive(notification);

        assertThat(first).isEqualTo(new EventIntake.Accepted(4, 1, Map.of("lake_in", 2, "lake_all", 2)));
        assertThat(again.triggers()).isEqualTo(Map.of("lake_in", 0, "lake_all", 0));
        intake.batch();
        assertThat(firedFor("lake_in")).hasSize(1);
        assertThat(firedFor("lake_all")).hasSize(1);
        assertThat(firedFor("lake_in").get(0)).containsExactlyInAnyOrder(
                ObjectIdentity.s3Object("lake", "in/a.csv", "e1", 5), ObjectIdentity.s3Object("lake", "in/b.csv", "e2", 7));
    }

    @Test
    void describeShowsTheLocationsBatchingPendingEventsAndBatchesOrWhyNothingIsWatched() throws IOException {
        Path in = folder("in");
        Path other = folder("other");
        createTrigger(stores, "shown", "ACTIVATED", 2, 120, in + " file://" + other);
        createTrigger(stores, "broken", "ACTIVATED", 2, 120, "lake/in");
        createTrigger(stores, "off", "DEACTIVATED", 2, 120, in.toString());
        EventIntake intake = intake();
        intake.watch();
        land(in, "x", 3);
        intake.watch();
        intake.batch();

        EventIntake.TriggerEvents shown = intake.describe("shown", 10);
        assertThat(shown.locations()).containsExactly("file://" + in + "/", "file://" + other + "/");
        assertThat(shown.problem()).isNull();
        assertThat(shown.batching()).isEqualTo(new BatchPolicy(2, 120));
        assertThat(shown.pendingCount()).isEqualTo(1);
        assertThat(shown.pending()).hasSize(1);
        assertThat(shown.batches()).hasSize(1).allSatisfy(b -> assertThat(b.fired()).isTrue());

        assertThat(intake.describe("broken", 10).problem()).startsWith("Tag mortar:events: cannot watch 'lake/in'");
        assertThat(intake.describe("off", 10).problem()).contains("DEACTIVATED");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> intake.describe("nothing", 10))
                .isInstanceOf(GlueException.class).hasMessage("Trigger nothing not found.");
    }

    @Test
    void startedItWatchesAndFiresByItself() throws IOException, InterruptedException {
        Path in = folder("in");
        createTrigger(stores, "live", "ACTIVATED", 1, 900, in.toString());
        EventIntake intake = intake();
        intake.start();
        awaitWatching(stores, "live");

        List<Path> landed = land(in, "x", 2);

        awaitFired("live", 2);
        assertThat(union(firedFor("live"))).containsExactlyInAnyOrderElementsOf(idsOf(landed));
    }

    @Test
    void twoIntakesOnOnePostgresqlStoreFireEachBatchOnce() throws IOException, InterruptedException {
        StoreSettings shared = StoreBackend.POSTGRESQL.create(lake); // skipped without MORTAR_TEST_PG_URL
        JdbcStores one = open(StoreBackend.POSTGRESQL, shared);
        JdbcStores two = open(StoreBackend.POSTGRESQL, shared);
        Path in = folder("shared");
        createTrigger(one, "shared", "ACTIVATED", 3, 900, in.toString());
        EventIntake first = intake(one, tagsOver(one));
        EventIntake second = intake(two, tagsOver(two));
        first.start();
        second.start();
        awaitWatching(one, "shared");

        List<Path> landed = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            landed.addAll(land(in, "round" + round, 6));
            Thread.sleep(150);
        }

        awaitFired("shared", 10);
        Thread.sleep(1_000); // a few more ticks of both: nothing more may fire
        List<List<String>> batches = firedFor("shared");
        assertThat(batches).hasSize(10).allSatisfy(batch -> assertThat(batch).hasSize(3));
        List<String> everyEvent = batches.stream().flatMap(List::stream).toList();
        assertThat(everyEvent).as("each event in one batch").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(idsOf(landed));
        assertThat(one.events().batches("shared", 100)).hasSize(10).allSatisfy(b -> assertThat(b.fired()).isTrue());
    }

    private static void awaitWatching(JdbcStores in, String trigger) throws InterruptedException {
        for (int i = 0; i < 300 && in.events().watches().stream().noneMatch(w -> w.triggerName().equals(trigger));
             i++) {
            Thread.sleep(50);
        }
        assertThat(in.events().watches()).extracting(w -> w.triggerName()).contains(trigger);
    }

    private void awaitFired(String trigger, int batches) throws InterruptedException {
        for (int i = 0; i < 600 && firedFor(trigger).size() < batches; i++) {
            Thread.sleep(50);
        }
        assertThat(firedFor(trigger)).hasSizeGreaterThanOrEqualTo(batches);
    }
}

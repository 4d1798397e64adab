package io.mortar.server.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.MovableClock;
import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.triggers.StoredTrigger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's decisions on a real store, its clock moved by the test: one firing per due time, once whatever
 * the number of schedulers; missed firings caught up once, for the latest; a firing a dead scheduler claimed made
 * again (under the same ids) while it is current, never once it is history. The job service's side of the port
 * records what it is asked to start.
 */
class ScheduledFiringsTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:30Z");

    private JdbcStores stores;
    private final MovableClock clock = new MovableClock(T0);
    private final List<String> started = new ArrayList<>();

    @BeforeEach
    void store() {
        Path dir = StoreBackend.tempDir("mortar-schedule");
        stores = JdbcStores.open(StoreBackend.SQLITE.create(dir));
    }

    @AfterEach
    void close() {
        stores.close();
    }

    private ScheduledFirings scheduler() {
        Actions recording = new Actions() {
            @Override
            public boolean startJob(String jobName, String runId, Map<String, String> arguments, Integer timeout,
                                    String triggerName) {
                synchronized (started) {
                    started.add(jobName + " " + runId + " by " + triggerName);
                }
                return true;
            }

            @Override
            public boolean startCrawl(String crawlerName, String crawlId) {
                throw new AssertionError("no crawler here");
            }

            @Override
            public void stopJob(String jobName, String runId) {
            }

            @Override
            public void stopCrawl(String crawlerName) {
            }
        };
        return new ScheduledFirings(stores.triggers(), new TriggerFirer(stores.triggers(), stores.workflows(),
                recording, clock));
    }

    private void everyMinute(String name, Instant activated) {
        String document = "{\"Name\":\"" + name + "\",\"Type\":\"SCHEDULED\",\"Schedule\":\"cron(* * * * ? *)\","
                + "\"Actions\":[{\"JobName\":\"load\"}]}";
        stores.triggers().create(new StoredTrigger(name, null, "SCHEDULED", "ACTIVATED", document,
                Set.of(new StoredTrigger.Ref(StoredTrigger.Kind.JOB, "load")), Set.of(), activated, activated),
                "arn:aws:glue:us-east-1:123456789012:trigger/" + name, Map.of());
    }

    @Test
    void eachDueMinuteFiresOnceAndASecondSchedulerFiresNothingMore() {
        everyMinute("minutely", T0);
        ScheduledFirings one = scheduler();
        ScheduledFirings two = scheduler();

        one.check(clock.instant());
        assertThat(started).as("nothing due before 10:01").isEmpty();
        for (int minute = 1; minute <= 3; minute++) {
            clock.set(Instant.parse("2026-12-06T10:0" + minute + ":00.050Z"));
            two.check(clock.instant());
            one.check(clock.instant());
            one.check(clock.instant());
        }

        assertThat(started).hasSize(3).doesNotHaveDuplicates().allMatch(line -> line.endsWith("by minutely"));
        assertThat(stores.triggers().lastFiring("minutely")).contains(Instant.parse("2026-12-06T10:03:00Z"));
    }

    @Test
    void firingsMissedWhileNoSchedulerRanFireOnceForTheLatest() {
        everyMinute("missed", T0);
        scheduler().check(T0);
        clock.set(Instant.parse("2026-12-06T10:01:00.010Z"));
        scheduler().check(clock.instant());
        assertThat(started).hasSize(1);

        clock.set(Instant.parse("2026-12-06T10:07:20Z")); // down from 10:01 to 10:07: six due times missed
        scheduler().check(clock.instant());

        assertThat(started).hasSize(2);
        assertThat(stores.triggers().lastFiring("missed")).contains(Instant.parse("2026-12-06T10:07:00Z"));
    }

    @Test
    void aClaimedFiringIsMadeAgainWhileCurrentUnderTheSameIdsButNotOnceHistory() {
        everyMinute("claimed", T0);
        Instant due = Instant.parse("2026-12-06T10:01:00Z");
        // A scheduler claimed 10:01 and died before starting anything.
        assertThat(stores.triggers().claimFiring("claimed", due, due)).isTrue();
        clock.set(Instant.parse("2026-12-06T10:01:40Z"));

        scheduler().check(clock.instant());
        scheduler().check(clock.instant()); // another restart: the same ids again, which the job service dedupes

        assertThat(started).hasSize(2);
        assertThat(started.get(1)).isEqualTo(started.get(0));

        started.clear();
        clock.set(Instant.parse("2026-12-06T10:02:00.010Z"));
        stores.triggers().claimFiring("claimed", Instant.parse("2026-12-06T10:02:00Z"), clock.instant());
        clock.set(Instant.parse("2026-12-06T10:02:30Z"));
        scheduler().check(clock.instant());
        assertThat(started).as("10:02 is current: made again").hasSize(1);
        String made1002 = started.get(0);
        clock.set(Instant.parse("2026-12-06T10:03:00.010Z"));
        started.clear();
        scheduler().check(clock.instant());
        assertThat(started).as("10:02 is history once 10:03 is due: only 10:03 fires").singleElement()
                .isNotEqualTo(made1002);
        assertThat(stores.triggers().lastFiring("claimed")).contains(Instant.parse("2026-12-06T10:03:00Z"));
    }

    @Test
    void aTriggerActivatedAfterADueTimeDoesNotFireForIt() {
        everyMinute("late", Instant.parse("2026-12-06T10:01:30Z"));
        clock.set(Instant.parse("2026-12-06T10:01:45Z"));
        scheduler().check(clock.instant());
        assertThat(started).isEmpty();
        clock.set(Instant.parse("2026-12-06T10:02:00.001Z"));
        scheduler().check(clock.instant());
        assertThat(started).hasSize(1);
    }
}

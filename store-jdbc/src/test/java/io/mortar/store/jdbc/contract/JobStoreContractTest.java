package io.mortar.store.jdbc.contract;

import static io.mortar.store.jdbc.contract.FixedTimes.T0;
import static io.mortar.store.jdbc.contract.FixedTimes.at;
import static io.mortar.store.jdbc.contract.GlueErrors.assertGlueError;
import static io.mortar.store.jdbc.contract.JobRunBuilder.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.jdbc.testing.StoreContract;
import io.mortar.store.jobs.JobStore.Finished;
import io.mortar.store.jobs.JobStore.Outcome;
import io.mortar.store.jobs.JobStore.RetryPlanner;
import io.mortar.store.jobs.JobStore;
import io.mortar.store.jobs.RunCursor;
import io.mortar.store.jobs.StoredJob;
import io.mortar.store.jobs.StoredJobRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The contract of {@link JobStore}: jobs, their tags, and their runs' lifecycle. */
class JobStoreContractTest extends StoreContract {
    private static final String ARN_PREFIX = "arn:aws:glue:us-east-1:123456789012:job/";
    private static final String DOCUMENT = "{\"Command\":{\"Name\":\"glueetl\"}}";
    private static final RetryPlanner NO_RETRY = (failed, job) -> Optional.empty();

    private JobStore jobs() {
        return stores().jobs();
    }

    private static String arn(String job) {
        return ARN_PREFIX + job;
    }

    private String newJob(Map<String, String> tags) {
        return createJob(unique("job"), tags);
    }

    private String createJob(String name, Map<String, String> tags) {
        jobs().createJob(name, DOCUMENT, T0, arn(name), tags);
        return name;
    }

    private String newJob() {
        return newJob(Map.of());
    }

    /** Puts a run in whatever state it is in, through the one call that inserts runs. */
    private StoredJobRun insert(StoredJobRun run) {
        return jobs().startRun(run.jobName(), (job, inProgress) -> run);
    }

    private List<String> runIds(String job) {
        return jobs().listRuns(job, null, 100).items().stream().map(StoredJobRun::id).toList();
    }

    // ---------------------------------------------------------------- jobs

    @Test
    void aCreatedJobReadsBackWithItsTags() {
        String name = unique("job");
        jobs().createJob(name, DOCUMENT, T0, arn(name), Map.of("team", "data", "env", "prod"));

        assertThat(jobs().getJob(name)).contains(new StoredJob(name, DOCUMENT, T0, T0));
        assertThat(stores().catalog().getTags(arn(name))).isEqualTo(Map.of("team", "data", "env", "prod"));
        assertThat(jobs().getJob(name + "_other")).isEmpty();
    }

    @Test
    void creatingATakenNameFailsAndChangesNothing() {
        String name = newJob(Map.of("team", "data"));

        assertGlueError(GlueErrorCode.ALREADY_EXISTS,
                () -> jobs().createJob(name, "{\"other\":true}", at(5), arn(name), Map.of("team", "intruder")));

        assertThat(jobs().getJob(name)).contains(new StoredJob(name, DOCUMENT, T0, T0));
        assertThat(stores().catalog().getTags(arn(name))).isEqualTo(Map.of("team", "data"));
    }

    @Test
    void aNewJobHasExactlyItsOwnTagsWhateverWasLeftUnderItsArn() {
        String name = unique("job");
        stores().catalog().tagResource(arn(name), Map.of("stray", "left behind", "team", "old"));

        jobs().createJob(name, DOCUMENT, T0, arn(name), Map.of("team", "new"));

        assertThat(stores().catalog().getTags(arn(name))).isEqualTo(Map.of("team", "new"));
    }

    @Test
    void aJobDeletedAndCreatedAgainDoesNotInheritTheTagsOfTheFirst() {
        String name = newJob(Map.of("team", "data"));
        stores().catalog().tagResource(arn(name), Map.of("added", "later"));
        jobs().deleteJob(name, arn(name));

        jobs().createJob(name, DOCUMENT, at(1), arn(name), Map.of());

        assertThat(stores().catalog().getTags(arn(name))).isEmpty();
        assertThat(jobs().getJob(name)).contains(new StoredJob(name, DOCUMENT, at(1), at(1)));
    }

    @Test
    void jobsListInNameOrderAPageAtATime() {
        String prefix = unique("list") + "_";
        for (String suffix : List.of("d", "a", "e", "c", "b")) { // created out of order
            createJob(prefix + suffix, Map.of());
        }

        Page<StoredJob> first = jobs().listJobs(prefix, 2, Map.of(), ARN_PREFIX);
        assertThat(first.items()).extracting(StoredJob::name).containsExactly(prefix + "a", prefix + "b");
        assertThat(first.nextCursor()).isEqualTo(prefix + "b");
        Page<StoredJob> second = jobs().listJobs(first.nextCursor(), 2, Map.of(), ARN_PREFIX);
        assertThat(second.items()).extracting(StoredJob::name).containsExactly(prefix + "c", prefix + "d");
        assertThat(second.items().get(0)).isEqualTo(new StoredJob(prefix + "c", DOCUMENT, T0, T0));
        Page<StoredJob> third = jobs().listJobs(second.nextCursor(), 1, Map.of(), ARN_PREFIX);
        assertThat(third.items()).extracting(StoredJob::name).containsExactly(prefix + "e");
    }

    @Test
    void aTagFilteredListingHoldsOnlyJobsCarryingEveryTagAndEndsWithoutCursor() {
        String team = unique("team");
        String both = createJob(team + "_a", Map.of("team", team, "env", "prod"));
        createJob(team + "_b", Map.of("team", team, "env", "dev"));
        createJob(team + "_c", Map.of("team", team));
        createJob(team + "_d", Map.of("team", team + "x", "env", "prod"));
        String bothToo = createJob(team + "_e", Map.of("team", team, "env", "prod", "extra", "tag"));
        String third = createJob(team + "_f", Map.of("env", "prod", "team", team));

        Map<String, String> filter = Map.of("team", team, "env", "prod");
        Page<StoredJob> first = jobs().listJobs(null, 2, filter, ARN_PREFIX);
        assertThat(first.items()).extracting(StoredJob::name).containsExactly(both, bothToo);
        Page<StoredJob> last = jobs().listJobs(first.nextCursor(), 2, filter, ARN_PREFIX);
        assertThat(last.items()).extracting(StoredJob::name).containsExactly(third);
        assertThat(last.nextCursor()).isNull();

        assertThat(jobs().listJobs(null, 10, Map.of("team", team), ARN_PREFIX).items()).hasSize(5);
        Page<StoredJob> exactlyFull = jobs().listJobs(null, 3, filter, ARN_PREFIX);
        assertThat(exactlyFull.items()).hasSize(3);
        assertThat(exactlyFull.nextCursor()).as("no cursor to an empty page").isNull();
    }

    @Test
    void tagsMatchOnlyUnderTheArnPrefixFollowedByTheJobName() {
        String team = unique("team");
        String tagged = newJob(Map.of("team", team));
        String untagged = newJob();
        // the same tag on another kind of resource of the untagged job's name does not count
        stores().catalog().tagResource("arn:aws:glue:us-east-1:123456789012:crawler/" + untagged, Map.of("team", team));

        assertThat(jobs().listJobs(null, 10, Map.of("team", team), ARN_PREFIX).items())
                .extracting(StoredJob::name).containsExactly(tagged);
        assertThat(jobs().listJobs(null, 10, Map.of("team", team), "arn:aws:glue:eu-west-1:123456789012:job/")
                .items()).isEmpty();
    }

    @Test
    void anUpdateReplacesTheDocumentAndUpdateTimeOnly() {
        String name = newJob(Map.of("team", "data"));

        assertThat(jobs().updateJob(name, "{\"v\":2}", at(60))).isTrue();

        assertThat(jobs().getJob(name)).contains(new StoredJob(name, "{\"v\":2}", T0, at(60)));
        assertThat(stores().catalog().getTags(arn(name))).isEqualTo(Map.of("team", "data"));
    }

    @Test
    void updatingAMissingJobIsFalseAndCreatesNothing() {
        String name = unique("job");

        assertThat(jobs().updateJob(name, DOCUMENT, T0)).isFalse();
        assertThat(jobs().getJob(name)).isEmpty();
    }

    @Test
    void deletingAJobRemovesItsRunsAndTagsAndReturnsItsRunsInProgress() {
        String name = newJob(Map.of("team", "data"));
        String other = newJob(Map.of("team", "data"));
        StoredJobRun done = insert(run(unique("jr"), name).state("SUCCEEDED").build());
        StoredJobRun running = insert(run(unique("jr"), name).state("RUNNING").startedOn(at(1)).build());
        StoredJobRun starting = insert(run(unique("jr"), name).startedOn(at(2)).build());
        StoredJobRun othersRun = insert(run(unique("jr"), other).build());

        List<StoredJobRun> inProgress = jobs().deleteJob(name, arn(name));

        assertThat(inProgress).containsExactlyInAnyOrder(running, starting);
        assertThat(jobs().getJob(name)).isEmpty();
        for (StoredJobRun run : List.of(done, running, starting)) {
            assertThat(jobs().findRun(run.id())).as(run.id()).isEmpty();
        }
        assertThat(jobs().listRuns(name, null, 10).items()).isEmpty();
        assertThat(jobs().runsInProgress()).doesNotContain(running, starting).contains(othersRun);
        assertThat(stores().catalog().getTags(arn(name))).isEmpty();

        assertThat(jobs().getJob(other)).isPresent();
        assertThat(jobs().findRun(othersRun.id())).contains(othersRun);
        assertThat(stores().catalog().getTags(arn(other))).isEqualTo(Map.of("team", "data"));
    }

    @Test
    void deletingAMissingJobReturnsNoRuns() {
        assertThat(jobs().deleteJob(unique("job"), arn("nothing"))).isEmpty();
    }

    // ---------------------------------------------------------------- starting runs

    @Test
    void thePlannerSeesTheStoredJobAndHowManyOfItsRunsAreInProgress() {
        String name = newJob();
        String other = newJob();
        insert(run(unique("jr"), other).build()); // another job's run never counts
        List<String> states = List.of("STARTING", "SUCCEEDED", "RUNNING", "FAILED", "STOPPING", "STOPPED",
                "WAITING", "TIMEOUT", "ERROR", "STARTING");
        List<Integer> seen = new ArrayList<>();
        AtomicReference<StoredJob> planned = new AtomicReference<>();

        for (int i = 0; i < states.size(); i++) {
            StoredJobRun next = run(unique("jr"), name).state(states.get(i)).startedOn(at(i)).build();
            StoredJobRun started = jobs().startRun(name, (job, inProgress) -> {
                planned.set(job);
                seen.add(inProgress);
                return next;
            });
            assertThat(started).isEqualTo(next);
            assertThat(jobs().getRun(name, next.id())).contains(next);
        }

        // in progress: STARTING, RUNNING, STOPPING, WAITING
        assertThat(seen).containsExactly(0, 1, 1, 2, 2, 3, 3, 4, 4, 4);
        assertThat(planned.get()).isEqualTo(jobs().getJob(name).orElseThrow());
    }

    @Test
    void aPlannerThatRefusesWritesNothing() {
        String name = newJob();
        insert(run(unique("jr"), name).build());

        GlueException error = assertGlueError(GlueErrorCode.CONCURRENT_RUNS_EXCEEDED, () -> jobs().startRun(name,
                (job, inProgress) -> {
                    throw GlueException.concurrentRunsExceeded("Concurrent runs exceeded for job %s", name);
                }));

        assertThat(error.getMessage()).contains(name);
        assertThat(jobs().listRuns(name, null, 10).items()).hasSize(1);
        assertThat(jobs().getJob(name)).contains(new StoredJob(name, DOCUMENT, T0, T0));
    }

    @Test
    void startingARunOfAMissingJobIsEntityNotFoundWithoutAskingThePlanner() {
        String name = unique("job");
        AtomicInteger asked = new AtomicInteger();

        assertGlueError(GlueErrorCode.ENTITY_NOT_FOUND, () -> jobs().startRun(name, (job, inProgress) -> {
            asked.incrementAndGet();
            return run(unique("jr"), name).build();
        }));

        assertThat(asked).hasValue(0);
        assertThat(jobs().listRuns(name, null, 10).items()).isEmpty();
    }

    @Test
    void twoSimultaneousStartsCannotBothPassAOneRunLimit() {
        for (int round = 0; round < 5; round++) {
            String name = newJob();
            JobStore.RunPlanner onlyWhenIdle = (job, inProgress) -> {
                if (inProgress > 0) {
                    throw GlueException.concurrentRunsExceeded("Concurrent runs exceeded for job %s", job.name());
                }
                Race.widenWindow();
                return run(unique("jr"), job.name()).build();
            };

            List<Race.Outcome<StoredJobRun>> outcomes = Race.run(() -> jobs().startRun(name, onlyWhenIdle),
                    () -> jobs().startRun(name, onlyWhenIdle));

            List<StoredJobRun> started = outcomes.stream().filter(Race.Outcome::succeeded)
                    .map(Race.Outcome::value).toList();
            assertThat(started).as("round %d", round).hasSize(1);
            assertThat(outcomes).filteredOn(o -> !o.succeeded()).singleElement()
                    .satisfies(o -> assertThat(o.failure()).isInstanceOfSatisfying(GlueException.class,
                            e -> assertThat(e.code()).isEqualTo(GlueErrorCode.CONCURRENT_RUNS_EXCEEDED)));
            assertThat(jobs().listRuns(name, null, 10).items()).as("round %d", round)
                    .containsExactlyElementsOf(started);
        }
    }

    @Test
    void aRunStartedAsItsJobIsDeletedIsRefusedOrHandedBackToBeStopped() {
        for (int round = 0; round < 5; round++) {
            String name = newJob();
            String runId = unique("jr");

            List<Race.Outcome<List<StoredJobRun>>> outcomes = Race.run(() -> List.of(jobs().startRun(name,
                    (job, inProgress) -> {
                        Race.widenWindow();
                        return run(runId, name).build();
                    })), () -> jobs().deleteJob(name, arn(name)));

            Race.Outcome<List<StoredJobRun>> start = outcomes.get(0);
            List<StoredJobRun> toStop = outcomes.get(1).value();
            if (start.succeeded()) {
                assertThat(toStop).as("round %d: the run started first, so deleting returns it", round)
                        .containsExactlyElementsOf(start.value());
            } else {
                assertThat(start.failure()).as("round %d", round).isInstanceOfSatisfying(GlueException.class,
                        e -> assertThat(e.code()).isEqualTo(GlueErrorCode.ENTITY_NOT_FOUND));
                assertThat(toStop).isEmpty();
            }
            assertThat(jobs().findRun(runId)).as("round %d: no run outlives its job", round).isEmpty();
        }
    }

    // ---------------------------------------------------------------- reading runs

    @Test
    void aRunRoundTripsEveryField() {
        String name = newJob();
        Map<String, String> arguments = new LinkedHashMap<>();
        for (String key : List.of("--z-last", "--a-first", "--m", "--enable-metrics", "--TempDir", "--b")) {
            arguments.put(key, key.equals("--m") ? "quote \" back\\slash\nnew line, ünïcødé" : key + "-value");
        }
        StoredJobRun full = new StoredJobRun(unique("jr"), name, 2, "jr_original", "nightly-trigger", "RUNNING",
                at(1), at(2), at(3), 3600, "boom: line one\nline two", arguments, 45, 0.0625, "G.2X", 11, "3.0",
                "FLEX", 2.5e6, 5_000_000_000L, at(-10), "/var/mortar/runs/x y", true, "waiting: ünïcødé\n2 of 2", at(2),
                StoredJobRun.PYTHONSHELL);
        StoredJobRun nulls = new StoredJobRun(unique("jr"), name, 0, null, null, "STARTING", at(4), at(4), null,
                null, null, Map.of(), 2880, null, null, null, null, null, null, null, null, null, false, null, null);
        StoredJobRun zeros = new StoredJobRun(unique("jr"), name, 0, null, null, "SUCCEEDED", at(5), at(5), at(5),
                0, "", Map.of("", ""), 0, 0.0, "Standard", 0, "", "STANDARD", 0.0, 0L, at(5), "", false, "", at(5));

        for (StoredJobRun run : List.of(full, nulls, zeros)) {
            insert(run);
            StoredJobRun read = jobs().getRun(name, run.id()).orElseThrow();
            assertThat(read).as(run.id()).isEqualTo(run);
            assertThat(read.arguments().keySet()).as("arguments keep their order")
                    .containsExactlyElementsOf(run.arguments().keySet());
            assertThat(jobs().findRun(run.id())).contains(run);
        }
    }

    @Test
    void aRunIsFoundUnderItsOwnJobOrByIdAlone() {
        String name = newJob();
        String other = newJob();
        StoredJobRun run = insert(run(unique("jr"), name).build());

        assertThat(jobs().getRun(name, run.id())).contains(run);
        assertThat(jobs().getRun(other, run.id())).isEmpty();
        assertThat(jobs().findRun(run.id())).contains(run);
        assertThat(jobs().getRun(name, run.id() + "x")).isEmpty();
        assertThat(jobs().findRun(run.id() + "x")).isEmpty();
    }

    @Test
    void runsListNewestFirstThenByIdDescendingAcrossPages() {
        String name = newJob();
        insert(run(unique("jr"), newJob()).startedOn(at(9)).build()); // another job's
        String id = unique("jr") + "_";
        insert(run(id + "b", name).startedOn(at(0)).build());
        insert(run(id + "c", name).startedOn(at(1)).build());
        insert(run(id + "a", name).startedOn(at(1)).build());
        insert(run(id + "d", name).startedOn(at(2)).build());
        insert(run(id + "e", name).startedOn(at(1)).build());
        List<String> newestFirst = List.of(id + "d", id + "e", id + "c", id + "a", id + "b");

        assertThat(runIds(name)).containsExactlyElementsOf(newestFirst);
        for (int limit = 1; limit <= 3; limit++) {
            List<String> paged = new ArrayList<>();
            RunCursor after = null;
            do {
                Page<StoredJobRun> page = jobs().listRuns(name, after, limit);
                assertThat(page.items()).hasSizeBetween(1, limit);
                page.items().forEach(run -> paged.add(run.id()));
                if (page.nextCursor() == null) {
                    break;
                }
                StoredJobRun last = page.items().get(page.items().size() - 1);
                after = RunCursor.parse(page.nextCursor()).orElseThrow();
                assertThat(after).isEqualTo(new RunCursor(last.startedOn().toEpochMilli(), last.id()));
            } while (paged.size() <= newestFirst.size());
            assertThat(paged).as("limit %d", limit).containsExactlyElementsOf(newestFirst);
        }
    }

    @Test
    void runsInProgressAreEveryJobsOldestFirst() {
        String first = newJob();
        String second = newJob();
        String id = unique("jr") + "_";
        insert(run(id + "waiting", first).state("WAITING").startedOn(at(30)).build());
        insert(run(id + "starting", second).startedOn(at(10)).build());
        insert(run(id + "succeeded", first).state("SUCCEEDED").startedOn(at(5)).build());
        insert(run(id + "stopping", first).state("STOPPING").startedOn(at(20)).build());
        insert(run(id + "failed", second).state("FAILED").startedOn(at(1)).build());
        insert(run(id + "running", second).state("RUNNING").startedOn(at(15)).build());
        insert(run(id + "timeout", second).state("TIMEOUT").startedOn(at(16)).build());

        assertThat(jobs().runsInProgress()).filteredOn(run -> Set.of(first, second).contains(run.jobName()))
                .extracting(StoredJobRun::id)
                .containsExactly(id + "starting", id + "running", id + "stopping", id + "waiting");
    }

    // ---------------------------------------------------------------- a run's lifecycle

    // ---------------------------------------------------------------- the queue

    @Test
    void theQueueIsEveryJobsWaitingRunsInStartOrderThenIdAPageAtATime() {
        // Later than any other test's runs, which share this store: the queue from BEFORE on is this test's.
        int base = 1_000_000;
        RunCursor before = new RunCursor(at(base).toEpochMilli(), "");
        String a = newJob();
        String b = newJob();
        StoredJobRun late = insert(run("jr_q3", a).state("WAITING").startedOn(at(base + 3)).build());
        StoredJobRun tieSecond = insert(run("jr_q2b", b).state("WAITING").startedOn(at(base + 2)).build());
        StoredJobRun tieFirst = insert(run("jr_q2a", a).state("WAITING").startedOn(at(base + 2)).build());
        StoredJobRun first = insert(run("jr_q1", b).state("WAITING").startedOn(at(base + 1)).build());
        for (String state : List.of("STARTING", "RUNNING", "STOPPING", "SUCCEEDED", "EXPIRED")) {
            insert(run(unique("jr"), a).state(state).startedOn(at(base + 1)).build());
        }

        assertThat(jobs().waitingRuns(before, 3)).containsExactly(first, tieFirst, tieSecond);
        RunCursor after = new RunCursor(tieSecond.startedOn().toEpochMilli(), tieSecond.id());
        assertThat(jobs().waitingRuns(after, 3)).containsExactly(late);
        assertThat(jobs().waitingRuns(new RunCursor(late.startedOn().toEpochMilli(), late.id()), 3)).isEmpty();
        List<StoredJobRun> whole = jobs().waitingRuns(null, 10_000);
        assertThat(whole).as("from the head: everyone's, oldest first").endsWith(first, tieFirst, tieSecond, late)
                .allMatch(run -> run.state().equals("WAITING"))
                .isSortedAccordingTo(Comparator.comparing(StoredJobRun::startedOn).thenComparing(StoredJobRun::id));
    }

    @Test
    void claimingAWaitingRunStartsItsExecutionOnceAndClearsItsDetail() {
        String name = newJob();
        StoredJobRun waiting = insert(withDetail(run(unique("jr"), name).state("WAITING").build(), "2 of 2 busy"));

        StoredJobRun claimed = jobs().claimWaiting(waiting.id(), at(30)).orElseThrow();

        assertThat(claimed).extracting(StoredJobRun::state, StoredJobRun::stateDetail,
                StoredJobRun::executionStartedOn, StoredJobRun::lastModifiedOn, StoredJobRun::startedOn)
                .containsExactly("STARTING", null, at(30), at(30), T0);
        assertThat(jobs().findRun(waiting.id())).contains(claimed);
        assertThat(jobs().claimWaiting(waiting.id(), at(31))).as("claimed already").isEmpty();
        assertThat(jobs().waitingRuns(null, 10)).extracting(StoredJobRun::id).doesNotContain(waiting.id());
        for (String state : List.of("STARTING", "RUNNING", "STOPPING", "STOPPED", "EXPIRED")) {
            StoredJobRun other = insert(run(unique("jr"), name).state(state).build());
            assertThat(jobs().claimWaiting(other.id(), at(40))).as(state).isEmpty();
            assertThat(jobs().findRun(other.id())).as(state).contains(other);
        }
        assertThat(jobs().claimWaiting(unique("missing"), at(40))).isEmpty();
    }

    @Test
    void twoClaimsOfOneWaitingRunCannotBothWin() {
        String name = newJob();
        for (int round = 0; round < 20; round++) {
            StoredJobRun waiting = insert(run(unique("jr"), name).state("WAITING").build());
            List<Race.Outcome<Optional<StoredJobRun>>> claims = Race.run(
                    () -> jobs().claimWaiting(waiting.id(), at(1)), () -> jobs().claimWaiting(waiting.id(), at(2)));
            assertThat(claims).as("round %d", round).allMatch(Race.Outcome::succeeded);
            assertThat(claims).as("round %d", round).filteredOn(claim -> claim.value().isPresent()).hasSize(1);
        }
    }

    @Test
    void onlyAStartingRunWithoutADriverGoesBackToItsPlaceInTheQueue() {
        String name = newJob();
        StoredJobRun waiting = insert(run(unique("jr"), name).state("WAITING").startedOn(at(-5)).build());
        jobs().claimWaiting(waiting.id(), at(1)).orElseThrow();

        assertThat(jobs().requeue(waiting.id(), "back in line", at(2))).isTrue();

        StoredJobRun requeued = jobs().findRun(waiting.id()).orElseThrow();
        assertThat(requeued).extracting(StoredJobRun::state, StoredJobRun::stateDetail,
                StoredJobRun::executionStartedOn, StoredJobRun::startedOn)
                .containsExactly("WAITING", "back in line", null, at(-5));
        assertThat(jobs().waitingRuns(null, 10)).first().isEqualTo(requeued);

        jobs().claimWaiting(waiting.id(), at(3)).orElseThrow();
        jobs().markLaunched(waiting.id(), 77, at(3), "/runs/x", at(4));
        assertThat(jobs().requeue(waiting.id(), "no", at(5))).as("its driver was launched").isFalse();
        for (String state : List.of("WAITING", "RUNNING", "STOPPING", "FAILED")) {
            StoredJobRun other = insert(run(unique("jr"), name).state(state).build());
            assertThat(jobs().requeue(other.id(), "no", at(6))).as(state).isFalse();
            assertThat(jobs().findRun(other.id())).as(state).contains(other);
        }
    }

    @Test
    void onlyAWaitingRunIsDescribedAgain() {
        String name = newJob();
        StoredJobRun waiting = insert(run(unique("jr"), name).state("WAITING").startedOn(at(-5)).build());

        assertThat(jobs().describeWaiting(waiting.id(), "waiting for the bookmark")).isTrue();
        assertThat(jobs().findRun(waiting.id()).orElseThrow().stateDetail()).isEqualTo("waiting for the bookmark");
        assertThat(jobs().waitingRuns(null, 100)).filteredOn(run -> run.id().equals(waiting.id()))
                .extracting(StoredJobRun::stateDetail).containsExactly("waiting for the bookmark");

        jobs().claimWaiting(waiting.id(), at(1)).orElseThrow();
        assertThat(jobs().describeWaiting(waiting.id(), "late")).as("claimed").isFalse();
        assertThat(jobs().findRun(waiting.id()).orElseThrow().stateDetail()).isNull();
    }

    private static StoredJobRun withDetail(StoredJobRun run, String detail) {
        return new StoredJobRun(run.id(), run.jobName(), run.attempt(), run.previousRunId(), run.triggerName(),
                run.state(), run.startedOn(), run.lastModifiedOn(), run.completedOn(), run.executionTime(),
                run.errorMessage(), run.arguments(), run.timeoutMinutes(), run.maxCapacity(), run.workerType(),
                run.numberOfWorkers(), run.glueVersion(), run.executionClass(), run.dpuSeconds(), run.pid(),
                run.processStart(), run.runDir(), true, detail, null);
    }

    @Test
    void launchingRecordsTheDriverProcessAndNothingElse() {
        StoredJobRun run = insert(run(unique("jr"), newJob()).build());

        jobs().markLaunched(run.id(), 4_000_000_123L, at(1), "/runs/" + run.id(), at(2));

        assertThat(jobs().findRun(run.id())).contains(new StoredJobRun(run.id(), run.jobName(), 0, null, null,
                "STARTING", T0, at(2), null, null, null, run.arguments(), run.timeoutMinutes(), null, "G.1X", 2,
                "4.0", null, null, 4_000_000_123L, at(1), "/runs/" + run.id(), false, null, null));
    }

    @Test
    void onlyAStartingRunBecomesRunning() {
        String name = newJob();
        StoredJobRun starting = insert(run(unique("jr"), name).build());

        assertThat(jobs().markRunning(starting.id(), at(5))).isTrue();
        assertThat(jobs().findRun(starting.id()).orElseThrow())
                .extracting(StoredJobRun::state, StoredJobRun::lastModifiedOn).containsExactly("RUNNING", at(5));
        assertThat(jobs().markRunning(starting.id(), at(6))).as("already running").isFalse();
        assertThat(jobs().findRun(starting.id()).orElseThrow().lastModifiedOn()).isEqualTo(at(5));

        for (String state : List.of("STOPPING", "WAITING", "SUCCEEDED", "FAILED", "STOPPED")) {
            StoredJobRun run = insert(run(unique("jr"), name).state(state).build());
            assertThat(jobs().markRunning(run.id(), at(7))).as(state).isFalse();
            assertThat(jobs().findRun(run.id())).as(state).contains(run);
        }
        assertThat(jobs().markRunning(unique("missing"), at(7))).isFalse();
    }

    @Test
    void startingRunningAndWaitingRunsCanBeStoppedOnce() {
        String name = newJob();
        for (String state : List.of("STARTING", "RUNNING", "WAITING")) {
            StoredJobRun run = insert(run(unique("jr"), name).state(state).build());

            assertThat(jobs().markStopping(run.id(), at(5))).as(state).isTrue();
            assertThat(jobs().findRun(run.id()).orElseThrow())
                    .extracting(StoredJobRun::state, StoredJobRun::lastModifiedOn).containsExactly("STOPPING", at(5));
            assertThat(jobs().markStopping(run.id(), at(6))).as("%s, stopping already", state).isFalse();
            assertThat(jobs().findRun(run.id()).orElseThrow().lastModifiedOn()).isEqualTo(at(5));
        }
        for (String state : List.of("SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT", "ERROR")) {
            StoredJobRun run = insert(run(unique("jr"), name).state(state).build());
            assertThat(jobs().markStopping(run.id(), at(7))).as(state).isFalse();
            assertThat(jobs().findRun(run.id())).as(state).contains(run);
        }
        assertThat(jobs().markStopping(unique("missing"), at(7))).isFalse();
    }

    @Test
    void finishingAppliesTheOutcomeToTheRunAsStored() {
        StoredJobRun run = insert(run(unique("jr"), newJob()).state("RUNNING").build());
        jobs().markLaunched(run.id(), 4242, at(1), "/runs/x", at(1));
        StoredJobRun stored = jobs().findRun(run.id()).orElseThrow();
        AtomicReference<StoredJobRun> given = new AtomicReference<>();

        Finished finished = jobs().finish(run.id(), current -> {
            given.set(current);
            return new Outcome("FAILED", "exit code 1", at(90), 89, 178.5);
        }, NO_RETRY).orElseThrow();

        assertThat(given.get()).isEqualTo(stored);
        StoredJobRun expected = new StoredJobRun(run.id(), run.jobName(), 0, null, null, "FAILED", T0, at(90),
                at(90), 89, "exit code 1", run.arguments(), run.timeoutMinutes(), null, "G.1X", 2, "4.0", null,
                178.5, 4242L, at(1), "/runs/x", false, null, null);
        assertThat(finished).isEqualTo(new Finished(expected, Optional.empty()));
        assertThat(jobs().findRun(run.id())).contains(expected);
        assertThat(jobs().runsInProgress()).extracting(StoredJobRun::id).doesNotContain(run.id());
    }

    @Test
    void aStoppingRunFinishesToo() {
        StoredJobRun run = insert(run(unique("jr"), newJob()).state("STOPPING").build());

        assertThat(jobs().finish(run.id(), current -> new Outcome("STOPPED", null, at(3), 3, 0.0), NO_RETRY))
                .hasValueSatisfying(f -> assertThat(f.run().state()).isEqualTo("STOPPED"));
    }

    @Test
    void theRetryIsInsertedByTheFinishThatAskedForIt() {
        String name = newJob();
        StoredJobRun run = insert(run(unique("jr"), name).state("RUNNING").build());
        AtomicReference<StoredJobRun> failedSeen = new AtomicReference<>();
        AtomicReference<Optional<StoredJob>> jobSeen = new AtomicReference<>();
        RetryPlanner retryOnce = (failed, job) -> {
            failedSeen.set(failed);
            jobSeen.set(job);
            return Optional.of(failed.retry(failed.id() + "_attempt_1", 1, failed.id(), Map.of("--retry", "1"),
                    at(61), "a retry waits its turn"));
        };

        Finished finished = jobs().finish(run.id(), current -> new Outcome("FAILED", "boom", at(60), 60, 120.0),
                retryOnce).orElseThrow();

        assertThat(failedSeen.get()).as("the planner sees the run as it ended").isEqualTo(finished.run());
        assertThat(finished.run().state()).isEqualTo("FAILED");
        assertThat(jobSeen.get()).isEqualTo(jobs().getJob(name));
        StoredJobRun retry = finished.retry().orElseThrow();
        assertThat(retry).extracting(StoredJobRun::id, StoredJobRun::attempt, StoredJobRun::previousRunId,
                StoredJobRun::state, StoredJobRun::stateDetail)
                .containsExactly(run.id() + "_attempt_1", 1, run.id(), "WAITING", "a retry waits its turn");
        assertThat(jobs().getRun(name, retry.id())).contains(retry);
        assertThat(jobs().runsInProgress()).contains(retry);
        assertThat(runIds(name)).containsExactly(retry.id(), run.id());
    }

    @Test
    void aRetryPlannerThatFailsLeavesTheRunInProgressAndNoRetry() {
        String name = newJob();
        StoredJobRun run = insert(run(unique("jr"), name).state("RUNNING").build());

        assertThatThrownBy(() -> jobs().finish(run.id(), current -> new Outcome("FAILED", "boom", at(60), 60, 1.0),
                (failed, job) -> {
                    throw new IllegalStateException("retry planning failed");
                })).hasMessageContaining("retry planning failed");

        assertThat(jobs().findRun(run.id())).as("the outcome is not applied without its retry").contains(run);
        assertThat(runIds(name)).containsExactly(run.id());
    }

    @Test
    void aRunNotInProgressDoesNotFinishAgain() {
        String name = newJob();
        StoredJobRun run = insert(run(unique("jr"), name).state("RUNNING").build());
        Finished first = jobs().finish(run.id(), current -> new Outcome("SUCCEEDED", null, at(10), 10, 20.0),
                NO_RETRY).orElseThrow();
        AtomicInteger asked = new AtomicInteger();
        RetryPlanner countingRetries = (failed, job) -> {
            asked.incrementAndGet();
            return Optional.of(failed.retry(unique("jr"), 1, failed.id(), Map.of(), at(30), "queued"));
        };

        assertThat(jobs().finish(run.id(), current -> {
            asked.incrementAndGet();
            return new Outcome("FAILED", "late", at(20), 20, 40.0);
        }, countingRetries)).isEmpty();

        assertThat(asked).hasValue(0);
        assertThat(jobs().findRun(run.id())).contains(first.run());
        assertThat(runIds(name)).containsExactly(run.id());
        StoredJobRun ended = insert(run(unique("jr"), name).state("TIMEOUT").startedOn(at(-1)).build());
        assertThat(jobs().finish(ended.id(), current -> new Outcome("FAILED", "x", at(20), 1, 1.0), countingRetries))
                .isEmpty();
        assertThat(jobs().finish(unique("missing"), current -> new Outcome("FAILED", "x", at(20), 1, 1.0),
                countingRetries)).isEmpty();
        assertThat(asked).hasValue(0);
        assertThat(jobs().findRun(ended.id())).contains(ended);
    }
}

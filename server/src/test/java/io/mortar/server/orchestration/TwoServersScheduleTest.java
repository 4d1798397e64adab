package io.mortar.server.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.config.DriverCapacity;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.jobs.ProtocolDriver;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.glue.model.WorkflowRun;
import software.amazon.awssdk.services.glue.model.WorkflowRunStatus;

/**
 * Two servers on one PostgreSQL store, both firing scheduled triggers (issue 14: "several servers on one PostgreSQL
 * store start each firing exactly once"). Through the AWS SDK, against the first server: a standalone SCHEDULED
 * trigger every minute starting job A, and a workflow whose SCHEDULED start trigger every minute starts job B. After
 * the chosen number of due minutes the triggers are stopped (half a minute from any due time), and every firing is
 * counted four ways: the runs of A (their TriggerName, and their StartedOn in the minute after a due time), the
 * workflow's runs, the store's claims ({@code trigger_firings}), and the drivers that lived (each run's
 * {@link ProtocolDriver} lifetimes in both servers' data directories): exactly one of each per due minute.
 *
 * <p>The default suite waits for one due minute (at most about 70 s). Issue 14's five minutes run with
 * {@code -Dmortar.schedule.minutes=5} (any number of minutes; about a minute more than that in all):
 * <pre>
 * MORTAR_TEST_PG_URL=… mvn -B -ntp -o -pl server -am test -Dtest='TwoServersScheduleTest'
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dmortar.schedule.minutes=5
 * </pre>
 */
class TwoServersScheduleTest {
    private static final String EVERY_MINUTE = "cron(* * * * ? *)";
    /** How far from a due time the triggers are created and stopped, so no due time is in doubt. */
    private static final Duration CLEAR_OF_DUE = Duration.ofSeconds(3);
    /** After the last due time, before stopping: the firing's runs are recorded long before. */
    private static final Duration AFTER_LAST_DUE = Duration.ofSeconds(5);

    private TestServer first;
    private TestServer second;
    private GlueClient glue;

    @BeforeEach
    void start() {
        Path drivers = StoreBackend.tempDir("mortar-two-servers-drivers");
        JobsConfig jobs = ProtocolDriver.install(drivers, DriverCapacity.of(4, 64L << 30, "1g"), 0.2);
        first = TestServer.start(StoreBackend.POSTGRESQL, config -> config.withJobs(jobs));
        second = TestServer.startBeside(first, config -> config.withJobs(jobs));
        glue = first.client();
    }

    @AfterEach
    void stop() {
        if (glue != null) {
            glue.close();
        }
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void aScheduleDueInTheNextMinuteStartsOneRunNotTwo() throws Exception {
        runSchedulesAndCheckEachFiringStartedOnce(1);
    }

    @Test
    @EnabledIfSystemProperty(named = "mortar.schedule.minutes", matches = "[1-9][0-9]*")
    void anEveryMinuteScheduleForMinutesStartsExactlyOneRunPerFiring() throws Exception {
        runSchedulesAndCheckEachFiringStartedOnce(Integer.getInteger("mortar.schedule.minutes"));
    }

    /** Lets both schedules fire for {@code minutes} due minutes, then checks each firing started exactly once. */
    private void runSchedulesAndCheckEachFiringStartedOnce(int minutes) throws Exception {
        String jobA = job("a");
        String jobB = job("b");
        String alone = "every_minute_a";
        String workflow = "every_minute_flow";
        String start = "every_minute_b";
        glue.createWorkflow(r -> r.name(workflow));

        awayFromDue();
        Instant created = Instant.now();
        glue.createTrigger(r -> r.name(alone).type("SCHEDULED").schedule(EVERY_MINUTE).startOnCreation(true)
                .actions(Action.builder().jobName(jobA).build()));
        glue.createTrigger(r -> r.name(start).workflowName(workflow).type("SCHEDULED").schedule(EVERY_MINUTE)
                .startOnCreation(true).actions(Action.builder().jobName(jobB).build()));
        List<Instant> due = new ArrayList<>();
        for (int i = 1; i <= minutes; i++) {
            due.add(created.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(i)));
        }
        Instant last = due.get(due.size() - 1);
        sleepUntil(last.plus(AFTER_LAST_DUE));
        glue.stopTrigger(r -> r.name(alone));
        glue.stopTrigger(r -> r.name(start));

        // Job A: one run per due minute, each the standalone trigger's, each started in its due minute.
        List<JobRun> runsOfA = await(() -> settled(jobA, minutes), minutes + " runs of " + jobA + " ended");
        assertThat(runsOfA).allSatisfy(run -> {
            assertThat(run.triggerName()).isEqualTo(alone);
            assertThat(run.jobRunState()).isEqualTo(JobRunState.SUCCEEDED);
        });
        assertThat(dueMinutes(runsOfA.stream().map(JobRun::startedOn).toList())).as("one run of A per due minute")
                .containsExactlyElementsOf(due);

        // The workflow: one run per due minute, each starting job B once.
        List<WorkflowRun> flowRuns = await(() -> Optional.of(workflowRuns(workflow)).filter(runs -> runs.size() >= minutes
                        && runs.stream().allMatch(run -> run.status() == WorkflowRunStatus.COMPLETED)),
                minutes + " completed runs of " + workflow);
        assertThat(dueMinutes(flowRuns.stream().map(WorkflowRun::startedOn).toList()))
                .as("one workflow run per due minute").containsExactlyElementsOf(due);
        assertThat(flowRuns).allSatisfy(run -> assertThat(run.statistics().succeededActions()).isEqualTo(1));
        List<JobRun> runsOfB = await(() -> settled(jobB, minutes), minutes + " runs of " + jobB + " ended");
        assertThat(runsOfB).allSatisfy(run -> assertThat(run.triggerName()).isEqualTo(start));
        assertThat(runsOfB.stream().map(run -> argument(run.id(), "--WORKFLOW_RUN_ID")).toList())
                .as("each workflow run started B once")
                .containsExactlyInAnyOrderElementsOf(flowRuns.stream().map(WorkflowRun::workflowRunId).toList());

        // The store: each firing claimed once, under its due time, and nothing more.
        assertThat(claims(alone)).containsExactlyElementsOf(due);
        assertThat(claims(start)).containsExactlyElementsOf(due);
        assertThat(first.server().stores().triggers().lastFiring(alone)).contains(last);
        assertThat(second.server().stores().triggers().lastFiring(start)).contains(last);

        // The drivers: every run launched once, by one of the two servers.
        List<JobRun> all = new ArrayList<>(runsOfA);
        all.addAll(runsOfB);
        for (JobRun run : all) {
            assertThat(lifetimes(run.id())).as("drivers of run %s", run.id()).hasSize(1);
        }
        report(all);

        Thread.sleep(1_500); // a late second firing of any due time would show within the orchestration's ticks
        assertThat(jobRuns(jobA)).hasSize(minutes);
        assertThat(jobRuns(jobB)).hasSize(minutes);
        assertThat(workflowRuns(workflow)).hasSize(minutes);
    }

    private String job(String name) throws Exception {
        Path script = Files.writeString(first.dataDir().resolve(name + ".sql"), "SELECT 1;");
        glue.createJob(r -> r.name(name).role("glue").command(c -> c.name("glueetl")
                .scriptLocation(script.toString())).executionProperty(p -> p.maxConcurrentRuns(5)));
        return name;
    }

    /** The job's runs once {@code count} of them (or more: a test failure to show) have all ended. */
    private Optional<List<JobRun>> settled(String job, int count) {
        List<JobRun> runs = jobRuns(job);
        return runs.size() >= count && runs.stream().allMatch(run -> run.completedOn() != null)
                ? Optional.of(runs) : Optional.empty();
    }

    private List<JobRun> jobRuns(String job) {
        List<JobRun> runs = new ArrayList<>();
        glue.getJobRunsPaginator(r -> r.jobName(job)).forEach(page -> runs.addAll(page.jobRuns()));
        return runs;
    }

    private List<WorkflowRun> workflowRuns(String workflow) {
        List<WorkflowRun> runs = new ArrayList<>();
        glue.getWorkflowRunsPaginator(r -> r.name(workflow)).forEach(page -> runs.addAll(page.runs()));
        return runs;
    }

    /**
     * The due minute of each start, in order: a firing starts within its minute (within a tick of the orchestration,
     * in fact), so two starts in one minute are one firing made twice.
     */
    private static List<Instant> dueMinutes(List<Instant> startedOn) {
        return startedOn.stream().map(at -> at.truncatedTo(ChronoUnit.MINUTES)).sorted().toList();
    }

    /** The firings of {@code trigger} claimed in the store, by due time. */
    private List<Instant> claims(String trigger) throws Exception {
        List<Instant> due = new ArrayList<>();
        try (Connection c = StoreBackend.connect(first.store());
             PreparedStatement st = c.prepareStatement(
                     "SELECT due_at FROM trigger_firings WHERE trigger_name = ? ORDER BY due_at")) {
            st.setString(1, trigger);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    due.add(Instant.ofEpochMilli(rs.getLong(1)));
                }
            }
        }
        return due;
    }

    /** The driver processes that lived for the run, in either server's data directory. */
    private List<ProtocolDriver.Lifetime> lifetimes(String runId) {
        List<ProtocolDriver.Lifetime> lives = new ArrayList<>();
        for (TestServer server : List.of(first, second)) {
            lives.addAll(ProtocolDriver.lifetimes(server.dataDir().resolve("runs").resolve(runId)));
        }
        return lives;
    }

    /** One of the arguments the run's driver was launched with (it wrote them to its run directory). */
    private String argument(String runId, String name) {
        for (TestServer server : List.of(first, second)) {
            Path file = server.dataDir().resolve("runs").resolve(runId).resolve("arguments");
            if (Files.exists(file)) {
                try {
                    List<String> arguments = Files.readAllLines(file);
                    int at = arguments.indexOf(name);
                    return at < 0 || at + 1 >= arguments.size() ? null : arguments.get(at + 1);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return null;
    }

    /**
     * Which server did what, for the record: the server that fired a run gave it a --TempDir in its own data
     * directory; the server that launched its driver holds its run directory. Either may do either.
     */
    private void report(List<JobRun> runs) {
        String firstDir = first.dataDir().toString();
        var firedBy = runs.stream().collect(Collectors.groupingBy(run -> {
            String temp = argument(run.id(), "--TempDir");
            return temp == null ? "?" : temp.startsWith(firstDir) ? "first" : "second";
        }, Collectors.counting()));
        var launchedBy = runs.stream().collect(Collectors.groupingBy(run -> Files.exists(first.dataDir()
                .resolve("runs").resolve(run.id()).resolve("lifetime")) ? "first" : "second", Collectors.counting()));
        System.out.printf("two servers, %d runs: started by %s; drivers launched by %s%n", runs.size(),
                new TreeMap<>(firedBy), new TreeMap<>(launchedBy));
    }

    /** Waits until the clock is at least {@link #CLEAR_OF_DUE} from every whole minute. */
    private static void awayFromDue() throws InterruptedException {
        Instant now = Instant.now();
        Instant next = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant previous = now.truncatedTo(ChronoUnit.MINUTES);
        if (now.isBefore(previous.plus(CLEAR_OF_DUE))) {
            sleepUntil(previous.plus(CLEAR_OF_DUE));
        } else if (now.plus(CLEAR_OF_DUE).isAfter(next)) {
            sleepUntil(next.plus(CLEAR_OF_DUE));
        }
    }

    private static void sleepUntil(Instant at) throws InterruptedException {
        long millis = Duration.between(Instant.now(), at).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static <T> T await(Supplier<Optional<T>> probe, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Waited 60 s for " + what);
    }
}

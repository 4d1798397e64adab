package io.mortar.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.server.config.DriverCapacity;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.S3Config;
import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.jobs.JobStore;
import io.mortar.store.jobs.StoredJobRun;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.StartJobRunRequest;

/**
 * Issue 12, finding 2: StartJobRun answered 500 after its driver had started (the store could not record the pid),
 * leaving the driver unwatched and inviting a duplicate from a retrying client. Now a run is recorded before any
 * driver exists, StartJobRun never launches one, and every driver started is watched whatever the store does; a
 * server that dies between recording and launching neither loses the run nor launches it twice.
 * <p>
 * The store's failures are injected (a pool timeout at one precise call cannot be caused on demand); everything
 * else is real: a SQLite store, {@link ProtocolDriver} processes, the manager's own threads.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class JobRunFaultsTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private Path dataDir;
    private JdbcStores stores;
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private JobRunManager runs;
    private RunQueue queue;
    private JobRunService jobRuns;

    @BeforeEach
    void openStore() {
        dataDir = StoreBackend.tempDir("mortar-run-faults");
        stores = JdbcStores.open(StoreSettings.sqliteIn(dataDir));
    }

    @AfterEach
    void close() {
        if (queue != null) {
            queue.close();
        }
        if (runs != null) {
            runs.close();
        }
        stores.close();
        FileUtils.deleteQuietly(dataDir.toFile());
    }

    /** The job store, failing the next {@code n} calls of a method as a database timeout would. */
    private JobStore store() {
        JobStore real = stores.jobs();
        return (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class},
                (proxy, method, args) -> {
                    AtomicInteger left = failures.get(method.getName());
                    if (left != null && left.getAndDecrement() > 0) {
                        throw new IllegalStateException("injected: connection is not available, request timed out");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void failNext(String method, int times) {
        failures.put(method, new AtomicInteger(times));
    }

    /** A server's job path over the faulty store: capacity one driver, protocol drivers of 0.2 s. */
    private void startServer() {
        startServer(0.2);
    }

    private void startServer(double driverSeconds) {
        JobsConfig jobs = ProtocolDriver.install(dataDir.resolve("driver"), DriverCapacity.of(1, 64L << 30, "1g"),
                driverSeconds);
        JobStore store = store();
        runs = new JobRunManager(store, stores.bookmarks(), new DriverLauncher(jobs, S3Config.NONE, true,
                () -> URI.create("http://127.0.0.1:9")), new RunLogs(dataDir), jobs.minute(), jobs.stopGrace(),
                Clock.systemUTC());
        queue = new RunQueue(store, runs, jobs.capacity(), jobs.minute(), Clock.systemUTC());
        JobService jobService = new JobService(store, runs, CatalogIdentity.DEFAULT, Clock.systemUTC());
        jobRuns = new JobRunService(store, jobService, runs, queue,
                new BookmarkService(store, stores.bookmarks()), Clock.systemUTC());
        if (stores.jobs().getJob("etl").isEmpty()) {
            jobService.createJob(CreateJobRequest.builder().name("etl").role("glue")
                    .executionProperty(p -> p.maxConcurrentRuns(10))
                    .command(c -> c.name("glueetl").scriptLocation(dataDir.resolve("etl.sql").toString())).build());
        }
    }

    private String start() {
        return jobRuns.startJobRun(StartJobRunRequest.builder().jobName("etl").build()).jobRunId();
    }

    private StoredJobRun awaitEnd(String runId) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        StoredJobRun run = stores.jobs().findRun(runId).orElseThrow();
        while (run.inProgress()) {
            assertThat(System.nanoTime()).as("run %s still %s", runId, run.state()).isLessThan(deadline);
            Thread.sleep(100);
            run = stores.jobs().findRun(runId).orElseThrow();
        }
        return run;
    }

    private List<ProtocolDriver.Lifetime> drivers(String runId) {
        return ProtocolDriver.lifetimes(dataDir.resolve("runs").resolve(runId));
    }

    @Test
    void aDriverWhosePidTheStoreCannotRecordIsWatchedAndRecordedLater() throws Exception {
        startServer(2); // long enough for the poll (every 250 ms) to get past three failures
        queue.start();
        failNext("markLaunched", 3);

        String runId = start();
        StoredJobRun ended = awaitEnd(runId);

        assertThat(ended.state()).isEqualTo("SUCCEEDED");
        assertThat(ended.pid()).as("the pid, recorded once the store took it").isNotNull();
        assertThat(failures.get("markLaunched")).as("every injected failure was met").hasValueLessThan(0);
        assertThat(drivers(runId)).singleElement().satisfies(life -> assertThat(life.pid()).isEqualTo(ended.pid()));
        assertThat(Files.readString(dataDir.resolve("runs").resolve(runId).resolve("niceness")).strip())
                .as("drivers run below the server's priority").isEqualTo(Integer.toString(DriverLauncher.DRIVER_NICENESS));
        Path autogroup = dataDir.resolve("runs").resolve(runId).resolve("autogroup");
        if (Files.exists(Path.of("/proc/self/autogroup"))) { // Linux's autogroup scheduling: sessions share the CPU
            assertThat(Files.readString(autogroup)).as("the driver's session runs below the server's")
                    .endsWith("nice " + DriverLauncher.DRIVER_NICENESS + "\n");
        }
    }

    @Test
    void anEndTheStoreCannotRecordIsRecordedLaterAndOnlyThenFreesTheSlot() throws Exception {
        startServer();
        queue.start();
        failNext("finish", 2);

        String first = start();
        String second = start();

        assertThat(awaitEnd(first).state()).isEqualTo("SUCCEEDED");
        assertThat(awaitEnd(second).state()).isEqualTo("SUCCEEDED");
        assertThat(failures.get("finish")).hasValueLessThan(0);
        ProtocolDriver.Lifetime one = drivers(first).get(0);
        ProtocolDriver.Lifetime two = drivers(second).get(0);
        assertThat(two.start()).as("one slot: the second driver starts after the first ended").isGreaterThan(one.end());
    }

    @Test
    void aStartTheStoreRefusesLaunchesNothing() throws Exception {
        startServer();
        queue.start();
        failNext("startRun", 1);

        assertThat(org.assertj.core.api.Assertions.catchThrowable(this::start))
                .hasMessageContaining("injected");
        Thread.sleep(1_500); // a dispatch pass or more

        assertThat(stores.jobs().listRuns("etl", null, 10).items()).isEmpty();
        assertThat(dataDir.resolve("runs")).doesNotExist();
    }

    @Test
    void aRunClaimedButNeverLaunchedBeforeTheServerDiedGoesBackToItsPlaceAndRunsOnce() throws Exception {
        startServer(); // the queue is not dispatching: as if the server died right after the claim below
        String runId = start();
        stores.jobs().claimWaiting(runId, java.time.Instant.now()).orElseThrow();
        runs.close();
        queue.close();

        startServer();
        runs.reconcile();
        queue.start();

        StoredJobRun ended = awaitEnd(runId);
        assertThat(ended.state()).isEqualTo("SUCCEEDED");
        assertThat(drivers(runId)).hasSize(1);
    }

    @Test
    void aDriverLaunchedButNotRecordedBeforeTheServerDiedIsAdoptedNotLaunchedAgain() throws Exception {
        startServer();
        String runId = start();
        StoredJobRun claimed = stores.jobs().claimWaiting(runId, java.time.Instant.now()).orElseThrow();
        runs.close();
        queue.close();
        // The dead server's launch: the driver runs (three seconds), its pid never reached the store.
        Path runDir = Files.createDirectories(dataDir.resolve("runs").resolve(runId));
        Files.writeString(runDir.resolve(RunLogs.LOG_FILE), "");
        ProcessBuilder launch = new ProcessBuilder(dataDir.resolve("driver/java-home/bin/java").toString(),
                "--JOB_NAME", "etl", EffectiveArguments.JOB_RUN_ID, runId).redirectErrorStream(true)
                .redirectOutput(runDir.resolve(RunLogs.LOG_FILE).toFile());
        launch.environment().put("MORTAR_RUN_DIR", runDir.toString());
        launch.environment().put("PROTOCOL_DRIVER_SECONDS", "3");
        Process orphan = launch.start();
        assertThat(claimed.pid()).isNull();

        startServer();
        runs.reconcile();
        queue.start();

        StoredJobRun ended = awaitEnd(runId);
        assertThat(ended.state()).isEqualTo("SUCCEEDED");
        assertThat(ended.pid()).as("adopted and recorded").isEqualTo(orphan.pid());
        assertThat(drivers(runId)).as("launched once, by the dead server").hasSize(1);
    }

    @Test
    void aLaunchCutShortByTheServersDeathRunsOnceAfterTheRestart() throws Exception {
        startServer();
        String runId = start();
        stores.jobs().claimWaiting(runId, java.time.Instant.now()).orElseThrow();
        runs.close();
        queue.close();
        // The dead server's launch, cut short: ProcessBuilder.start had opened driver.log for the driver's output when
        // the kill came, before the driver existed (so no pid was recorded, no process carries the run's id and no
        // status says its job began).
        Path runDir = Files.createDirectories(dataDir.resolve("runs").resolve(runId));
        Files.writeString(runDir.resolve(RunLogs.LOG_FILE), "");

        startServer();
        runs.reconcile();
        queue.start();

        StoredJobRun ended = awaitEnd(runId);
        assertThat(ended.state()).as(ended.errorMessage()).isEqualTo("SUCCEEDED");
        assertThat(drivers(runId)).as("launched once, after the restart").hasSize(1);
    }
}

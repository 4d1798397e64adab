package io.mortar.it.bookmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.it.harness.S3ProxyProcess;
import io.mortar.server.MortarServer;
import io.mortar.server.config.DriverCapacity;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.S3Config;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.testing.JobRunWaits;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.jdbc.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.ExecutionProperty;
import software.amazon.awssdk.services.glue.model.JobBookmarkEntry;
import software.amazon.awssdk.services.glue.model.JobCommand;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Issue 13's job bookmarks end to end, through StartJobRun only: a real server whose drivers run on
 * {@code local[2]}, partitioned CSV tables in an S3Proxy bucket and on local files, and PostgreSQL tables. Each run
 * writes what it read as JSON to an output of its own (local folders, but the SQL script's, which writes to the
 * bucket), and the test reads the outputs back to see exactly which rows each run read.
 *
 * <p>Drivers take about ten seconds each, so runs are shared: one pipeline job reads an S3 table, a local table and
 * the S3 table's files as options paths (each through its own transformation context, each written to its own
 * output) and every step of the story checks all three; one pipeline job reads three PostgreSQL tables.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BookmarkEndToEndTest {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENABLE = "job-bookmark-enable";
    private static final String HEADER = "id,name\n";

    private static S3ProxyProcess s3;
    private static String bucket;
    private static Path dataDir;
    private static Path localRoot;
    private static MortarServer server;
    private static GlueClient glue;
    private static String pgUrl;

    @BeforeAll
    static void lakeAndServer() throws IOException {
        s3 = S3ProxyProcess.start();
        bucket = "bookmarks";
        s3.createBucket(bucket);
        dataDir = StoreBackend.tempDir("mortar-bookmark-e2e");
        localRoot = dataDir.resolve("local");
        JobsConfig defaults = JobsConfig.defaults(System.getenv());
        JobsConfig jobs = new JobsConfig("local[2]", defaults.sparkJars(), defaults.javaHome(), "1g",
                Map.of("spark.ui.enabled", "false", "spark.hadoop.fs.s3a.attempts.maximum", "1",
                        "spark.hadoop.fs.s3a.retry.limit", "1"),
                Duration.ofSeconds(5), Duration.ofMinutes(1))
                // two driver slots whatever the machine: the concurrent runs could both start, were it not for the
                // bookmark
                .withCapacity(DriverCapacity.of(2, 8L << 30, "1g"));
        S3Config s3Config = new S3Config(s3.endpoint().toString(), s3.accessKey(), s3.secretKey(), s3.region(), true);
        server = MortarServer.start(ServerConfig.embedded(dataDir, 0).withJobs(jobs).withS3(s3Config));
        glue = TestServer.client(server);
        glue.createDatabase(r -> r.databaseInput(d -> d.name("lake")));
    }

    @AfterAll
    static void stopAll() {
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (pgUrl != null) {
            TestPostgres.dropDatabase(pgUrl);
        }
    }

    /** Where a table's files live: a prefix of the S3Proxy bucket, or a local folder. */
    private interface Lake {
        String name();

        /** The URL of a path under the lake's root (a folder ends with '/'). */
        String url(String path);

        void put(String path, String text);

        /**
         * The ids in the JSON lines of a job's output folder, in no particular order, duplicates kept. A folder that
         * exists must hold the writer's {@code _SUCCESS} marker (a complete write); none at all is an empty output
         * (a frame from a source that read no files is not written).
         */
        List<Integer> ids(String path, String field);
    }

    private static final Lake S3 = new Lake() {
        @Override
        public String name() {
            return "S3Proxy";
        }

        @Override
        public String url(String path) {
            return "s3://" + bucket + "/" + path;
        }

        @Override
        public void put(String path, String text) {
            s3.client().putObject(r -> r.bucket(bucket).key(path), RequestBody.fromString(text));
        }

        @Override
        public List<Integer> ids(String path, String field) {
            List<Integer> ids = new ArrayList<>();
            List<String> keys = s3.client().listObjectsV2Paginator(r -> r.bucket(bucket).prefix(path + "/"))
                    .contents().stream().map(o -> o.key()).toList();
            if (!keys.isEmpty()) {
                assertThat(keys).as("the output %s", path).contains(path + "/_SUCCESS");
            }
            keys.stream().filter(key -> key.endsWith(".json"))
                    .forEach(key -> ids.addAll(idsIn(s3.client().getObjectAsBytes(r -> r.bucket(bucket).key(key))
                            .asUtf8String(), field)));
            return ids;
        }
    };

    private static final Lake LOCAL = new Lake() {
        @Override
        public String name() {
            return "local files";
        }

        @Override
        public String url(String path) {
            return "file://" + localRoot.toAbsolutePath() + "/" + path;
        }

        @Override
        public void put(String path, String text) {
            try {
                Path file = localRoot.resolve(path);
                Files.createDirectories(file.getParent());
                Files.writeString(file, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public List<Integer> ids(String path, String field) {
            Path dir = localRoot.resolve(path);
            if (!Files.exists(dir)) {
                return List.of();
            }
            assertThat(dir.resolve("_SUCCESS")).as("the output %s", path).exists();
            List<Integer> ids = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                    ids.addAll(idsIn(Files.readString(file), field));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ids;
        }
    };

    /**
     * The whole story of a bookmarked file source, on S3Proxy and on local files at once: job {@code events} reads
     * {@code lake.events_s3} (context {@code s3_events}) and {@code lake.events_local} (context
     * {@code local_events}), each partitioned by day, and the S3 table's folder again as options {@code paths}
     * (context {@code s3_paths}, where a new partition is just new files), keeps the rows its {@code --condition}
     * accepts and writes each source's as JSON to a local folder of the run's ({@code out/<tag>/s3}, {@code local},
     * {@code paths}).
     */
    @Test
    @Order(1)
    void filesOnS3ProxyAndLocalFilesAreReadOnceAndTheBookmarkMovesOnlyWhenARunCommits() throws Exception {
        for (Lake lake : List.of(S3, LOCAL)) {
            lake.put("events/day=1/part-0.csv", HEADER + "1,one\n2,two\n");
            lake.put("events/day=2/part-0.csv", HEADER + "3,three\n4,four\n");
            registerTable(tableOf(lake), lake.url("events/"), "1", "2");
        }
        createPipelineJob("events", """
                {"nodes": [
                  {"id": "s3_in", "type": "source", "transformationContext": "s3_events",
                   "catalog": {"database": "lake", "table": "events_s3"}},
                  {"id": "s3_kept", "type": "transform", "transform": "Filter", "inputs": ["s3_in"],
                   "condition": "${condition}"},
                  {"id": "s3_out", "type": "sink", "inputs": ["s3_kept"],
                   "options": {"connectionType": "s3", "format": "json", "options": {"path": "${out}/${tag}/s3"}}},
                  {"id": "local_in", "type": "source", "transformationContext": "local_events",
                   "catalog": {"database": "lake", "table": "events_local"}},
                  {"id": "local_kept", "type": "transform", "transform": "Filter", "inputs": ["local_in"],
                   "condition": "${condition}"},
                  {"id": "local_out", "type": "sink", "inputs": ["local_kept"],
                   "options": {"connectionType": "s3", "format": "json", "options": {"path": "${out}/${tag}/local"}}},
                  {"id": "paths_in", "type": "source", "transformationContext": "s3_paths",
                   "options": {"connectionType": "s3", "format": "csv", "formatOptions": {"withHeader": true},
                     "options": {"paths": ["${s3_events}"], "recurse": true}}},
                  {"id": "paths_kept", "type": "transform", "transform": "Filter", "inputs": ["paths_in"],
                   "condition": "${condition}"},
                  {"id": "paths_out", "type": "sink", "inputs": ["paths_kept"],
                   "options": {"connectionType": "s3", "format": "json", "options": {"path": "${out}/${tag}/paths"}}}
                ]}
                """, Map.of("--condition", "true", "--out", LOCAL.url("out"), "--s3_events", S3.url("events/"),
                "--job-bookmark-option", ENABLE), 1);

        // A first run reads everything; GetJobBookmark then has a state for each context.
        JobRun first = succeed("events", "first", Map.of());
        assertEventsRead("first", 1, 2, 3, 4);
        JobBookmarkEntry afterFirst = bookmark("events");
        assertThat(afterFirst.runId()).isEqualTo(first.id());
        assertThat(afterFirst.jobBookmark()).contains("s3_events", "local_events", "s3_paths");

        // A second run finds nothing new: it reads nothing and succeeds, and commits the next version.
        succeed("events", "second", Map.of());
        assertEventsRead("second");
        assertThat(bookmark("events").version()).isGreaterThan(afterFirst.version());

        // A new file in an existing partition, a new partition and a file rewritten in place are read.
        for (Lake lake : List.of(S3, LOCAL)) {
            lake.put("events/day=2/part-1.csv", HEADER + "5,five\n");
            lake.put("events/day=3/part-0.csv", HEADER + "6,six\n");
            addPartitions(tableOf(lake), lake.url("events/"), "3");
            lake.put("events/day=1/part-0.csv", HEADER + "1,one again\n9,nine\n");
        }
        succeed("events", "third", Map.of());
        assertEventsRead("third", 1, 5, 6, 9);

        // A run that fails after reading new data commits nothing: the bookmark stays where it was, and the next
        // run reads that data.
        for (Lake lake : List.of(S3, LOCAL)) {
            lake.put("events/day=1/part-1.csv", HEADER + "7,seven\n");
        }
        JobBookmarkEntry beforeFailure = bookmark("events");
        JobRun failed = run("events", Map.of("--tag", "failed", "--condition", "raise_error('boom') IS NULL"));
        assertThat(failed.jobRunState()).as(describe(failed)).isEqualTo(JobRunState.FAILED);
        assertThat(failed.errorMessage()).contains("boom");
        assertThat(bookmark("events")).isEqualTo(beforeFailure);
        JobRun afterFailure = succeed("events", "after-failure", Map.of());
        assertEventsRead("after-failure", 7);

        // Disabled: everything is read, and the bookmark is left as it was.
        JobBookmarkEntry beforeDisable = bookmark("events");
        succeed("events", "disabled", Map.of("--job-bookmark-option", "job-bookmark-disable"));
        assertEventsRead("disabled", 1, 3, 4, 5, 6, 7, 9);
        assertThat(bookmark("events")).isEqualTo(beforeDisable);

        // Paused from the first run to the one after the failure: exactly what arrived between them (not what came
        // after), and nothing committed.
        for (Lake lake : List.of(S3, LOCAL)) {
            lake.put("events/day=3/part-1.csv", HEADER + "8,eight\n");
        }
        succeed("events", "paused", Map.of("--job-bookmark-option", "job-bookmark-pause",
                "--job-bookmark-from", first.id(), "--job-bookmark-to", afterFailure.id()));
        assertEventsRead("paused", 1, 5, 6, 7, 9);
        assertThat(bookmark("events")).isEqualTo(beforeDisable);

        // After ResetJobBookmark a run reads everything there is.
        glue.resetJobBookmark(r -> r.jobName("events"));
        succeed("events", "after-reset", Map.of());
        assertEventsRead("after-reset", 1, 3, 4, 5, 6, 7, 8, 9);
    }

    /** A SQL script's reads of catalog tables are bookmarked too (context {@code db.table}). */
    @Test
    @Order(2)
    void aSqlScriptReadsOnlyWhatIsNewInTheTablesItQueries() throws Exception {
        S3.put("sql/day=1/part-0.csv", HEADER + "1,one\n2,two\n");
        registerTable("sql_events", S3.url("sql/"), "1");
        S3.put("jobs/sql-events.sql", """
                INSERT OVERWRITE DIRECTORY '${output}' USING json
                SELECT id, name, day FROM lake.sql_events;
                """);
        createJob("sql-events", S3.url("jobs/sql-events.sql"), Map.of("--job-bookmark-option", ENABLE), 1);

        succeed("sql-events", Map.of("--output", S3.url("sql-out/first")));
        assertThat(S3.ids("sql-out/first", "id")).containsExactlyInAnyOrder(1, 2);
        assertThat(bookmark("sql-events").jobBookmark()).contains("lake.sql_events");

        S3.put("sql/day=1/part-1.csv", HEADER + "3,three\n");
        succeed("sql-events", Map.of("--output", S3.url("sql-out/second")));
        assertThat(S3.ids("sql-out/second", "id")).as("the second run reads only the new file")
                .containsExactly(3);
    }

    /**
     * PostgreSQL tables by bookmark keys: ascending keys, descending keys (new rows have smaller keys), and the
     * primary key when no keys are given. Rows whose keys are on the far side of the bookmark are never read: it
     * goes by key, not by time.
     */
    @Test
    @Order(3)
    void jdbcTablesAreReadByKeyAscendingDescendingAndByThePrimaryKey() throws Exception {
        pgUrl = TestPostgres.createDatabase("mortar_bookmark");
        sql("CREATE TABLE events_asc (seq bigint NOT NULL, name text)",
                "CREATE TABLE events_desc (countdown bigint NOT NULL, name text)",
                "CREATE TABLE events_pk (id bigint PRIMARY KEY, name text)",
                "INSERT INTO events_asc VALUES (1, 'a'), (2, 'b'), (3, 'c')",
                "INSERT INTO events_desc VALUES (100, 'a'), (99, 'b'), (98, 'c')",
                "INSERT INTO events_pk VALUES (10, 'a'), (20, 'b')");
        createPipelineJob("warehouse", """
                {"nodes": [
                  {"id": "asc_in", "type": "source", "transformationContext": "asc",
                   "options": {"connectionType": "postgresql", "options": {"url": "${pg_url}",
                     "dbtable": "public.events_asc", "jobBookmarkKeys": ["seq"], "jobBookmarkKeysSortOrder": "asc"}}},
                  {"id": "asc_out", "type": "sink", "inputs": ["asc_in"],
                   "options": {"connectionType": "s3", "format": "json", "options": {"path": "${out}/${tag}/asc"}}},
                  {"id": "desc_in", "type": "source", "transformationContext": "desc",
                   "options": {"connectionType": "postgresql", "options": {"url": "${pg_url}",
                     "dbtable": "public.events_desc", "jobBookmarkKeys": ["countdown"],
                     "jobBookmarkKeysSortOrder": "desc"}}},
                  {"id": "desc_out", "type": "sink", "inputs": ["desc_in"],
                   "options": {"connectionType": "s3", "format": "json", "options": {"path": "${out}/${tag}/desc"}}},
                  {"id": "pk_in", "type": "source",
                   "options": {"connectionType": "postgresql", "options": {"url": "${pg_url}",
                     "dbtable": "public.events_pk"}}},
                  {"id": "pk_out", "type": "sink", "inputs": ["pk_in"],
                   "options": {"connectionType": "s3", "format": "json", "options": {"path": "${out}/${tag}/pk"}}}
                ]}
                """, Map.of("--pg_url", pgUrl, "--out", LOCAL.url("warehouse-out"),
                "--job-bookmark-option", ENABLE), 1);

        succeed("warehouse", Map.of("--tag", "first"));
        assertThat(LOCAL.ids("warehouse-out/first/asc", "seq")).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(LOCAL.ids("warehouse-out/first/desc", "countdown")).containsExactlyInAnyOrder(98, 99, 100);
        assertThat(LOCAL.ids("warehouse-out/first/pk", "id")).containsExactlyInAnyOrder(10, 20);
        // the source without a transformationContext is bookmarked by its node id
        assertThat(bookmark("warehouse").jobBookmark()).contains("\"asc\"", "\"desc\"", "\"pk_in\"");

        sql("INSERT INTO events_asc VALUES (4, 'd'), (5, 'e'), (0, 'behind the bookmark')",
                "INSERT INTO events_desc VALUES (97, 'd'), (96, 'e'), (101, 'behind the bookmark')",
                "INSERT INTO events_pk VALUES (30, 'c')");
        succeed("warehouse", Map.of("--tag", "second"));
        assertThat(LOCAL.ids("warehouse-out/second/asc", "seq")).containsExactlyInAnyOrder(4, 5);
        assertThat(LOCAL.ids("warehouse-out/second/desc", "countdown")).containsExactlyInAnyOrder(96, 97);
        assertThat(LOCAL.ids("warehouse-out/second/pk", "id")).containsExactlyInAnyOrder(30);
    }

    /**
     * Two runs of a bookmarked job started at once, MaxConcurrentRuns 2 and two free driver slots, with files
     * landing while they run: the second waits until the first has committed, so no row is read twice and none is
     * skipped.
     */
    @Test
    @Order(4)
    void concurrentRunsOfABookmarkedJobTakeTurns() throws Exception {
        S3.put("turns/day=1/part-0.csv", HEADER + "1,one\n2,two\n");
        registerTable("turns", S3.url("turns/"), "1");
        createPipelineJob("turns", """
                {"nodes": [
                  {"id": "in", "type": "source", "catalog": {"database": "lake", "table": "turns"}},
                  {"id": "out", "type": "sink", "inputs": ["in"],
                   "options": {"connectionType": "s3", "format": "json", "options": {"path": "${output}"}}}
                ]}
                """, Map.of("--job-bookmark-option", ENABLE), 2);

        String a = glue.startJobRun(r -> r.jobName("turns").arguments(Map.of("--output", LOCAL.url("turns-out/a"))))
                .jobRunId();
        String b = glue.startJobRun(r -> r.jobName("turns").arguments(Map.of("--output", LOCAL.url("turns-out/b"))))
                .jobRunId();
        S3.put("turns/day=1/part-1.csv", HEADER + "3,three\n");

        // While one of them runs, the other waits in the queue (or has already ended); a file lands meanwhile.
        Set<JobRunState> waitingOrEnded = new HashSet<>(JobRunWaits.FINAL);
        waitingOrEnded.add(JobRunState.WAITING);
        boolean sawOneWaiting = false;
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        for (int poll = 0; !sawOneWaiting && System.nanoTime() < deadline; poll++) {
            String one = poll % 2 == 0 ? a : b;
            String other = one.equals(a) ? b : a;
            // the other's state is read while this one is RUNNING throughout (RUNNING is one stretch of a run)
            JobRun before = JobRunWaits.run(glue, "turns", one);
            JobRun otherRun = JobRunWaits.run(glue, "turns", other);
            JobRun after = JobRunWaits.run(glue, "turns", one);
            if (before.jobRunState() == JobRunState.RUNNING && after.jobRunState() == JobRunState.RUNNING) {
                assertThat(otherRun.jobRunState()).as("run %s while run %s runs", other, one).isIn(waitingOrEnded);
                sawOneWaiting = otherRun.jobRunState() == JobRunState.WAITING;
            }
            Thread.sleep(100);
        }
        assertThat(sawOneWaiting).as("one run was seen running while the other waited").isTrue();
        S3.put("turns/day=1/part-2.csv", HEADER + "4,four\n");

        JobRun runA = JobRunWaits.awaitEnd(glue, "turns", a, RUN_LIMIT);
        JobRun runB = JobRunWaits.awaitEnd(glue, "turns", b, RUN_LIMIT);
        assertThat(runA.jobRunState()).as(describe(runA)).isEqualTo(JobRunState.SUCCEEDED);
        assertThat(runB.jobRunState()).as(describe(runB)).isEqualTo(JobRunState.SUCCEEDED);
        JobRun earlier = runA.completedOn().isBefore(runB.completedOn()) ? runA : runB;
        JobRun later = earlier == runA ? runB : runA;
        // the later run's execution (CompletedOn less ExecutionTime, whole seconds) began after the earlier ended
        Instant laterStarted = later.completedOn().minusSeconds(later.executionTime());
        assertThat(laterStarted).isAfterOrEqualTo(earlier.completedOn().minusSeconds(1));

        List<Integer> read = new ArrayList<>(LOCAL.ids("turns-out/a", "id"));
        read.addAll(LOCAL.ids("turns-out/b", "id"));
        assertThat(read).as("rows read by both runs together").containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(bookmark("turns").runId()).isEqualTo(later.id());
    }

    // ---------------------------------------------------------------- helpers

    private static String tableOf(Lake lake) {
        return lake == S3 ? "events_s3" : "events_local";
    }

    /** What run {@code tag} of job {@code events} read from each of its three sources. */
    private static void assertEventsRead(String tag, Integer... ids) {
        Map<String, String> sources = Map.of("s3", "the S3Proxy table", "local", "the local table",
                "paths", "the S3Proxy paths");
        sources.forEach((output, source) -> assertThat(LOCAL.ids("out/" + tag + "/" + output, "id"))
                .as("rows run '%s' read from %s", tag, source).containsExactlyInAnyOrder(ids));
    }

    private static List<Integer> idsIn(String jsonLines, String field) {
        List<Integer> ids = new ArrayList<>();
        for (String line : jsonLines.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode record = JSON.readTree(line);
                ids.add(record.get(field).asInt());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ids;
    }

    private static void createPipelineJob(String name, String pipeline, Map<String, String> arguments,
                                          int maxConcurrentRuns) {
        S3.put("jobs/" + name + ".json", pipeline);
        createJob(name, S3.url("jobs/" + name + ".json"), arguments, maxConcurrentRuns);
    }

    private static void createJob(String name, String script, Map<String, String> arguments, int maxConcurrentRuns) {
        glue.createJob(r -> r.name(name).role("etl")
                .command(JobCommand.builder().name("glueetl").scriptLocation(script).build())
                .executionProperty(ExecutionProperty.builder().maxConcurrentRuns(maxConcurrentRuns).build())
                .defaultArguments(arguments));
    }

    private static JobRun succeed(String job, String tag, Map<String, String> arguments) throws InterruptedException {
        Map<String, String> withTag = new HashMap<>(arguments);
        withTag.put("--tag", tag);
        return succeed(job, withTag);
    }

    private static JobRun succeed(String job, Map<String, String> arguments) throws InterruptedException {
        JobRun run = run(job, arguments);
        assertThat(run.jobRunState()).as(describe(run)).isEqualTo(JobRunState.SUCCEEDED);
        return run;
    }

    private static JobRun run(String job, Map<String, String> arguments) throws InterruptedException {
        String id = glue.startJobRun(r -> r.jobName(job).arguments(arguments)).jobRunId();
        return JobRunWaits.awaitEnd(glue, job, id, RUN_LIMIT);
    }

    private static JobBookmarkEntry bookmark(String job) {
        try {
            return glue.getJobBookmark(r -> r.jobName(job)).jobBookmarkEntry();
        } catch (EntityNotFoundException e) {
            throw new AssertionError("job " + job + " has no bookmark", e);
        }
    }

    private static String describe(JobRun run) {
        return "run " + run.id() + " ended " + run.jobRunState() + ": " + run.errorMessage();
    }

    /** A CSV table with a header, partitioned by {@code day}, its partitions in Hive-style folders. */
    private static void registerTable(String name, String location, String... days) {
        glue.createTable(r -> r.databaseName("lake").tableInput(TableInput.builder().name(name)
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "csv", "skip.header.line.count", "1"))
                .storageDescriptor(storage(location))
                .partitionKeys(column("day", "string"))
                .build()));
        addPartitions(name, location, days);
    }

    private static void addPartitions(String table, String location, String... days) {
        List<PartitionInput> partitions = new ArrayList<>();
        for (String day : days) {
            partitions.add(PartitionInput.builder().values(day).storageDescriptor(storage(location + "day=" + day
                    + "/")).build());
        }
        glue.batchCreatePartition(r -> r.databaseName("lake").tableName(table).partitionInputList(partitions));
    }

    private static StorageDescriptor storage(String location) {
        return StorageDescriptor.builder()
                .location(location)
                .columns(column("id", "int"), column("name", "string"))
                .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                .serdeInfo(SerDeInfo.builder().serializationLibrary("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                        .parameters(Map.of("field.delim", ",")).build())
                .build();
    }

    private static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(pgUrl); Statement st = c.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
        }
    }
}

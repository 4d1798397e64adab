package io.mortar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The job commands against a real server, with one real driver: {@code mortar jobs}, {@code mortar start-run}
 * (its arguments reach the SQL script), {@code mortar logs --follow} (prints the driver log to the end and exits
 * with the outcome), {@code mortar runs} (the finished run as a table).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class JobCommandsTest {
    private static TestServer server;
    private static GlueClient glue;
    private static Path script;

    @BeforeAll
    static void jobs() throws Exception {
        server = TestServer.start(StoreBackend.SQLITE);
        glue = server.client();
        script = Files.writeString(server.dataDir().resolve("hello.sql"), "SELECT '${greeting}' AS greeting");
        glue.createJob(b -> b.name("hello").role("glue").command(c -> c.scriptLocation(script.toString()))
                .workerType("G.2X").numberOfWorkers(3).timeout(30));
        glue.createJob(b -> b.name("nightly").role("glue").command(c -> c.scriptLocation("/jobs/nightly.sql"))
                .maxRetries(2));
    }

    @AfterAll
    static void stop() {
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static CliRun mortar(String... args) {
        return CliRun.against(server, args);
    }

    @Test
    void jobsListsEveryJobWithItsScriptAndCapacity() {
        CliRun run = mortar("jobs");

        assertThat(run.exit()).as(run.err()).isZero();
        PrintedTable table = PrintedTable.read(run.lines());
        assertThat(table.column("NAME")).containsExactly("hello", "nightly");
        assertThat(table.column("SCRIPT")).containsExactly(script.toString(), "/jobs/nightly.sql");
        assertThat(table.column("CAPACITY")).containsExactly("3 x G.2X", "10 DPU");
        assertThat(table.column("TIMEOUT (MIN)")).containsExactly("30", "480");
        assertThat(table.column("MAX RETRIES")).containsExactly("0", "2");
    }

    @Test
    void startRunFollowTheLogAndListTheRun() {
        CliRun started = mortar("start-run", "hello", "--arg", "greeting=bonjour");
        assertThat(started.exit()).as(started.err()).isZero();
        String runId = started.out().strip();
        assertThat(runId).matches("jr_[0-9a-f]{64}");

        CliRun logs = mortar("logs", runId, "--follow");
        assertThat(logs.exit()).as("the run succeeded: " + logs.err()).isZero();
        assertThat(logs.out()).contains("(run " + runId + ")").contains("bonjour").contains("Job succeeded");
        assertThat(mortar("logs", runId).out()).as("the whole log without --follow").isEqualTo(logs.out());

        PrintedTable runs = PrintedTable.read(mortar("runs", "hello").lines());
        assertThat(runs.column("ID")).containsExactly(runId);
        assertThat(runs.column("ATTEMPT")).containsExactly("0");
        assertThat(runs.column("STATE")).containsExactly("SUCCEEDED");
        // 3 G.2X workers = 6 DPUs, for at least a minute.
        int seconds = Integer.parseInt(runs.column("TIME (S)").get(0));
        assertThat(runs.column("DPU-S")).containsExactly(String.valueOf(6 * Math.max(60, seconds)));
        assertThat(runs.column("ERROR")).containsExactly("");
    }

    @Test
    void unknownRunsAndJobsAreClearErrors() {
        CliRun logs = mortar("logs", "jr_nope");
        assertThat(logs.exit()).isEqualTo(2);
        assertThat(logs.err()).contains("no job run jr_nope");

        CliRun runs = mortar("runs", "no_such_job");
        assertThat(runs.exit()).isEqualTo(2);
        assertThat(runs.err()).contains("EntityNotFoundException").contains("no_such_job");

        CliRun start = mortar("start-run", "hello", "--arg", "novalue");
        assertThat(start.exit()).isEqualTo(2);
        assertThat(start.err()).contains("--arg must be KEY=VALUE");
    }
}

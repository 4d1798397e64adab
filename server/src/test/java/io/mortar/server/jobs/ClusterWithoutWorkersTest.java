package io.mortar.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mortar.server.MortarServer;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.testing.JobRunWaits;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * A run on a standalone master whose workers are all gone fails at once, through the real server and its queue,
 * with an ErrorMessage naming the master, the worker type and its sizes, instead of waiting for an executor until
 * its Timeout. The master is only its web UI's status here: no driver is ever started.
 */
class ClusterWithoutWorkersTest {
    private static final String STATUS = """
            {"url": "spark://127.0.0.1:7077", "workers": [
               {"id": "worker-1", "host": "127.0.0.1", "cores": 1, "memory": 1024, "state": "DEAD"}],
             "aliveworkers": 0, "activeapps": [], "completedapps": [], "status": "ALIVE"}
            """;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aG1xRunFailsAtOnceNamingTheMasterAndTheSizes() throws Exception {
        Path dataDir = StoreBackend.tempDir("mortar-no-workers");
        HttpServer master = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        master.createContext("/json/", exchange -> {
            byte[] body = STATUS.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        master.start();
        JobsConfig defaults = JobsConfig.defaults(System.getenv());
        JobsConfig jobs = new JobsConfig("spark://127.0.0.1:7077", defaults.sparkJars(), defaults.javaHome(), "512m",
                Map.of(), Duration.ofSeconds(3), Duration.ofMinutes(1))
                .withMasterWebUi(URI.create("http://127.0.0.1:" + master.getAddress().getPort() + "/"));
        try (MortarServer server = MortarServer.start(ServerConfig.embedded(dataDir, 0).withJobs(jobs));
             GlueClient glue = TestServer.client(server)) {
            Path script = Files.writeString(dataDir.resolve("one.sql"), "SELECT 1");
            glue.createJob(r -> r.name("etl").role("glue").workerType("G.1X").numberOfWorkers(3)
                    .command(c -> c.name("glueetl").scriptLocation(script.toString())));
            String id = glue.startJobRun(r -> r.jobName("etl")).jobRunId();

            JobRun run = JobRunWaits.awaitEnd(glue, "etl", id, Duration.ofSeconds(60));

            assertThat(run.jobRunState()).isEqualTo(JobRunState.FAILED);
            assertThat(run.errorMessage()).isEqualTo("Mortar could not launch the job driver: The Spark master"
                    + " spark://127.0.0.1:7077 has no alive worker (its status at http://127.0.0.1:"
                    + master.getAddress().getPort() + "/json/ lists none), so the run's executors (WorkerType G.1X"
                    + " wants 10g executors with 4 cores) could never start. Start workers for it, or run jobs on a"
                    + " local master.");
            assertThat(dataDir.resolve("runs").resolve(id).resolve("driver.log")).content()
                    .startsWith("Mortar: The Spark master spark://127.0.0.1:7077 has no alive worker");
        } finally {
            master.stop(0);
            FileUtils.deleteQuietly(dataDir.toFile());
        }
    }
}

package io.mortar.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.mortar.server.jobs.ClusterResources.Worker;
import io.mortar.server.jobs.StandaloneMasterProbe.NoAnswer;
import io.mortar.server.jobs.StandaloneMasterProbe.Workers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reading a standalone master's workers from its web UI's JSON status, as a Spark 4.1 master writes it. */
class StandaloneMasterProbeTest {
    private static final String MASTER = "spark://127.0.0.1:7077";
    /** A trimmed copy of what a Spark 4.1 master answers at /json/. */
    private static final String STATUS = """
            {"url": "spark://127.0.0.1:7077",
             "workers": [
               {"id": "worker-1", "host": "127.0.0.1", "cores": 1, "coresused": 1, "coresfree": 0, "memory": 1024,
                "memoryused": 1024, "memoryfree": 0, "state": "ALIVE"},
               {"id": "worker-2", "host": "127.0.0.1", "cores": 8, "memory": 65536, "state": "DEAD"},
               {"id": "worker-3", "host": "127.0.0.1", "cores": 2, "memory": 3072, "state": "ALIVE"}],
             "aliveworkers": 2, "cores": 3, "memory": 4096, "activeapps": [], "completedapps": [], "status": "ALIVE"}
            """;

    private final AtomicInteger requests = new AtomicInteger();
    private final List<HttpServer> servers = new ArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    /** A web UI on a free loopback port whose {@code /json/} answers {@code status} with {@code body}. */
    private URI serve(int status, String body) throws IOException {
        return serve(exchange -> {
            requests.incrementAndGet();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    private URI serve(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/json/", handler);
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        released.countDown();
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void theAliveWorkersAreRead() throws IOException {
        URI webUi = serve(200, STATUS);

        StandaloneMasterProbe.Answer answer = new StandaloneMasterProbe(MASTER, List.of(webUi)).ask();

        assertThat(answer).isEqualTo(new Workers(webUi.resolve("/json/"),
                new ClusterResources(List.of(new Worker(1, 1024), new Worker(2, 3072)))));
    }

    @Test
    void anAnswerIsReusedForAFewSecondsSoABurstOfRunsAsksOnce() throws IOException {
        URI webUi = serve(200, STATUS);
        AtomicLong now = new AtomicLong();
        StandaloneMasterProbe probe = new StandaloneMasterProbe(MASTER, List.of(webUi), now::get);

        StandaloneMasterProbe.Answer first = probe.ask();
        now.addAndGet(StandaloneMasterProbe.REUSE.toNanos() - 1);
        assertThat(probe.ask()).isSameAs(first);
        assertThat(requests).hasValue(1);

        now.addAndGet(1);
        assertThat(probe.ask()).isEqualTo(first).isNotSameAs(first);
        assertThat(requests).hasValue(2);
    }

    @Test
    void theAliveMasterOfAHighlyAvailablePairAnswers() throws IOException {
        URI standby = serve(200, "{\"url\": \"spark://10.0.0.1:7077\", \"workers\": [], \"status\": \"STANDBY\"}");
        URI alive = serve(200, STATUS);
        String pair = "spark://10.0.0.1:7077,127.0.0.1:7077";

        StandaloneMasterProbe.Answer answer = new StandaloneMasterProbe(pair, List.of(standby, alive)).ask();

        assertThat(answer).isInstanceOfSatisfying(Workers.class, w -> {
            assertThat(w.statusUrl()).isEqualTo(alive.resolve("/json/"));
            assertThat(w.resources().aliveWorkers()).hasSize(2);
        });
        assertThat(new StandaloneMasterProbe(pair, List.of(standby)).ask()).isEqualTo(new NoAnswer(
                standby.resolve("/json/") + " is a master in state STANDBY"));
    }

    @Test
    void aMasterThatCannotBeReadIsNoAnswerSayingWhy() throws IOException {
        assertThat(new StandaloneMasterProbe(MASTER, List.of(URI.create("http://127.0.0.1:1/"))).ask())
                .isInstanceOfSatisfying(NoAnswer.class, no -> assertThat(no.reason())
                        .isEqualTo("http://127.0.0.1:1/json/: connection refused"));

        URI notFound = serve(404, "no");
        assertThat(new StandaloneMasterProbe(MASTER, List.of(notFound)).ask()).isEqualTo(
                new NoAnswer(notFound.resolve("/json/") + " answered HTTP 404"));
    }

    @Test
    void anotherProgramOnThePortIsNotTakenForAClusterWithoutWorkers() throws IOException {
        URI other = serve(200, "{\"status\": \"ALIVE\", \"version\": 3}");
        URI otherCluster = serve(200, STATUS.replace("spark://127.0.0.1:7077", "spark://127.0.0.1:41234"));

        assertThat(new StandaloneMasterProbe(MASTER, List.of(other)).ask()).isEqualTo(new NoAnswer(
                other.resolve("/json/") + " is not a Spark master's status (no workers in it)"));
        assertThat(new StandaloneMasterProbe(MASTER, List.of(otherCluster)).ask()).as("another mortar cluster")
                .isEqualTo(new NoAnswer(otherCluster.resolve("/json/") + " is the status of spark://127.0.0.1:41234,"
                        + " not of this master"));
        assertThat(new StandaloneMasterProbe(MASTER, List.of(serve(200, "<html>Jenkins</html>"))).ask())
                .isInstanceOf(NoAnswer.class);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aMasterThatNeverAnswersIsGivenUpOn() throws IOException {
        URI silent = serve(exchange -> {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        StandaloneMasterProbe.Answer answer = new StandaloneMasterProbe(MASTER, List.of(silent)).ask();

        assertThat(answer).isInstanceOfSatisfying(NoAnswer.class, no -> assertThat(no.reason()).contains("timed out"));
    }
}

package io.mortar.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.server.config.RequestLimits;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * What clients can no longer take from the server, over real sockets against a real server with small limits:
 * memory (large bodies in flight stay within the body budget; the rest are throttled, never an OutOfMemoryError),
 * worker threads (connections that send a head and part of a body hold none, so other clients are served), time
 * (stalled and trickling bodies end in 408) and connections (beyond the cap, clients wait to be accepted).
 */
class RequestLimitsTest {
    private static final long MAX_BODY = 256 << 10;
    private TestServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private void start(long budget, long minRate, Duration idleTimeout, int maxConnections) {
        server = TestServer.start(StoreBackend.SQLITE, config -> config.withListen(config.listen().withLimits(
                new RequestLimits(MAX_BODY, budget, minRate, idleTimeout, maxConnections))));
    }

    private RawHttp connect() throws IOException {
        return RawHttp.connect(server.endpoint());
    }

    /** A GetDatabases body of exactly {@code size} bytes (JSON whitespace pads it). */
    private static String paddedBody(long size) {
        String call = "{\"MaxResults\": 10}";
        return call + " ".repeat((int) size - call.length());
    }

    /** A client that gives up after a few seconds, so a server that cannot answer fails the test. */
    private GlueClient impatientClient() {
        return GlueClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(root())
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(10)).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(10)))
                .build();
    }

    /**
     * The server answers, and serves a body of the largest size once the requests before have ended. A body's
     * reservation is given back when its exchange completes, which may be a moment after its client read the
     * answer, so a throttled attempt is retried, as the AWS SDKs retry ThrottlingException.
     */
    private void assertHealthy() throws Exception {
        try (RawHttp http = connect()) {
            assertThat(http.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").read().status()).isEqualTo(200);
        }
        RawHttp.Reply full = null;
        for (int attempt = 0; attempt < 50 && (full == null || full.status() != 200); attempt++) {
            if (full != null) {
                full.assertGlueError(400, "ThrottlingException");
                Thread.sleep(100);
            }
            try (RawHttp http = connect()) {
                full = http.send(RawHttp.glueCall("GetDatabases", paddedBody(MAX_BODY), root())).read();
            }
        }
        assertThat(full.status()).as("a body of the largest size, once the burst is over: %s", full.body())
                .isEqualTo(200);
    }

    @Test
    void concurrentLargeBodiesAreServedOrThrottledWithinTheBudget() throws Exception {
        start(4 * MAX_BODY, RequestLimits.DEFAULT_MIN_BODY_RATE, Duration.ofSeconds(30), 1000);
        int clients = 24;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<RawHttp.Reply>>> results = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                results.add(pool.submit(() -> {
                    List<RawHttp.Reply> replies = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        try (RawHttp http = connect()) {
                            replies.add(http.send(RawHttp.glueCall("GetDatabases", paddedBody(MAX_BODY - 1000), root()))
                                    .read());
                        }
                    }
                    return replies;
                }));
            }
            Map<String, Integer> outcomes = new TreeMap<>();
            for (Future<List<RawHttp.Reply>> result : results) {
                for (RawHttp.Reply reply : result.get()) {
                    JsonNode body = RawHttp.JSON.readTree(reply.body());
                    if (reply.status() == 200) {
                        assertThat(body.has("DatabaseList")).as(reply.body()).isTrue();
                        outcomes.merge("served", 1, Integer::sum);
                    } else {
                        reply.assertGlueError(400, "ThrottlingException");
                        assertThat(body.get("Message").asText()).contains("mortar.http.body-budget", "1m");
                        outcomes.merge("throttled", 1, Integer::sum);
                    }
                }
            }
            assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3 * clients);
            assertThat(outcomes).containsKey("served");
        } finally {
            pool.shutdownNow();
        }
        assertHealthy();
    }

    @Test
    void aFullBudgetThrottlesAtOnceAndIsGivenBackWhenItsBodiesEnd() throws Exception {
        start(2 * MAX_BODY, RequestLimits.DEFAULT_MIN_BODY_RATE, Duration.ofSeconds(30), 1000);
        List<RawHttp> holders = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) { // two bodies of the largest size, partly sent: the whole budget
                holders.add(holder());
            }
            // The holders' heads reach the server a moment after they were sent: until then a probe's body fits,
            // and a holder arriving while a probe is in flight is throttled itself (it gets an answer), and is
            // sent again.
            RawHttp.Reply reply = null;
            for (int attempt = 0; attempt < 100 && (reply == null || reply.status() == 200); attempt++) {
                for (int i = 0; i < holders.size(); i++) {
                    if (holders.get(i).answersWithin(20)) {
                        holders.get(i).close();
                        holders.set(i, holder());
                    }
                }
                try (RawHttp http = connect()) {
                    reply = http.send(RawHttp.glueCall("GetDatabases", "{}", root())).read();
                }
            }
            assertThat(reply.assertGlueError(400, "ThrottlingException")).contains("mortar.http.body-budget");
            assertThat(reply.header("Connection")).isEqualTo("close");
            try (RawHttp http = connect()) { // a request without a body needs no budget
                assertThat(http.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").read().status())
                        .isEqualTo(200);
            }
            // One holder finishes its body and is answered; the other gives up.
            RawHttp finished = holders.get(0);
            RawHttp.Reply served = finished.send(paddedBody(MAX_BODY).substring(100)).read();
            assertThat(served.status()).as(served.body()).isEqualTo(200);
            holders.get(1).close();
        } finally {
            for (RawHttp holder : holders) {
                holder.close();
            }
        }
        assertHealthy();
    }

    /** A connection that sent the head of a body of the largest size and its first 100 bytes. */
    private RawHttp holder() throws IOException {
        String body = paddedBody(MAX_BODY);
        String call = RawHttp.glueCall("GetDatabases", body, root()); // signed: the one that finishes is served
        return connect().send(call.substring(0, call.length() - body.length() + 100));
    }

    @Test
    void connectionsHoldingPartBodiesHoldNoThreadsSoOtherClientsAreServed() throws Exception {
        start(RequestLimits.defaultBodyBudget(), RequestLimits.DEFAULT_MIN_BODY_RATE, Duration.ofSeconds(30), 1000);
        List<RawHttp> slow = new ArrayList<>();
        try {
            // More than Jetty's 250 worker threads, each with a head and 10 of 1,000 bytes.
            for (int i = 0; i < 300; i++) {
                slow.add(connect().send(RawHttp.glueHead("GetDatabases", 1000) + "{         "));
            }
            try (GlueClient glue = impatientClient()) {
                for (int i = 0; i < 5; i++) {
                    assertThat(glue.getDatabases(r -> r.maxResults(10)).databaseList()).isNotNull();
                }
            }
            try (RawHttp http = connect()) {
                assertThat(http.send(RawHttp.glueCall("GetDatabases", "{}", root())).read().status()).isEqualTo(200);
            }
        } finally {
            for (RawHttp connection : slow) {
                connection.close();
            }
        }
        assertHealthy();
    }

    @Test
    void aBodyThatStopsArrivingIsAnsweredWith408AfterTheIdleTimeout() throws Exception {
        start(RequestLimits.defaultBodyBudget(), 0, Duration.ofSeconds(1), 1000);
        try (RawHttp http = connect()) {
            RawHttp.Reply reply = http.send(RawHttp.glueHead("GetDatabases", 1000) + "{ ").read();

            assertThat(reply.assertGlueError(408, "RequestTimeoutException")).contains("after 2 bytes");
            assertThat(reply.header("Connection")).isEqualTo("close");
            assertThat(http.closedByServer()).isTrue();
        }
        assertHealthy();
    }

    @Test
    void aBodyThatTricklesInIsAnsweredWith408() throws Exception {
        // The idle timeout never fires (a byte every 50 ms); the rate of 10 bytes a second is far below 4 KiB/s.
        start(RequestLimits.defaultBodyBudget(), 4096, Duration.ofSeconds(30), 1000);
        try (RawHttp http = connect()) {
            http.send(RawHttp.glueHead("GetDatabases", 1000) + "{");
            RawHttp.Reply reply = null;
            for (int sent = 1; sent < 1000 && reply == null; sent++) {
                http.send(" ");
                if (http.answersWithin(50)) {
                    reply = http.read();
                }
            }

            assertThat(reply).as("an answer before the whole body was sent").isNotNull();
            reply.assertGlueError(408, "RequestTimeoutException");
            assertThat(http.closedByServer()).isTrue();
        }
        assertHealthy();
    }

    @Test
    void beyondTheConnectionCapClientsWaitToBeAccepted() throws Exception {
        start(RequestLimits.defaultBodyBudget(), RequestLimits.DEFAULT_MIN_BODY_RATE, Duration.ofSeconds(30), 4);
        List<RawHttp> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) { // accepted: each has been answered once, and stays open
                RawHttp http = connect();
                open.add(http);
                assertThat(http.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").read().status())
                        .isEqualTo(200);
            }
            try (RawHttp waiting = connect()) {
                waiting.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                assertThat(waiting.answersWithin(1000)).as("an answer beyond the cap").isFalse();

                open.remove(0).close();

                assertThat(waiting.read().status()).isEqualTo(200);
            }
        } finally {
            for (RawHttp http : open) {
                http.close();
            }
        }
    }

    /** The server's root key, which the calls that must be served are signed with. */
    private AwsCredentialsProvider root() {
        return TestServer.rootCredentials(server.dataDir());
    }
}

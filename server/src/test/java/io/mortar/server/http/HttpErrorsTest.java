package io.mortar.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.server.config.RequestLimits;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.glue.model.GlueException;

/**
 * Every answer of the HTTP edge is Glue JSON, over raw sockets: paths and methods Mortar does not serve, what Jetty
 * refuses before any handler (a malformed request line, a URI or headers too large), and bodies over the size
 * limit, refused before they are read. Those the server cannot read past close the connection cleanly after a
 * {@code Connection: close} answer.
 */
class HttpErrorsTest {
    private static final long MAX_BODY = 64 << 10;
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(StoreBackend.SQLITE, config -> config.withListen(config.listen().withLimits(
                new RequestLimits(MAX_BODY, 4 * MAX_BODY, RequestLimits.DEFAULT_MIN_BODY_RATE, Duration.ofSeconds(30),
                        1000))));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static RawHttp connect() throws Exception {
        return RawHttp.connect(server.endpoint());
    }

    @Test
    void getOnTheGlueEndpointIsAnUnknownOperationNamingTheWayIn() throws Exception {
        try (RawHttp http = connect()) {
            // signed: without a signature every request is refused first, as AWS refuses it
            RawHttp.Reply reply = http.send(RawHttp.signedHead("GET", "/", Map.of(), new byte[0], root()) + "\r\n")
                    .read();

            String message = reply.assertGlueError(405, "UnknownOperationException");
            assertThat(message).contains("GET /", "POST /", "X-Amz-Target");
            assertThat(reply.header("Allow")).isEqualTo("POST");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /no/such/path, 404",
            "POST, /nowhere, 404",
            "PUT, /, 405",
            "DELETE, /, 405",
            "PATCH, /health, 405",
            "PUT, /crawlers/x/dry-run, 405",
    })
    void pathsAndMethodsMortarDoesNotServeAreUnknownOperations(String method, String path, int status)
            throws Exception {
        try (RawHttp http = connect()) {
            RawHttp.Reply reply = http.send(RawHttp.signedHead(method, path, Map.of(), new byte[0], root())
                    + "Content-Length: 0\r\n\r\n").read();

            assertThat(reply.assertGlueError(status, "UnknownOperationException")).contains(method + " " + path);
            // Nothing was left unread: the connection serves the next request.
            assertThat(http.send(RawHttp.glueCall("GetDatabases", "{}", root())).read().status()).isEqualTo(200);
        }
    }

    @Test
    void aMalformedRequestLineIsA400InGlueJsonAndTheConnectionClosesCleanly() throws Exception {
        try (RawHttp http = connect()) {
            RawHttp.Reply reply = http.send("THIS IS NOT HTTP\r\n\r\n").read();

            reply.assertGlueError(400, "SerializationException");
            assertThat(reply.header("Connection")).isEqualTo("close");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "GET /%ZZ HTTP/1.1, 400",
            "GET /a/../../b HTTP/1.1, 400",
            "GET / HTTP/2.5, 505",
    })
    void aRequestLineJettyCannotReadIsAGlueSerializationException(String requestLine, int status) throws Exception {
        try (RawHttp http = connect()) {
            RawHttp.Reply reply = http.send(requestLine + "\r\nHost: 127.0.0.1\r\n\r\n").read();

            assertThat(reply.assertGlueError(status, "SerializationException")).startsWith("HTTP " + status);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void aMalformedHeaderIsA400InGlueJson() throws Exception {
        try (RawHttp http = connect()) {
            RawHttp.Reply reply = http.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\n\r\n")
                    .read();

            reply.assertGlueError(400, "SerializationException");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void aUriTooLongIsA414InGlueJson() throws Exception {
        try (RawHttp http = connect()) {
            RawHttp.Reply reply = http.send("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .read();

            assertThat(reply.assertGlueError(414, "SerializationException")).contains("414");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void headersTooLargeAreA431InGlueJson() throws Exception {
        try (RawHttp http = connect()) {
            RawHttp.Reply reply = http.send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSGlue.GetDatabases"
                    + "\r\nX-Padding: " + "p".repeat(20_000) + "\r\nContent-Length: 2\r\n\r\n{}").read();

            assertThat(reply.assertGlueError(431, "SerializationException")).contains("431");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void aBadRequestAfterAGoodOneOnTheSameConnectionEndsItWithAGlueErrorAndConnectionClose() throws Exception {
        try (RawHttp http = connect()) {
            assertThat(http.send(RawHttp.glueCall("GetDatabases", "{}", root())).read().status()).isEqualTo(200);

            RawHttp.Reply reply = http.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBroken header\r\n\r\n").read();

            reply.assertGlueError(400, "SerializationException");
            assertThat(reply.header("Connection")).isEqualTo("close");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413BeforeItIsSent() throws Exception {
        try (RawHttp http = connect()) {
            // Only the head: the answer comes without a byte of the body.
            RawHttp.Reply reply = http.send(RawHttp.glueHead("GetDatabases", MAX_BODY + 1)).read();

            String message = reply.assertGlueError(413, "RequestEntityTooLargeException");
            assertThat(message).contains("mortar.http.max-body-size", "64k");
            assertThat(reply.header("Connection")).isEqualTo("close");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    /**
     * The AWS SDK writes its whole body before it reads an answer: the server reads and drops the rest of a refused
     * body, so the SDK gets the 413 rather than a connection reset in the middle of its body.
     */
    @Test
    void anSdkClientSendingABodyOverTheLimitGetsThe413() {
        String description = "d".repeat((int) MAX_BODY + 10_000);

        assertThatThrownBy(() -> server.client().createDatabase(r -> r.databaseInput(d -> d.name("too_large")
                .description(description))))
                .isInstanceOfSatisfying(GlueException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(413);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestEntityTooLargeException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("mortar.http.max-body-size");
                });
    }

    @Test
    void aChunkedBodyIsRefusedWith413OnceItPassesTheLimit() throws Exception {
        try (RawHttp http = connect()) {
            http.send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSGlue.GetDatabases\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            String chunk = " ".repeat(16 << 10);
            for (int sent = 0; sent <= MAX_BODY; sent += chunk.length()) {
                http.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            }

            RawHttp.Reply reply = http.read();

            reply.assertGlueError(413, "RequestEntityTooLargeException");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void bodiesUpToTheLimitAreServedWhetherSizedOrChunked() throws Exception {
        String body = "{\"MaxResults\": 10}" + " ".repeat((int) MAX_BODY - 18);
        try (RawHttp http = connect()) {
            RawHttp.Reply sized = http.send(RawHttp.glueCall("GetDatabases", body, root())).read();
            assertThat(sized.status()).as(sized.body()).isEqualTo(200);
            assertThat(sized.body()).contains("DatabaseList");

            http.send(RawHttp.signedHead("POST", "/", Map.of("X-Amz-Target", "AWSGlue.GetDatabases"),
                    body.getBytes(StandardCharsets.UTF_8), root()) + "Transfer-Encoding: chunked\r\n\r\n");
            int half = body.length() / 2;
            for (String part : new String[] {body.substring(0, half), body.substring(half)}) {
                http.send(Integer.toHexString(part.length()) + "\r\n" + part + "\r\n");
            }
            RawHttp.Reply chunked = http.send("0\r\n\r\n").read();
            assertThat(chunked.status()).as(chunked.body()).isEqualTo(200);
            assertThat(chunked.body()).contains("DatabaseList");
        }
    }

    /** The server's root key, which the calls that must be served are signed with. */
    private static AwsCredentialsProvider root() {
        return TestServer.rootCredentials(server.dataDir());
    }
}

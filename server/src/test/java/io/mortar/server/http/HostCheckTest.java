package io.mortar.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Database;

/**
 * The Host check over raw sockets against a real server on loopback with one configured name: a request naming
 * another host — as a browser does for a page whose name was made to resolve to 127.0.0.1 (DNS rebinding) — is
 * refused with 421 MisdirectedRequestException on every path, before anything else happens; requests for the
 * server's own names are served.
 */
class HostCheckTest {
    private static TestServer server;
    private static int port;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(StoreBackend.SQLITE, config -> config.withListen(config.listen()
                .withHostnames(List.of("mortar.test"))));
        port = server.endpoint().getPort();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static RawHttp.Reply send(String request) throws Exception {
        try (RawHttp http = RawHttp.connect(server.endpoint())) {
            return http.send(request).read();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:%d", "EVIL.example:%d", "127.0.0.1.evil.example:%d",
            "localhost.evil.example", "192.0.2.7:%d", "[2001:db8::1]:%d", "mortar.test.evil.example"})
    void aRequestNamingAnotherHostIsRefusedWithMisdirectedRequest(String host) throws Exception {
        String header = host.formatted(port);
        try (RawHttp http = RawHttp.connect(server.endpoint())) {
            RawHttp.Reply reply = http.send(RawHttp.get("/health", header)).read();

            String message = reply.assertGlueError(421, "MisdirectedRequestException");
            assertThat(message).contains("host " + header + ",", "is not a name this server answers to",
                    "DNS rebinding", "mortar.hostnames");
            assertThat(http.closedByServer()).as("the connection closes after the refusal").isTrue();
        }
    }

    @Test
    void theRefusalNamesTheFlagThatWouldAllowTheName() throws Exception {
        String message = send(RawHttp.get("/health", "glue.corp.example:" + port))
                .assertGlueError(421, "MisdirectedRequestException");

        assertThat(message).endsWith("add it to mortar.hostnames (--hostname glue.corp.example).");
    }

    @Test
    void everyPathIsCheckedBeforeRoutingTheGlueApiAndMortarsOwnEndpoints() throws Exception {
        String evil = "evil.example:" + port;
        String body = "{}";
        String glueCall = "POST / HTTP/1.1\r\nHost: " + evil + "\r\nContent-Type: application/x-amz-json-1.1\r\n"
                + "X-Amz-Target: AWSGlue.GetDatabases\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;

        send(glueCall).assertGlueError(421, "MisdirectedRequestException");
        send(RawHttp.get("/no/such/path", evil)).assertGlueError(421, "MisdirectedRequestException");
        send(RawHttp.get("/runs/jr_0/log", evil)).assertGlueError(421, "MisdirectedRequestException");
        send(RawHttp.get("/triggers/t/events", evil)).assertGlueError(421, "MisdirectedRequestException");
        send("POST /events/s3 HTTP/1.1\r\nHost: " + evil + "\r\nContent-Type: application/json\r\nContent-Length: 2"
                + "\r\n\r\n{}").assertGlueError(421, "MisdirectedRequestException");
    }

    @Test
    void aMisdirectedCallChangesNothing() throws Exception {
        String body = "{\"DatabaseInput\":{\"Name\":\"rebound\"}}";
        String create = "POST / HTTP/1.1\r\nHost: evil.example:" + port + "\r\nContent-Type:"
                + " application/x-amz-json-1.1\r\nX-Amz-Target: AWSGlue.CreateDatabase\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;

        send(create).assertGlueError(421, "MisdirectedRequestException");

        assertThat(server.client().getDatabases(r -> {}).databaseList()).extracting(Database::name)
                .doesNotContain("rebound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:%d", "localhost", "LocalHost:%d", "localhost.:%d", "127.0.0.1:%d", "127.0.0.1",
            "127.0.0.2:%d", "[::1]:%d", "[::1]", "[0:0:0:0:0:0:0:1]:%d", "mortar.test:%d", "MORTAR.Test",
            "mortar.test."})
    void requestsForTheServersOwnNamesAreServed(String host) throws Exception {
        RawHttp.Reply reply = send(RawHttp.get("/health", host.formatted(port)));

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void aGlueCallForTheServersNameIsServed() throws Exception {
        RawHttp.Reply reply = send(RawHttp.glueCall("GetDatabases", "{}", root()));

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.body()).contains("DatabaseList");
    }

    @Test
    void anHttp11RequestWithoutHostIsRefused() throws Exception {
        String message = send("GET /health HTTP/1.1\r\n\r\n").assertGlueError(400, "SerializationException");

        assertThat(message).contains("No Host");
    }

    @Test
    void anHttp10RequestWithoutHostNamesNoHostAndIsServed() throws Exception {
        try (RawHttp http = RawHttp.connect(server.endpoint())) {
            http.send("GET /health HTTP/1.0\r\n\r\n");
            String answer = new String(http.readAll(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("{\"status\":\"ok\"}");
        }
    }

    @Test
    void anHttp10RequestNamingAnotherHostIsRefused() throws Exception {
        try (RawHttp http = RawHttp.connect(server.endpoint())) {
            http.send("GET /health HTTP/1.0\r\nHost: evil.example\r\n\r\n");
            String answer = new String(http.readAll(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 421").contains("MisdirectedRequestException");
        }
    }

    @Test
    void anAbsoluteRequestTargetIsCheckedAsTheHostItNames() throws Exception {
        String evil = "evil.example:" + port;
        send("GET http://" + evil + "/health HTTP/1.1\r\nHost: " + evil + "\r\n\r\n")
                .assertGlueError(421, "MisdirectedRequestException");
        try (RawHttp http = RawHttp.connect(server.endpoint())) {
            http.send("GET http://" + evil + "/health HTTP/1.0\r\n\r\n");
            assertThat(new String(http.readAll(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 421")
                    .contains("MisdirectedRequestException");
        }
        assertThat(send("GET http://127.0.0.1:" + port + "/health HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\n\r\n").status()).isEqualTo(200);
        // a target and a Host that differ are Jetty's to refuse
        send("GET http://" + evil + "/health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                .assertGlueError(400, "SerializationException");
    }

    @Test
    void theSdkIsServedUnderTheEndpointsAddressAndUnderLocalhost() {
        try (GlueClient byName = TestServer.client(URI.create("http://localhost:" + port), root())) {
            byName.createDatabase(r -> r.databaseInput(d -> d.name("by_name")));

            assertThat(server.client().getDatabase(r -> r.name("by_name")).database().name()).isEqualTo("by_name");
        }
    }

    /** The server's root key, which the calls that must be served are signed with. */
    private static AwsCredentialsProvider root() {
        return TestServer.rootCredentials(server.dataDir());
    }
}

package io.mortar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the commands that call Mortar's own endpoints (beside the Glue API) report a server that answers with an
 * error, or none: one line on stderr with what the server said, and a non-zero exit. The server here is a stand-in
 * that answers every path with the status and body a test gives, since a healthy Mortar does not fail on demand.
 */
class ServerErrorsTest {
    private HttpServer server;
    private URI endpoint;
    private volatile int status;
    private volatile String contentType;
    private volatile String body;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(int status, String contentType, String body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    @Test
    void aServerErrorShowsTheCallAndWhatTheServerSaid() {
        answer(500, "text/plain", "the run store is locked\n");

        CliRun logs = CliRun.against(endpoint, "logs", "jr_1");

        assertThat(logs.exit()).isEqualTo(2);
        assertThat(logs.out()).isEmpty();
        assertThat(logs.err()).isEqualTo("error: GET " + endpoint + "/runs/jr_1/log?from=0 answered 500: the run store"
                + " is locked\n");
    }

    @Test
    void aJsonMessageIsShownWithoutItsJson() {
        answer(503, "application/json", "{\"message\": \"crawl logs are being moved\", \"status\": 503}");

        CliRun log = CliRun.against(endpoint, "crawl-log", "c 1");

        assertThat(log.exit()).isEqualTo(2);
        assertThat(log.err()).isEqualTo("error: GET " + endpoint + "/crawls/c%201/log answered 503: crawl logs are"
                + " being moved\n");
    }

    @Test
    void aGlueErrorIsShownAsItsTypeAndMessage() {
        answer(500, "application/x-amz-json-1.1", "{\"__type\": \"InternalServiceException\", \"Message\": \"disk"
                + " full\"}");

        CliRun dryRun = CliRun.against(endpoint, "crawl", "raw", "--dry-run");

        assertThat(dryRun.exit()).isEqualTo(2);
        assertThat(dryRun.err()).isEqualTo("error: InternalServiceException: disk full\n");
    }

    @Test
    void aPathTheServerDoesNotKnowSaysWhatServesIt() {
        answer(404, "text/html", "<h1>Not Found</h1>");

        CliRun dryRun = CliRun.against(endpoint, "crawl", "raw", "--dry-run");

        assertThat(dryRun.exit()).isEqualTo(2);
        assertThat(dryRun.err()).isEqualTo("error: POST " + endpoint + "/crawlers/raw/dry-run answered 404:"
                + " <h1>Not Found</h1> (dry runs need a Mortar server)\n");
    }

    @Test
    void aLongAnswerIsCutToOneShortLine() {
        answer(502, "text/plain", "upstream\nfailed " + "x".repeat(500));

        CliRun logs = CliRun.against(endpoint, "logs", "jr_1");

        assertThat(logs.exit()).isEqualTo(2);
        String said = logs.err().substring(logs.err().indexOf("answered 502: ") + "answered 502: ".length());
        assertThat(said).startsWith("upstream failed xxx").endsWith("…\n").hasSize(200 + 1);
    }

    @Test
    void noAnswerIsExitThreeNamingTheEndpoint() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        CliRun logs = CliRun.run(Map.of(), "--endpoint", "http://127.0.0.1:" + port, "logs", "jr_1");

        assertThat(logs.exit()).isEqualTo(3);
        assertThat(logs.err()).startsWith("error: cannot reach Mortar at http://127.0.0.1:" + port + ": ")
                .contains("Connection refused").contains("--endpoint");
    }
}

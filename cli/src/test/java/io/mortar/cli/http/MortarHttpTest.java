package io.mortar.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MortarHttpTest {
    private HttpServer server;
    private URI endpoint;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", exchange -> {
            byte[] sent = exchange.getRequestBody().readAllBytes();
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + sent.length + " bytes");
            byte[] bytes = "grüße".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Mortar-Run-State", "RUNNING");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anAnswerHasItsStatusHeadersAndBody() throws IOException {
        HttpAnswer answer = MortarHttp.CALLS.get(endpoint.resolve("/echo/a%20b"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.succeeded()).isTrue();
        assertThat(answer.requireSuccess()).isSameAs(answer);
        assertThat(answer.text()).isEqualTo("grüße");
        assertThat(answer.bytes()).hasSize(7);
        assertThat(answer.header("x-mortar-run-state")).as("names ignore case").contains("RUNNING");
        assertThat(answer.header("X-Nothing")).isEmpty();
        assertThat(calls).containsExactly("GET /echo/a%20b 0 bytes");
    }

    @Test
    void aPostSendsAnEmptyBody() throws IOException {
        assertThat(MortarHttp.UNHURRIED.post(endpoint.resolve("/echo")).status()).isEqualTo(200);

        assertThat(calls).containsExactly("POST /echo 0 bytes");
    }

    @Test
    void anAnswerThatIsNotTwoHundredIsAnErrorOnlyWhenRequired() throws IOException {
        HttpAnswer answer = MortarHttp.CALLS.get(endpoint.resolve("/missing"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.text()).isEmpty();
        assertThatThrownBy(answer::requireSuccess).isInstanceOf(HttpStatusException.class)
                .hasMessage("GET " + endpoint + "/missing answered 404")
                .satisfies(e -> assertThat(((HttpStatusException) e).status()).isEqualTo(404));
        assertThatThrownBy(() -> answer.requireSuccess("only Mortar serves it"))
                .hasMessage("GET " + endpoint + "/missing answered 404 (only Mortar serves it)");
    }

    @Test
    void aServerSlowerThanTheReadTimeoutIsAnIoFailure() {
        MortarHttp impatient = new MortarHttp(Duration.ofSeconds(1), Duration.ofMillis(200), null);

        assertThatThrownBy(() -> impatient.get(endpoint.resolve("/slow")))
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void aNameIsOnePathSegment() {
        assertThat(MortarHttp.pathSegment("raw tickets/2024+x")).isEqualTo("raw%20tickets%2F2024%2Bx");
    }
}

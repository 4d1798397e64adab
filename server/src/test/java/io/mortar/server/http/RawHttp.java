package io.mortar.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.server.testing.SignedHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * One HTTP/1.1 connection over a plain socket, for what no HTTP client will send: malformed request lines,
 * oversized headers, bodies that stop half-way, connections that are opened and held. Reads responses by hand, so
 * a test sees exactly the status, headers, body and whether the server then closed the connection.
 */
final class RawHttp implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough for any answer the server owes; a test that waits this long has failed. */
    static final int PATIENCE_MILLIS = 30_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int pushedBack = -1;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawHttp connect(URI endpoint) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), PATIENCE_MILLIS);
        socket.setSoTimeout(PATIENCE_MILLIS);
        return new RawHttp(socket);
    }

    /** Over TLS with {@code tls} (which decides what the client trusts), the handshake done. */
    static RawHttp connect(URI endpoint, SSLContext tls) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), PATIENCE_MILLIS);
        plain.setSoTimeout(PATIENCE_MILLIS);
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, endpoint.getHost(),
                endpoint.getPort(), true);
        socket.startHandshake();
        return new RawHttp(socket);
    }

    /** A request for {@code path} naming {@code host} (a whole Host header value) and nothing else. */
    static String get(String path, String host) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
    }

    /** The head of a Glue API call with a body of {@code contentLength} bytes (no body sent yet). */
    static String glueHead(String operation, long contentLength) {
        return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\n"
                + "X-Amz-Target: AWSGlue." + operation + "\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    /** A whole Glue API call, unsigned. */
    static String glueCall(String operation, String body) {
        return glueHead(operation, body.getBytes(StandardCharsets.UTF_8).length) + body;
    }

    /** A whole Glue API call signed by {@code signer} (SigV4, as the AWS SDK signs it), naming host 127.0.0.1. */
    static String glueCall(String operation, String body, AwsCredentialsProvider signer) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return signedHead("POST", "/", Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target",
                "AWSGlue." + operation), bytes, signer) + "Content-Length: " + bytes.length + "\r\n\r\n" + body;
    }

    /**
     * The request line and headers of a request signed by {@code signer} for {@code body}, naming host 127.0.0.1,
     * without the blank line that ends them: the caller adds how the body travels (its length, or chunked).
     */
    static String signedHead(String method, String path, Map<String, String> headers, byte[] body,
                             AwsCredentialsProvider signer) {
        Map<String, String> signed = SignedHttp.signedHeaders(method, URI.create("http://127.0.0.1" + path), body,
                headers, signer, "us-east-1", "glue", Clock.systemUTC());
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        signed.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.toString();
    }

    RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The TLS version the connection speaks (null over plain TCP). */
    String tlsProtocol() {
        return socket instanceof SSLSocket tls ? tls.getSession().getProtocol() : null;
    }

    /** Everything the server sends until it closes the connection. */
    byte[] readAll() throws IOException {
        return in.readAllBytes();
    }

    void soTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Reads one response (its body by Content-Length, or to the end of the connection). */
    Reply read() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        assertThat(parts[0]).as("status line %s", statusLine).startsWith("HTTP/1.1");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                chunks.write(in.readNBytes(size));
                line();
            }
            line();
            body = chunks.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new Reply(Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Whether the server closed the connection after its answer, cleanly (end of stream, not a reset), within the
     * patience: what a client must see after a {@code Connection: close} answer.
     */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Whether an answer began to arrive within {@code millis}. */
    boolean answersWithin(int millis) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            int b = in.read();
            if (b >= 0) {
                pushedBack = b; // the first byte of the answer, for read()
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout(before);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b;
            if (pushedBack >= 0) {
                b = pushedBack;
                pushedBack = -1;
            } else {
                b = in.read();
            }
            if (b < 0) {
                throw new IOException("connection closed in the middle of a line: " + line);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A response as it came over the wire. */
    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /**
         * Asserts the shape of every Mortar error: the status, a Glue JSON body {@code {"__type", "Message"}} of the
         * type, the JSON 1.1 content type, {@code X-Amzn-ErrorType} and a request id; returns the message.
         */
        String assertGlueError(int expectedStatus, String type) throws IOException {
            assertThat(status).as("status of %s", this).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).as("content type of %s", this).startsWith("application/x-amz-json-1.1");
            JsonNode error = JSON.readTree(body);
            List<String> members = new ArrayList<>();
            error.fieldNames().forEachRemaining(members::add);
            assertThat(members).as(body).containsExactlyInAnyOrder("__type", "Message");
            assertThat(error.get("__type").asText()).isEqualTo(type);
            assertThat(header("X-Amzn-ErrorType")).isEqualTo(type);
            assertThat(header("x-amzn-RequestId")).isNotBlank();
            String message = error.get("Message").asText();
            assertThat(message).isNotBlank();
            return message;
        }
    }
}

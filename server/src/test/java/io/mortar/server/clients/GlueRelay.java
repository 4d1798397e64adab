package io.mortar.server.clients;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A plain HTTP relay between a Glue client and Mortar that records every exchange (operation, request body, status,
 * response body) and can line requests up: {@link #holdTogether} keeps the next N requests of one operation until all
 * N have arrived and then lets them go at once. That turns "two writers commit at the same moment" from a matter of
 * luck into a certainty, without touching the client: it just has its endpoint pointed here. The recording is also
 * the raw evidence for a failure message.
 */
final class GlueRelay implements AutoCloseable {
    /** One request and Mortar's answer; {@code errorType} is the X-Amzn-ErrorType header, null on success. */
    record Exchange(String operation, String request, int status, String errorType, String response) {
        @Override
        public String toString() {
            return operation + " " + request + "\n  -> " + status + (errorType == null ? "" : " " + errorType)
                    + " " + response;
        }
    }

    /**
     * Headers the JDK client sets itself and refuses to be given. {@code Host} is forwarded as the client sent it,
     * since its SigV4 signature covers it (the server's pom lets the JDK client send it:
     * {@code jdk.httpclient.allowRestrictedHeaders=host}).
     */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "date", "expect", "from",
            "upgrade", "via", "warning", "transfer-encoding", "keep-alive");
    private static final Duration HOLD_LIMIT = Duration.ofSeconds(30);

    private final URI target;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "glue-relay");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final AtomicReference<Hold> hold = new AtomicReference<>();

    private GlueRelay(URI target) {
        this.target = target;
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::relay);
        server.setExecutor(workers);
        server.start();
    }

    /** Starts a relay on a free loopback port forwarding to {@code target}. */
    static GlueRelay to(URI target) {
        return new GlueRelay(target);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    List<Exchange> exchanges(String operation) {
        return exchanges.stream().filter(e -> e.operation().equals(operation)).toList();
    }

    /** The last exchanges recorded (at most 60), two lines each: for assertion messages. */
    String transcript() {
        List<Exchange> all = exchanges();
        List<Exchange> tail = all.subList(Math.max(0, all.size() - 60), all.size());
        StringBuilder text = new StringBuilder("Glue exchanges through the relay (last " + tail.size() + " of "
                + all.size() + "):\n");
        tail.forEach(e -> text.append(e).append('\n'));
        return text.toString();
    }

    /**
     * Holds the next {@code parties} requests of {@code operation} until all of them have arrived, then forwards
     * them together. A request that waits longer than 30 s goes on alone and the hold reports it.
     */
    Hold holdTogether(String operation, int parties) {
        Hold h = new Hold(operation, parties);
        if (!hold.compareAndSet(null, h)) {
            throw new IllegalStateException("a hold is already armed");
        }
        return h;
    }

    /** A rendezvous for the next N requests of one operation. */
    final class Hold {
        private final String operation;
        private final int parties;
        private final AtomicInteger admitted = new AtomicInteger();
        private final CountDownLatch arrived;
        private volatile boolean timedOut;

        private Hold(String operation, int parties) {
            this.operation = operation;
            this.parties = parties;
            this.arrived = new CountDownLatch(parties);
        }

        /** True once all parties arrived and were released together. */
        boolean metInFull() {
            return arrived.getCount() == 0 && !timedOut;
        }

        private boolean takes(String op) {
            if (!operation.equals(op)) {
                return false;
            }
            int n = admitted.incrementAndGet();
            if (n == parties) {
                hold.compareAndSet(this, null); // the last party disarms: later requests pass straight through
            }
            return n <= parties;
        }

        private void await() throws InterruptedException {
            arrived.countDown();
            if (!arrived.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
            }
        }
    }

    private void relay(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
            Hold h = hold.get();
            if (h != null && h.takes(operation)) {
                h.await();
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(this.target.resolve(exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    header.getValue().forEach(v -> forward.header(header.getKey(), v));
                }
            }
            HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            exchanges.add(new Exchange(operation, new String(body, StandardCharsets.UTF_8), answer.statusCode(),
                    answer.headers().firstValue("X-Amzn-ErrorType").orElse(null),
                    new String(answer.body(), StandardCharsets.UTF_8)));
            answer.headers().map().forEach((name, values) -> {
                if (!name.startsWith(":") && !NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] payload = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), payload.length == 0 ? -1 : payload.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(payload);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("relay interrupted", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}

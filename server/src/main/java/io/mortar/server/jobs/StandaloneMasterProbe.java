package io.mortar.server.jobs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Asks a Spark standalone master what its workers offer, through the {@code /json/} status of its web UI (what the
 * master shows outsiders without Spark's RPC). It runs as a driver is launched, so it waits little (a second to
 * connect, two for the answer) and reuses an answer, or the lack of one, for a few seconds: a burst of runs asks
 * once. With several masters (high availability) the ALIVE one answers. A status is only believed when it is the
 * master's own: a web UI address that reaches another cluster (a default port taken by another {@code mortar
 * cluster}) is no answer.
 */
final class StandaloneMasterProbe {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(2);
    static final Duration REUSE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPARK_SCHEME = "spark://";

    /** What the probe learnt: the alive workers, from the status at {@code statusUrl}, or why it could not. */
    sealed interface Answer permits Workers, NoAnswer {}

    record Workers(URI statusUrl, ClusterResources resources) implements Answer {}

    record NoAnswer(String reason) implements Answer {}

    private final Set<String> masterUrls;
    private final List<URI> webUis;
    private final HttpClient http;
    private final LongSupplier nanoTime;
    private Answer last;
    private long lastAt;

    /**
     * @param master the {@code spark://} master URL runs are launched with
     * @param webUis its web UI, or those of each of its masters
     */
    StandaloneMasterProbe(String master, List<URI> webUis) {
        this(master, webUis, System::nanoTime);
    }

    StandaloneMasterProbe(String master, List<URI> webUis, LongSupplier nanoTime) {
        if (webUis.isEmpty()) {
            throw new IllegalArgumentException("no web UI to ask");
        }
        this.masterUrls = Arrays.stream(master.substring(SPARK_SCHEME.length()).split(","))
                .map(hostPort -> SPARK_SCHEME + hostPort.strip()).collect(Collectors.toUnmodifiableSet());
        this.webUis = List.copyOf(webUis);
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The workers the master reports now (or at most {@link #REUSE} ago). */
    synchronized Answer ask() {
        long now = nanoTime.getAsLong();
        if (last == null || now - lastAt >= REUSE.toNanos()) {
            last = fetch();
            lastAt = nanoTime.getAsLong();
        }
        return last;
    }

    private Answer fetch() {
        StringBuilder reasons = new StringBuilder();
        for (URI webUi : webUis) {
            URI statusUrl = webUi.resolve("/json/");
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(statusUrl).timeout(ANSWER_TIMEOUT)
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    reasons.append(reasons.isEmpty() ? "" : "; ").append(statusUrl).append(" answered HTTP ")
                            .append(response.statusCode());
                    continue;
                }
                JsonNode status = JSON.readTree(response.body());
                if (!status.path("workers").isArray()) { // another program on the port: no workers to read
                    reasons.append(reasons.isEmpty() ? "" : "; ").append(statusUrl)
                            .append(" is not a Spark master's status (no workers in it)");
                    continue;
                }
                String url = status.path("url").asText("");
                if (!masterUrls.contains(url)) {
                    reasons.append(reasons.isEmpty() ? "" : "; ").append(statusUrl).append(" is the status of ")
                            .append(url.isEmpty() ? "another program" : url).append(", not of this master");
                    continue;
                }
                String state = status.path("status").asText("ALIVE");
                if (!state.equals("ALIVE")) { // a standby master of a highly available pair knows no workers
                    reasons.append(reasons.isEmpty() ? "" : "; ").append(statusUrl).append(" is a master in state ")
                            .append(state);
                    continue;
                }
                return new Workers(statusUrl, ClusterResources.parse(status));
            } catch (IOException e) {
                reasons.append(reasons.isEmpty() ? "" : "; ").append(statusUrl).append(": ").append(describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new NoAnswer("interrupted while asking " + statusUrl);
            }
        }
        return new NoAnswer(reasons.toString());
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused"; // the JDK's client says only "ConnectException"
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}

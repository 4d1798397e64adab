package io.mortar.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Master's state as its web UI reports it at {@code /json}: the Workers with their state, and the running and
 * completed applications. Read through HTTP because that is what the Master offers to outsiders without Spark
 * classes.
 */
public record MasterStatus(JsonNode json) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Fetches {@code <webUi>/json}; an IOException while the Master is not (yet) answering. */
    public static MasterStatus fetch(URI webUi) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(webUi.resolve("/json/")).timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the Master web UI answered " + response.statusCode() + " at " + request.uri());
        }
        return new MasterStatus(MAPPER.readTree(response.body()));
    }

    /** The number of Workers in state ALIVE. */
    public int aliveWorkers() {
        int alive = 0;
        for (JsonNode worker : json.path("workers")) {
            if ("ALIVE".equals(worker.path("state").asText())) {
                alive++;
            }
        }
        return alive;
    }

    /** The ids of completed applications, e.g. {@code app-20260101120000-0000}. */
    public List<String> completedApplicationIds() {
        return ids(json.path("completedapps"));
    }

    /** The ids of running applications. */
    public List<String> activeApplicationIds() {
        return ids(json.path("activeapps"));
    }

    private static List<String> ids(JsonNode apps) {
        List<String> ids = new ArrayList<>();
        apps.forEach(app -> ids.add(app.path("id").asText()));
        return ids;
    }
}

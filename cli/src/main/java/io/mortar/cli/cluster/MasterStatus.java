package io.mortar.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.cli.http.HttpStatusException;
import io.mortar.cli.http.MortarHttp;
import io.mortar.server.jobs.ClusterResources;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The Master's state as its web UI reports it at {@code /json}: the Workers with their state, and the running and
 * completed applications. Read through HTTP because that is what the Master offers to outsiders without Spark
 * classes.
 */
public record MasterStatus(JsonNode json) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Fetches {@code <webUi>/json}.
     *
     * @throws IOException while the Master is not (yet) answering
     * @throws HttpStatusException when its web UI answers with an error
     */
    public static MasterStatus fetch(URI webUi) throws IOException {
        return new MasterStatus(MAPPER.readTree(MortarHttp.PROBE.get(webUi.resolve("/json/")).requireSuccess().text()));
    }

    /** The number of Workers in state ALIVE. */
    public int aliveWorkers() {
        return ClusterResources.parse(json).aliveWorkers().size();
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

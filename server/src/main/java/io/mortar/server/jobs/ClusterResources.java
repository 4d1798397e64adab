package io.mortar.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Spark standalone cluster can give executors, as its master reports it in its web UI's {@code /json/}
 * status: each alive worker's cores and memory in all. In all, not free: a worker busy with other runs frees them
 * again, and a run that waits for that waits for a while, not forever.
 *
 * The one reader of a master's workers: the launcher fits executors to them, and {@code mortar cluster} counts them.
 *
 * @param aliveWorkers the workers in state ALIVE
 */
public record ClusterResources(List<Worker> aliveWorkers) {
    /** One worker's offer to executors: {@code --cores} and {@code --memory} (in MiB, as the master counts it). */
    public record Worker(int cores, long memoryMb) {}

    public ClusterResources {
        aliveWorkers = List.copyOf(aliveWorkers);
    }

    /** The alive workers of a master's {@code /json/} document. */
    public static ClusterResources parse(JsonNode status) {
        List<Worker> alive = new ArrayList<>();
        for (JsonNode worker : status.path("workers")) {
            if ("ALIVE".equals(worker.path("state").asText())) {
                alive.add(new Worker(worker.path("cores").asInt(), worker.path("memory").asLong()));
            }
        }
        return new ClusterResources(alive);
    }
}

package io.mortar.store.workflows;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A workflow as stored: its Glue definition document (Description, DefaultRunProperties, MaxConcurrentRuns; not its
 * graph, which its triggers make, nor its last run) and the limit the store enforces when a run starts.
 *
 * @param maxConcurrentRuns runs of it in progress at once; null for no limit
 */
public record StoredWorkflow(String name, String document, Integer maxConcurrentRuns, Instant createTime,
                             Instant updateTime) {
    public StoredWorkflow {
        requireNonNull(name, "name");
        requireNonNull(document, "document");
    }
}

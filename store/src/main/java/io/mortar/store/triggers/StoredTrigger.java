package io.mortar.store.triggers;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/**
 * A trigger as stored: its Glue {@code Trigger} document (the definition with defaults applied, without state), the
 * columns the scheduler and the API search by (workflow, type, state), and the jobs and crawlers it names, which the
 * service reads out of the definition: those its actions start (GetTriggers' {@code DependentJobName}, a workflow's
 * graph) and those its predicate watches (which triggers a run's end may fire).
 *
 * @param workflowName the workflow it belongs to; null for none
 * @param type SCHEDULED, CONDITIONAL, ON_DEMAND or EVENT
 * @param state CREATED, ACTIVATED, DEACTIVATED (Glue's transitional states are not stored)
 */
public record StoredTrigger(String name, String workflowName, String type, String state, String document,
                            Set<Ref> starts, Set<Ref> watches, Instant createTime, Instant updateTime) {
    /** A job or a crawler, by name. */
    public record Ref(Kind kind, String name) {
        public Ref {
            requireNonNull(kind, "kind");
            requireNonNull(name, "name");
        }
    }

    /** What a trigger can start or watch. */
    public enum Kind { JOB, CRAWLER }

    public StoredTrigger {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(state, "state");
        requireNonNull(document, "document");
        starts = Set.copyOf(starts);
        watches = Set.copyOf(watches);
    }
}

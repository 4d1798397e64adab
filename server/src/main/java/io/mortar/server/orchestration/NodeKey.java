package io.mortar.server.orchestration;

import io.mortar.store.triggers.StoredTrigger;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.Condition;

/**
 * The key under which a workflow run claims a node: {@code JOB:name}, {@code CRAWLER:name} or {@code TRIGGER:name}.
 * A node runs at most once in a workflow run, however many triggers lead to it (so a run always ends).
 */
record NodeKey(Type type, String name) {
    enum Type { JOB, CRAWLER, TRIGGER }

    static NodeKey of(Action action) {
        return action.jobName() != null ? new NodeKey(Type.JOB, action.jobName())
                : new NodeKey(Type.CRAWLER, action.crawlerName());
    }

    static NodeKey of(Condition condition) {
        return condition.jobName() != null ? new NodeKey(Type.JOB, condition.jobName())
                : new NodeKey(Type.CRAWLER, condition.crawlerName());
    }

    static NodeKey trigger(String name) {
        return new NodeKey(Type.TRIGGER, name);
    }

    static NodeKey of(StoredTrigger.Ref ref) {
        return new NodeKey(ref.kind() == StoredTrigger.Kind.JOB ? Type.JOB : Type.CRAWLER, ref.name());
    }

    /** The key as stored, e.g. {@code JOB:load}. */
    String key() {
        return type + ":" + name;
    }

    static NodeKey parse(String key) {
        int colon = key.indexOf(':');
        return new NodeKey(Type.valueOf(key.substring(0, colon)), key.substring(colon + 1));
    }
}

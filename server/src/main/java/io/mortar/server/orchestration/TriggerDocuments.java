package io.mortar.server.orchestration;

import io.mortar.model.GlueJson;
import io.mortar.store.triggers.StoredTrigger;
import software.amazon.awssdk.services.glue.model.Trigger;

/** A stored trigger as Glue's {@code Trigger}: its definition document with its name and state. */
public final class TriggerDocuments {
    private TriggerDocuments() {}

    public static Trigger toTrigger(StoredTrigger stored) {
        return GlueJson.read(stored.document(), Trigger.builder()).toBuilder().name(stored.name())
                .state(stored.state()).build();
    }
}

package io.mortar.server.events;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.catalog.TagService;
import io.mortar.model.GlueException;
import io.mortar.store.triggers.StoredTrigger;
import io.mortar.store.triggers.TriggerStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.GetTagsRequest;

/**
 * Which triggers receive events now: the ACTIVATED EVENT triggers, with the places their {@value EventSources#TAG}
 * tag names, read afresh on every call (a StartTrigger or TagResource takes effect on the next one).
 */
final class WatchedTriggers {
    static final String EVENT = "EVENT";
    static final String ACTIVATED = "ACTIVATED";

    private final TriggerStore triggers;
    private final TagService tags;
    private final CatalogIdentity identity;
    private final OnceLog problems = new OnceLog(LoggerFactory.getLogger(WatchedTriggers.class));

    WatchedTriggers(TriggerStore triggers, TagService tags, CatalogIdentity identity) {
        this.triggers = requireNonNull(triggers, "triggers");
        this.tags = requireNonNull(tags, "tags");
        this.identity = requireNonNull(identity, "identity");
    }

    /** The ACTIVATED EVENT triggers whose tag names places; a tag that does not parse is warned of once. */
    List<WatchedTrigger> now() {
        List<WatchedTrigger> out = new ArrayList<>();
        for (StoredTrigger trigger : triggers.withTypeAndState(EVENT, ACTIVATED)) {
            Optional<String> value = tagValue(trigger.name());
            if (value.isEmpty()) {
                continue;
            }
            String key = trigger.name() + " " + value.get();
            try {
                out.add(new WatchedTrigger(trigger.name(), EventSources.parse(value.get())));
                problems.clear(key);
            } catch (GlueException e) {
                problems.warn(key, "Trigger {} watches nothing: {}", trigger.name(), e.getMessage());
            }
        }
        return out;
    }

    /** The trigger's {@value EventSources#TAG} tag; empty without one, or when the trigger is gone. */
    Optional<String> tagValue(String trigger) {
        try {
            return Optional.ofNullable(tags.getTags(GetTagsRequest.builder().resourceArn(arn(trigger)).build()).tags()
                    .get(EventSources.TAG));
        } catch (GlueException e) {
            return Optional.empty(); // deleted since it was listed
        }
    }

    /** The trigger's ARN, under which its tags live. */
    String arn(String trigger) {
        return identity.arnPrefix() + "trigger/" + trigger;
    }
}

package io.mortar.server.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mortar.model.GlueJson;
import io.mortar.store.events.StoredBatch;
import io.mortar.store.events.StoredEvent;
import java.time.Instant;

/**
 * {@code GET /triggers/{name}/events}: an EVENT trigger's locations, batching, pending events and latest batches,
 * for {@code mortar triggers events}. An unknown trigger is EntityNotFoundException.
 */
public final class TriggerEventsEndpoint {
    /** Pending events and batches shown. */
    static final int SHOWN = 20;

    private final EventIntake intake;

    public TriggerEventsEndpoint(EventIntake intake) {
        this.intake = requireNonNull(intake, "intake");
    }

    public void handle(Context ctx) {
        ctx.contentType("application/json").result(json(intake.describe(ctx.pathParam("name"), SHOWN)).toString());
    }

    static ObjectNode json(EventIntake.TriggerEvents events) {
        ObjectNode json = GlueJson.mapper().createObjectNode();
        json.put("trigger", events.trigger());
        json.put("arn", events.arn());
        json.put("type", events.type());
        json.put("state", events.state());
        ArrayNode locations = json.putArray("locations");
        events.locations().forEach(locations::add);
        if (events.problem() != null) {
            json.put("problem", events.problem());
        }
        json.put("batchSize", events.batching().size());
        json.put("batchWindow", events.batching().windowSeconds());
        json.put("pendingCount", events.pendingCount());
        ArrayNode pending = json.putArray("pending");
        for (StoredEvent event : events.pending()) {
            ObjectNode e = pending.addObject();
            e.put("eventId", event.eventId());
            e.put("object", event.objectUrl());
            e.put("size", event.size());
            e.put("receivedAt", time(event.receivedAt()));
        }
        ArrayNode batches = json.putArray("batches");
        for (StoredBatch batch : events.batches()) {
            ObjectNode b = batches.addObject();
            b.put("batchId", batch.batchId());
            b.put("events", batch.eventIds().size());
            b.put("closedBy", batch.batchSize() > 0 ? "BatchSize " + batch.batchSize()
                    : "BatchWindow " + batch.batchWindowSeconds());
            b.put("closedAt", time(batch.closedAt()));
            if (batch.firedAt() != null) {
                b.put("firedAt", time(batch.firedAt()));
            }
            ArrayNode ids = b.putArray("eventIds");
            batch.eventIds().forEach(ids::add);
        }
        return json;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}

package io.mortar.server.events;

import java.util.List;

/** An ACTIVATED EVENT trigger with the locations its {@value EventSources#TAG} tag names. */
record WatchedTrigger(String name, List<EventLocation> locations) {
    WatchedTrigger {
        locations = List.copyOf(locations);
    }

    /** Whether an object is an event of this trigger: under one of its locations, and not bookkeeping. */
    boolean watches(String objectUrl) {
        return locations.stream().anyMatch(location -> location.watches(objectUrl));
    }
}

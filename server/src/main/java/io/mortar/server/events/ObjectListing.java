package io.mortar.server.events;

import io.mortar.store.events.ObjectEvent;
import java.io.IOException;
import java.util.List;

/** What the watcher lists a location with: every object there now that would be an event. */
interface ObjectListing extends AutoCloseable {
    List<ObjectEvent> list(EventLocation location) throws IOException;

    @Override
    void close();
}

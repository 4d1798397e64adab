package io.mortar.runtime.io;

import io.mortar.runtime.bookmark.JobBookmarks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transformation contexts a run's sources and sinks declared, in order, and the run's {@link JobBookmarks}, which
 * keeps its state by these names; an unnamed step is given its description as frame name and is not recorded (and
 * not bookmarked, as in Glue).
 */
public final class TransformationContexts {
    private static final Logger LOG = LoggerFactory.getLogger(TransformationContexts.class);

    /** One recorded step: its context name, whether it is a source or a sink, and what it reads or writes. */
    public record Entry(String name, String kind, String target) {}

    private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());
    private volatile JobBookmarks bookmarks = JobBookmarks.disabled();

    /** The run's job bookmark, which the sources filter by (disabled unless the run enabled it). */
    public JobBookmarks bookmarks() {
        return bookmarks;
    }

    public void bookmarks(JobBookmarks bookmarks) {
        this.bookmarks = Objects.requireNonNull(bookmarks, "bookmarks");
    }

    /** Records a step and returns the frame name to use. */
    public String record(String name, String kind, String target) {
        if (name == null || name.isBlank()) {
            return target;
        }
        synchronized (entries) {
            if (entries.stream().anyMatch(e -> e.name().equals(name) && e.kind().equals(kind))) {
                LOG.warn("The transformation context '{}' is used by more than one {}; bookmarks need unique names",
                        name, kind);
            }
            entries.add(new Entry(name, kind, target));
        }
        LOG.info("{} '{}': {}", kind, name, target);
        return name;
    }

    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }
}

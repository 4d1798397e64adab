package io.mortar.store.jobs;

import static java.util.Objects.requireNonNull;

/**
 * A job's bookmark as committed: Glue's {@code JobBookmarkEntry}. The bookmark itself is an opaque JSON document
 * (each transformation context's state inside it) that only the job runtime reads.
 *
 * @param version how many commits (and rewinds) the bookmark has seen; the compare-and-set of the next commit
 * @param run how many runs have committed it
 * @param attempt the committing run's attempt
 * @param previousRunId the run that committed the state this one was built on; null for the first
 * @param runId the run that committed this state; null after a reset to nothing (no run's state is current)
 * @param bookmark the state, a JSON document; null after a reset to nothing (the next run reads everything)
 */
public record StoredBookmark(String jobName, int version, int run, int attempt, String previousRunId, String runId,
                             String bookmark) {
    public StoredBookmark {
        requireNonNull(jobName, "jobName");
        if ((runId == null) != (bookmark == null)) {
            throw new IllegalArgumentException("a bookmark entry has both a run and a state, or neither (cleared)");
        }
    }

    /** Whether this entry was reset to nothing: it keeps its version, run and attempt, but holds no state. */
    public boolean cleared() {
        return bookmark == null;
    }
}

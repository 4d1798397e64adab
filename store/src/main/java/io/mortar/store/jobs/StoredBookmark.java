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
 * @param runId the run that committed this state
 * @param bookmark the state, a JSON document
 */
public record StoredBookmark(String jobName, int version, int run, int attempt, String previousRunId, String runId,
                             String bookmark) {
    public StoredBookmark {
        requireNonNull(jobName, "jobName");
        requireNonNull(runId, "runId");
        requireNonNull(bookmark, "bookmark");
    }
}

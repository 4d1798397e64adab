package io.mortar.store.jobs;

import java.util.Optional;

/**
 * Job bookmarks: per job, the state its last successful run committed, and the state each run committed, so a reset
 * can rewind to any of them. Every method is one atomic transaction. Deleting a job deletes its bookmark and its
 * history ({@link JobStore#deleteJob}).
 */
public interface BookmarkStore {

    /**
     * The job's current bookmark entry; empty when no run of the job has ever committed one. After a reset to nothing
     * the entry is still there, without a state ({@link StoredBookmark#cleared()}): its version is the base the next
     * commit must name, so a run that reads the bookmark after a reset learns it.
     */
    Optional<StoredBookmark> get(String jobName);

    /** The state the run committed (kept after later commits and resets, for rewinds); empty when it committed none. */
    Optional<StoredBookmark> committedBy(String jobName, String runId);

    /**
     * Commits a run's state if the bookmark is still at {@code expectedVersion} (0: none yet), as version
     * {@code expectedVersion + 1}, and records it as that run's.
     *
     * @throws io.mortar.model.GlueException CONCURRENT_MODIFICATION when another commit (or a reset) came first,
     *     naming both versions: two runs never both commit from the same base
     */
    StoredBookmark commit(String jobName, int expectedVersion, String runId, int attempt, String bookmark);

    /**
     * Resets the bookmark: without a run, to nothing (the next run reads everything); with one, to the state that run
     * committed, as a new version. The history stays.
     *
     * @return the entry now: after a reset to nothing, the cleared entry (its version advanced, no state)
     * @throws io.mortar.model.GlueException ENTITY_NOT_FOUND when the job has never committed a bookmark, or the run
     *     committed none
     */
    StoredBookmark reset(String jobName, String runId);
}

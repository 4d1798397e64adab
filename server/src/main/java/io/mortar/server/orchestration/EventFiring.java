package io.mortar.server.orchestration;

import java.util.List;

/**
 * Fires an {@code EVENT} trigger for one batch of events: what the event intake hands the orchestration once a
 * batch is complete (its {@code BatchSize} reached, or its {@code BatchWindow} passed since its first event).
 */
public interface EventFiring {

    /** Why the batch closed, as Glue's {@code StartingEventBatchCondition}: exactly one of the two is non-zero. */
    record BatchCondition(int batchSize, int batchWindowSeconds) {}

    /**
     * Starts the trigger's workflow run (or, for a trigger outside any workflow, its actions) for this batch, exactly
     * once per {@code batchId} however often it is called and on whichever server: calling it again after a crash
     * or from a second server starts nothing more. The run's properties carry the events' ids under
     * {@code aws:eventIds}, as Glue's do.
     *
     * @param batchId the batch's stable id (the same on every call for the same batch)
     * @throws io.mortar.model.GlueException when the trigger is gone, not ACTIVATED, or its workflow may not start a
     *     run now (ConcurrentRunsExceeded); the batch stays unfired and the caller tries again later
     */
    void fireBatch(String triggerName, String batchId, List<String> eventIds, BatchCondition condition);
}

package io.mortar.server.testing;

import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

/** Waiting for a job run, as a client does: polling GetJobRun. */
public final class JobRunWaits {
    /** The states a run does not leave. */
    public static final Set<JobRunState> FINAL = Set.of(JobRunState.SUCCEEDED, JobRunState.FAILED,
            JobRunState.TIMEOUT, JobRunState.STOPPED, JobRunState.ERROR, JobRunState.EXPIRED);
    private static final long POLL_MILLIS = 250;

    private JobRunWaits() {}

    /**
     * The run once its state is one of {@code states}, or once it has ended (a final state; callers that expect
     * another check the state they get). An AssertionError when neither happens within {@code limit}.
     */
    public static JobRun await(GlueClient glue, String jobName, String runId, Set<JobRunState> states,
                               Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        JobRun run = run(glue, jobName, runId);
        while (!states.contains(run.jobRunState()) && !FINAL.contains(run.jobRunState())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + runId + " of " + jobName + " still " + run.jobRunState()
                        + " after " + limit);
            }
            Thread.sleep(POLL_MILLIS);
            run = run(glue, jobName, runId);
        }
        return run;
    }

    /** The run once it has ended. */
    public static JobRun awaitEnd(GlueClient glue, String jobName, String runId, Duration limit)
            throws InterruptedException {
        return await(glue, jobName, runId, FINAL, limit);
    }

    public static JobRun run(GlueClient glue, String jobName, String runId) {
        return glue.getJobRun(r -> r.jobName(jobName).runId(runId)).jobRun();
    }
}

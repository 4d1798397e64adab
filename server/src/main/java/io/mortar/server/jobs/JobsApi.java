package io.mortar.server.jobs;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.mortar.catalog.TagService;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.protocol.GlueJsonProtocol;
import io.mortar.server.protocol.GlueOperations;
import io.mortar.store.jobs.BookmarkStore;
import io.mortar.store.jobs.JobStore;
import io.mortar.store.jobs.StoredJobRun;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.glue.model.BatchGetJobsRequest;
import software.amazon.awssdk.services.glue.model.BatchStopJobRunRequest;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.DeleteJobRequest;
import software.amazon.awssdk.services.glue.model.GetJobBookmarkRequest;
import software.amazon.awssdk.services.glue.model.GetJobRequest;
import software.amazon.awssdk.services.glue.model.GetJobRunRequest;
import software.amazon.awssdk.services.glue.model.GetJobRunsRequest;
import software.amazon.awssdk.services.glue.model.GetJobsRequest;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.ListJobsRequest;
import software.amazon.awssdk.services.glue.model.ResetJobBookmarkRequest;
import software.amazon.awssdk.services.glue.model.StartJobRunRequest;
import software.amazon.awssdk.services.glue.model.UpdateJobRequest;

/**
 * Glue jobs on this server: the job, job-run and job-bookmark operations, job tags, and each run's driver log over
 * HTTP ({@code GET /runs/{runId}/log}).
 */
public final class JobsApi implements AutoCloseable {
    /** Response header of the log endpoint: the run's state, so a follower knows when the log is complete. */
    public static final String RUN_STATE_HEADER = "X-Mortar-Run-State";

    private final JobStore store;
    private final JobRunManager runs;
    private final RunQueue queue;
    private final JobRunService jobRuns;

    private JobsApi(JobStore store, JobRunManager runs, RunQueue queue, JobRunService jobRuns) {
        this.store = store;
        this.runs = runs;
        this.queue = queue;
        this.jobRuns = jobRuns;
    }

    /**
     * @param endpoint the server's Glue endpoint, handed to drivers (known once the server listens)
     */
    public static JobsApi register(GlueOperations ops, JobStore store, BookmarkStore bookmarkStore, TagService tags,
                                   ServerConfig config, Supplier<URI> endpoint, RunCredentials credentials,
                                   Clock clock) {
        requireNonNull(ops, "ops");
        // the script cache defaults to a folder of this server's data directory
        DriverLauncher launcher = new DriverLauncher(config.jobs().withScripts(config.jobs().scripts()
                .withDefaultCacheIn(config.dataDir())), config.s3(), isLoopback(config.listen().bind()), endpoint,
                credentials);
        if (config.listen().tls().enabled()) {
            launcher.trustTlsCertificate(config.listen().tls().certificateFile());
        }
        JobRunManager runs = new JobRunManager(store, bookmarkStore, launcher, new RunLogs(config.dataDir()),
                config.jobs().minute(), config.jobs().stopGrace(), clock);
        RunQueue queue = new RunQueue(store, runs, config.jobs().capacity(), config.jobs().minute(), clock);
        JobService jobs = new JobService(store, runs, config.identity(), clock);
        BookmarkService bookmarks = new BookmarkService(store, bookmarkStore);
        JobRunService jobRuns = new JobRunService(store, jobs, runs, queue, bookmarks, clock);
        ops.add("CreateJob", CreateJobRequest::builder, jobs::createJob)
                .add("GetJob", GetJobRequest::builder, jobs::getJob)
                .add("GetJobs", GetJobsRequest::builder, jobs::getJobs)
                .add("ListJobs", ListJobsRequest::builder, jobs::listJobs)
                .add("BatchGetJobs", BatchGetJobsRequest::builder, jobs::batchGetJobs)
                .add("UpdateJob", UpdateJobRequest::builder, jobs::updateJob)
                .add("DeleteJob", DeleteJobRequest::builder, jobs::deleteJob)
                .add("StartJobRun", StartJobRunRequest::builder, jobRuns::startJobRun)
                .add("GetJobRun", GetJobRunRequest::builder, jobRuns::getJobRun)
                .add("GetJobRuns", GetJobRunsRequest::builder, jobRuns::getJobRuns)
                .add("BatchStopJobRun", BatchStopJobRunRequest::builder, jobRuns::batchStopJobRun)
                .add("GetJobBookmark", GetJobBookmarkRequest::builder, bookmarks::getJobBookmark)
                .add("ResetJobBookmark", ResetJobBookmarkRequest::builder, bookmarks::resetJobBookmark);
        // Job names keep their case; an ARN's name is everything after "job/" (a name may hold slashes).
        tags.registerResourceKind("job", false, path -> store.getJob(String.join("/", path)).isPresent());
        return new JobsApi(store, runs, queue, jobRuns);
    }

    /**
     * Starts a run a trigger fires under the id its firing derives; nothing when a run with that id exists already
     * (see {@link JobRunService#startTriggered}).
     *
     * @return false when the run existed already
     */
    public boolean startTriggeredRun(String jobName, String runId, Map<String, String> arguments, Integer timeout,
                                     String triggerName) {
        return jobRuns.startTriggered(jobName, runId, arguments, timeout, triggerName);
    }

    /** Stops a run in progress as BatchStopJobRun does; a run already over is left as it is. */
    public void stopRun(String jobName, String runId) {
        jobRuns.batchStopJobRun(BatchStopJobRunRequest.builder().jobName(jobName).jobRunIds(runId).build());
    }

    /** Called after every run's end is recorded, on the thread that recorded it. */
    public void onRunEnded(Runnable listener) {
        runs.onRunEnded(listener);
    }

    /** The id of attempt {@code attempt} (1, 2, …) of a run that failed, as MaxRetries names it. */
    public static String retryId(String originalRunId, int attempt) {
        return JobRunIds.retryId(originalRunId, attempt);
    }

    /** A stored run in Glue's shape. */
    public static JobRun toJobRun(StoredJobRun run) {
        return JobRunService.toJobRun(run);
    }

    /**
     * Settles the runs a previous server left in progress (adopting drivers that are still alive). Called once the
     * server listens: the drivers it starts are handed the server's endpoint. Then the queue starts dispatching.
     */
    public void reconcile() {
        runs.reconcile();
        queue.start();
    }

    private static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * {@code GET /runs/{runId}/log[?from=<byte offset>]}: the run's driver log as plain text from the offset, with
     * the run's state in {@value #RUN_STATE_HEADER}; 404 for a run this server does not know.
     */
    public void serveLog(Context ctx) throws IOException {
        String runId = ctx.pathParam("runId");
        Optional<StoredJobRun> run = JobRunIds.isWellFormed(runId) ? store.findRun(runId) : Optional.empty();
        if (run.isEmpty()) {
            GlueJsonProtocol.writeNotFound(ctx, "No job run " + runId);
            return;
        }
        ctx.header(RUN_STATE_HEADER, run.get().state());
        ctx.contentType("text/plain; charset=utf-8");
        Path log = runs.logs().logFile(run.get());
        if (!Files.isRegularFile(log)) {
            ctx.result(""); // not launched yet, or launching failed before the driver wrote a line
            return;
        }
        long from = parseOffset(ctx.queryParam("from"));
        InputStream in = Files.newInputStream(log);
        try {
            in.skipNBytes(Math.min(from, Files.size(log)));
        } catch (IOException e) {
            in.close();
            throw e;
        }
        ctx.result(in); // Javalin closes it once sent
    }

    private static long parseOffset(String from) {
        try {
            return from == null ? 0 : Math.max(0, Long.parseLong(from));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Stops watching runs; their drivers keep running and are adopted by the next server. */
    @Override
    public void close() {
        queue.close();
        runs.close();
    }
}

package io.mortar.server.jobs;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.PageTokens;
import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.jobs.JobStore;
import io.mortar.store.jobs.RunCursor;
import io.mortar.store.jobs.StoredJobRun;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.model.BatchStopJobRunError;
import software.amazon.awssdk.services.glue.model.BatchStopJobRunRequest;
import software.amazon.awssdk.services.glue.model.BatchStopJobRunResponse;
import software.amazon.awssdk.services.glue.model.BatchStopJobRunSuccessfulSubmission;
import software.amazon.awssdk.services.glue.model.ErrorDetail;
import software.amazon.awssdk.services.glue.model.GetJobRunRequest;
import software.amazon.awssdk.services.glue.model.GetJobRunResponse;
import software.amazon.awssdk.services.glue.model.GetJobRunsRequest;
import software.amazon.awssdk.services.glue.model.GetJobRunsResponse;
import software.amazon.awssdk.services.glue.model.Job;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.StartJobRunRequest;
import software.amazon.awssdk.services.glue.model.StartJobRunResponse;

/** Job runs: StartJobRun, GetJobRun, GetJobRuns, BatchStopJobRun. */
final class JobRunService {
    private static final String RUNS_LISTING = "jobRuns";
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 200;
    private static final String LOG_GROUP = "/aws-glue/jobs";

    private final JobStore store;
    private final JobService jobs;
    private final JobRunManager runs;
    private final RunQueue queue;
    private final BookmarkService bookmarks;
    private final Clock clock;

    JobRunService(JobStore store, JobService jobs, JobRunManager runs, RunQueue queue, BookmarkService bookmarks,
                  Clock clock) {
        this.store = requireNonNull(store, "store");
        this.jobs = requireNonNull(jobs, "jobs");
        this.bookmarks = requireNonNull(bookmarks, "bookmarks");
        this.runs = requireNonNull(runs, "runs");
        this.queue = requireNonNull(queue, "queue");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Records the run WAITING and returns: the queue starts its driver when the server has a free slot. Over the
     * job's MaxConcurrentRuns (waiting runs count) it fails with ConcurrentRunsExceededException, as Glue's, unless
     * queuing is enabled (the run's JobRunQueuingEnabled, else the job's): then it waits its turn. The server's own
     * capacity never fails a start (see docs/jobs.md: Mortar always queues for it).
     */
    StartJobRunResponse startJobRun(StartJobRunRequest request) {
        runs.launcher().requireLaunchable();
        Map<String, String> runArguments = request.hasArguments() ? request.arguments() : Map.of();
        JobDefinitions.checkConf(runArguments, "Arguments");
        BookmarkArguments.checkOption(runArguments, "Arguments");
        if (request.timeout() != null) {
            JobDefinitions.timeout(request.timeout(), "Timeout");
        }
        if (request.jobRunId() != null && store.getRun(request.jobName(), request.jobRunId()).isEmpty()) {
            throw GlueException.entityNotFound("Job run %s of job %s not found (JobRunId names the run to retry).",
                    request.jobRunId(), request.jobName());
        }
        String runId = JobRunIds.newId();
        StoredJobRun run = store.startRun(request.jobName(), (stored, inProgress) -> {
            Job job = JobService.toJob(stored);
            int maxRuns = job.executionProperty().maxConcurrentRuns();
            boolean queuing = request.jobRunQueuingEnabled() != null ? request.jobRunQueuingEnabled()
                    : Boolean.TRUE.equals(job.jobRunQueuingEnabled());
            String detail = queue.waitingDetail();
            if (inProgress >= maxRuns) {
                if (!queuing) {
                    throw GlueException.concurrentRunsExceeded("Concurrent runs exceeded for job %s:"
                            + " MaxConcurrentRuns is %d and %d run(s) are in progress (set JobRunQueuingEnabled"
                            + " to queue runs instead).", job.name(), maxRuns, inProgress);
                }
                detail = String.format("Waiting for the job's MaxConcurrentRuns (%d): %d run(s) in progress.",
                        maxRuns, inProgress);
            }
            return newRun(request, job, runId, runArguments, queuing, detail, null);
        });
        queue.wake();
        return StartJobRunResponse.builder().jobRunId(run.id()).build();
    }

    /**
     * Starts a run a trigger fires (alone or in a workflow run) under the id the firing derives: a run with that id
     * already started — the same firing again, after a crash or by a second server — is left as it is, so a firing
     * starts each job once. Over the job's MaxConcurrentRuns the run waits its turn instead of failing (a trigger has
     * no caller to retry it).
     *
     * @return false when the run existed already
     */
    boolean startTriggered(String jobName, String runId, Map<String, String> runArguments, Integer timeout,
                           String triggerName) {
        if (store.findRun(runId).isPresent()) {
            return false;
        }
        StartJobRunRequest request = StartJobRunRequest.builder().jobName(jobName).arguments(runArguments)
                .timeout(timeout).build();
        try {
            store.startRun(jobName, (stored, inProgress) -> {
                Job job = JobService.toJob(stored);
                int maxRuns = job.executionProperty().maxConcurrentRuns();
                String detail = inProgress < maxRuns ? queue.waitingDetail() : String.format(
                        "Waiting for the job's MaxConcurrentRuns (%d): %d run(s) in progress.", maxRuns, inProgress);
                return newRun(request, job, runId, runArguments, true, detail, triggerName);
            });
        } catch (RuntimeException e) {
            if (store.findRun(runId).isPresent()) {
                return false; // another server inserted it first
            }
            throw e;
        }
        queue.wake();
        return true;
    }

    private StoredJobRun newRun(StartJobRunRequest request, Job job, String runId, Map<String, String> runArguments,
                                boolean queuing, String stateDetail, String triggerName) {
        double version = JobDefinitions.glueVersion(job.glueVersion());
        boolean sizedByRun = request.workerType() != null || request.numberOfWorkers() != null
                || request.maxCapacity() != null || request.allocatedCapacity() != null;
        String command = job.command().name();
        RunCapacity capacity = sizedByRun
                ? JobDefinitions.capacity(command, request.workerTypeAsString(), request.numberOfWorkers(),
                        request.maxCapacity(), request.allocatedCapacity(), version)
                : new RunCapacity(job.workerTypeAsString(), job.numberOfWorkers(),
                        job.workerType() == null ? job.maxCapacity() : null);
        String executionClass = request.executionClass() != null ? request.executionClassAsString()
                : job.executionClassAsString();
        Instant now = clock.instant();
        Map<String, String> arguments = EffectiveArguments.merge(job, runArguments, runId,
                runs.logs().runDir(runId).resolve("temp"));
        // Checked on the arguments the run will get, whichever of the job's or the run's set them. Only a paused run
        // with from/to reads the store here (inside StartJobRun's transaction): the other checks look at the map.
        BookmarkArguments.pauseWindow(arguments).ifPresent(window -> bookmarks.checkPauseWindow(job.name(), window));
        return new StoredJobRun(runId, job.name(), 0, request.jobRunId(), triggerName, "WAITING", now, now, null, null,
                null, arguments, request.timeout() != null ? request.timeout() : job.timeout(),
                capacity.workerType() == null ? capacity.dpus() : null, capacity.workerType(),
                capacity.numberOfWorkers(), job.glueVersion(), executionClass, null, null, null, null, queuing,
                stateDetail, null, command);
    }

    GetJobRunResponse getJobRun(GetJobRunRequest request) {
        StoredJobRun run = store.getRun(request.jobName(), request.runId()).orElseThrow(
                () -> GlueException.entityNotFound("Job run %s of job %s not found.", request.runId(),
                        request.jobName()));
        return GetJobRunResponse.builder().jobRun(toJobRun(run)).build();
    }

    GetJobRunsResponse getJobRuns(GetJobRunsRequest request) {
        jobs.require(request.jobName());
        int limit = PageTokens.pageSize(request.maxResults(), DEFAULT_PAGE, MAX_PAGE);
        String cursor = PageTokens.decode(RUNS_LISTING, request.nextToken());
        Page<StoredJobRun> page = store.listRuns(request.jobName(),
                cursor == null ? null : RunCursor.parse(cursor).orElseThrow(PageTokens::forged), limit);
        return GetJobRunsResponse.builder().jobRuns(page.items().stream().map(JobRunService::toJobRun).toList())
                .nextToken(PageTokens.encode(RUNS_LISTING, page.nextCursor())).build();
    }

    BatchStopJobRunResponse batchStopJobRun(BatchStopJobRunRequest request) {
        List<BatchStopJobRunSuccessfulSubmission> stopped = new ArrayList<>();
        List<BatchStopJobRunError> errors = new ArrayList<>();
        for (String runId : request.jobRunIds()) {
            Optional<ErrorDetail> error = stop(request.jobName(), runId);
            if (error.isEmpty()) {
                stopped.add(BatchStopJobRunSuccessfulSubmission.builder().jobName(request.jobName()).jobRunId(runId)
                        .build());
            } else {
                errors.add(BatchStopJobRunError.builder().jobName(request.jobName()).jobRunId(runId)
                        .errorDetail(error.get()).build());
            }
        }
        return BatchStopJobRunResponse.builder().successfulSubmissions(stopped).errors(errors).build();
    }

    private Optional<ErrorDetail> stop(String jobName, String runId) {
        Optional<StoredJobRun> run = store.getRun(jobName, runId);
        if (run.isEmpty()) {
            return Optional.of(error("EntityNotFoundException",
                    String.format("Job run %s of job %s not found.", runId, jobName)));
        }
        if (run.get().state().equals("STOPPING")) {
            return Optional.empty(); // already on its way
        }
        if (!store.markStopping(runId, clock.instant())) {
            StoredJobRun now = store.getRun(jobName, runId).orElse(run.get());
            return now.state().equals("STOPPING") ? Optional.empty()
                    : Optional.of(error("InvalidInputException", String.format(
                            "Job run %s is %s: only a run in progress can be stopped.", runId, now.state())));
        }
        runs.stop(run.get());
        return Optional.empty();
    }

    private static ErrorDetail error(String code, String message) {
        return ErrorDetail.builder().errorCode(code).errorMessage(message).build();
    }

    static JobRun toJobRun(StoredJobRun run) {
        JobRun.Builder out = JobRun.builder()
                .id(run.id())
                .attempt(run.attempt())
                .previousRunId(run.previousRunId())
                .triggerName(run.triggerName())
                .jobName(run.jobName())
                .startedOn(run.startedOn())
                .lastModifiedOn(run.lastModifiedOn())
                .completedOn(run.completedOn())
                .jobRunState(run.state())
                .arguments(run.arguments())
                .errorMessage(run.errorMessage())
                .predecessorRuns(List.of())
                .executionTime(run.executionTime() == null ? 0 : run.executionTime())
                .timeout(run.timeoutMinutes())
                .logGroupName(LOG_GROUP)
                .glueVersion(run.glueVersion())
                .executionClass(run.executionClass())
                .dpuSeconds(run.dpuSeconds())
                .stateDetail(run.stateDetail());
        if (run.queuingEnabled()) {
            out.jobRunQueuingEnabled(true);
        }
        if (run.workerType() != null) {
            out.workerType(run.workerType()).numberOfWorkers(run.numberOfWorkers());
        } else if (run.maxCapacity() != null) {
            out.maxCapacity(run.maxCapacity()).allocatedCapacity((int) Math.round(run.maxCapacity()));
        }
        return out.build();
    }
}

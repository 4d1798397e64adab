package io.mortar.server.jobs;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.catalog.Names;
import io.mortar.catalog.PageTokens;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import io.mortar.store.Page;
import io.mortar.store.jobs.JobStore;
import io.mortar.store.jobs.StoredJob;
import io.mortar.store.jobs.StoredJobRun;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.model.BatchGetJobsRequest;
import software.amazon.awssdk.services.glue.model.BatchGetJobsResponse;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.CreateJobResponse;
import software.amazon.awssdk.services.glue.model.DeleteJobRequest;
import software.amazon.awssdk.services.glue.model.DeleteJobResponse;
import software.amazon.awssdk.services.glue.model.GetJobRequest;
import software.amazon.awssdk.services.glue.model.GetJobResponse;
import software.amazon.awssdk.services.glue.model.GetJobsRequest;
import software.amazon.awssdk.services.glue.model.GetJobsResponse;
import software.amazon.awssdk.services.glue.model.Job;
import software.amazon.awssdk.services.glue.model.ListJobsRequest;
import software.amazon.awssdk.services.glue.model.ListJobsResponse;
import software.amazon.awssdk.services.glue.model.UpdateJobRequest;
import software.amazon.awssdk.services.glue.model.UpdateJobResponse;

/** Job definitions: CreateJob, GetJob, GetJobs, ListJobs, BatchGetJobs, UpdateJob, DeleteJob. */
final class JobService {
    private static final String JOBS_LISTING = "jobs";
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1_000;

    private final JobStore store;
    private final JobRunManager runs;
    private final CatalogIdentity identity;
    private final Clock clock;

    JobService(JobStore store, JobRunManager runs, CatalogIdentity identity, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.runs = requireNonNull(runs, "runs");
        this.identity = requireNonNull(identity, "identity");
        this.clock = requireNonNull(clock, "clock");
    }

    String arn(String jobName) {
        return identity.arnPrefix() + "job/" + jobName;
    }

    CreateJobResponse createJob(CreateJobRequest request) {
        // The request's members are the Job's (less Tags): bound across by their wire names.
        Job job = JobDefinitions.normalize(GlueJson.read(GlueJson.writeString(request), Job.builder()));
        Names.rejectNul(request.tags(), "Tags");
        store.createJob(request.name(), document(job), clock.instant(), arn(request.name()),
                request.hasTags() ? request.tags() : Map.of());
        return CreateJobResponse.builder().name(request.name()).build();
    }

    GetJobResponse getJob(GetJobRequest request) {
        return GetJobResponse.builder().job(toJob(require(request.jobName()))).build();
    }

    StoredJob require(String name) {
        return require(store, name);
    }

    static StoredJob require(JobStore store, String name) {
        return store.getJob(name).orElseThrow(() -> GlueException.entityNotFound("Job %s not found.", name));
    }

    GetJobsResponse getJobs(GetJobsRequest request) {
        Page<StoredJob> page = page(request.nextToken(), request.maxResults(), Map.of());
        return GetJobsResponse.builder().jobs(page.items().stream().map(JobService::toJob).toList())
                .nextToken(PageTokens.encode(JOBS_LISTING, page.nextCursor())).build();
    }

    ListJobsResponse listJobs(ListJobsRequest request) {
        Names.rejectNul(request.tags(), "Tags");
        Page<StoredJob> page = page(request.nextToken(), request.maxResults(),
                request.hasTags() ? request.tags() : Map.of());
        return ListJobsResponse.builder().jobNames(page.items().stream().map(StoredJob::name).toList())
                .nextToken(PageTokens.encode(JOBS_LISTING, page.nextCursor())).build();
    }

    private Page<StoredJob> page(String token, Integer maxResults, Map<String, String> tags) {
        int limit = PageTokens.pageSize(maxResults, DEFAULT_PAGE, MAX_PAGE);
        return store.listJobs(PageTokens.decodeName(JOBS_LISTING, token), limit, tags, arn(""));
    }

    BatchGetJobsResponse batchGetJobs(BatchGetJobsRequest request) {
        List<Job> jobs = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        for (String name : request.jobNames()) {
            Optional<StoredJob> job = store.getJob(name);
            if (job.isPresent()) {
                jobs.add(toJob(job.get()));
            } else {
                notFound.add(name);
            }
        }
        return BatchGetJobsResponse.builder().jobs(jobs).jobsNotFound(notFound).build();
    }

    UpdateJobResponse updateJob(UpdateJobRequest request) {
        if (request.jobUpdate() == null) {
            throw GlueException.invalidInput("JobUpdate is required.");
        }
        Job job = JobDefinitions.normalize(GlueJson.read(GlueJson.writeString(request.jobUpdate()), Job.builder())
                .toBuilder().name(request.jobName()).build());
        if (!store.updateJob(request.jobName(), document(job), clock.instant())) {
            throw GlueException.entityNotFound("Job %s not found.", request.jobName());
        }
        return UpdateJobResponse.builder().jobName(request.jobName()).build();
    }

    /** Deletes the job with its runs and tags (no error when there is no such job); runs in progress are stopped. */
    DeleteJobResponse deleteJob(DeleteJobRequest request) {
        List<StoredJobRun> active = store.deleteJob(request.jobName(), arn(request.jobName()));
        active.forEach(run -> runs.abandon(run.id()));
        return DeleteJobResponse.builder().jobName(request.jobName()).build();
    }

    /** Stored without the timestamps, which live in columns. */
    private static String document(Job job) {
        return GlueJson.writeString(job.toBuilder().createdOn(null).lastModifiedOn(null).build());
    }

    static Job toJob(StoredJob stored) {
        return GlueJson.read(stored.document(), Job.builder()).toBuilder().name(stored.name())
                .createdOn(stored.createTime()).lastModifiedOn(stored.updateTime()).build();
    }
}

package io.mortar.server.upgrade;

import static io.mortar.server.upgrade.SnapshotJson.glue;
import static io.mortar.server.upgrade.SnapshotJson.object;
import static io.mortar.server.upgrade.SnapshotJson.strings;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Job;
import software.amazon.awssdk.services.glue.model.JobRun;

/** The jobs part of a {@link StoreSnapshot}: every job, its tags and its runs. */
final class JobReadings {
    private final GlueClient glue;
    private final ResourceTags tags;

    JobReadings(GlueClient glue, ResourceTags tags) {
        this.glue = requireNonNull(glue, "glue");
        this.tags = requireNonNull(tags, "tags");
    }

    ObjectNode read() {
        List<Job> jobs = new ArrayList<>();
        glue.getJobsPaginator(r -> r.maxResults(1)).forEach(page -> jobs.addAll(page.jobs()));
        List<String> names = new ArrayList<>();
        glue.listJobsPaginator(r -> r.maxResults(1)).forEach(page -> names.addAll(page.jobNames()));
        ObjectNode out = object();
        out.set("GetJobs", glue(jobs));
        out.set("ListJobs", strings(names));
        ObjectNode byName = out.putObject("jobs");
        for (Job job : jobs) {
            byName.set(job.name(), job(job.name()));
        }
        return out;
    }

    private ObjectNode job(String name) {
        ObjectNode out = object();
        out.set("GetJob", glue(glue.getJob(r -> r.jobName(name)).job()));
        out.set("GetTags", tags.of("job/" + name));
        List<JobRun> runs = new ArrayList<>();
        glue.getJobRunsPaginator(r -> r.jobName(name).maxResults(1)).forEach(page -> runs.addAll(page.jobRuns()));
        out.set("GetJobRuns", glue(runs));
        ObjectNode byId = out.putObject("runs");
        for (JobRun run : runs) {
            byId.set(run.id(), glue(glue.getJobRun(r -> r.jobName(name).runId(run.id())).jobRun()));
        }
        return out;
    }
}

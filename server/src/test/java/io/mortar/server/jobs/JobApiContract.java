package io.mortar.server.jobs;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchGetJobsResponse;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetJobsResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.Job;
import software.amazon.awssdk.services.glue.model.JobCommand;
import software.amazon.awssdk.services.glue.model.JobUpdate;
import software.amazon.awssdk.services.glue.model.ListJobsResponse;

/**
 * The job-definition half of the Glue job API through the AWS SDK's {@code GlueClient}, on each store: CRUD with
 * Glue's defaults and full-overwrite updates, validation with messages naming the field, tags, paging, and the
 * run operations' answers that need no driver (unknown jobs and runs, bad overrides). Runs with real drivers are
 * in {@link JobRunsTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JobApiContract {
    static final String ARN_PREFIX = "arn:aws:glue:us-east-1:000000000000:job/";

    private TestServer server;
    GlueClient glue;

    abstract StoreBackend backend();

    @BeforeAll
    void startServer() {
        server = TestServer.start(backend());
        glue = server.client();
    }

    @AfterAll
    void stopServer() {
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static CreateJobRequest.Builder job(String name) {
        return CreateJobRequest.builder().name(name).role("arn:aws:iam::000000000000:role/glue")
                .command(JobCommand.builder().name("glueetl").scriptLocation("/scripts/" + name + ".sql").build());
    }

    String createJob(CreateJobRequest.Builder request) {
        return glue.createJob(request.build()).name();
    }

    // ---------------------------------------------------------------- CRUD and defaults

    @Test
    void aCreatedJobHasGluesDefaults() {
        String name = createJob(job(unique("Defaults")).description("nightly load"));

        Job job = glue.getJob(r -> r.jobName(name)).job();

        assertThat(job.name()).as("job names keep their case").isEqualTo(name);
        assertThat(job.description()).isEqualTo("nightly load");
        assertThat(job.role()).isEqualTo("arn:aws:iam::000000000000:role/glue");
        assertThat(job.command().name()).isEqualTo("glueetl");
        assertThat(job.command().scriptLocation()).isEqualTo("/scripts/" + name + ".sql");
        assertThat(job.command().pythonVersion()).isEqualTo("3");
        assertThat(job.glueVersion()).isEqualTo("5.1");
        assertThat(job.timeout()).as("480 minutes from Glue 5.0 on").isEqualTo(480);
        assertThat(job.maxRetries()).isZero();
        assertThat(job.executionProperty().maxConcurrentRuns()).isEqualTo(1);
        assertThat(job.maxCapacity()).as("10 DPUs when nothing sizes the job").isEqualTo(10.0);
        assertThat(job.allocatedCapacity()).isEqualTo(10);
        assertThat(job.workerType()).isNull();
        assertThat(job.executionClassAsString()).isEqualTo("STANDARD");
        assertThat(job.jobModeAsString()).isEqualTo("SCRIPT");
        assertThat(job.createdOn()).isNotNull();
        assertThat(job.lastModifiedOn()).isEqualTo(job.createdOn());
    }

    @Test
    void olderGlueVersionsDefaultToTwoDaysOfTimeoutAndWorkersReplaceCapacity() {
        String name = createJob(job(unique("Workers")).glueVersion("4.0").workerType("G.2X").numberOfWorkers(5)
                .defaultArguments(Map.of("--day", "2024-01-01")).nonOverridableArguments(Map.of("--env", "prod"))
                .maxRetries(3).executionProperty(p -> p.maxConcurrentRuns(4)).timeout(60));
        Job job = glue.getJob(r -> r.jobName(name)).job();
        assertThat(job.workerTypeAsString()).isEqualTo("G.2X");
        assertThat(job.numberOfWorkers()).isEqualTo(5);
        assertThat(job.maxCapacity()).as("sized by workers, not DPUs").isNull();
        assertThat(job.timeout()).isEqualTo(60);
        assertThat(job.maxRetries()).isEqualTo(3);
        assertThat(job.executionProperty().maxConcurrentRuns()).isEqualTo(4);
        assertThat(job.defaultArguments()).containsEntry("--day", "2024-01-01");
        assertThat(job.nonOverridableArguments()).containsEntry("--env", "prod");

        String older = createJob(job(unique("Older")).glueVersion("4.0"));
        assertThat(glue.getJob(r -> r.jobName(older)).job().timeout()).as("2880 minutes up to Glue 4.0")
                .isEqualTo(2880);
    }

    @Test
    void creatingAnExistingJobFails() {
        String name = createJob(job(unique("Twice")));
        AlreadyExistsException error = expectError(AlreadyExistsException.class, () -> createJob(job(name)));
        assertThat(message(error)).contains(name);
    }

    @Test
    void getJobOfAnUnknownJobIsEntityNotFound() {
        EntityNotFoundException error = expectError(EntityNotFoundException.class,
                () -> glue.getJob(r -> r.jobName("no_such_job")));
        assertThat(message(error)).contains("no_such_job");
    }

    @Test
    void updateJobReplacesTheWholeDefinition() throws InterruptedException {
        String name = createJob(job(unique("Update")).description("first").maxRetries(2).timeout(30)
                .defaultArguments(Map.of("--a", "1")));
        Job before = glue.getJob(r -> r.jobName(name)).job();
        Thread.sleep(5); // LastModifiedOn must move

        String updated = glue.updateJob(r -> r.jobName(name).jobUpdate(JobUpdate.builder()
                .role("arn:aws:iam::000000000000:role/other")
                .command(JobCommand.builder().scriptLocation("/scripts/v2.sql").build()).build())).jobName();

        Job after = glue.getJob(r -> r.jobName(name)).job();
        assertThat(updated).isEqualTo(name);
        assertThat(after.role()).isEqualTo("arn:aws:iam::000000000000:role/other");
        assertThat(after.command().scriptLocation()).isEqualTo("/scripts/v2.sql");
        assertThat(after.description()).as("omitted fields revert, not merge").isNull();
        assertThat(after.maxRetries()).isZero();
        assertThat(after.timeout()).isEqualTo(480);
        assertThat(after.defaultArguments()).isEmpty();
        assertThat(after.createdOn()).isEqualTo(before.createdOn());
        assertThat(after.lastModifiedOn()).isAfter(before.lastModifiedOn());

        // What GetJob returns can be sent back as the update unchanged (capacity included).
        glue.updateJob(r -> r.jobName(name).jobUpdate(JobUpdate.builder().role(after.role()).command(after.command())
                .maxCapacity(after.maxCapacity()).allocatedCapacity(after.allocatedCapacity())
                .glueVersion(after.glueVersion()).timeout(after.timeout()).build()));
        assertThat(glue.getJob(r -> r.jobName(name)).job().maxCapacity()).isEqualTo(10.0);

        expectError(EntityNotFoundException.class, () -> glue.updateJob(r -> r.jobName("no_such_job")
                .jobUpdate(JobUpdate.builder().role("r").command(c -> c.scriptLocation("/x.sql")).build())));
    }

    @Test
    void deleteJobRemovesItAndIsQuietForAnUnknownJob() {
        String name = createJob(job(unique("Delete")).tags(Map.of("team", "etl")));

        assertThat(glue.deleteJob(r -> r.jobName(name)).jobName()).isEqualTo(name);

        expectError(EntityNotFoundException.class, () -> glue.getJob(r -> r.jobName(name)));
        assertThat(glue.deleteJob(r -> r.jobName(name)).jobName()).as("no error when absent").isEqualTo(name);
        expectError(EntityNotFoundException.class, () -> glue.getTags(r -> r.resourceArn(ARN_PREFIX + name)));
        // A new job of the same name starts without the old one's tags.
        createJob(job(name));
        assertThat(glue.getTags(r -> r.resourceArn(ARN_PREFIX + name)).tags()).isEmpty();
    }

    @Test
    void batchGetJobsReturnsTheFoundAndNamesTheMissing() {
        String a = createJob(job(unique("BatchA")));
        String b = createJob(job(unique("BatchB")));

        BatchGetJobsResponse response = glue.batchGetJobs(r -> r.jobNames(a, "missing_job", b));

        assertThat(response.jobs()).extracting(Job::name).containsExactly(a, b);
        assertThat(response.jobsNotFound()).containsExactly("missing_job");
    }

    // ---------------------------------------------------------------- listing

    @Test
    void getJobsAndListJobsPageThroughEveryJob() {
        String prefix = unique("Page");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add(createJob(job(prefix + "_" + i)));
        }

        List<String> listed = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetJobsResponse page = glue.getJobs(r -> r.maxResults(2).nextToken(next));
            assertThat(page.jobs()).hasSizeLessThanOrEqualTo(2);
            page.jobs().forEach(j -> listed.add(j.name()));
            token = page.nextToken();
        } while (token != null);
        assertThat(listed).containsSubsequence(names).isSorted().doesNotHaveDuplicates();

        List<String> listedNames = new ArrayList<>();
        token = null;
        do {
            String next = token;
            ListJobsResponse page = glue.listJobs(r -> r.maxResults(3).nextToken(next));
            listedNames.addAll(page.jobNames());
            token = page.nextToken();
        } while (token != null);
        assertThat(listedNames).isEqualTo(listed);

        InvalidInputException badToken = expectError(InvalidInputException.class,
                () -> glue.getJobs(r -> r.nextToken("garbage!")));
        assertThat(message(badToken)).contains("NextToken");
    }

    @Test
    void listJobsFiltersByTags() {
        String team = unique("team");
        String tagged = createJob(job(unique("TaggedA")).tags(Map.of("team", team, "tier", "gold")));
        String other = createJob(job(unique("TaggedB")).tags(Map.of("team", team)));
        createJob(job(unique("Untagged")));

        assertThat(glue.listJobs(r -> r.tags(Map.of("team", team))).jobNames()).containsExactly(tagged, other);
        assertThat(glue.listJobs(r -> r.tags(Map.of("team", team, "tier", "gold"))).jobNames())
                .containsExactly(tagged);
        assertThat(glue.listJobs(r -> r.tags(Map.of("team", "nobody"))).jobNames()).isEmpty();
    }

    @Test
    void jobsAreTaggableResources() {
        String name = createJob(job(unique("Tags")).tags(Map.of("owner", "ana")));
        String arn = ARN_PREFIX + name;

        glue.tagResource(r -> r.resourceArn(arn).tagsToAdd(Map.of("cost-center", "42")));
        assertThat(glue.getTags(r -> r.resourceArn(arn)).tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("owner", "ana", "cost-center", "42"));
        glue.untagResource(r -> r.resourceArn(arn).tagsToRemove("owner"));
        assertThat(glue.getTags(r -> r.resourceArn(arn)).tags()).containsOnlyKeys("cost-center");
        expectError(EntityNotFoundException.class,
                () -> glue.getTags(r -> r.resourceArn(ARN_PREFIX + name.toLowerCase(java.util.Locale.ROOT))));
    }

    // ---------------------------------------------------------------- validation

    @Test
    void invalidDefinitionsAreRefusedNamingTheField() {
        assertRefused(job(unique("V")).maxRetries(11), "MaxRetries must be between 0 and 10");
        assertRefused(job(unique("V")).maxRetries(-1), "MaxRetries must be between 0 and 10");
        assertRefused(job(unique("V")).timeout(10_080), "Timeout must be between 1 and 10079");
        assertRefused(job(unique("V")).workerType("G.1X"), "WorkerType and NumberOfWorkers must be set together");
        assertRefused(job(unique("V")).numberOfWorkers(2), "WorkerType and NumberOfWorkers must be set together");
        assertRefused(job(unique("V")).workerType("G.1X").numberOfWorkers(2).maxCapacity(2.0),
                "MaxCapacity cannot be set together with WorkerType");
        assertRefused(job(unique("V")).workerType("G.1X").numberOfWorkers(1), "NumberOfWorkers must be at least 2");
        assertRefused(job(unique("V")).workerType("Z.2X").numberOfWorkers(2), "WorkerType Z.2X is for Ray jobs");
        assertRefused(job(unique("V")).glueVersion("2.0").workerType("G.4X").numberOfWorkers(2),
                "WorkerType G.4X needs GlueVersion 3.0 or later");
        assertRefused(job(unique("V")).maxCapacity(1.0), "MaxCapacity must be a whole number of DPUs from 2 to 100");
        assertRefused(job(unique("V")).maxCapacity(2.5), "MaxCapacity must be a whole number of DPUs from 2 to 100");
        assertRefused(job(unique("V")).maxCapacity(4.0).allocatedCapacity(5), "Please set only Allocated Capacity or"
                + " Max Capacity");
        assertRefused(job(unique("V")).executionProperty(p -> p.maxConcurrentRuns(0)),
                "ExecutionProperty.MaxConcurrentRuns must be between 1 and 1000");
        assertRefused(job(unique("V")).command(c -> c.name("glueetl")), "Command.ScriptLocation is required");
        assertRefused(job(unique("V")).command(c -> c.name("glueray").scriptLocation("/x.py")),
                "Command.Name glueray is not supported");
        assertRefused(job(unique("V")).command(c -> c.name("pythonshell")),
                "Command.ScriptLocation is required for a pythonshell job");
        assertRefused(job(unique("V")).glueVersion("2.0").executionClass("FLEX"),
                "ExecutionClass FLEX needs GlueVersion 3.0 or later");
        assertRefused(job(unique("V")).defaultArguments(Map.of("--conf", "spark.ui.enabled")),
                "DefaultArguments --conf: 'spark.ui.enabled' is not a key=value pair");
        assertRefused(job(unique("V")).role(null), "role"); // the service model's required member
        InvalidInputException update = expectError(InvalidInputException.class, () -> glue.updateJob(r -> r
                .jobName(createJob(job(unique("V")))).jobUpdate(JobUpdate.builder().role("r").build())));
        assertThat(message(update)).contains("Command is required");
    }

    static CreateJobRequest.Builder pythonShellJob(String name) {
        return CreateJobRequest.builder().name(name).role("arn:aws:iam::000000000000:role/glue")
                .command(JobCommand.builder().name("pythonshell").pythonVersion("3.9")
                        .scriptLocation("/scripts/" + name + ".py").build());
    }

    @Test
    void aPythonShellJobIsSizedInSixteenthsOfADpuAsInGlue() {
        String name = createJob(pythonShellJob(unique("Shell")));

        Job job = glue.getJob(r -> r.jobName(name)).job();

        assertThat(job.command().name()).isEqualTo("pythonshell");
        assertThat(job.command().pythonVersion()).isEqualTo("3.9");
        assertThat(job.command().scriptLocation()).isEqualTo("/scripts/" + name + ".py");
        assertThat(job.maxCapacity()).as("Glue's default for Python shell jobs").isEqualTo(0.0625);
        assertThat(job.allocatedCapacity()).isZero();
        assertThat(job.workerType()).isNull();
        assertThat(job.numberOfWorkers()).isNull();
        assertThat(job.glueVersion()).as("the Glue version of Python 3.9 shell jobs").isEqualTo("3.0");
        assertThat(job.timeout()).isEqualTo(2880);

        String oneDpu = createJob(pythonShellJob(unique("Shell")).maxCapacity(1.0).glueVersion("1.0"));
        Job big = glue.getJob(r -> r.jobName(oneDpu)).job();
        assertThat(big.maxCapacity()).isEqualTo(1.0);
        assertThat(big.allocatedCapacity()).isEqualTo(1);
        assertThat(big.glueVersion()).isEqualTo("1.0");
    }

    @Test
    void pythonShellJobsRefuseWhatGlueRefusesThem() {
        assertRefused(pythonShellJob(unique("V")).workerType("G.1X").numberOfWorkers(2),
                "Worker Type is not supported for Job Command pythonshell");
        assertRefused(pythonShellJob(unique("V")).maxCapacity(2.0),
                "MaxCapacity must be 0.0625 or 1 DPU for a pythonshell job, not 2");
        assertRefused(pythonShellJob(unique("V")).maxCapacity(0.5),
                "MaxCapacity must be 0.0625 or 1 DPU for a pythonshell job, not 0.5");
        assertRefused(pythonShellJob(unique("V")).executionClass("FLEX"),
                "ExecutionClass FLEX is not supported for Job Command pythonshell");
        assertRefused(pythonShellJob(unique("V")).command(c -> c.name("pythonshell").pythonVersion("2")
                .scriptLocation("/x.py")), "Command.PythonVersion 2 is not supported for Job Command pythonshell");

        String name = createJob(pythonShellJob(unique("ShellOverrides")));
        assertThat(message(expectError(InvalidInputException.class,
                () -> glue.startJobRun(r -> r.jobName(name).workerType("G.1X").numberOfWorkers(2)))))
                .contains("Worker Type is not supported for Job Command pythonshell");
        assertThat(message(expectError(InvalidInputException.class,
                () -> glue.startJobRun(r -> r.jobName(name).maxCapacity(10.0)))))
                .contains("MaxCapacity must be 0.0625 or 1 DPU for a pythonshell job, not 10");
        assertThat(glue.getJobRuns(r -> r.jobName(name)).jobRuns()).as("no run was recorded").isEmpty();
    }

    private void assertRefused(CreateJobRequest.Builder request, String expected) {
        InvalidInputException error = expectError(InvalidInputException.class, () -> glue.createJob(request.build()));
        assertThat(message(error)).contains(expected);
        expectError(EntityNotFoundException.class, () -> glue.getJob(r -> r.jobName(request.build().name())));
    }

    @Test
    void runOperationsOnUnknownJobsAndRunsAreEntityNotFound() {
        String name = createJob(job(unique("NoRuns")));

        expectError(EntityNotFoundException.class, () -> glue.startJobRun(r -> r.jobName("no_such_job")));
        expectError(EntityNotFoundException.class, () -> glue.getJobRuns(r -> r.jobName("no_such_job")));
        expectError(EntityNotFoundException.class, () -> glue.getJobRun(r -> r.jobName(name).runId("jr_nope")));
        expectError(EntityNotFoundException.class,
                () -> glue.startJobRun(r -> r.jobName(name).jobRunId("jr_not_a_run_of_this_job")));
        assertThat(glue.getJobRuns(r -> r.jobName(name)).jobRuns()).isEmpty();
        expectError(InvalidInputException.class, () -> glue.getJobRuns(r -> r.jobName(name).maxResults(201)));

        var stop = glue.batchStopJobRun(r -> r.jobName(name).jobRunIds("jr_nope"));
        assertThat(stop.successfulSubmissions()).isEmpty();
        assertThat(stop.errors()).singleElement().satisfies(e -> {
            assertThat(e.jobRunId()).isEqualTo("jr_nope");
            assertThat(e.errorDetail().errorCode()).isEqualTo("EntityNotFoundException");
        });
    }

    @Test
    void badRunOverridesAreRefusedBeforeAnythingStarts() {
        String name = createJob(job(unique("Overrides")));

        assertThat(message(expectError(InvalidInputException.class,
                () -> glue.startJobRun(r -> r.jobName(name).timeout(20_000))))).contains("Timeout must be between");
        assertThat(message(expectError(InvalidInputException.class,
                () -> glue.startJobRun(r -> r.jobName(name).workerType("G.1X")))))
                .contains("WorkerType and NumberOfWorkers must be set together");
        assertThat(message(expectError(InvalidInputException.class,
                () -> glue.startJobRun(r -> r.jobName(name).arguments(Map.of("--conf", "nonsense"))))))
                .contains("Arguments --conf");
        assertThat(glue.getJobRuns(r -> r.jobName(name)).jobRuns()).as("no run was recorded").isEmpty();
    }
}

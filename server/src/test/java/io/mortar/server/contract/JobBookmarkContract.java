package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.model.bookmark.BookmarkDocument;
import io.mortar.model.bookmark.FileMark;
import io.mortar.model.bookmark.FilesBookmark;
import io.mortar.model.bookmark.JdbcBookmark;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jobs.BookmarkStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.JobBookmarkEntry;
import software.amazon.awssdk.services.glue.model.JobCommand;
import software.amazon.awssdk.services.glue.model.JobUpdate;

/**
 * Job bookmarks through the SDK: GetJobBookmark (current and by run), ResetJobBookmark (clear and rewind), their
 * errors, deletion with the job, and StartJobRun's checks of the bookmark arguments. A run's commit is simulated
 * through the server's own store, as a succeeded run's end does it, so no driver is needed.
 */
abstract class JobBookmarkContract extends ContractGroup {
    private static final String FIRST = new BookmarkDocument(Map.of("orders", new FilesBookmark("sales.orders",
            FilesBookmark.DEFAULT_MAX_BAND, FilesBookmark.DEFAULT_MAX_FILES_IN_BAND,
            Map.of("s3://lake/orders/", new FileMark(1_765_000_000_000L, 1_764_999_100_000L, Map.of("s3://lake/orders/a.csv",
                    1_765_000_000_000L)))))).toJson();
    private static final String SECOND = new BookmarkDocument(Map.of("customers", new JdbcBookmark(
            "postgresql:public.customers", List.of("id"), false, List.of(1234L)))).toJson();

    JobBookmarkContract(TestServer server, GlueClient glue) {
        super(server, glue);
    }

    private BookmarkStore bookmarks() {
        return server.server().stores().bookmarks();
    }

    private static CreateJobRequest.Builder job(String name) {
        return CreateJobRequest.builder().name(name).role("arn:aws:iam::000000000000:role/glue")
                .command(JobCommand.builder().name("glueetl").scriptLocation("/scripts/" + name + ".sql").build());
    }

    private String newJob() {
        return glue.createJob(job(unique("Bookmarked")).build()).name();
    }

    private JobBookmarkEntry current(String job) {
        return glue.getJobBookmark(r -> r.jobName(job)).jobBookmarkEntry();
    }

    // ---------------------------------------------------------------- reading

    @Test
    void getJobBookmarkAnswersTheCurrentEntryAndEachRunsState() {
        String job = newJob();
        bookmarks().commit(job, 0, "jr_first", 0, FIRST);
        bookmarks().commit(job, 1, "jr_second", 2, SECOND);

        JobBookmarkEntry now = current(job);
        JobBookmarkEntry first = glue.getJobBookmark(r -> r.jobName(job).runId("jr_first")).jobBookmarkEntry();

        assertThat(now).isEqualTo(JobBookmarkEntry.builder().jobName(job).version(2).run(2).attempt(2)
                .previousRunId("jr_first").runId("jr_second").jobBookmark(SECOND).build());
        assertThat(first).isEqualTo(JobBookmarkEntry.builder().jobName(job).version(1).run(1).attempt(0)
                .runId("jr_first").jobBookmark(FIRST).build());
        assertThat(BookmarkDocument.parse(now.jobBookmark()).contexts()).containsOnlyKeys("customers");
    }

    // ---------------------------------------------------------------- resets

    @Test
    void aResetClearsTheStateAndAnswersTheVersionTheNextCommitBuildsOn() {
        String job = newJob();
        bookmarks().commit(job, 0, "jr_first", 0, FIRST);
        bookmarks().commit(job, 1, "jr_second", 1, SECOND);

        JobBookmarkEntry cleared = glue.resetJobBookmark(r -> r.jobName(job)).jobBookmarkEntry();

        JobBookmarkEntry expected = JobBookmarkEntry.builder().jobName(job).version(3).run(2).attempt(1)
                .jobBookmark("{\"contexts\":{}}").build();
        assertThat(cleared).isEqualTo(expected);
        assertThat(current(job)).as("GetJobBookmark after a reset: the entry, without state").isEqualTo(expected);
        assertThat(BookmarkDocument.parse(cleared.jobBookmark()).contexts()).isEmpty();
        assertThat(glue.getJobBookmark(r -> r.jobName(job).runId("jr_second")).jobBookmarkEntry().jobBookmark())
                .as("the history survives a reset").isEqualTo(SECOND);
        assertThatThrownBy(() -> bookmarks().commit(job, 2, "jr_stale", 0, "{}"))
                .as("a run that read the bookmark before the reset cannot commit over it")
                .isInstanceOfSatisfying(GlueException.class, e -> assertThat(e.code())
                        .isEqualTo(GlueErrorCode.CONCURRENT_MODIFICATION))
                .hasMessageContaining("version 3, not 2");
        assertThat(bookmarks().commit(job, cleared.version(), "jr_third", 0, FIRST).version()).isEqualTo(4);
        assertThat(current(job).previousRunId()).isNull();
    }

    @Test
    void aResetToARunRewindsToItsStateAsANewVersion() {
        String job = newJob();
        bookmarks().commit(job, 0, "jr_first", 0, FIRST);
        bookmarks().commit(job, 1, "jr_second", 0, SECOND);

        JobBookmarkEntry rewound = glue.resetJobBookmark(r -> r.jobName(job).runId("jr_first")).jobBookmarkEntry();

        assertThat(rewound).isEqualTo(JobBookmarkEntry.builder().jobName(job).version(3).run(1).attempt(0)
                .runId("jr_first").jobBookmark(FIRST).build());
        assertThat(current(job)).isEqualTo(rewound);
    }

    // ---------------------------------------------------------------- errors

    @Test
    void anUnknownJobIsEntityNotFoundNamingIt() {
        String missing = unique("NoSuchJob");

        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.getJobBookmark(r -> r.jobName(missing))))).contains(missing);
        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.resetJobBookmark(r -> r.jobName(missing))))).contains(missing);
        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.getJobBookmark(r -> r.jobName(missing).runId("jr_first"))))).contains(missing);
    }

    @Test
    void aJobNeverCommittedHasNoBookmarkToGetOrReset() {
        String job = newJob();

        assertThat(message(expectError(EntityNotFoundException.class, () -> glue.getJobBookmark(r -> r.jobName(job)))))
                .isEqualTo("No run of job " + job + " has committed a bookmark.");
        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.resetJobBookmark(r -> r.jobName(job))))).contains(job).contains("no run of it");
        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.resetJobBookmark(r -> r.jobName(job).runId("jr_first"))))).contains(job);
    }

    @Test
    void aRunThatCommittedNothingIsEntityNotFoundNamingItAndChangesNothing() {
        String job = newJob();
        bookmarks().commit(job, 0, "jr_first", 0, FIRST);

        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.getJobBookmark(r -> r.jobName(job).runId("jr_failed")))))
                .isEqualTo("Run jr_failed of job " + job + " committed no bookmark.");
        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.resetJobBookmark(r -> r.jobName(job).runId("jr_failed"))))).contains("jr_failed");
        assertThat(current(job).version()).as("a refused rewind changes nothing").isEqualTo(1);
    }

    @Test
    void aMalformedRunIdOrJobNameIsInvalidInputNamingTheField() {
        String job = newJob();
        bookmarks().commit(job, 0, "jr_first", 0, FIRST);

        assertThat(message(expectError(InvalidInputException.class,
                () -> glue.getJobBookmark(r -> r.jobName(job).runId("../jr_first"))))).startsWith("RunId ")
                .contains("'../jr_first'");
        assertThat(message(expectError(InvalidInputException.class,
                () -> glue.resetJobBookmark(r -> r.jobName(job).runId(""))))).startsWith("RunId ");
        assertThat(message(expectError(InvalidInputException.class,
                () -> glue.getJobBookmark(r -> r.jobName(job + "\u0000"))))).startsWith("JobName ");
        assertThat(message(expectError(InvalidInputException.class,
                () -> glue.resetJobBookmark(r -> r.jobName("\u0000"))))).startsWith("JobName ");
        assertThat(current(job).version()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- deletion

    @Test
    void deletingTheJobDeletesItsBookmarkAndAJobCreatedAgainStartsFromNothing() {
        String job = newJob();
        bookmarks().commit(job, 0, "jr_first", 0, FIRST);
        String other = newJob();
        bookmarks().commit(other, 0, "jr_first", 0, SECOND);

        glue.deleteJob(r -> r.jobName(job));

        assertThat(message(expectError(EntityNotFoundException.class, () -> glue.getJobBookmark(r -> r.jobName(job)))))
                .contains(job);
        glue.createJob(job(job).build());
        assertThat(message(expectError(EntityNotFoundException.class, () -> glue.getJobBookmark(r -> r.jobName(job)))))
                .isEqualTo("No run of job " + job + " has committed a bookmark.");
        expectError(EntityNotFoundException.class, () -> glue.getJobBookmark(r -> r.jobName(job).runId("jr_first")));
        assertThat(bookmarks().commit(job, 0, "jr_again", 0, FIRST).version()).isEqualTo(1);
        assertThat(current(other).jobBookmark()).as("other jobs keep theirs").isEqualTo(SECOND);
    }

    // ---------------------------------------------------------------- run arguments

    private String startFails(String job, Map<String, String> arguments) {
        return message(expectError(InvalidInputException.class,
                () -> glue.startJobRun(r -> r.jobName(job).arguments(arguments))));
    }

    @Test
    void startJobRunRefusesBadBookmarkArgumentsBeforeQueuingAnything() {
        String job = newJob();
        bookmarks().commit(job, 0, "jr_first", 0, FIRST);
        bookmarks().commit(job, 1, "jr_second", 0, SECOND);
        String pause = "job-bookmark-pause";

        assertThat(startFails(job, Map.of("--job-bookmark-option", "job-bookmark-enabled"))).isEqualTo("Arguments"
                + " --job-bookmark-option must be job-bookmark-enable, job-bookmark-disable or job-bookmark-pause,"
                + " not 'job-bookmark-enabled'.");
        assertThat(startFails(job, Map.of("--job-bookmark-option", pause, "--job-bookmark-from", "jr_first")))
                .startsWith("--job-bookmark-to is missing: --job-bookmark-from and --job-bookmark-to come together");
        assertThat(startFails(job, Map.of("--job-bookmark-option", pause, "--job-bookmark-to", "jr_second")))
                .startsWith("--job-bookmark-from is missing");
        assertThat(startFails(job, Map.of("--job-bookmark-option", "job-bookmark-enable",
                "--job-bookmark-from", "jr_first", "--job-bookmark-to", "jr_second")))
                .isEqualTo("--job-bookmark-from and --job-bookmark-to are only for --job-bookmark-option"
                        + " job-bookmark-pause; this run's --job-bookmark-option is job-bookmark-enable.");
        assertThat(startFails(job, Map.of("--job-bookmark-from", "jr_first", "--job-bookmark-to", "jr_second")))
                .as("without the option: Glue's default, disable").endsWith("is job-bookmark-disable.");
        assertThat(startFails(job, Map.of("--job-bookmark-option", pause, "--job-bookmark-from", "jr_failed",
                "--job-bookmark-to", "jr_second")))
                .isEqualTo("--job-bookmark-from names run jr_failed, which committed no bookmark of job " + job + ".");
        assertThat(startFails(job, Map.of("--job-bookmark-option", pause, "--job-bookmark-from", "jr_first",
                "--job-bookmark-to", "jr_failed"))).startsWith("--job-bookmark-to names run jr_failed");
        assertThat(startFails(job, Map.of("--job-bookmark-option", pause, "--job-bookmark-from", "jr_first",
                "--job-bookmark-to", "a/b"))).startsWith("--job-bookmark-to must be a job run id");
        assertThat(startFails(job, Map.of("--job-bookmark-option", pause, "--job-bookmark-from", "jr_second",
                "--job-bookmark-to", "jr_first"))).startsWith("--job-bookmark-from run jr_second committed after"
                + " --job-bookmark-to run jr_first");

        assertThat(glue.getJobRuns(r -> r.jobName(job)).jobRuns()).as("nothing was queued").isEmpty();
    }

    @Test
    void theRulesApplyToTheArgumentsTheRunGetsWhoeverSetThem() {
        String job = glue.createJob(job(unique("Paused")).defaultArguments(Map.of(
                "--job-bookmark-option", "job-bookmark-pause", "--job-bookmark-from", "jr_first",
                "--job-bookmark-to", "jr_second")).build()).name();
        String locked = glue.createJob(job(unique("Locked")).nonOverridableArguments(Map.of(
                "--job-bookmark-option", "job-bookmark-disable")).build()).name();
        bookmarks().commit(job, 0, "jr_first", 0, FIRST);
        bookmarks().commit(locked, 0, "jr_first", 0, FIRST);

        assertThat(startFails(job, Map.of("--job-bookmark-option", "job-bookmark-enable")))
                .as("the run's option over the job's from/to").endsWith("is job-bookmark-enable.");
        assertThat(startFails(job, Map.of())).as("the job's own window names a run that never committed")
                .startsWith("--job-bookmark-to names run jr_second");
        assertThat(startFails(locked, Map.of("--job-bookmark-option", "job-bookmark-pause",
                "--job-bookmark-from", "jr_first", "--job-bookmark-to", "jr_first")))
                .as("a non-overridable option wins over the run's").endsWith("is job-bookmark-disable.");

        assertThat(glue.getJobRuns(r -> r.jobName(job)).jobRuns()).isEmpty();
        assertThat(glue.getJobRuns(r -> r.jobName(locked)).jobRuns()).isEmpty();
    }

    @Test
    void aJobsDefaultOrNonOverridableBookmarkOptionMustBeAMode() {
        String name = unique("BadMode");

        assertThat(message(expectError(InvalidInputException.class, () -> glue.createJob(job(name)
                .defaultArguments(Map.of("--job-bookmark-option", "enable")).build()))))
                .startsWith("DefaultArguments --job-bookmark-option must be job-bookmark-enable,");
        expectError(EntityNotFoundException.class, () -> glue.getJob(r -> r.jobName(name)));
        String job = newJob();
        assertThat(message(expectError(InvalidInputException.class, () -> glue.updateJob(r -> r.jobName(job)
                .jobUpdate(JobUpdate.builder().role("glue").command(c -> c.name("glueetl").scriptLocation("/s.sql"))
                        .nonOverridableArguments(Map.of("--job-bookmark-option", "JOB-BOOKMARK-PAUSE")).build())))))
                .startsWith("NonOverridableArguments --job-bookmark-option must be").endsWith("'JOB-BOOKMARK-PAUSE'.");
    }
}

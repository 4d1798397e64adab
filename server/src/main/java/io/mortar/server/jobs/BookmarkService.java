package io.mortar.server.jobs;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.Names;
import io.mortar.model.GlueException;
import io.mortar.model.bookmark.BookmarkDocument;
import io.mortar.store.jobs.BookmarkStore;
import io.mortar.store.jobs.JobStore;
import io.mortar.store.jobs.StoredBookmark;
import software.amazon.awssdk.services.glue.model.GetJobBookmarkRequest;
import software.amazon.awssdk.services.glue.model.GetJobBookmarkResponse;
import software.amazon.awssdk.services.glue.model.JobBookmarkEntry;
import software.amazon.awssdk.services.glue.model.ResetJobBookmarkRequest;
import software.amazon.awssdk.services.glue.model.ResetJobBookmarkResponse;

/**
 * Job bookmarks over the Glue API: GetJobBookmark (the current entry, or with a RunId the state that run committed)
 * and ResetJobBookmark (to nothing, or with a RunId back to that run's state), and the check that a paused run's
 * {@code --job-bookmark-from}/{@code --job-bookmark-to} name runs that committed. Commits are the job runtime's.
 *
 * <p>An entry reset to nothing is answered with the empty document ({@code {"contexts":{}}}) as its
 * {@code JobBookmark} and no RunId: clients that read the member (boto3's {@code ['JobBookmark']}) get a document
 * rather than a missing key, and its Version is the base the next commit must name.
 */
final class BookmarkService {
    static final String EMPTY_BOOKMARK = BookmarkDocument.EMPTY.toJson();

    private final JobStore jobs;
    private final BookmarkStore bookmarks;

    BookmarkService(JobStore jobs, BookmarkStore bookmarks) {
        this.jobs = requireNonNull(jobs, "jobs");
        this.bookmarks = requireNonNull(bookmarks, "bookmarks");
    }

    GetJobBookmarkResponse getJobBookmark(GetJobBookmarkRequest request) {
        String job = request.jobName();
        requireJob(job);
        StoredBookmark entry = request.runId() == null
                ? bookmarks.get(job).orElseThrow(() -> GlueException.entityNotFound(
                        "No run of job %s has committed a bookmark.", job))
                : committedBy(job, request.runId(), "RunId");
        return GetJobBookmarkResponse.builder().jobBookmarkEntry(toEntry(entry)).build();
    }

    ResetJobBookmarkResponse resetJobBookmark(ResetJobBookmarkRequest request) {
        requireJob(request.jobName());
        if (request.runId() != null) {
            requireRunId(request.runId(), "RunId");
        }
        StoredBookmark entry = bookmarks.reset(request.jobName(), request.runId());
        return ResetJobBookmarkResponse.builder().jobBookmarkEntry(toEntry(entry)).build();
    }

    /**
     * Refuses a pause window whose runs did not both commit a bookmark of the job, or whose from-run committed
     * after its to-run (the window would be empty or inverted).
     */
    void checkPauseWindow(String job, BookmarkArguments.PauseWindow window) {
        StoredBookmark from = committedBy(job, window.fromRunId(), BookmarkArguments.FROM);
        StoredBookmark to = committedBy(job, window.toRunId(), BookmarkArguments.TO);
        if (from.version() > to.version()) {
            throw GlueException.invalidInput("%s run %s committed after %s run %s (bookmark versions %d and %d):"
                    + " the window runs from the earlier run to the later.", BookmarkArguments.FROM,
                    window.fromRunId(), BookmarkArguments.TO, window.toRunId(), from.version(), to.version());
        }
    }

    /** The state the run committed; the error names the run and what named it ({@code field}). */
    private StoredBookmark committedBy(String job, String runId, String field) {
        requireRunId(runId, field);
        return bookmarks.committedBy(job, runId).orElseThrow(() -> field.equals("RunId")
                ? GlueException.entityNotFound("Run %s of job %s committed no bookmark.", runId, job)
                : GlueException.invalidInput("%s names run %s, which committed no bookmark of job %s.", field, runId,
                        job));
    }

    /** JobName is a plain string in Glue's model (no pattern): a NUL would reach the store, which refuses it. */
    private void requireJob(String name) {
        Names.rejectNul(name, "JobName");
        JobService.require(jobs, name);
    }

    private static void requireRunId(String runId, String field) {
        if (!JobRunIds.isWellFormed(runId)) {
            throw GlueException.invalidInput("%s must be a job run id (letters, digits, '_' and '-'), not '%s'.",
                    field, runId);
        }
    }

    static JobBookmarkEntry toEntry(StoredBookmark entry) {
        return JobBookmarkEntry.builder()
                .jobName(entry.jobName())
                .version(entry.version())
                .run(entry.run())
                .attempt(entry.attempt())
                .previousRunId(entry.previousRunId())
                .runId(entry.runId())
                .jobBookmark(entry.cleared() ? EMPTY_BOOKMARK : entry.bookmark())
                .build();
    }
}

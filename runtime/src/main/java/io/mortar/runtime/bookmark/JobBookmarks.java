package io.mortar.runtime.bookmark;

import static java.util.Objects.requireNonNull;

import io.mortar.model.bookmark.BookmarkDocument;
import io.mortar.model.bookmark.SourceBookmark;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetJobBookmarkRequest;
import software.amazon.awssdk.services.glue.model.JobBookmarkEntry;

/**
 * A run's job bookmark: the state its sources filter by, read from the catalog (GetJobBookmark) when the first
 * bookmarked source asks, and the state they leave, staged for the server to commit when the run succeeds.
 *
 * <p>State is kept per transformation context, as in Glue. A source without one is read whole and not recorded;
 * the driver log says so once per source, because it is the most common reason a bookmarked job reads everything
 * again. Contexts this run does not read keep the state they had. The commit itself is the server's: the driver
 * hands the staged document over with its {@code SUCCEEDED} status ({@link #committed()}), and the server stores it
 * by compare-and-set on the version this run read, so a failed, stopped or timed-out run commits nothing.
 */
public final class JobBookmarks {
    private static final Logger LOG = LoggerFactory.getLogger(JobBookmarks.class);

    /** What the server commits: the document, built on the bookmark at {@code baseVersion} (0: none yet). */
    public record Staged(int baseVersion, String document) {}

    private record Loaded(int version, BookmarkDocument lower, BookmarkDocument upper) {}

    /** A committed bookmark as the catalog returns it: its version and document. */
    public record Entry(int version, String document) {}

    /**
     * Where the committed bookmarks are read: the job's current one ({@code runId} null), or the one a run committed;
     * empty when there is none.
     */
    @FunctionalInterface
    public interface Committed {
        Optional<Entry> read(String runId);
    }

    private final BookmarkMode mode;
    private final String jobName;
    private final Committed source;
    private final Set<String> warned = new HashSet<>();
    private Loaded loaded;
    private BookmarkDocument next;
    private Staged committed;

    public JobBookmarks(BookmarkMode mode, String jobName, Committed source) {
        this.mode = requireNonNull(mode, "mode");
        this.jobName = jobName;
        this.source = source;
        if (mode.filters() && (jobName == null || jobName.isBlank())) {
            throw new IllegalArgumentException("Job bookmarks need --JOB_NAME");
        }
    }

    public static JobBookmarks disabled() {
        return new JobBookmarks(BookmarkMode.disabled(), null, null);
    }

    /** For a run with these arguments (without {@code --}), reading the bookmark through {@code glue} when needed. */
    public static JobBookmarks of(Map<String, String> args, Supplier<GlueClient> glue) {
        BookmarkMode mode = BookmarkMode.of(args);
        if (mode.filters()) {
            LOG.info("Job bookmarks: {}{}", mode.kind().name().toLowerCase(Locale.ROOT),
                    mode.bounded() ? " from run " + mode.fromRun().get() + " to run " + mode.toRun().get() : "");
        }
        String jobName = args.get("JOB_NAME");
        return new JobBookmarks(mode, jobName, runId -> fromCatalog(glue.get(), jobName, runId));
    }

    /** GetJobBookmark: the job's current bookmark, or the one a run committed. */
    static Optional<Entry> fromCatalog(GlueClient glue, String jobName, String runId) {
        try {
            JobBookmarkEntry entry = glue.getJobBookmark(GetJobBookmarkRequest.builder().jobName(jobName).runId(runId)
                    .build()).jobBookmarkEntry();
            return Optional.of(new Entry(entry.version() == null ? 0 : entry.version(), entry.jobBookmark()));
        } catch (EntityNotFoundException e) {
            return Optional.empty(); // never committed (or, with a run, that run committed nothing)
        }
    }

    public BookmarkMode mode() {
        return mode;
    }

    /**
     * A source's bookmark, or empty when it reads everything: bookmarks disabled, or no transformation context
     * (logged once per target).
     */
    public synchronized Optional<SourceScope> forSource(String context, String target) {
        if (!mode.filters()) {
            return Optional.empty();
        }
        if (context == null || context.isBlank()) {
            if (warned.add(target)) {
                LOG.warn("Job bookmarks are on, but the source {} has no transformation context: it is read whole"
                        + " and not bookmarked. Give it a transformationContext to read only new data.", target);
            }
            return Optional.empty();
        }
        load();
        return Optional.of(new SourceScope(context, target));
    }

    /**
     * Glue's {@code Job.commit()}: the state recorded so far is what the server commits when the run succeeds (a
     * later commit replaces it). Without a commit nothing is saved. Mortar's own job kinds commit at the end.
     */
    public synchronized void commit() {
        if (!mode.commits() || loaded == null) {
            return; // nothing was read through a bookmark: nothing to save
        }
        committed = new Staged(loaded.version(), next.toJson());
        LOG.info("Job bookmark staged for commit on version {}: {} transformation contexts", loaded.version() + 1,
                next.contexts().size());
    }

    /** What the server is to commit when the run succeeds; empty when nothing was committed. */
    public synchronized Optional<Staged> committed() {
        return Optional.ofNullable(committed);
    }

    private void load() {
        if (loaded != null) {
            return;
        }
        Optional<Entry> current = source.read(null);
        int version = current.map(Entry::version).orElse(0);
        BookmarkDocument lower;
        BookmarkDocument upper = null;
        if (mode.bounded()) {
            lower = requireRun(mode.fromRun().get());
            upper = requireRun(mode.toRun().get());
        } else {
            lower = current.map(entry -> BookmarkDocument.parse(entry.document())).orElse(BookmarkDocument.EMPTY);
        }
        loaded = new Loaded(version, lower, upper);
        next = lower;
        LOG.info("Job bookmark of {}: version {}, {} transformation contexts", jobName, version,
                lower.contexts().size());
    }

    private BookmarkDocument requireRun(String runId) {
        return source.read(runId).map(entry -> BookmarkDocument.parse(entry.document()))
                .orElseThrow(() -> new IllegalArgumentException("Run " + runId + " of job " + jobName
                        + " committed no bookmark"));
    }

    /** One bookmarked source's view: the states it filters by, and where it records what it read. */
    public final class SourceScope {
        private final String context;
        private final String target;

        private SourceScope(String context, String target) {
            this.context = context;
            this.target = target;
        }

        public String context() {
            return context;
        }

        public String target() {
            return target;
        }

        /** The state new data is counted from: the bookmark (or, paused with from/to, run {@code from}'s). */
        public Optional<SourceBookmark> lower() {
            synchronized (JobBookmarks.this) {
                return Optional.ofNullable(loaded.lower().contexts().get(context));
            }
        }

        /** Paused with from/to: run {@code to}'s state, the end of what is read; else empty. */
        public Optional<SourceBookmark> upper() {
            synchronized (JobBookmarks.this) {
                return loaded.upper() == null ? Optional.empty()
                        : Optional.ofNullable(loaded.upper().contexts().get(context));
            }
        }

        /** Whether an upper bound is in force (paused with from/to): a place {@link #upper()} lacks reads nothing. */
        public boolean bounded() {
            return mode.bounded();
        }

        /** Whether what this run reads becomes the bookmark (enable). */
        public boolean advances() {
            return mode.commits();
        }

        /** Records the state this source leaves (only kept when the run {@linkplain #advances() advances}). */
        public void record(SourceBookmark state) {
            synchronized (JobBookmarks.this) {
                if (mode.commits()) {
                    next = next.with(context, state);
                }
            }
        }
    }
}

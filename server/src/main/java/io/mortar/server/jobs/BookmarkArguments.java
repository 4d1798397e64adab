package io.mortar.server.jobs;

import io.mortar.model.GlueException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Glue's job-bookmark arguments, checked where they are given (CreateJob, UpdateJob, StartJobRun) so a bad
 * combination is refused before a run is queued rather than failing in the driver: {@code --job-bookmark-option}
 * is one of three modes, and {@code --job-bookmark-from} / {@code --job-bookmark-to} come together and only with
 * {@code job-bookmark-pause}, as Glue's argument parser requires.
 */
final class BookmarkArguments {
    static final String OPTION = EffectiveArguments.BOOKMARK_OPTION;
    static final String FROM = "--job-bookmark-from";
    static final String TO = "--job-bookmark-to";
    static final String ENABLE = "job-bookmark-enable";
    static final String DISABLE = "job-bookmark-disable";
    static final String PAUSE = "job-bookmark-pause";
    static final List<String> MODES = List.of(ENABLE, DISABLE, PAUSE);

    /**
     * A paused run's window: the input that arrived after {@code fromRunId}'s commit, up to {@code toRunId}'s (that
     * both committed is {@link BookmarkService#checkPauseWindow}'s to check: it needs the store).
     */
    record PauseWindow(String fromRunId, String toRunId) {}

    private BookmarkArguments() {}

    /** Checks the value of {@code --job-bookmark-option} among {@code arguments} (the request member {@code field}). */
    static void checkOption(Map<String, String> arguments, String field) {
        String mode = arguments == null ? null : arguments.get(OPTION);
        if (mode != null && !MODES.contains(mode)) {
            throw GlueException.invalidInput("%s %s must be %s, %s or %s, not '%s'.", field, OPTION, ENABLE, DISABLE,
                    PAUSE, mode);
        }
    }

    /**
     * Checks a run's effective arguments (the job's defaults, the run's own, the non-overridable ones) and returns
     * the window they ask for, if any: from and to both present, under {@code job-bookmark-pause}.
     */
    static Optional<PauseWindow> pauseWindow(Map<String, String> effective) {
        checkOption(effective, "The run's argument");
        String from = effective.get(FROM);
        String to = effective.get(TO);
        if (from == null && to == null) {
            return Optional.empty();
        }
        if (from == null || to == null) {
            throw GlueException.invalidInput("%s is missing: %s and %s come together (a paused run reads the input"
                    + " that arrived after the first run's commit up to the second's).", from == null ? FROM : TO,
                    FROM, TO);
        }
        String mode = effective.getOrDefault(OPTION, DISABLE);
        if (!mode.equals(PAUSE)) {
            throw GlueException.invalidInput("%s and %s are only for %s %s; this run's %s is %s.", FROM, TO, OPTION,
                    PAUSE, OPTION, mode);
        }
        return Optional.of(new PauseWindow(from, to));
    }
}

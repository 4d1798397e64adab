package io.mortar.runtime.bookmark;

import java.util.Map;
import java.util.Optional;

/**
 * What {@code --job-bookmark-option} (and {@code --job-bookmark-from}/{@code --job-bookmark-to}) ask of a run, as
 * Glue reads them: enable filters by the bookmark and commits the new state when the run succeeds; disable (the
 * default) reads everything and leaves the bookmark alone; pause filters by the bookmark without committing, or
 * with from/to reads exactly what arrived after run {@code from} committed up to what run {@code to} committed.
 * The server has checked the combination before the run started; this reads it again for a driver started by hand.
 */
public record BookmarkMode(Kind kind, Optional<String> fromRun, Optional<String> toRun) {
    public enum Kind { ENABLE, DISABLE, PAUSE }

    public static final String OPTION = "job-bookmark-option";
    public static final String FROM = "job-bookmark-from";
    public static final String TO = "job-bookmark-to";

    public static BookmarkMode disabled() {
        return new BookmarkMode(Kind.DISABLE, Optional.empty(), Optional.empty());
    }

    /** From a run's arguments (without the leading {@code --}). */
    public static BookmarkMode of(Map<String, String> args) {
        String option = args.getOrDefault(OPTION, "job-bookmark-disable");
        Kind kind = switch (option) {
            case "job-bookmark-enable" -> Kind.ENABLE;
            case "job-bookmark-disable" -> Kind.DISABLE;
            case "job-bookmark-pause" -> Kind.PAUSE;
            default -> throw new IllegalArgumentException("--" + OPTION + " must be job-bookmark-enable,"
                    + " job-bookmark-disable or job-bookmark-pause, not '" + option + "'");
        };
        Optional<String> from = Optional.ofNullable(args.get(FROM)).filter(s -> !s.isBlank());
        Optional<String> to = Optional.ofNullable(args.get(TO)).filter(s -> !s.isBlank());
        if (from.isPresent() != to.isPresent()) {
            throw new IllegalArgumentException("--" + FROM + " and --" + TO + " must be given together");
        }
        if (from.isPresent() && kind != Kind.PAUSE) {
            throw new IllegalArgumentException("--" + FROM + " and --" + TO + " apply only with --" + OPTION
                    + " job-bookmark-pause");
        }
        return new BookmarkMode(kind, from, to);
    }

    public boolean filters() {
        return kind != Kind.DISABLE;
    }

    public boolean commits() {
        return kind == Kind.ENABLE;
    }

    public boolean bounded() {
        return toRun.isPresent();
    }
}

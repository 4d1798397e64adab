package io.mortar.store.jobs;

import java.util.Optional;

/** Where a newest-first listing of runs resumes: after the run started at this time with this id. */
public record RunCursor(long startedOnMillis, String id) {
    public String encode() {
        return startedOnMillis + ":" + id;
    }

    /** The cursor {@link #encode} wrote, or empty for text it did not write. */
    public static Optional<RunCursor> parse(String cursor) {
        int colon = cursor.indexOf(':');
        try {
            if (colon > 0 && colon < cursor.length() - 1) {
                return Optional.of(new RunCursor(Long.parseLong(cursor.substring(0, colon)),
                        cursor.substring(colon + 1)));
            }
        } catch (NumberFormatException e) {
            // not a cursor of ours
        }
        return Optional.empty();
    }
}

package io.mortar.server.jobs.store;

import io.mortar.catalog.PageTokens;

/** Where a newest-first listing of runs resumes: after the run started at this time with this id. */
public record RunCursor(long startedOnMillis, String id) {
    public String encode() {
        return startedOnMillis + ":" + id;
    }

    /** Null for a null cursor (the first page); InvalidInputException for one this server did not issue. */
    public static RunCursor decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        int colon = cursor.indexOf(':');
        try {
            if (colon > 0 && colon < cursor.length() - 1) {
                return new RunCursor(Long.parseLong(cursor.substring(0, colon)), cursor.substring(colon + 1));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw PageTokens.forged();
    }
}

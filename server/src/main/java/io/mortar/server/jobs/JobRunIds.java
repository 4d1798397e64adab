package io.mortar.server.jobs;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Glue's run ids: {@code jr_} and 64 hex digits; an automatic retry is {@code <original>_attempt_<n>}. */
final class JobRunIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private JobRunIds() {}

    static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "jr_" + HexFormat.of().formatHex(bytes);
    }

    static String retryId(String originalId, int attempt) {
        return originalId + "_attempt_" + attempt;
    }

    /** Ids that can name a run directory: nothing that could climb out of it. */
    static boolean isWellFormed(String id) {
        return id != null && id.matches("[A-Za-z0-9_\\-]{1,255}");
    }
}

package io.mortar.server.orchestration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Ids derived from what caused a start (a trigger's firing, a workflow run's node), in Glue's formats: the same cause
 * always gives the same id, so starting it again — after a crash, or from a second server — finds the run already
 * there instead of starting another.
 */
final class FiringIds {
    private FiringIds() {}

    /** A job run id, {@code jr_} and 64 hex digits as Glue's. */
    static String jobRun(String cause) {
        return "jr_" + sha256(cause);
    }

    /** A workflow run id, {@code wr_} and 64 hex digits as Glue's. */
    static String workflowRun(String cause) {
        return "wr_" + sha256(cause);
    }

    /** A crawl id, a UUID as every crawl's. */
    static String crawl(String cause) {
        return UUID.nameUUIDFromBytes(cause.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

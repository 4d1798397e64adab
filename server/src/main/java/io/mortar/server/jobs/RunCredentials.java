package io.mortar.server.jobs;

import io.mortar.store.jobs.StoredJobRun;
import java.util.Map;

/**
 * A job run's own credential for the Glue API: issued as its driver launches (as environment variables the AWS SDK
 * and boto3 read), scoped to the run, and revoked when the run ends.
 */
public interface RunCredentials {
    /** Without authentication: drivers sign with anything, and nothing is issued. */
    RunCredentials NONE = new RunCredentials() {
        @Override
        public Map<String, String> issue(StoredJobRun run) {
            return Map.of();
        }

        @Override
        public void revoke(String runId) {
        }
    };

    /**
     * The driver's environment: {@code MORTAR_ACCESS_KEY_ID}, {@code MORTAR_SECRET_ACCESS_KEY},
     * {@code MORTAR_SESSION_TOKEN} (the runtime's {@code GlueEndpoint} and the Python driver read them).
     */
    Map<String, String> issue(StoredJobRun run);

    void revoke(String runId);
}

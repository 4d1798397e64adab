package io.mortar.server.jobs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.Job;

/**
 * The arguments a run receives, merged Glue's way: the job's DefaultArguments, overridden or extended by the
 * run's own Arguments, with NonOverridableArguments always winning; then what the service injects:
 * {@code --JOB_NAME}, {@code --JOB_ID}, {@code --JOB_RUN_ID}, {@code --scriptLocation} (always the job's),
 * and {@code --job-bookmark-option} and {@code --TempDir} unless the job or run chose them.
 */
final class EffectiveArguments {
    static final String BOOKMARK_OPTION = "--job-bookmark-option";
    static final String TEMP_DIR = "--TempDir";
    static final String JOB_RUN_ID = "--JOB_RUN_ID";

    private EffectiveArguments() {}

    static Map<String, String> merge(Job job, Map<String, String> runArguments, String runId, Path tempDir) {
        Map<String, String> merged = new LinkedHashMap<>();
        merged.put("--JOB_NAME", job.name());
        merged.put("--JOB_ID", job.name());
        merged.put(JOB_RUN_ID, runId);
        merged.put("--scriptLocation", job.command().scriptLocation());
        Map<String, String> chosen = new LinkedHashMap<>();
        if (job.hasDefaultArguments()) {
            chosen.putAll(job.defaultArguments());
        }
        chosen.putAll(runArguments);
        if (job.hasNonOverridableArguments()) {
            chosen.putAll(job.nonOverridableArguments());
        }
        chosen.keySet().removeAll(merged.keySet()); // the injected ones are the service's, as in Glue
        merged.putAll(chosen);
        merged.putIfAbsent(BOOKMARK_OPTION, "job-bookmark-disable");
        merged.putIfAbsent(TEMP_DIR, tempDir.toString());
        return merged;
    }

    /** A retry runs with its original's arguments under its own run id. */
    static Map<String, String> forRetry(Map<String, String> original, String retryRunId) {
        Map<String, String> arguments = new LinkedHashMap<>(original);
        arguments.put(JOB_RUN_ID, retryRunId);
        return arguments;
    }
}

package io.mortar.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.glue.model.JobRun;

/**
 * A demo job's run that succeeded, and what its driver reported.
 *
 * @param run the run as GetJobRun has it at its end
 * @param report the JSON of the driver's {@value JobRunner#RESULT_MARKER} line
 */
record JobOutcome(JobRun run, JsonNode report) {}

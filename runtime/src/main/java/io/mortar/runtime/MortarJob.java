package io.mortar.runtime;

/**
 * A Java ETL job. Mortar loads the class named by the job's {@code --class} argument from the job's jar, builds
 * it with its public no-argument constructor and calls {@link #run} once per run. Throwing fails the run, and
 * the exception's message becomes the run's {@code ErrorMessage}.
 */
@FunctionalInterface
public interface MortarJob {
    void run(JobContext context) throws Exception;
}

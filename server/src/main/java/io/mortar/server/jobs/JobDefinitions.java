package io.mortar.server.jobs;

import io.mortar.model.GlueException;
import io.mortar.server.config.SparkConfText;
import io.mortar.store.jobs.StoredJobRun;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.glue.model.ExecutionProperty;
import software.amazon.awssdk.services.glue.model.Job;
import software.amazon.awssdk.services.glue.model.JobCommand;

/**
 * Glue's rules for a job definition: what CreateJob and UpdateJob accept (messages name the field) and the
 * defaults a stored job gets for what the request left out. UpdateJob replaces the whole definition, so it goes
 * through exactly the same rules: a field it omits reverts to its default.
 */
final class JobDefinitions {
    static final String DEFAULT_GLUE_VERSION = "5.1";
    static final int MAX_TIMEOUT_MINUTES = 10_079; // "less than 7 days or 10080 minutes"
    static final int MAX_RETRIES = 10;
    static final int MAX_CONCURRENT_RUNS = 1_000;
    private static final Set<String> UNSUPPORTED_COMMANDS = Set.of("glueray", "gluestreaming");
    static final String GLUEETL = StoredJobRun.GLUEETL;
    static final String PYTHONSHELL = StoredJobRun.PYTHONSHELL;
    /** A Python shell job's DPUs: a sixteenth (the default) or one. */
    static final double PYTHON_SHELL_DEFAULT_DPUS = 0.0625;

    private JobDefinitions() {}

    /** The job as stored: validated, with every default filled in. {@code job} carries the request's fields. */
    static Job normalize(Job job) {
        Job.Builder out = job.toBuilder();
        if (job.role() == null || job.role().isBlank()) {
            throw GlueException.invalidInput("Role is required.");
        }
        JobCommand command = command(job.command());
        out.command(command);
        String glueVersion = job.glueVersion() == null ? defaultGlueVersion(command) : job.glueVersion();
        double version = glueVersion(glueVersion);
        out.glueVersion(glueVersion);

        if (job.maxRetries() != null && (job.maxRetries() < 0 || job.maxRetries() > MAX_RETRIES)) {
            throw GlueException.invalidInput("MaxRetries must be between 0 and %d, not %d.", MAX_RETRIES,
                    job.maxRetries());
        }
        out.maxRetries(job.maxRetries() == null ? 0 : job.maxRetries());
        out.timeout(job.timeout() == null ? defaultTimeout(version) : timeout(job.timeout(), "Timeout"));
        Integer maxRuns = job.executionProperty() == null ? null : job.executionProperty().maxConcurrentRuns();
        if (maxRuns != null && (maxRuns < 1 || maxRuns > MAX_CONCURRENT_RUNS)) {
            throw GlueException.invalidInput("ExecutionProperty.MaxConcurrentRuns must be between 1 and %d, not %d.",
                    MAX_CONCURRENT_RUNS, maxRuns);
        }
        out.executionProperty(ExecutionProperty.builder().maxConcurrentRuns(maxRuns == null ? 1 : maxRuns).build());

        RunCapacity capacity = capacity(command.name(), job.workerTypeAsString(), job.numberOfWorkers(),
                job.maxCapacity(), job.allocatedCapacity(), version);
        if (capacity.workerType() == null) {
            double dpus = capacity.dpus();
            out.maxCapacity(dpus).allocatedCapacity((int) dpus);
        } else {
            out.maxCapacity(null).allocatedCapacity(null);
        }

        String executionClass = job.executionClassAsString() == null ? "STANDARD" : job.executionClassAsString();
        if (executionClass.equals("FLEX") && command.name().equals(PYTHONSHELL)) {
            throw GlueException.invalidInput("ExecutionClass FLEX is not supported for Job Command pythonshell: FLEX"
                    + " is for glueetl jobs.");
        }
        if (executionClass.equals("FLEX") && version < 3.0) {
            throw GlueException.invalidInput("ExecutionClass FLEX needs GlueVersion 3.0 or later, not %s.",
                    glueVersion);
        }
        out.executionClass(executionClass);
        out.jobMode(job.jobModeAsString() == null ? "SCRIPT" : job.jobModeAsString());
        checkConf(job.defaultArguments(), "DefaultArguments");
        checkConf(job.nonOverridableArguments(), "NonOverridableArguments");
        BookmarkArguments.checkOption(job.defaultArguments(), "DefaultArguments");
        BookmarkArguments.checkOption(job.nonOverridableArguments(), "NonOverridableArguments");
        return out.build();
    }

    private static JobCommand command(JobCommand command) {
        if (command == null) {
            throw GlueException.invalidInput("Command is required.");
        }
        String name = command.name() == null ? GLUEETL : command.name();
        if (UNSUPPORTED_COMMANDS.contains(name)) {
            throw GlueException.invalidInput("Command.Name %s is not supported: Mortar runs Spark ETL jobs (glueetl)"
                    + " and Python shell jobs (pythonshell).", name);
        }
        if (!name.equals(GLUEETL) && !name.equals(PYTHONSHELL)) {
            throw GlueException.invalidInput("Command.Name must be glueetl, gluestreaming, pythonshell or glueray,"
                    + " not '%s'.", name);
        }
        if (command.scriptLocation() == null || command.scriptLocation().isBlank()) {
            throw GlueException.invalidInput("Command.ScriptLocation is required for a %s job.", name);
        }
        String pythonVersion = command.pythonVersion() == null ? "3" : command.pythonVersion();
        if (name.equals(PYTHONSHELL) && pythonVersion.equals("2")) {
            throw GlueException.invalidInput("Command.PythonVersion 2 is not supported for Job Command pythonshell:"
                    + " Python shell jobs run Python 3 (PythonVersion 3 or 3.9).");
        }
        return command.toBuilder().name(name).pythonVersion(pythonVersion).build();
    }

    /**
     * A job's GlueVersion when it names none. GlueVersion does not apply to Python shell jobs (Glue ignores it), which
     * show the version their Python came with: 3.0 for Python 3.9, 1.0 for Python 3 (3.6).
     */
    private static String defaultGlueVersion(JobCommand command) {
        if (!command.name().equals(PYTHONSHELL)) {
            return DEFAULT_GLUE_VERSION;
        }
        return command.pythonVersion().equals("3.9") ? "3.0" : "1.0";
    }

    /** The GlueVersion as a number to compare (2.0, 4.0, 5.1…). */
    static double glueVersion(String glueVersion) {
        if (!glueVersion.matches("\\d+\\.\\d+")) {
            throw GlueException.invalidInput("GlueVersion must be a Glue version such as 4.0 or 5.0, not '%s'.",
                    glueVersion);
        }
        return Double.parseDouble(glueVersion);
    }

    static int defaultTimeout(double glueVersion) {
        return glueVersion <= 4.0 ? 2_880 : 480;
    }

    static int timeout(int minutes, String field) {
        if (minutes < 1 || minutes > MAX_TIMEOUT_MINUTES) {
            throw GlueException.invalidInput("%s must be between 1 and %d minutes (less than 7 days), not %d.", field,
                    MAX_TIMEOUT_MINUTES, minutes);
        }
        return minutes;
    }

    /**
     * Checks a sizing (a job's, or a StartJobRun override's) for the job's command: for a Spark job a worker type
     * and count together, or a DPU count, never both; for a Python shell job 0.0625 or 1 DPU, never workers.
     * AllocatedCapacity is MaxCapacity's deprecated name.
     */
    static RunCapacity capacity(String command, String workerType, Integer workers, Double maxCapacity,
                                Integer allocated, double glueVersion) {
        if (allocated != null) {
            if (maxCapacity != null && maxCapacity.doubleValue() != allocated.doubleValue()) {
                throw GlueException.invalidInput("Please set only Allocated Capacity or Max Capacity"
                        + " (AllocatedCapacity is the deprecated name of MaxCapacity).");
            }
            maxCapacity = allocated.doubleValue();
        }
        if (command.equals(PYTHONSHELL)) {
            return pythonShellCapacity(workerType, workers, maxCapacity);
        }
        if ((workerType == null) != (workers == null)) {
            throw GlueException.invalidInput("WorkerType and NumberOfWorkers must be set together (got %s).",
                    workerType == null ? "NumberOfWorkers alone" : "WorkerType alone");
        }
        if (workerType != null) {
            if (maxCapacity != null) {
                throw GlueException.invalidInput("MaxCapacity cannot be set together with WorkerType and"
                        + " NumberOfWorkers: size a job by workers or by DPUs, not both.");
            }
            if (workerType.equals("Z.2X")) {
                throw GlueException.invalidInput("WorkerType Z.2X is for Ray jobs; Spark jobs use G.025X, G.1X, G.2X,"
                        + " G.4X or G.8X.");
            }
            RunCapacity.dpusPerWorker(workerType); // rejects unknown types
            if (Set.of("G.025X", "G.4X", "G.8X").contains(workerType) && glueVersion < 3.0) {
                throw GlueException.invalidInput("WorkerType %s needs GlueVersion 3.0 or later.", workerType);
            }
            if (workers < 2) {
                throw GlueException.invalidInput("NumberOfWorkers must be at least 2 (the driver's worker and one"
                        + " executor), not %d.", workers);
            }
            return new RunCapacity(workerType, workers, null);
        }
        if (maxCapacity != null) {
            if (maxCapacity < 2 || maxCapacity > 100 || new BigDecimal(maxCapacity).stripTrailingZeros().scale() > 0) {
                throw GlueException.invalidInput("MaxCapacity must be a whole number of DPUs from 2 to 100 for a"
                        + " glueetl job, not %s.", maxCapacity);
            }
        }
        return new RunCapacity(null, null, maxCapacity);
    }

    /** Glue's sizes of a Python shell job: a single machine of 0.0625 DPU (the default) or 1 DPU. */
    private static RunCapacity pythonShellCapacity(String workerType, Integer workers, Double maxCapacity) {
        if (workerType != null) {
            throw GlueException.invalidInput("Worker Type is not supported for Job Command pythonshell.");
        }
        if (workers != null) {
            throw GlueException.invalidInput("Number of Workers is not supported for Job Command pythonshell.");
        }
        if (maxCapacity != null && maxCapacity != PYTHON_SHELL_DEFAULT_DPUS && maxCapacity != 1.0) {
            throw GlueException.invalidInput("MaxCapacity must be 0.0625 or 1 DPU for a pythonshell job, not %s.",
                    BigDecimal.valueOf(maxCapacity).stripTrailingZeros().toPlainString());
        }
        return new RunCapacity(null, null, maxCapacity == null ? PYTHON_SHELL_DEFAULT_DPUS : maxCapacity);
    }

    /** A {@code --conf} argument must parse, or every run of the job would fail to launch. */
    static void checkConf(Map<String, String> arguments, String field) {
        String conf = arguments == null ? null : arguments.get("--conf");
        if (conf != null) {
            try {
                SparkConfText.parse(conf);
            } catch (IllegalArgumentException e) {
                throw GlueException.invalidInput("%s --conf: %s (expected 'k=v --conf k2=v2').", field, e.getMessage());
            }
        }
    }
}

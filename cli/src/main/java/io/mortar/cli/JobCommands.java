package io.mortar.cli;

import static io.mortar.cli.CatalogCommands.time;

import io.mortar.cli.http.HttpAnswer;
import io.mortar.cli.http.MortarHttp;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Job;
import software.amazon.awssdk.services.glue.model.JobRun;

/** Everyday job commands: list jobs and a job's runs, start a run, read a run's driver log. */
final class JobCommands {
    /** The run states after which a log grows no more. */
    static final Set<String> FINAL_STATES = Set.of("SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED", "ERROR", "EXPIRED");
    static final String RUN_STATE_HEADER = "X-Mortar-Run-State";

    private JobCommands() {}

    @Command(name = "jobs", mixinStandardHelpOptions = true, description = "Lists the jobs.")
    static final class Jobs extends CatalogCommands.Base {
        @Override
        void run(GlueClient glue) {
            List<Job> jobs = glue.getJobsPaginator(b -> {}).stream().flatMap(page -> page.jobs().stream()).toList();
            if (json()) {
                printJson(jobs);
                return;
            }
            TextTable table = new TextTable("NAME", "SCRIPT", "CAPACITY", "TIMEOUT (MIN)", "MAX RETRIES",
                    "MODIFIED (UTC)");
            for (Job job : jobs) {
                table.row(job.name(), job.command() == null ? "" : job.command().scriptLocation(), capacity(job),
                        job.timeout(), job.maxRetries(), time(job.lastModifiedOn()));
            }
            table.print(out());
        }

        private static String capacity(Job job) {
            if (job.workerType() != null) {
                return job.numberOfWorkers() + " x " + job.workerTypeAsString();
            }
            return job.maxCapacity() == null ? "" : String.format("%.0f DPU", job.maxCapacity());
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true, description = "Lists a job's runs, newest first.")
    static final class Runs extends CatalogCommands.Base {
        @Parameters(index = "0", paramLabel = "JOB")
        String job;

        @Option(names = "--limit", defaultValue = "50", description = "at most this many runs (default 50)")
        int limit;

        @Override
        void run(GlueClient glue) {
            requirePositiveLimit(limit);
            List<JobRun> runs = glue.getJobRunsPaginator(b -> b.jobName(job).maxResults(Math.min(limit, 200)))
                    .stream().flatMap(page -> page.jobRuns().stream()).limit(limit).toList();
            if (json()) {
                printJson(runs);
                return;
            }
            TextTable table = new TextTable("ID", "ATTEMPT", "STATE", "STARTED (UTC)", "TIME (S)", "DPU-S", "ERROR");
            for (JobRun run : runs) {
                table.row(run.id(), run.attempt(), run.jobRunStateAsString(), time(run.startedOn()),
                        run.executionTime(), run.dpuSeconds() == null ? "" : String.format("%.0f", run.dpuSeconds()),
                        run.errorMessage());
            }
            table.print(out());
        }
    }

    @Command(name = "start-run", mixinStandardHelpOptions = true,
            description = "Starts a run of a job and prints its run id.")
    static final class StartRun extends CatalogCommands.Base {
        @Parameters(index = "0", paramLabel = "JOB")
        String job;

        @Option(names = "--arg", paramLabel = "KEY=VALUE",
                description = "a run argument, e.g. --arg day=2024-01-01 (passed as --day); repeatable")
        List<String> args = List.of();

        @Override
        void run(GlueClient glue) {
            Map<String, String> arguments = new LinkedHashMap<>();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                if (eq <= 0) {
                    throw new ParameterException(spec.commandLine(), "--arg must be KEY=VALUE, not '" + arg + "'");
                }
                String key = arg.substring(0, eq);
                arguments.put(key.startsWith("--") ? key : "--" + key, arg.substring(eq + 1));
            }
            String runId = glue.startJobRun(b -> b.jobName(job).arguments(arguments)).jobRunId();
            out().println(runId);
            out().flush();
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true,
            description = {"Prints a run's driver log.",
                    "With --follow, keeps printing until the run ends; then exits 0 if it SUCCEEDED, else 1."})
    static final class Logs implements Callable<Integer> {
        private static final Duration POLL = Duration.ofMillis(500);

        @ParentCommand
        MortarCli parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RUN_ID")
        String runId;

        @Option(names = {"-f", "--follow"}, description = "keep printing new lines until the run ends")
        boolean follow;

        @Override
        public Integer call() throws IOException, InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            long offset = 0;
            while (true) {
                URI uri = parent.endpoint().resolve("/runs/" + MortarHttp.pathSegment(runId) + "/log?from=" + offset);
                HttpAnswer answer = parent.http(MortarHttp.CALLS).get(uri);
                if (answer.status() == 404) {
                    spec.commandLine().getErr().println("error: no job run " + runId + " at " + parent.endpoint());
                    return 2;
                }
                byte[] body = answer.requireSuccess().bytes();
                out.print(new String(body, StandardCharsets.UTF_8));
                out.flush();
                offset += body.length;
                String state = answer.header(RUN_STATE_HEADER).orElse("");
                if (!follow) {
                    return 0;
                }
                if (FINAL_STATES.contains(state) && body.length == 0) {
                    return state.equals("SUCCEEDED") ? 0 : 1;
                }
                if (body.length == 0) {
                    Thread.sleep(POLL.toMillis());
                }
            }
        }
    }
}

package io.mortar.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobBookmarkEntry;

/** Job bookmark commands: show what a job's next run will skip, reset or rewind the bookmark. */
final class BookmarkCommands {
    private BookmarkCommands() {}

    @Command(name = "bookmark", mixinStandardHelpOptions = true,
            description = {"Shows a job's bookmark: its version and the run that committed it, and per"
                    + " transformation context what the next run will skip and from where (files: each location's"
                    + " mark and the files in its window; JDBC: the last key values).",
                    "A job no run has committed a bookmark for is an error (exit 2)."})
    static final class Show extends CatalogCommands.Base {
        @Parameters(index = "0", paramLabel = "JOB")
        String job;

        @Option(names = "--run", paramLabel = "RUN_ID", description = "the state this run committed instead")
        String run;

        @Option(names = "--files", defaultValue = "10", paramLabel = "N",
                description = "at most this many window files listed per context (default 10)")
        int files;

        @Override
        void run(GlueClient glue) {
            if (files < 0) {
                throw new ParameterException(spec.commandLine(), "--files must be at least 0, not " + files);
            }
            JobBookmarkEntry entry = glue.getJobBookmark(b -> b.jobName(job).runId(run)).jobBookmarkEntry();
            if (json()) {
                printJson(List.of(entry));
                return;
            }
            new BookmarkReport(out(), files).print(entry);
        }
    }

    @Command(name = "reset-bookmark", mixinStandardHelpOptions = true,
            description = {"Resets a job's bookmark: the next run reads everything again.",
                    "With --run, rewinds it instead to the state that run committed (as a new version)."})
    static final class Reset extends CatalogCommands.Base {
        @Parameters(index = "0", paramLabel = "JOB")
        String job;

        @Option(names = "--run", paramLabel = "RUN_ID", description = "rewind to the state this run committed")
        String run;

        @Override
        void run(GlueClient glue) {
            JobBookmarkEntry entry = glue.resetJobBookmark(b -> b.jobName(job).runId(run)).jobBookmarkEntry();
            if (json()) {
                printJson(List.of(entry));
                return;
            }
            out().println(run == null
                    ? "Reset the bookmark of job " + job + ": the next run reads everything."
                    : "Rewound the bookmark of job " + job + " to the state run " + run + " committed.");
            out().println();
            new BookmarkReport(out(), 0).print(entry);
        }
    }
}

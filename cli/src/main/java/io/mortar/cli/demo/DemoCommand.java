package io.mortar.cli.demo;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mortar demo}: the flagship workload end to end, on this machine, as one command. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs Mortar's flagship workload end to end on this machine, step by step.",
                "",
                "1. Starts S3Proxy (a local S3; files in <dir>/s3) and a Mortar server",
                "   (catalog in <dir>/mortar); the rest goes through the Glue API.",
                "2. Creates a Glue connection to PostgreSQL and tests it.",
                "3. A Spark job generates support tickets as Parquet, partitioned by",
                "   day, in s3://demo/raw/tickets/, and a table of regex rules.",
                "4. A crawler crawls s3://demo/raw/ into the catalog: demo.tickets.",
                "5. A Spark job reads demo.tickets through the catalog, tags every",
                "   ticket with the rules, writes Parquet to s3://demo/tagged/tickets/",
                "   (catalog table demo.tickets_tagged) and a per-tag summary to",
                "   PostgreSQL (public.demo_tag_summary) through the connection.",
                "6. Prints what happened: rows, bytes, times, DPU-seconds, top tags.",
                "",
                "Without PostgreSQL (none answers at the default, or --postgres none) the",
                "summary goes to the lake: s3://demo/summary/tag_summary/, demo.tag_summary.",
                "A previous demo's data in <dir> is replaced. Exits 0 when every step",
                "succeeded, else 1, naming the step that failed.",
                ""})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--rows", defaultValue = "2000000", paramLabel = "N",
            description = "tickets to generate (default 2,000,000)")
    long rows;

    @Option(names = "--rules", defaultValue = "100", paramLabel = "N", description = "regex rules (default 100)")
    int rules;

    @Option(names = "--dir", paramLabel = "DIR", description = "where the demo keeps its S3 files, catalog and logs"
            + " (default ~/.mortar-demo)")
    Path dir;

    @Option(names = "--postgres", paramLabel = "JDBC_URL",
            description = "PostgreSQL for the summary, with user and password (jdbc:postgresql://HOST:5432/DB"
                    + "?user=U&password=P), or none; default $" + PostgresTarget.VARIABLE + ", else bin/test's local"
                    + " server (database and user mortar_test), else the lake")
    String postgres;

    @Option(names = "--keep", description = "keep S3Proxy and the server running afterwards, until Ctrl-C")
    boolean keep;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "seed of the generated tickets and rules (default 42)")
    long seed;

    @Option(names = "--days", defaultValue = "7", paramLabel = "N",
            description = "days the tickets are spread over, one partition each (default 7)")
    int days;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    public DemoCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        if (rows < 1) {
            throw new ParameterException(spec.commandLine(), "--rows must be at least 1, not " + rows);
        }
        if (rules < 1 || rules > 100_000) {
            throw new ParameterException(spec.commandLine(), "--rules must be between 1 and 100000, not " + rules);
        }
        if (days < 1 || days > 3660) {
            throw new ParameterException(spec.commandLine(), "--days must be between 1 and 3660, not " + days);
        }
        Optional<PostgresTarget> target;
        try {
            target = PostgresTarget.choose(postgres, environment);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path where = (dir != null ? dir : Path.of(System.getProperty("user.home"), ".mortar-demo"))
                .toAbsolutePath().normalize();
        DemoRun.Settings settings = new DemoRun.Settings(rows, rules, seed, days, where, target, keep, environment);
        return new DemoRun(settings, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
    }
}

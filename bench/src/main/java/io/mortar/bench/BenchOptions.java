package io.mortar.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The partition benchmark's command line. */
record BenchOptions(
        long partitions,
        List<MortarTarget.Backend> backends,
        boolean moto,
        Duration motoLoadBudget,
        long motoSize,
        Duration motoQueryBudget,
        int iterations,
        int warmup,
        int loaders,
        String pgUrl,
        String python,
        boolean keep,
        BeforeAfter beforeAfter) {

    /**
     * The before/after mode (null without {@code --baseline-rev}): the current tree's server against a baseline
     * revision's, each in its own JVM started with {@code serverJvmOptions}, loaded in {@code loadSteps} turns.
     */
    record BeforeAfter(String baselineRev, List<String> serverJvmOptions, int loadSteps, int settleSeconds,
                       NoiseMargins margins) {
        static final String DEFAULT_SERVER_JVM = "-Xms2g -Xmx2g -XX:+UseG1GC";
    }

    static final String USAGE = """
            Usage: PartitionBenchmark [options]
              --partitions N            partitions in the table (default 1000000)
              --backends LIST           Mortar stores to measure: sqlite, sqlite-normal, postgresql
                                        (default sqlite,postgresql; postgresql needs --pg-url or MORTAR_TEST_PG_URL)
              --no-moto                 do not measure moto
              --moto-budget-minutes M   stop loading moto after M minutes (default 20); Mortar is then measured
                                        at moto's size as well, so ratios compare equal sizes
              --moto-size N             load exactly N partitions into moto instead of using the budget
              --moto-query-budget-s S   time limit per moto query series, at least 5 samples (default 300)
              --iterations N            timed GetPartitions per query (default 300)
              --warmup N                untimed GetPartitions before each series (default 100)
              --loaders N               BatchCreatePartition threads (default 4)
              --pg-url URL              admin JDBC URL able to CREATE DATABASE (default $MORTAR_TEST_PG_URL)
              --python CMD              Python with moto installed (default python3)
              --keep                    keep Mortar's data (SQLite directory, PostgreSQL database) afterwards

            Before/after mode (no moto; --partitions, --backends, --iterations, --warmup, --loaders, --pg-url and
            --keep apply to both servers):
              --baseline-rev REV        compare the working tree's server with the one built from git revision
                                        REV, each in its own JVM on a fresh store
              --server-jvm "OPTS"       JVM options of both servers (default "%s")
              --load-steps N            load each server in N steps, alternating the servers; the first warms
                                        up and is not counted (default 11)
              --settle-seconds S        SQLite: idle time between loading and querying, for Mortar's refresh of
                                        SQLite's statistics a minute after writes (default 70)
              --noise-margins SPEC      how much worse counts as slower, in percent, e.g. p50=10,p99=25
                                        (default %s)
            """.formatted(BeforeAfter.DEFAULT_SERVER_JVM, NoiseMargins.DEFAULT.spec());

    static BenchOptions parse(String[] args) {
        long partitions = 1_000_000;
        List<MortarTarget.Backend> backends = new ArrayList<>(List.of(MortarTarget.Backend.SQLITE,
                MortarTarget.Backend.POSTGRESQL));
        boolean moto = true;
        Duration motoBudget = Duration.ofMinutes(20);
        long motoSize = 0;
        Duration motoQueryBudget = Duration.ofSeconds(300);
        int iterations = 300;
        int warmup = 100;
        int loaders = 4;
        String pgUrl = System.getenv("MORTAR_TEST_PG_URL");
        String python = "python3";
        boolean keep = false;
        String baselineRev = null;
        String serverJvm = null;
        Integer loadSteps = null;
        Integer settleSeconds = null;
        String margins = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--partitions" -> partitions = Long.parseLong(value(args, ++i, arg).replace("_", ""));
                case "--backends" -> backends = Arrays.stream(value(args, ++i, arg).split(","))
                        .filter(s -> !s.isBlank()).map(MortarTarget.Backend::fromOption).toList();
                case "--no-moto" -> moto = false;
                case "--moto-budget-minutes" -> motoBudget = Duration.ofSeconds(
                        (long) (Double.parseDouble(value(args, ++i, arg)) * 60));
                case "--moto-size" -> motoSize = Long.parseLong(value(args, ++i, arg).replace("_", ""));
                case "--moto-query-budget-s" -> motoQueryBudget = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
                case "--iterations" -> iterations = Integer.parseInt(value(args, ++i, arg));
                case "--warmup" -> warmup = Integer.parseInt(value(args, ++i, arg));
                case "--loaders" -> loaders = Integer.parseInt(value(args, ++i, arg));
                case "--pg-url" -> pgUrl = value(args, ++i, arg);
                case "--python" -> python = value(args, ++i, arg);
                case "--keep" -> keep = true;
                case "--baseline-rev" -> baselineRev = value(args, ++i, arg);
                case "--server-jvm" -> serverJvm = value(args, ++i, arg);
                case "--load-steps" -> loadSteps = Integer.parseInt(value(args, ++i, arg));
                case "--settle-seconds" -> settleSeconds = Integer.parseInt(value(args, ++i, arg));
                case "--noise-margins" -> margins = value(args, ++i, arg);
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("Unknown option " + arg);
            }
        }
        if (partitions < PartitionDataSet.REGIONS) {
            throw new IllegalArgumentException("--partitions must be at least " + PartitionDataSet.REGIONS);
        }
        if (motoSize != 0 && (motoSize < PartitionDataSet.REGIONS || motoSize > partitions)) {
            throw new IllegalArgumentException("--moto-size must be between " + PartitionDataSet.REGIONS
                    + " and --partitions");
        }
        BeforeAfter beforeAfter = null;
        if (baselineRev != null) {
            beforeAfter = beforeAfter(baselineRev, serverJvm, loadSteps, settleSeconds, margins, partitions);
        } else if (serverJvm != null || loadSteps != null || settleSeconds != null || margins != null) {
            throw new IllegalArgumentException("--server-jvm, --load-steps, --settle-seconds and --noise-margins need --baseline-rev");
        }
        return new BenchOptions(partitions, backends, moto, motoBudget, motoSize, motoQueryBudget, iterations, warmup,
                loaders, pgUrl, python, keep, beforeAfter);
    }

    private static BeforeAfter beforeAfter(String baselineRev, String serverJvm, Integer loadSteps,
                                           Integer settleSeconds, String margins, long partitions) {
        if (baselineRev.isBlank()) {
            throw new IllegalArgumentException("--baseline-rev needs a git revision");
        }
        int steps = loadSteps == null ? 11 : loadSteps;
        if (steps < 3 || (long) steps * PartitionLoader.BATCH > partitions) {
            throw new IllegalArgumentException("--load-steps must be between 3 and --partitions / "
                    + PartitionLoader.BATCH + ", not " + steps);
        }
        int settle = settleSeconds == null ? 70 : settleSeconds;
        if (settle < 0) {
            throw new IllegalArgumentException("--settle-seconds must be 0 or more, not " + settle);
        }
        List<String> jvm = Arrays.stream((serverJvm == null ? BeforeAfter.DEFAULT_SERVER_JVM : serverJvm).trim()
                .split("\\s+")).filter(o -> !o.isEmpty()).toList();
        NoiseMargins m = margins == null ? NoiseMargins.DEFAULT : NoiseMargins.DEFAULT.with(margins);
        return new BeforeAfter(baselineRev, jvm, steps, settle, m);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}

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
        boolean keep) {

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
            """;

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
        return new BenchOptions(partitions, backends, moto, motoBudget, motoSize, motoQueryBudget, iterations, warmup,
                loaders, pgUrl, python, keep);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}

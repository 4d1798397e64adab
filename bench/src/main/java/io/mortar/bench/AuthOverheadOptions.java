package io.mortar.bench;

import java.util.Arrays;
import java.util.List;

/** The auth-overhead benchmark's command line. */
record AuthOverheadOptions(List<MortarTarget.Backend> backends, long partitions, int userKeys, int rounds,
                           int iterations, int warmup, int roundWarmup, int loaders, int loadSteps,
                           int settleSeconds, String pgUrl, boolean keep) {

    static final String USAGE = """
            Usage: AuthOverheadBenchmark [options]
              --backends LIST        stores to measure: sqlite, sqlite-normal, postgresql (default sqlite;
                                     postgresql needs --pg-url or MORTAR_TEST_PG_URL)
              --partitions N         partitions in the table of both servers (default 10000, at least %d)
              --user-keys N          users' keys made on the server with authentication, one client signing
                                     with each in turn (default 1000; 0 leaves that case out)
              --rounds N             rounds over every case, each timing every case anew (default 5)
              --iterations N         timed calls per case, round and server (default 300)
              --warmup N             untimed calls per operation and client before the first round (default 1000)
              --round-warmup N       untimed calls per case and server at the start of each round (default 20)
              --loaders N            BatchCreatePartition threads (default 4)
              --load-steps N         load both servers in N alternating steps, the first not counted (default 5)
              --settle-seconds S     SQLite: idle time before the warm-up, for Mortar's refresh of SQLite's
                                     statistics a minute after writes (default 70)
              --pg-url URL           admin JDBC URL able to CREATE DATABASE (default $MORTAR_TEST_PG_URL)
              --keep                 keep both servers' data afterwards
            """.formatted(PartitionDataSet.REGIONS);

    static AuthOverheadOptions parse(String[] args) {
        List<MortarTarget.Backend> backends = List.of(MortarTarget.Backend.SQLITE);
        long partitions = 10_000;
        int userKeys = 1000;
        int rounds = 5;
        int iterations = 300;
        int warmup = 1000;
        int roundWarmup = 20;
        int loaders = 4;
        int loadSteps = 5;
        int settle = 70;
        String pgUrl = System.getenv("MORTAR_TEST_PG_URL");
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--backends" -> backends = Arrays.stream(value(args, ++i, arg).split(","))
                        .filter(s -> !s.isBlank()).map(MortarTarget.Backend::fromOption).toList();
                case "--partitions" -> partitions = Long.parseLong(value(args, ++i, arg).replace("_", ""));
                case "--user-keys" -> userKeys = Integer.parseInt(value(args, ++i, arg));
                case "--rounds" -> rounds = Integer.parseInt(value(args, ++i, arg));
                case "--iterations" -> iterations = Integer.parseInt(value(args, ++i, arg));
                case "--warmup" -> warmup = Integer.parseInt(value(args, ++i, arg));
                case "--round-warmup" -> roundWarmup = Integer.parseInt(value(args, ++i, arg));
                case "--loaders" -> loaders = Integer.parseInt(value(args, ++i, arg));
                case "--load-steps" -> loadSteps = Integer.parseInt(value(args, ++i, arg));
                case "--settle-seconds" -> settle = Integer.parseInt(value(args, ++i, arg));
                case "--pg-url" -> pgUrl = value(args, ++i, arg);
                case "--keep" -> keep = true;
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("Unknown option " + arg);
            }
        }
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("--backends needs at least one store");
        }
        if (partitions < PartitionDataSet.REGIONS) {
            throw new IllegalArgumentException("--partitions must be at least " + PartitionDataSet.REGIONS
                    + " (one complete month, which the queries read)");
        }
        if (userKeys < 0 || rounds < 1 || warmup < 0 || roundWarmup < 0 || loaders < 1 || settle < 0) {
            throw new IllegalArgumentException("--user-keys, --warmup, --round-warmup and --settle-seconds must be"
                    + " 0 or more, --rounds and --loaders 1 or more");
        }
        if (iterations < 2) {
            throw new IllegalArgumentException("--iterations must be at least 2 (the paired ratio takes two turns)");
        }
        if (loadSteps < 3 || (long) loadSteps * PartitionLoader.BATCH > partitions) {
            throw new IllegalArgumentException("--load-steps must be between 3 and --partitions / "
                    + PartitionLoader.BATCH + ", not " + loadSteps);
        }
        return new AuthOverheadOptions(backends, partitions, userKeys, rounds, iterations, warmup, roundWarmup,
                loaders, loadSteps, settle, pgUrl, keep);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}

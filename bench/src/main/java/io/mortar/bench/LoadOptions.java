package io.mortar.bench;

import java.util.Arrays;
import java.util.List;

/** The load benchmark's command line. */
record LoadOptions(int clients, int seconds, int warmupSeconds, long partitions, List<MortarTarget.Backend> backends,
                   LoadMix mix, String pgUrl, boolean keep) {

    static final String USAGE = """
            Usage: LoadBenchmark [options]
              --clients N           client threads, each sending one request after another (default 50)
              --seconds S           measured seconds per backend (default 60)
              --warmup-seconds S    seconds of the same load before measuring, not counted (default 5)
              --partitions N        partitions loaded into the table first (default 10000, at least 2000)
              --backends LIST       sqlite, sqlite-normal, postgresql (default sqlite,postgresql;
                                    postgresql needs --pg-url or MORTAR_TEST_PG_URL)
              --mix G,P,C,U         percent of GetTable, GetPartitions, CreatePartition, UpdateTable
                                    (default 40,30,20,10)
              --pg-url URL          admin JDBC URL able to CREATE DATABASE (default $MORTAR_TEST_PG_URL)
              --keep                keep Mortar's data (SQLite directory, PostgreSQL database) afterwards
            """;

    static LoadOptions parse(String[] args) {
        int clients = 50;
        int seconds = 60;
        int warmup = 5;
        long partitions = 10_000;
        List<MortarTarget.Backend> backends = List.of(MortarTarget.Backend.SQLITE, MortarTarget.Backend.POSTGRESQL);
        LoadMix mix = LoadMix.DEFAULT;
        String pgUrl = System.getenv("MORTAR_TEST_PG_URL");
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--clients" -> clients = Integer.parseInt(value(args, ++i, arg));
                case "--seconds" -> seconds = Integer.parseInt(value(args, ++i, arg));
                case "--warmup-seconds" -> warmup = Integer.parseInt(value(args, ++i, arg));
                case "--partitions" -> partitions = Long.parseLong(value(args, ++i, arg).replace("_", ""));
                case "--backends" -> backends = Arrays.stream(value(args, ++i, arg).split(","))
                        .filter(s -> !s.isBlank()).map(MortarTarget.Backend::fromOption).toList();
                case "--mix" -> mix = LoadMix.parse(value(args, ++i, arg));
                case "--pg-url" -> pgUrl = value(args, ++i, arg);
                case "--keep" -> keep = true;
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("Unknown option " + arg);
            }
        }
        if (clients < 1 || seconds < 1 || warmup < 0) {
            throw new IllegalArgumentException(
                    "--clients and --seconds must be at least 1, --warmup-seconds 0 or more");
        }
        if (partitions < PartitionDataSet.REGIONS) {
            // GetPartitions queries complete months of the data set
            throw new IllegalArgumentException("--partitions must be at least " + PartitionDataSet.REGIONS);
        }
        return new LoadOptions(clients, seconds, warmup, partitions, backends, mix, pgUrl, keep);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}

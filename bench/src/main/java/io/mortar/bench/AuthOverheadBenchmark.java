package io.mortar.bench;

import io.mortar.bench.AlternatingMeasurement.Side;
import io.mortar.bench.AuthSigners.Signer;
import io.mortar.server.config.AuthConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionResponse;
import software.amazon.awssdk.services.glue.model.PartitionValueList;

/**
 * What authentication costs a client: GetTable and GetPartitions (and, the worst realistic case, BatchGetPartition
 * of 100 keys, whose larger body the signature hashes) against two Mortar servers in this JVM on the same kind of
 * store with the same data, one verifying every signature and authorizing every call by the signer's policies,
 * one without authentication. The clients are alike (the AWS SDK's GlueClient, signing with the same keys for both;
 * only one server checks), so the difference is the server's verification and authorization.
 *
 * <p>Each case (operation × signer) is timed in alternating turns against the server without authentication, in
 * rounds over all cases, so the machine's other work falls on every case and both servers alike; the report gives
 * p50 and p95 of both, the ratio with authentication over without, its spread over the rounds and the machine's
 * load. The goal (issue 16): p50 ratio at most 1.10.
 */
public final class AuthOverheadBenchmark {
    static final double GOAL = 1.10;

    /** A call timed on both servers; {@code judged}: one of the figures the goal is set for. */
    record Operation(String name, boolean judged, Function<GlueClient, LongSupplier> call) {}

    /** One operation signed one way, over all rounds (first = auth on, second = off), with the load after each. */
    record Case(Operation operation, Signer signer, List<SideBySide<Latencies>> rounds, List<String> loads) {
        Latencies on() {
            return pooled(rounds.stream().map(SideBySide::first).toList());
        }

        Latencies off() {
            return pooled(rounds.stream().map(SideBySide::second).toList());
        }

        double ratio(double percentile) {
            return on().percentileMillis(percentile) / off().percentileMillis(percentile);
        }

        /** The p50 ratio of each round. */
        double[] roundRatios() {
            return rounds.stream().mapToDouble(r -> r.first().p50() / r.second().p50()).toArray();
        }

        /** The median of the rounds' paired ratios. */
        double pairedRatio() {
            return median(rounds.stream().mapToDouble(SideBySide::pairedRatio).toArray());
        }

        private static Latencies pooled(List<Latencies> parts) {
            return new Latencies(parts.stream().flatMapToLong(l -> LongStream.of(l.nanos())).toArray());
        }
    }

    /** One store's result: the load of both (with = first) and every case. */
    record Result(MortarTarget.Backend backend, SideBySide<LoadResult> load, List<Case> cases, int userKeys) {}

    private final AuthOverheadOptions options;

    private AuthOverheadBenchmark(AuthOverheadOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        AuthOverheadOptions options;
        try {
            options = AuthOverheadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(AuthOverheadOptions.USAGE);
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        String loadAtStart = LoadAverage.now();
        List<Result> results = new ArrayList<>();
        for (MortarTarget.Backend backend : options.backends()) {
            results.add(new AuthOverheadBenchmark(options).run(backend));
        }
        new AuthOverheadReport(options, results, loadAtStart, (System.nanoTime() - started) / 1e9)
                .print(System.out);
        System.exit(0); // the SDK's and Jetty's non-daemon threads must not keep a finished benchmark alive
    }

    private Result run(MortarTarget.Backend backend) throws Exception {
        try (MortarTarget on = MortarTarget.start(backend, options.pgUrl(), options.keep(), AuthConfig.ON);
             MortarTarget off = MortarTarget.start(backend, options.pgUrl(), options.keep(), AuthConfig.OFF);
             GlueClient loadOn = BenchTarget.client(on, options.loaders() + 2);
             GlueClient loadOff = BenchTarget.client(off, options.loaders() + 2)) {
            PartitionBenchmark.createTable(loadOn);
            PartitionBenchmark.createTable(loadOff);
            Log.info("%s: loading both servers to %,d partitions in %d alternating steps (the root key signs)",
                    backend.label, options.partitions(), options.loadSteps());
            SideBySide<LoadResult> load = new AlternatingMeasurement(new Side("auth on", loadOn),
                    new Side("auth off", loadOff), options.loaders(), options.loadSteps(), 0, 2)
                    .load(options.partitions(), () -> {
                        on.vacuumAnalyze();
                        off.vacuumAnalyze();
                    });
            Log.info("%s: making %,d users' keys", backend.label, options.userKeys() + 2);
            List<Signer> signers = AuthSigners.of(on, options.userKeys());
            settle(backend);
            List<GlueClient> clients = new ArrayList<>();
            try {
                Map<Signer, GlueClient> onClients = new LinkedHashMap<>();
                Map<Signer, GlueClient> offClients = new LinkedHashMap<>();
                for (Signer signer : signers) {
                    GlueClient onClient = BenchTarget.client(on.endpoint(), 2, signer.credentials());
                    GlueClient offClient = BenchTarget.client(off.endpoint(), 2, signer.twin());
                    clients.add(onClient);
                    clients.add(offClient);
                    onClients.put(signer, onClient);
                    offClients.put(signer, offClient);
                }
                List<Operation> operations = operations(options.partitions());
                warmUp(backend, operations, clients);
                return new Result(backend, load, measure(backend, operations, onClients, offClients),
                        options.userKeys());
            } finally {
                clients.forEach(GlueClient::close);
            }
        }
    }

    /** GetTable, the partition benchmark's selective GetPartitions, and BatchGetPartition of 100 keys. */
    static List<Operation> operations(long partitions) {
        String selective = PartitionDataSet.selectiveExpression(partitions);
        List<PartitionValueList> keys = batchKeys(partitions);
        return List.of(
                new Operation("GetTable", true, client -> () -> {
                    long start = System.nanoTime();
                    String name = client.getTable(b -> b.databaseName(PartitionDataSet.DATABASE)
                            .name(PartitionDataSet.TABLE)).table().name();
                    long nanos = System.nanoTime() - start;
                    if (!PartitionDataSet.TABLE.equals(name)) {
                        throw new IllegalStateException("GetTable returned table " + name);
                    }
                    return nanos;
                }),
                new Operation("GetPartitions, selective (100)", true, client -> {
                    QueryRunner runner = new QueryRunner(client);
                    return () -> runner.time(selective, null, 0, PartitionDataSet.SELECTIVE_RESULTS);
                }),
                new Operation("BatchGetPartition, 100 keys", false, client -> () -> {
                    long start = System.nanoTime();
                    BatchGetPartitionResponse response = client.batchGetPartition(b -> b
                            .databaseName(PartitionDataSet.DATABASE).tableName(PartitionDataSet.TABLE)
                            .partitionsToGet(keys));
                    long nanos = System.nanoTime() - start;
                    if (response.partitions().size() != keys.size() || !response.unprocessedKeys().isEmpty()) {
                        throw new IllegalStateException("BatchGetPartition returned " + response.partitions().size()
                                + " partitions and " + response.unprocessedKeys().size() + " unprocessed keys, expected "
                                + keys.size() + " and none");
                    }
                    return nanos;
                }));
    }

    /** 100 partitions of the queried month, every 20th region: rows spread over the month, not one run of them. */
    static List<PartitionValueList> batchKeys(long partitions) {
        long month = PartitionDataSet.targetMonthStart(partitions);
        List<PartitionValueList> keys = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            long i = month + (long) k * (PartitionDataSet.REGIONS / 100);
            keys.add(PartitionValueList.builder().values(Integer.toString(PartitionDataSet.year(i)),
                    Integer.toString(PartitionDataSet.month(i)), PartitionDataSet.region(i)).build());
        }
        return keys;
    }

    /**
     * Every operation through every client, untimed: the JIT compiles both servers' paths and the clients', and
     * the server with authentication has read every key once (a key's first use reads the store).
     */
    private void warmUp(MortarTarget.Backend backend, List<Operation> operations, List<GlueClient> clients) {
        int calls = Math.max(options.warmup(), options.userKeys());
        Log.info("%s: warm-up, %,d calls per operation and client", backend.label, calls);
        for (Operation operation : operations) {
            for (GlueClient client : clients) {
                LongSupplier call = operation.call().apply(client);
                for (int i = 0; i < calls; i++) {
                    call.getAsLong();
                }
            }
        }
    }

    private List<Case> measure(MortarTarget.Backend backend, List<Operation> operations,
                               Map<Signer, GlueClient> onClients, Map<Signer, GlueClient> offClients) {
        Map<String, List<SideBySide<Latencies>>> rounds = new LinkedHashMap<>();
        Map<String, List<String>> loads = new LinkedHashMap<>();
        for (int round = 1; round <= options.rounds(); round++) {
            for (Operation operation : operations) {
                for (Map.Entry<Signer, GlueClient> signer : onClients.entrySet()) {
                    String key = operation.name() + "/" + signer.getKey().name();
                    SideBySide<Latencies> figures = new AlternatingMeasurement(
                            new Side("auth on, " + signer.getKey().name(), signer.getValue()),
                            new Side("auth off", offClients.get(signer.getKey())), options.loaders(), options.loadSteps(),
                            options.roundWarmup(), options.iterations()).alternate(operation.call());
                    rounds.computeIfAbsent(key, k -> new ArrayList<>()).add(figures);
                    String load = LoadAverage.now();
                    loads.computeIfAbsent(key, k -> new ArrayList<>()).add(load);
                    Log.info("%s round %d/%d: %s signed by %s: p50 %.3f / %.3f ms = %.3f, paired %.3f (load %s)",
                            backend.label, round, options.rounds(), operation.name(), signer.getKey().name(),
                            figures.first().p50(), figures.second().p50(),
                            figures.first().p50() / figures.second().p50(), figures.pairedRatio(), load);
                }
            }
        }
        for (Signer signer : onClients.keySet()) {
            if (signer.credentials() instanceof RotatingCredentials many && many.handedOut() < many.keys()) {
                throw new IllegalStateException("the client with " + many.keys() + " keys signed only "
                        + many.handedOut() + " requests: not every key was used");
            }
        }
        List<Case> cases = new ArrayList<>();
        for (Operation operation : operations) {
            for (Signer signer : onClients.keySet()) {
                String key = operation.name() + "/" + signer.name();
                cases.add(new Case(operation, signer, rounds.get(key), loads.get(key)));
            }
        }
        return cases;
    }

    /**
     * SQLite: both servers idle until Mortar's own refresh of SQLite's statistics, a minute after the last write
     * (the load, the keys), has run: it reopens the readers, whose caches start cold.
     */
    private void settle(MortarTarget.Backend backend) throws InterruptedException {
        if (backend != MortarTarget.Backend.POSTGRESQL && options.settleSeconds() > 0) {
            Log.info("%s: both servers idle for %d s (Mortar refreshes SQLite's statistics a minute after writes)",
                    backend.label, options.settleSeconds());
            Thread.sleep(options.settleSeconds() * 1000L);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

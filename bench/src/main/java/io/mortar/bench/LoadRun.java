package io.mortar.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Closed-loop load: each client thread sends one request after another, picked at random from the mix, for the
 * warm-up and then the measured seconds. Latencies count for requests that end inside the measured window; errors
 * count over the whole run, warm-up included.
 */
final class LoadRun {
    /** What the run measured. */
    record Result(double seconds, Map<LoadOperation, Latencies> latencies, Latencies all,
                  Map<String, Long> errors, Map<LoadOperation, Long> failures, double cpuMillisPerRequest) {
        long requests() {
            return all.samples();
        }

        double perSecond() {
            return requests() / seconds;
        }
    }

    private final LoadWorkload workload;
    private final LoadMix mix;
    private final int clients;
    /** Each error type is logged with its message once, when it first happens. */
    private final Set<String> firstOfEach = ConcurrentHashMap.newKeySet();

    LoadRun(LoadWorkload workload, LoadMix mix, int clients) {
        this.workload = workload;
        this.mix = mix;
        this.clients = clients;
    }

    Result run(int warmupSeconds, int seconds) throws Exception {
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        long measureFrom = start + warmupSeconds * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<ClientLog> logs = new ArrayList<>();
        try {
            List<Future<ClientLog>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> drive(measureFrom, end)));
            }
            for (Future<ClientLog> future : futures) {
                logs.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        long sent = logs.stream().mapToLong(l -> l.sent).sum();
        return merge(logs, seconds, (processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, sent));
    }

    /**
     * CPU time this JVM (the server and its clients, not PostgreSQL) has used: per request, it shows what a request
     * costs whatever else the machine runs, where throughput and latency move with the machine's other load.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private ClientLog drive(long measureFrom, long end) {
        ClientLog log = new ClientLog();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
            LoadOperation operation = mix.pick(random.nextInt(100));
            long sent = System.nanoTime();
            log.sent++;
            try {
                workload.send(operation);
                long done = System.nanoTime();
                if (done >= measureFrom && done < end) {
                    log.latency(operation, done - sent);
                }
            } catch (RuntimeException e) {
                String type = errorType(e);
                if (firstOfEach.add(operation.label + ": " + type)) {
                    Log.info("first %s error of type %s: %s", operation.label, type, e.getMessage());
                }
                log.error(operation, type);
            }
        }
        return log;
    }

    /** Glue's error code for a service error, else the exception's class (and its cause's, for client failures). */
    static String errorType(RuntimeException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + ")";
        }
        if (e instanceof LoadWorkload.WrongAnswerException) {
            return "wrong answer";
        }
        Throwable cause = e.getCause();
        return e.getClass().getSimpleName() + (cause == null ? "" : " / " + cause.getClass().getSimpleName());
    }

    private Result merge(List<ClientLog> logs, int seconds, double cpuMillisPerRequest) {
        Map<LoadOperation, Latencies> latencies = new EnumMap<>(LoadOperation.class);
        List<long[]> everything = new ArrayList<>();
        for (LoadOperation op : LoadOperation.values()) {
            List<long[]> parts = logs.stream().map(l -> l.latencies(op)).toList();
            latencies.put(op, new Latencies(concat(parts)));
            everything.addAll(parts);
        }
        Map<String, Long> errors = new TreeMap<>();
        Map<LoadOperation, Long> failures = new EnumMap<>(LoadOperation.class);
        for (ClientLog log : logs) {
            log.errors.forEach((type, n) -> errors.merge(type, n, Long::sum));
            log.failures.forEach((op, n) -> failures.merge(op, n, Long::sum));
        }
        return new Result(seconds, latencies, new Latencies(concat(everything)), errors, failures,
                cpuMillisPerRequest);
    }

    private static long[] concat(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** One client's latencies per operation and errors per type, kept by its own thread only. */
    private static final class ClientLog {
        private final long[][] nanos = new long[LoadOperation.values().length][1024];
        private final int[] counts = new int[LoadOperation.values().length];
        private final Map<String, Long> errors = new TreeMap<>();
        private final Map<LoadOperation, Long> failures = new EnumMap<>(LoadOperation.class);
        /** Requests sent, warm-up included. */
        private long sent;

        void latency(LoadOperation op, long value) {
            int i = op.ordinal();
            if (counts[i] == nanos[i].length) {
                nanos[i] = Arrays.copyOf(nanos[i], counts[i] * 2);
            }
            nanos[i][counts[i]++] = value;
        }

        void error(LoadOperation op, String type) {
            errors.merge(op.label + ": " + type, 1L, Long::sum);
            failures.merge(op, 1L, Long::sum);
        }

        long[] latencies(LoadOperation op) {
            return Arrays.copyOf(nanos[op.ordinal()], counts[op.ordinal()]);
        }
    }
}

package io.mortar.bench.jobs;

import io.mortar.bench.LoadAverage;
import io.mortar.server.MortarServer;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * StartJobRun under a backlog, with real drivers (a {@code SELECT 1} SQL job): a burst of starts from many clients,
 * then clients that keep starting runs while the queue grows and the machine's cores are busy with drivers. It
 * prints StartJobRun's p50/p99 beside GetJobRun's (a one-row read on the same server under the same load, measured
 * in the same run by the same clients, alternately), the most drivers alive at once (counted from the machine's
 * processes) beside the server's capacity, and how the runs that ended ended. At the end every run still in
 * progress is stopped.
 *
 * <p>Usage: {@code java -cp 'bench/target/mortar-bench.jar:bench/target/lib/*' io.mortar.bench.jobs.JobQueueBenchmark
 * [--burst 200] [--clients 20] [--seconds 30]}; the driver class path is found as the server finds it.
 */
public final class JobQueueBenchmark {
    private static final String JOB = "select_one";
    /** A job whose runs are stopped while they wait: warms the server's code paths without adding drivers. */
    private static final String WARMUP_JOB = "warm_up";
    private static final int WARMUP_SECONDS = 10;

    private JobQueueBenchmark() {}

    public static void main(String[] args) throws Exception {
        int burst = 200;
        int clients = 20;
        int seconds = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--burst" -> burst = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: JobQueueBenchmark [--burst 200] [--clients 20] [--seconds 30]");
                    System.exit(2);
                }
            }
        }
        run(burst, clients, seconds);
        System.exit(0);
    }

    private static void run(int burst, int clients, int seconds) throws Exception {
        Path work = Files.createTempDirectory("mortar-job-queue");
        JobsConfig defaults = JobsConfig.defaults(System.getenv());
        JobsConfig jobs = new JobsConfig(defaults.master(), defaults.sparkJars(), defaults.javaHome(), "1g",
                Map.of("spark.ui.enabled", "false"), Duration.ofSeconds(5), Duration.ofMinutes(1));
        String loadAtStart = LoadAverage.now();
        try (MortarServer server = MortarServer.start(ServerConfig.embedded(work.resolve("data"), 0).withJobs(jobs));
             GlueClient glue = GlueClients.of(server)) {
            Path script = Files.writeString(work.resolve("one.sql"), "SELECT 1");
            glue.createJob(b -> b.name(JOB).role("bench").jobRunQueuingEnabled(true)
                    .executionProperty(p -> p.maxConcurrentRuns(1_000))
                    .command(c -> c.name("glueetl").scriptLocation(script.toString())));
            warmUp(glue, script, clients);
            DriverCount drivers = DriverCount.start(work.toString());
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            System.err.printf("burst: %d StartJobRun from %d clients%n", burst, clients);
            Samples burstStarts = new Samples();
            Samples burstReads = new Samples();
            together(clients, client -> {
                for (int i = client; i < burst; i += clients) {
                    ids.add(timed(burstStarts, () -> glue.startJobRun(b -> b.jobName(JOB)).jobRunId()));
                    String someRun = ids.get(ids.size() / 2);
                    timed(burstReads, () -> glue.getJobRun(b -> b.jobName(JOB).runId(someRun)));
                }
            });
            System.err.printf("sustained: %d clients starting and reading runs for %d s%n", clients, seconds);
            Samples starts = new Samples();
            Samples reads = new Samples();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            together(clients, client -> {
                while (System.nanoTime() < until) {
                    ids.add(timed(starts, () -> glue.startJobRun(b -> b.jobName(JOB)).jobRunId()));
                    String someRun = ids.get(client * ids.size() / clients);
                    timed(reads, () -> glue.getJobRun(b -> b.jobName(JOB).runId(someRun)));
                    Thread.sleep(100); // a client that also does other things: ~10 starts a second each
                }
            });
            int mostDrivers = drivers.stop();
            List<JobRun> runs = allRuns(glue);
            Map<JobRunState, Long> states = new TreeMap<>(runs.stream().collect(
                    Collectors.groupingBy(JobRun::jobRunState, Collectors.counting())));
            System.out.printf("%nJob queue benchmark: %s, capacity %s%n", jobs.master(), jobs.capacity().describe());
            System.out.printf("load average at start %s, at end %s%n%n", loadAtStart, LoadAverage.now());
            System.out.println("| phase | StartJobRun p50 / p99 | GetJobRun p50 / p99 (baseline) | p99 ratio |");
            System.out.println("| --- | --- | --- | --- |");
            row("burst of " + burst, burstStarts, burstReads);
            row(String.format("%d s, backlog to %d", seconds, ids.size()), starts, reads);
            System.out.printf("%ndrivers alive at once: at most %d (capacity %d)%n", mostDrivers,
                    jobs.capacity().slots());
            System.out.printf("runs: %d started, by state %s%n", ids.size(), states);
            stopEverything(glue, runs, work.toString());
        }
    }

    /**
     * WARMUP_SECONDS of the same calls on a job of its own whose runs are stopped while they wait (a slot is taken
     * by the job's MaxConcurrentRuns of 1 and one run that is never stopped), so the JIT has compiled the paths
     * measured and no driver but that one starts. Not measured.
     */
    private static void warmUp(GlueClient glue, Path script, int clients) throws Exception {
        System.err.printf("warming up for %d s%n", WARMUP_SECONDS);
        glue.createJob(b -> b.name(WARMUP_JOB).role("bench").jobRunQueuingEnabled(true)
                .executionProperty(p -> p.maxConcurrentRuns(1))
                .command(c -> c.name("glueetl").scriptLocation(script.toString())));
        String first = glue.startJobRun(b -> b.jobName(WARMUP_JOB)).jobRunId();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS);
        together(clients, client -> {
            while (System.nanoTime() < until) {
                String id = glue.startJobRun(b -> b.jobName(WARMUP_JOB)).jobRunId();
                glue.getJobRun(b -> b.jobName(WARMUP_JOB).runId(id));
                glue.batchStopJobRun(b -> b.jobName(WARMUP_JOB).jobRunIds(id));
            }
        });
        glue.batchStopJobRun(b -> b.jobName(WARMUP_JOB).jobRunIds(first));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (glue.getJobRun(b -> b.jobName(WARMUP_JOB).runId(first)).jobRun().completedOn() == null
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
    }

    private static void row(String phase, Samples starts, Samples reads) {
        System.out.printf("| %s | %.1f / %.1f ms | %.1f / %.1f ms | %.2f |%n", phase, starts.percentile(50),
                starts.percentile(99), reads.percentile(50), reads.percentile(99),
                starts.percentile(99) / reads.percentile(99));
    }

    /** Stops every run still in progress (waiting ones end at once) and waits for the drivers to exit. */
    private static void stopEverything(GlueClient glue, List<JobRun> runs, String work) throws InterruptedException {
        List<String> open = runs.stream().filter(run -> run.completedOn() == null).map(JobRun::id).toList();
        for (int i = 0; i < open.size(); i += 25) {
            List<String> batch = open.subList(i, Math.min(open.size(), i + 25));
            glue.batchStopJobRun(b -> b.jobName(JOB).jobRunIds(batch));
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (DriverCount.now(work) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        System.err.printf("stopped %d runs still in progress%n", open.size());
    }

    private static List<JobRun> allRuns(GlueClient glue) {
        List<JobRun> runs = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            var response = glue.getJobRuns(b -> b.jobName(JOB).maxResults(200).nextToken(page));
            runs.addAll(response.jobRuns());
            token = response.nextToken();
        } while (token != null);
        return runs;
    }

    private interface Client {
        void run(int client) throws Exception;
    }

    private static void together(int clients, Client body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    go.await();
                    body.run(client);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : futures) {
                future.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T timed(Samples samples, Call<T> call) throws Exception {
        long start = System.nanoTime();
        T result = call.call();
        samples.add(System.nanoTime() - start);
        return result;
    }

    /** Latencies from many threads; percentiles by nearest rank, in milliseconds. */
    private static final class Samples {
        private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

        void add(long value) {
            nanos.add(value);
        }

        double percentile(double p) {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
        }
    }

    /**
     * Counts this server's live driver JVMs (children of this JVM whose command line carries --JOB_RUN_ID and a path
     * in the benchmark's folder, its --TempDir) every 100 ms; keeps the most.
     */
    private static final class DriverCount {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger most = new AtomicInteger();
        private Thread thread;

        static DriverCount start(String work) {
            DriverCount count = new DriverCount();
            count.thread = new Thread(() -> {
                while (count.running.get()) {
                    count.most.accumulateAndGet(now(work), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "driver-count");
            count.thread.setDaemon(true);
            count.thread.start();
            return count;
        }

        /**
         * The server in this JVM launches the drivers, so they are this JVM's children; a driver's own children (a
         * helper it spawns carries its parent's arguments until it execs) are not drivers.
         */
        static int now(String work) {
            long self = ProcessHandle.current().pid();
            return (int) ProcessHandle.current().children().filter(p -> p.info().arguments()
                    .map(a -> Arrays.asList(a).contains("--JOB_RUN_ID")
                            && Arrays.stream(a).anyMatch(arg -> arg.startsWith(work))).orElse(false)
                    && p.parent().map(ProcessHandle::pid).orElse(-1L) == self).count();
        }

        int stop() throws InterruptedException {
            running.set(false);
            thread.join();
            return most.get();
        }
    }
}

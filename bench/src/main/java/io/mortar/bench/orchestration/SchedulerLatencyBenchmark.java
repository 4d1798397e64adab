package io.mortar.bench.orchestration;

import io.mortar.bench.LoadAverage;
import io.mortar.bench.jobs.GlueClients;
import io.mortar.server.MortarServer;
import io.mortar.server.config.DriverCapacity;
import io.mortar.server.config.EventsConfig;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.ServerConfig;
import io.mortar.store.jdbc.StoreSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.Condition;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.Predicate;

/**
 * Issue 14's scheduler latency: how long after a firing is due its action's StartJobRun happens, as the run's
 * {@code StartedOn} (which the server records when it inserts the run) shows it. Three paths, on a server in this JVM
 * whose job drivers do nothing ({@code idle-driver.sh} in place of {@code java}: the start is measured, not the run):
 * <ul>
 *   <li>scheduled: {@code --triggers} SCHEDULED triggers {@code cron(* * * * ? *)}, each starting a job of its own,
 *   all due at every minute boundary for {@code --minutes} minutes; a run's delay is its StartedOn minus the minute it
 *   was due (the whole minute it started in: a firing starts well within its minute);</li>
 *   <li>conditional: a chain of {@code --chain} CONDITIONAL triggers outside any workflow, the i-th starting job i
 *   when job i-1 SUCCEEDED; a reaction's delay is job i's StartedOn minus job i-1's CompletedOn;</li>
 *   <li>event: {@code --chain} S3 notifications POSTed to {@code /events/s3}, one at a time, for an EVENT trigger
 *   with BatchSize 1 starting a job; an event's delay is its run's StartedOn minus when the POST was sent.</li>
 * </ul>
 * Each is printed as p50/p99 beside issue 14's goal (1 s), as a ratio, and beside a 5 s poll — the crawler
 * scheduler's tick — whose delay for a firing at a random moment is uniform over [0, 5 s): 2.5 s at p50, 4.95 s at
 * p99 (computed, not measured: the 100 firings of one minute share one moment, so a run measures a single phase of
 * any poll; see bench/README.md).
 *
 * <p>Usage: {@code java -cp 'bench/target/mortar-bench.jar:bench/target/lib/*'
 * io.mortar.bench.orchestration.SchedulerLatencyBenchmark [--triggers 100] [--minutes 2] [--chain 100]
 * [--store jdbc:postgresql://…]} (SQLite in a temporary folder by default).
 */
public final class SchedulerLatencyBenchmark {
    private static final String EVERY_MINUTE = "cron(* * * * ? *)";
    private static final Duration GOAL = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofSeconds(5);
    /** Before a minute boundary, the least time left to create the triggers in (else they wait a minute more). */
    private static final Duration TIME_TO_CREATE = Duration.ofSeconds(20);

    private SchedulerLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int triggers = 100;
        int minutes = 2;
        int chain = 100;
        String store = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--triggers" -> triggers = Integer.parseInt(args[++i]);
                case "--minutes" -> minutes = Integer.parseInt(args[++i]);
                case "--chain" -> chain = Integer.parseInt(args[++i]);
                case "--store" -> store = args[++i];
                default -> {
                    System.err.println("usage: SchedulerLatencyBenchmark [--triggers 100] [--minutes 2]"
                            + " [--chain 100] [--store JDBC_URL]");
                    System.exit(2);
                }
            }
        }
        run(triggers, minutes, chain, store);
        System.exit(0);
    }

    private static void run(int triggers, int minutes, int chain, String storeUrl) throws Exception {
        Path work = Files.createTempDirectory("mortar-scheduler-latency");
        // Events arrive as S3 notifications POSTed to the server: no store to list, so no watcher.
        ServerConfig config = ServerConfig.embedded(work.resolve("data"), 0).withJobs(idleDrivers(work))
                .withEvents(new EventsConfig(Duration.ZERO, Duration.ofSeconds(1)));
        if (storeUrl != null) {
            config = config.withStore(StoreSettings.of(storeUrl));
        }
        String loadAtStart = LoadAverage.now();
        try (MortarServer server = MortarServer.start(config);
             GlueClient glue = GlueClients.of(server)) {
            Path script = Files.writeString(work.resolve("nothing.sql"), "SELECT 1;");
            List<Sample> scheduled = scheduled(glue, script, triggers, minutes);
            List<Sample> conditional = conditional(glue, script, chain);
            List<Sample> events = events(glue, server.endpoint(), script, chain);

            System.out.printf("%n=== Mortar scheduler latency benchmark ===%n");
            System.out.printf("machine: %d cores, Java %s; store %s; drivers that do nothing; load average %s at"
                    + " start, %s at end%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), storeUrl == null ? "SQLite" : "PostgreSQL", loadAtStart,
                    LoadAverage.now());
            System.out.println();
            System.out.println("| path | firings | p50 | p99 | max | p50 / goal (1 s) | p99 / goal |"
                    + " 5 s poll p50 / p99 (baseline) | p99 / baseline p99 |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            row("scheduled: due time → StartedOn", scheduled);
            row("conditional: CompletedOn → next StartedOn", conditional);
            row("event: notification POSTed → StartedOn", events);
            System.out.println();
            perMinute(scheduled);
        }
    }

    // ---------------------------------------------------------------- scheduled triggers

    /** One firing's delay; {@code at} is when it was due. */
    private record Sample(Instant at, long millis) {}

    private static List<Sample> scheduled(GlueClient glue, Path script, int triggers, int minutes)
            throws Exception {
        Instant now = Instant.now();
        if (Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)))
                .compareTo(TIME_TO_CREATE) < 0) {
            sleepUntil(now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)).plusSeconds(1));
        }
        System.err.printf("creating %d jobs and %d every-minute triggers%n", triggers, triggers);
        for (int i = 0; i < triggers; i++) {
            String job = job(glue, script, "scheduled_" + i);
            glue.createTrigger(r -> r.name("every_minute_" + job).type("SCHEDULED").schedule(EVERY_MINUTE)
                    .startOnCreation(true).actions(Action.builder().jobName(job).build()));
        }
        Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant last = first.plus(Duration.ofMinutes(minutes - 1));
        System.err.printf("firings due at %s .. %s%n", first, last);
        sleepUntil(last.plusSeconds(15));
        for (int i = 0; i < triggers; i++) {
            String name = "every_minute_scheduled_" + i;
            glue.stopTrigger(r -> r.name(name));
        }
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < triggers; i++) {
            for (JobRun run : runs(glue, "scheduled_" + i)) {
                Instant due = run.startedOn().truncatedTo(ChronoUnit.MINUTES);
                if (!due.isBefore(first) && !due.isAfter(last)) {
                    samples.add(new Sample(due, Duration.between(due, run.startedOn()).toMillis()));
                }
            }
        }
        if (samples.size() != triggers * minutes) {
            System.err.printf("WARNING: %d firings measured, %d expected%n", samples.size(), triggers * minutes);
        }
        return samples;
    }

    // ---------------------------------------------------------------- conditional triggers

    private static List<Sample> conditional(GlueClient glue, Path script, int links) throws Exception {
        System.err.printf("creating a chain of %d jobs and %d conditional triggers%n", links + 1, links);
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i <= links; i++) {
            jobs.add(job(glue, script, "chain_" + i));
        }
        for (int i = 1; i <= links; i++) {
            String watched = jobs.get(i - 1);
            String next = jobs.get(i);
            glue.createTrigger(r -> r.name("after_" + watched).type("CONDITIONAL").startOnCreation(true)
                    .predicate(Predicate.builder().conditions(Condition.builder().jobName(watched)
                            .state("SUCCEEDED").logicalOperator("EQUALS").build()).build())
                    .actions(Action.builder().jobName(next).build()));
        }
        glue.startJobRun(r -> r.jobName(jobs.get(0)));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10L * links));
        String end = jobs.get(links);
        while (runs(glue, end).stream().noneMatch(run -> run.completedOn() != null)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The chain did not reach " + end + " within " + 10 * links + " s");
            }
            Thread.sleep(500);
        }
        List<Sample> samples = new ArrayList<>();
        JobRun previous = only(glue, jobs.get(0));
        for (int i = 1; i <= links; i++) {
            JobRun run = only(glue, jobs.get(i));
            samples.add(new Sample(previous.completedOn(), Duration.between(previous.completedOn(), run.startedOn())
                    .toMillis()));
            previous = run;
        }
        return samples;
    }

    // ---------------------------------------------------------------- event triggers

    /**
     * An EVENT trigger outside any workflow (BatchSize 1) watching {@code s3://bench-events/in/} and starting a job:
     * {@code count} S3 notifications POSTed to {@code /events/s3} one after another, each once the run the previous
     * one caused has started; a sample is that run's StartedOn minus the moment the POST was sent.
     */
    private static List<Sample> events(GlueClient glue, URI endpoint, Path script, int count)
            throws Exception {
        System.err.printf("posting %d S3 notifications to an EVENT trigger%n", count);
        String job = job(glue, script, "evented");
        glue.createTrigger(r -> r.name("on_arrival").type("EVENT").startOnCreation(true)
                .eventBatchingCondition(b -> b.batchSize(1).batchWindow(900))
                .tags(Map.of("mortar:events", "s3://bench-events/in/"))
                .actions(Action.builder().jobName(job).build()));
        HttpClient http = HttpClient.newHttpClient();
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\","
                    + "\"eventName\":\"ObjectCreated:Put\",\"eventTime\":\"" + Instant.now() + "\","
                    + "\"s3\":{\"bucket\":{\"name\":\"bench-events\"},\"object\":{\"key\":\"in/file-" + i
                    + ".csv\",\"size\":100,\"eTag\":\"etag" + i + "\",\"sequencer\":\"" + i + "\"}}}]}";
            Instant sent = Instant.now();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    endpoint.resolve("/events/s3")).POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("POST /events/s3 answered " + answer.statusCode() + ": "
                        + answer.body());
            }
            int expected = i + 1;
            Instant deadline = Instant.now().plusSeconds(30);
            List<JobRun> started = runs(glue, job);
            while (started.size() < expected) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Event " + i + " started no run within 30 s");
                }
                Thread.sleep(5);
                started = runs(glue, job);
            }
            JobRun newest = started.stream().max(Comparator.comparing(JobRun::startedOn)).orElseThrow();
            samples.add(new Sample(sent, Duration.between(sent, newest.startedOn()).toMillis()));
        }
        return samples;
    }

    private static JobRun only(GlueClient glue, String job) {
        List<JobRun> runs = runs(glue, job);
        if (runs.size() != 1) {
            throw new IllegalStateException(job + " ran " + runs.size() + " times, not once");
        }
        return runs.get(0);
    }

    // ---------------------------------------------------------------- the server and its jobs

    /**
     * Jobs settings whose drivers are {@code idle-driver.sh}: a {@code java} in a java home of its own, and a driver
     * class path holding the one file the server checks for (the runtime's jar, here empty).
     */
    private static JobsConfig idleDrivers(Path work) throws IOException {
        Path bin = Files.createDirectories(work.resolve("java-home").resolve("bin"));
        try (InputStream driver = SchedulerLatencyBenchmark.class.getResourceAsStream("idle-driver.sh")) {
            Files.copy(driver, bin.resolve("java"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jars = Files.createDirectories(work.resolve("jars"));
        Files.writeString(jars.resolve("mortar-runtime.jar"), "");
        return new JobsConfig("local[1]", jars, work.resolve("java-home"), null, Map.of(), Duration.ofSeconds(2),
                Duration.ofMinutes(1), DriverCapacity.of(4, 64L << 30, "1g"));
    }

    private static String job(GlueClient glue, Path script, String name) {
        glue.createJob(r -> r.name(name).role("bench").command(c -> c.name("glueetl")
                .scriptLocation(script.toString())).executionProperty(p -> p.maxConcurrentRuns(5)));
        return name;
    }

    private static List<JobRun> runs(GlueClient glue, String job) {
        List<JobRun> runs = new ArrayList<>();
        glue.getJobRunsPaginator(r -> r.jobName(job)).forEach(page -> runs.addAll(page.jobRuns()));
        return runs;
    }

    // ---------------------------------------------------------------- figures

    private static void row(String path, List<Sample> samples) {
        double p50 = percentile(samples, 50);
        double p99 = percentile(samples, 99);
        double goal = GOAL.toMillis();
        System.out.printf("| %s | %d | %.0f ms | %.0f ms | %.0f ms | %.3f | %.3f | %.0f / %.0f ms | %.3f |%n", path,
                samples.size(), p50, p99, percentile(samples, 100), p50 / goal, p99 / goal, POLL.toMillis() * 0.5,
                POLL.toMillis() * 0.99, p99 / (POLL.toMillis() * 0.99));
    }

    private static void perMinute(List<Sample> scheduled) {
        Map<Instant, List<Sample>> byMinute = new TreeMap<>();
        scheduled.forEach(s -> byMinute.computeIfAbsent(s.at(), k -> new ArrayList<>()).add(s));
        byMinute.forEach((due, samples) -> System.out.printf("scheduled, due %s: %d firings, first started after"
                + " %.0f ms, p50 %.0f ms, last %.0f ms%n", due, samples.size(), percentile(samples, 0),
                percentile(samples, 50), percentile(samples, 100)));
    }

    /** Nearest rank; p = 0 is the least, p = 100 the most. */
    private static double percentile(List<Sample> samples, double p) {
        long[] sorted = samples.stream().mapToLong(Sample::millis).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void sleepUntil(Instant at) throws InterruptedException {
        long millis = Duration.between(Instant.now(), at).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}

package io.mortar.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.cli.Sizes;
import io.mortar.cli.http.HttpStatusException;
import io.mortar.cli.http.MortarGlueClient;
import io.mortar.cli.http.MortarHttp;
import io.mortar.server.MortarServer;
import io.mortar.server.config.ConfigLoader;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.apache.commons.io.FileUtils;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ConnectionPropertyKey;
import software.amazon.awssdk.services.glue.model.ConnectionType;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerHistory;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.LastCrawlInfo;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * One {@code mortar demo}: the steps, each timed and reported, each failure named by its step. Everything goes
 * through the Glue API of a server this process starts, as a user's client would (the AWS SDK's
 * {@link GlueClient}); the data goes through S3Proxy, which this process starts too.
 */
final class DemoRun {
    static final String BUCKET = "demo";
    static final String DATABASE = "demo";
    static final String RAW_TABLE = "tickets";
    static final String TAGGED_TABLE = "tickets_tagged";
    static final String SUMMARY_CATALOG_TABLE = "tag_summary";
    static final String GENERATE_JOB = "demo-generate";
    static final String TAG_JOB = "demo-tag";
    static final String CRAWLER = "demo-raw";
    static final String CONNECTION = "demo-postgres";
    static final String SUMMARY_TABLE = "public.demo_tag_summary";
    static final String RAW_ROOT = "s3://demo/raw/";
    static final String RAW_PATH = "s3://demo/raw/tickets/";
    static final String RULES_PATH = "s3://demo/rules/rules.csv";
    static final String TAGGED_PATH = "s3://demo/tagged/tickets/";
    static final String SUMMARY_PATH = "s3://demo/summary/tag_summary/";
    static final String S3_ACCESS_KEY = "mortar-demo";
    static final String S3_SECRET_KEY = "mortar-demo-secret";
    static final String GENERATE_CLASS = "io.mortar.runtime.demo.GenerateTickets";
    static final String TAG_CLASS = "io.mortar.runtime.demo.TagTickets";
    /**
     * Tables rooted at the folders of s3://demo/raw/ (depth 2: the bucket's first folder is 1), so each dataset there
     * is a table of its own, named after its folder, even while raw/ holds one dataset only (Glue would otherwise
     * root that one at the include path and call it "raw").
     */
    static final String CRAWLER_CONFIGURATION = "{\"Version\": 1.0, \"Grouping\": {\"TableLevelConfiguration\": 2}}";
    static final String RESULT_MARKER = "MORTAR-DEMO-RESULT ";
    static final String MARKER_FILE = ".mortar-demo";
    static final String RUNTIME_JAR = "mortar-runtime.jar";
    static final int STEPS = 6;
    /** Run arguments and environment variables the demo's own server may take from the environment. */
    private static final Set<String> PASSED_ENVIRONMENT = Set.of("MORTAR_SPARK_JARS", "MORTAR_JOBS_JAVA_HOME",
            "MORTAR_JOBS_DRIVER_MEMORY");
    private static final Set<String> FINAL_STATES = Set.of("SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED", "ERROR",
            "EXPIRED");
    /** Loggers quieter while the demo runs: the server's INFO lines and Hadoop's notes would interleave with it. */
    private static final Map<String, Level> QUIET = Map.of("io.mortar", Level.WARN,
            "org.apache.hadoop.util.NativeCodeLoader", Level.ERROR);

    /** What the command was asked for. */
    record Settings(long rows, int rules, long seed, int days, Path dir, Optional<PostgresTarget> postgres,
                    boolean keep, Map<String, String> environment) {}

    /** A step that failed: its message, then lines that help (where the log is, what to run). */
    static final class StepFailure extends RuntimeException {
        private final List<String> help;

        StepFailure(String message, List<String> help) {
            super(message);
            this.help = List.copyOf(help);
        }

        StepFailure(String message) {
            this(message, List.of());
        }
    }

    private final Settings settings;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ObjectMapper json = new ObjectMapper();
    private final long started = System.nanoTime();

    private volatile int step;
    private volatile String stepName = "prepare";
    private FileChannel lockChannel;
    private FileLock lock;
    private LocalS3 s3;
    private MortarServer server;
    private GlueClient glue;
    private final Map<String, Level> previousLevels = new LinkedHashMap<>();
    private Thread shutdownHook;
    private boolean closed;
    private volatile String activeJob;
    private volatile String activeRun;
    private volatile boolean signalled;
    /** Every step ran, or one failed: a signal now only ends {@code --keep}. */
    private volatile boolean stepsOver;
    private final CountDownLatch stopped = new CountDownLatch(1);

    // what the steps found, for the report
    private Optional<PostgresTarget> postgres;
    private String postgresNote;
    private JobRun generateRun;
    private JsonNode generated;
    private String crawlId;
    private JobRun tagRun;
    private JsonNode tagged;

    DemoRun(Settings settings, PrintWriter out, PrintWriter err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    Path dir() {
        return settings.dir();
    }

    Path s3Dir() {
        return dir().resolve("s3");
    }

    Path mortarDir() {
        return dir().resolve("mortar");
    }

    /**
     * Runs every step; 0 when all succeeded, 1 when one failed (reported on stderr). With {@code --keep}, S3Proxy
     * and the server then stay up (after a failed step too, to look into it) until Ctrl-C.
     */
    int run() {
        int exit = 1;
        try {
            out.printf(Locale.ROOT, "Mortar demo: %,d support tickets, %d regex rules, %d days; files in %s%n%n",
                    settings.rows(), settings.rules(), settings.days(), dir());
            out.flush();
            prepare();
            startS3();
            startServer();
            connectPostgres();
            generate();
            crawl();
            tag();
            report();
            exit = 0;
        } catch (StepFailure e) {
            fail(e.getMessage(), e.help);
        } catch (GlueException e) {
            fail(e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage(), List.of());
        } catch (SdkException | IllegalStateException | UncheckedIOException | IllegalArgumentException e) {
            fail(e.getMessage() == null ? e.toString() : e.getMessage(), List.of());
        } catch (RuntimeException e) {
            closeAll();
            throw e;
        }
        stepsOver = true;
        if (settings.keep() && server != null && !closed) {
            keepRunning();
        }
        closeAll();
        return exit;
    }

    private void fail(String message, List<String> help) {
        out.flush();
        if (signalled) {
            return; // the shutdown hook said what happened
        }
        String where = step == 0 ? "preparing the demo" : "step " + step + "/" + STEPS + " (" + stepName + ")";
        err.println("error: " + where + " failed: " + message);
        help.forEach(line -> err.println("  " + line));
        err.flush();
    }

    // ---------------------------------------------------------------------------------------------------------
    // the steps

    /** The demo directory: ours (marked), locked for this run, the previous demo's data removed. */
    private void prepare() {
        try {
            Files.createDirectories(dir());
            Path marker = dir().resolve(MARKER_FILE);
            if (!Files.exists(marker)) {
                try (Stream<Path> entries = Files.list(dir())) {
                    if (entries.findAny().isPresent()) {
                        throw new StepFailure(dir() + " is not empty and holds no " + MARKER_FILE + " file, so it is"
                                + " not a demo directory; choose another --dir (the demo replaces what is in it)");
                    }
                }
            }
            Files.writeString(marker, "A mortar demo's directory: `mortar demo` replaces what is in it.\n");
            lockChannel = FileChannel.open(dir().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new StepFailure("another mortar demo is using " + dir() + " (stop it, or choose another --dir)");
            }
            boolean previous = Files.exists(s3Dir()) || Files.exists(mortarDir());
            FileUtils.deleteDirectory(s3Dir().toFile());
            FileUtils.deleteDirectory(mortarDir().toFile());
            if (previous) {
                out.println("(the previous demo's data in " + dir() + " was removed)");
            }
        } catch (IOException e) {
            throw new StepFailure("cannot prepare " + dir() + ": " + e.getMessage());
        }
        Path jar = sparkJars().resolve(RUNTIME_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new StepFailure("the job runtime " + jar + " is missing; build it with `mvn -pl runtime -am package"
                    + " -DskipTests` (bin/mortar does), or point MORTAR_SPARK_JARS at the folder holding it");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.getEntry(GENERATE_CLASS.replace('.', '/') + ".class") == null) {
                throw new StepFailure("the job runtime " + jar + " predates mortar demo (it has no " + GENERATE_CLASS
                        + "); rebuild it with `mvn -pl runtime -am package -DskipTests` (bin/mortar does)");
            }
        } catch (IOException e) {
            throw new StepFailure("cannot read the job runtime " + jar + ": " + e.getMessage());
        }
        shutdownHook = new Thread(this::onSignal, "mortar-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        QUIET.forEach((logger, level) -> {
            previousLevels.put(logger, LogManager.getLogger(logger).getLevel());
            Configurator.setLevel(logger, level);
        });
    }

    private void startS3() {
        begin("S3Proxy", "S3Proxy");
        long t = System.nanoTime();
        Path jars;
        try {
            jars = LocalS3.jars(settings.environment());
        } catch (IllegalStateException e) {
            throw new StepFailure(e.getMessage());
        }
        try {
            s3 = LocalS3.start(jars, s3Dir(), S3_ACCESS_KEY, S3_SECRET_KEY, "512m");
        } catch (IllegalStateException e) {
            throw new StepFailure("S3Proxy did not start: " + e.getMessage());
        }
        s3.createBucket(BUCKET);
        line("%s (pid %d), bucket %s, its files in %s (%s)", s3.endpoint(), s3.pid(), BUCKET,
                s3.dataDir().resolve(BUCKET), seconds(t));
    }

    private void startServer() {
        begin("Mortar server", "Mortar server");
        long t = System.nanoTime();
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("mortar.data-dir", mortarDir().toString());
        flags.put("mortar.bind", "127.0.0.1");
        flags.put("mortar.port", "0");
        flags.put("mortar.s3.endpoint", s3.endpoint().toString());
        flags.put("mortar.s3.access-key", S3_ACCESS_KEY);
        flags.put("mortar.s3.secret-key", S3_SECRET_KEY);
        flags.put("mortar.s3.region", LocalS3.REGION);
        flags.put("mortar.jobs.spark-conf", "spark.ui.enabled=false");
        flags.put("mortar.jobs.stop-grace-seconds", "5");
        ServerConfig config = ConfigLoader.load(null, passedEnvironment(), flags);
        server = MortarServer.start(config);
        glue = MortarGlueClient.create(server.endpoint());
        glue.createDatabase(b -> b.databaseInput(d -> d.name(DATABASE)
                .description("mortar demo: support tickets, tagged by regex rules")));
        line("%s, catalog (SQLite) in %s; jobs run Spark %s from %s (%s)", server.endpoint(), mortarDir(),
                config.jobs().master(), config.jobs().sparkJars(), seconds(t));
    }

    private void connectPostgres() {
        begin("PostgreSQL connection", "PostgreSQL connection");
        long t = System.nanoTime();
        postgres = settings.postgres();
        if (postgres.isEmpty()) {
            postgresNote = "no PostgreSQL (--postgres none): the summary goes to the lake";
            line("%s, as Parquet at %s and the catalog table %s.%s", postgresNote, SUMMARY_PATH, DATABASE,
                    SUMMARY_CATALOG_TABLE);
            return;
        }
        PostgresTarget pg = postgres.get();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(ConnectionPropertyKey.JDBC_CONNECTION_URL.toString(), pg.url());
        properties.put(ConnectionPropertyKey.USERNAME.toString(), pg.user());
        properties.put(ConnectionPropertyKey.PASSWORD.toString(), pg.password());
        glue.createConnection(b -> b.connectionInput(c -> c.name(CONNECTION).connectionType(ConnectionType.JDBC)
                .description("mortar demo: where the tag summary goes").connectionPropertiesWithStrings(properties)));
        try {
            glue.testConnection(b -> b.connectionName(CONNECTION));
        } catch (GlueException e) {
            String cause = e.awsErrorDetails().errorMessage();
            if (pg.explicit()) {
                throw new StepFailure("TestConnection of " + CONNECTION + " (" + pg.display() + ", from "
                        + pg.origin() + ") failed: " + cause, List.of("give a PostgreSQL that answers, or --postgres"
                        + " none to put the summary in the lake instead"));
            }
            glue.deleteConnection(b -> b.connectionName(CONNECTION));
            postgres = Optional.empty();
            postgresNote = "no PostgreSQL answered at " + pg.display() + " (" + cause + ")";
            line("%s.", postgresNote);
            line("The summary goes to the lake instead: Parquet at %s, catalog table %s.%s. For PostgreSQL, pass"
                    + " --postgres 'jdbc:postgresql://HOST:5432/DB?user=U&password=P' or set %s. (%s)", SUMMARY_PATH,
                    DATABASE, SUMMARY_CATALOG_TABLE, PostgresTarget.VARIABLE, seconds(t));
            return;
        }
        line("Glue connection %s -> %s as %s: TestConnection OK (%s)", CONNECTION, pg.url(), pg.user(), seconds(t));
    }

    private void generate() {
        begin("generate", String.format(Locale.ROOT, "Generate %,d tickets and %d rules (Spark job %s)", settings.rows(),
                settings.rules(), GENERATE_JOB));
        long t = System.nanoTime();
        Map<String, String> args = new LinkedHashMap<>();
        args.put("--class", GENERATE_CLASS);
        args.put("--rows", Long.toString(settings.rows()));
        args.put("--rules", Integer.toString(settings.rules()));
        args.put("--seed", Long.toString(settings.seed()));
        args.put("--days", Integer.toString(settings.days()));
        args.put("--output", RAW_PATH);
        args.put("--rules-output", RULES_PATH);
        createJob(GENERATE_JOB, "mortar demo: support tickets as Parquet by day, and a table of regex rules", args);
        generateRun = runJob(GENERATE_JOB);
        generated = result(generateRun);
        ran(generateRun, t);
        line("%,d rows (id, subject, body, notes; day) over %d days from %s in %d Parquet files, %s, at %s",
                generated.path("rows").asLong(), generated.path("days").asInt(),
                generated.path("firstDay").asText(), generated.path("files").asLong(),
                Sizes.bytes(generated.path("bytes").asLong()), RAW_PATH);
        line("%d rules (tag, columns, regex) as CSV at %s", generated.path("rules").asInt(), RULES_PATH);
    }

    private void crawl() {
        begin("crawl", "Crawl " + RAW_ROOT + " (crawler " + CRAWLER + ")");
        long t = System.nanoTime();
        glue.createCrawler(b -> b.name(CRAWLER).role("mortar-demo").databaseName(DATABASE)
                .description("mortar demo: the raw data, one table per folder of s3://demo/raw/")
                .targets(x -> x.s3Targets(s -> s.path(RAW_ROOT)))
                .configuration(CRAWLER_CONFIGURATION));
        glue.startCrawler(b -> b.name(CRAWLER));
        Crawler crawler;
        while (true) {
            crawler = glue.getCrawler(b -> b.name(CRAWLER)).crawler();
            if (crawler.state() == CrawlerState.READY && crawler.lastCrawl() != null) {
                break;
            }
            sleep(250);
        }
        LastCrawlInfo last = crawler.lastCrawl();
        crawlId = last.messagePrefix();
        if (last.status() != LastCrawlStatus.SUCCEEDED) {
            throw new StepFailure("crawl " + crawlId + " of crawler " + CRAWLER + " " + last.statusAsString() + ": "
                    + last.errorMessage(), crawlHelp());
        }
        Optional<JsonNode> summary = glue.listCrawls(b -> b.crawlerName(CRAWLER).maxResults(1)).crawls().stream()
                .findFirst().map(CrawlerHistory::summary).flatMap(this::parse);
        Table table;
        try {
            table = glue.getTable(b -> b.databaseName(DATABASE).name(RAW_TABLE)).table();
        } catch (GlueException e) {
            List<String> found = glue.getTables(b -> b.databaseName(DATABASE)).tableList().stream()
                    .map(Table::name).toList();
            throw new StepFailure("the crawl made no table " + DATABASE + "." + RAW_TABLE + " (tables: " + found
                    + ")", crawlHelp());
        }
        long partitions = partitions(RAW_TABLE);
        line("with {\"Grouping\": {\"TableLevelConfiguration\": 2}}: a table per folder of %s", RAW_ROOT);
        line("crawl %s SUCCEEDED in %s: table %s.%s (%s), partitioned by %s: %d partitions", crawlId, seconds(t),
                DATABASE, RAW_TABLE, table.parameters().getOrDefault("classification", "?"),
                keys(table), partitions);
        line("columns %s", columns(table));
        summary.ifPresent(s -> line("%d files listed, %d read (%s of footers); %s records counted; %d table and"
                        + " %d partitions created", s.path("filesListed").asLong(), s.path("filesRead").asLong(),
                Sizes.bytes(s.path("bytesRead").asLong()), recordCount(table),
                s.path("tablesCreated").asLong(), s.path("partitionsCreated").asLong()));
        if (partitions != Math.min(settings.days(), settings.rows())) {
            throw new StepFailure("the table " + DATABASE + "." + RAW_TABLE + " has " + partitions + " partitions, not"
                    + " one per day (" + settings.days() + ")", crawlHelp());
        }
    }

    private void tag() {
        begin("tag", String.format(Locale.ROOT, "Tag the tickets with %d rules (Spark job %s)", settings.rules(), TAG_JOB));
        long t = System.nanoTime();
        Map<String, String> args = new LinkedHashMap<>();
        args.put("--class", TAG_CLASS);
        args.put("--database", DATABASE);
        args.put("--table", RAW_TABLE);
        args.put("--rules", RULES_PATH);
        args.put("--output", TAGGED_PATH);
        args.put("--output-table", TAGGED_TABLE);
        if (postgres.isPresent()) {
            args.put("--connection", CONNECTION);
            args.put("--summary-table", SUMMARY_TABLE);
        } else {
            args.put("--summary-path", SUMMARY_PATH);
            args.put("--summary-catalog-table", SUMMARY_CATALOG_TABLE);
        }
        createJob(TAG_JOB, "mortar demo: tag the tickets by regex rules; Parquet back, and a per-tag summary",
                args);
        tagRun = runJob(TAG_JOB);
        tagged = result(tagRun);
        long rows = tagged.path("rows").asLong();
        double tagSeconds = tagged.path("tagWriteSeconds").asDouble();
        ran(tagRun, t);
        line("%s.%s's definition and partitions read through the catalog, %d rules from %s and compiled (%.1f s)",
                DATABASE, RAW_TABLE, tagged.path("rules").asInt(), RULES_PATH, tagged.path("readSeconds").asDouble());
        line("read, tagged and wrote %,d rows in %.1f s: %,.0f rows/s; %d guard trips", rows, tagSeconds,
                tagSeconds > 0 ? rows / tagSeconds : 0.0, tagged.path("guardTrips").asLong());
        long taggedRows = tagged.path("taggedRows").asLong();
        line("%,d rows (%s) have at least one tag, %,d tags in all; %d of the rules' %d tags occur",
                taggedRows, percent(taggedRows, rows), tagged.path("tagAssignments").asLong(),
                tagged.path("distinctTags").asInt(), tagged.path("ruleTags").asInt());
        long partitions = partitions(TAGGED_TABLE);
        line("%d Parquet files, %s, at %s; catalog table %s.%s (%s, %d partitions)", tagged.path("files").asLong(),
                Sizes.bytes(tagged.path("bytes").asLong()), TAGGED_PATH, DATABASE, TAGGED_TABLE,
                tagged.path("tableCreated").asBoolean() ? "created" : "updated", partitions);
        line("summary (tag, rows, share) %s (%.1f s to count, %.1f s to store)", summaryPlace(),
                tagged.path("summarySeconds").asDouble(), tagged.path("storeSeconds").asDouble());
        if (rows != settings.rows()) {
            throw new StepFailure(String.format(Locale.ROOT, "the tagged table has %,d rows, not the %,d generated",
                    rows, settings.rows()), runHelp(TAG_JOB, tagRun.id()));
        }
    }

    private void report() {
        out.println();
        out.println("Top tags:");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TAG", "ROWS", "SHARE"});
        JsonNode top = tagged.path("top");
        for (int k = 0; k < Math.min(10, top.size()); k++) {
            JsonNode t = top.get(k);
            rows.add(new String[] {t.path("tag").asText(), String.format(Locale.ROOT, "%,d", t.path("rows").asLong()),
                String.format(Locale.ROOT, "%.2f %%", 100 * t.path("share").asDouble())});
        }
        printTable(rows);
        out.println();
        out.printf(Locale.ROOT, "Done in %s: %,d tickets generated, crawled and tagged with %d rules.%n",
                seconds(started), settings.rows(), settings.rules());
        out.println();
        out.println("Where things are:");
        out.println("  raw tickets      " + RAW_PATH + "  = " + s3.dataDir().resolve(BUCKET).resolve("raw/tickets"));
        out.println("  tagged tickets   " + TAGGED_PATH + "  = " + s3.dataDir().resolve(BUCKET)
                .resolve("tagged/tickets"));
        out.println("  rules            " + RULES_PATH);
        out.println("  catalog          " + DATABASE + "." + RAW_TABLE + ", " + DATABASE + "." + TAGGED_TABLE
                + (postgres.isEmpty() ? ", " + DATABASE + "." + SUMMARY_CATALOG_TABLE : "") + " in " + mortarDir()
                .resolve("catalog.db"));
        out.println("  summary          " + summaryPlace());
        out.println("  driver logs      " + mortarDir().resolve("runs").resolve(generateRun.id()).resolve("driver.log"));
        out.println("                   " + mortarDir().resolve("runs").resolve(tagRun.id()).resolve("driver.log"));
        out.println();
        out.println("Look further:");
        String mortar = settings.keep() ? "bin/mortar --endpoint " + server.endpoint() : "bin/mortar";
        if (!settings.keep()) {
            out.println("  bin/mortar server --data-dir " + mortarDir() + "     # serves this catalog again on :8095;"
                    + " then:");
        }
        out.println("  " + mortar + " tables " + DATABASE);
        out.println("  " + mortar + " table " + DATABASE + " " + TAGGED_TABLE);
        out.println("  " + mortar + " partitions " + DATABASE + " " + TAGGED_TABLE);
        out.println("  " + mortar + " runs " + TAG_JOB);
        out.println("  " + mortar + " logs " + tagRun.id());
        out.println("  " + mortar + " crawl-log " + crawlId);
        postgres.ifPresent(pg -> out.println("  " + pg.psql("SELECT tag, rows, round((100 * share)::numeric, 2) AS"
                + " pct FROM " + SUMMARY_TABLE + " ORDER BY rows DESC LIMIT 10")));
        if (!settings.keep()) {
            out.println("  bin/mortar demo --keep" + "     # to keep S3Proxy and the server running after the demo");
        }
        out.flush();
    }

    // ---------------------------------------------------------------------------------------------------------
    // jobs

    private void createJob(String name, String description, Map<String, String> args) {
        Path jar = sparkJars().resolve(RUNTIME_JAR);
        glue.createJob(b -> b.name(name).role("mortar-demo").description(description)
                .command(c -> c.name("glueetl").scriptLocation(jar.toString()))
                .defaultArguments(args)
                .workerType("G.1X").numberOfWorkers(2).timeout(120).maxRetries(0));
    }

    /** Starts a run of the job and waits for its end; a run that did not succeed is a StepFailure. */
    private JobRun runJob(String job) {
        String runId = glue.startJobRun(b -> b.jobName(job)).jobRunId();
        activeJob = job;
        activeRun = runId;
        line("run %s", runId);
        line("driver log %s", driverLog(runId));
        JobRun run;
        while (true) {
            run = glue.getJobRun(b -> b.jobName(job).runId(runId)).jobRun();
            if (FINAL_STATES.contains(run.jobRunStateAsString())) {
                break;
            }
            sleep(500);
        }
        activeRun = null;
        activeJob = null;
        if (!"SUCCEEDED".equals(run.jobRunStateAsString())) {
            throw new StepFailure("run " + runId + " of job " + job + " " + run.jobRunStateAsString()
                    + (run.errorMessage() == null ? "" : ": " + run.errorMessage()), runHelp(job, runId));
        }
        return run;
    }

    private void ran(JobRun run, long startNanos) {
        line("%s in %s: ExecutionTime %d s, %s DPU-seconds (2 G.1X workers = 2 DPUs, at least a minute billed, as"
                + " Glue bills)", run.jobRunStateAsString(), seconds(startNanos), run.executionTime(), dpus(run));
    }

    /** The job's report: the last result line of its driver log, read through the server's log endpoint. */
    private JsonNode result(JobRun run) {
        String log;
        try {
            log = MortarHttp.CALLS.get(server.endpoint().resolve("/runs/" + MortarHttp.pathSegment(run.id())
                    + "/log")).requireSuccess().text();
        } catch (HttpStatusException e) {
            throw new StepFailure(e.getMessage(), runHelp(run.jobName(), run.id()));
        } catch (IOException e) {
            throw new StepFailure("cannot read the log of run " + run.id() + ": " + e.getMessage());
        }
        String found = null;
        for (String l : log.split("\n")) {
            if (l.startsWith(RESULT_MARKER)) {
                found = l.substring(RESULT_MARKER.length());
            }
        }
        if (found == null) {
            throw new StepFailure("run " + run.id() + " SUCCEEDED but its log has no " + RESULT_MARKER.strip()
                    + " line", runHelp(run.jobName(), run.id()));
        }
        return parse(found).orElseThrow(() -> new StepFailure("run " + run.id() + " reported what is not JSON",
                runHelp(run.jobName(), run.id())));
    }

    private List<String> runHelp(String job, String runId) {
        List<String> help = new ArrayList<>();
        help.add("its driver log: " + driverLog(runId));
        help.addAll(lookAt(List.of("runs " + job, "logs " + runId)));
        return help;
    }

    private List<String> crawlHelp() {
        List<String> help = new ArrayList<>();
        help.add("the data it crawled: " + s3.dataDir().resolve(BUCKET).resolve("raw"));
        help.addAll(lookAt(List.of("crawls " + CRAWLER, "crawl-log " + crawlId)));
        return help;
    }

    /** How to run {@code mortar} commands on the demo's catalog: now (--keep), or by serving it again. */
    private List<String> lookAt(List<String> commands) {
        List<String> lines = new ArrayList<>();
        if (settings.keep()) {
            commands.forEach(c -> lines.add("bin/mortar --endpoint " + server.endpoint() + " " + c));
        } else {
            lines.add("to look into it: bin/mortar server --data-dir " + mortarDir() + " (or rerun with --keep), then");
            commands.forEach(c -> lines.add("  bin/mortar " + c));
        }
        return lines;
    }

    private Path driverLog(String runId) {
        return mortarDir().resolve("runs").resolve(runId).resolve("driver.log");
    }

    private Path sparkJars() {
        return JobsConfig.findSparkJars(passedEnvironment());
    }

    private Map<String, String> passedEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        settings.environment().forEach((k, v) -> {
            if (PASSED_ENVIRONMENT.contains(k)) {
                environment.put(k, v);
            }
        });
        return environment;
    }

    // ---------------------------------------------------------------------------------------------------------
    // the end: keep running, or stop

    private void keepRunning() {
        out.println();
        out.println("Running until Ctrl-C:");
        out.println("  Mortar (Glue API)  " + server.endpoint() + "    any Glue client: --endpoint-url "
                + server.endpoint() + ", or bin/mortar --endpoint " + server.endpoint());
        out.println("  S3Proxy            " + s3.endpoint() + "    access key " + S3_ACCESS_KEY + ", secret key "
                + S3_SECRET_KEY + ", region " + LocalS3.REGION);
        out.println("                     e.g. AWS_ACCESS_KEY_ID=" + S3_ACCESS_KEY + " AWS_SECRET_ACCESS_KEY="
                + S3_SECRET_KEY + " aws s3 ls --endpoint-url " + s3.endpoint() + " --recursive s3://" + BUCKET
                + "/tagged/");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ctrl-C (or any JVM exit) while the demo runs: a running job run is stopped, then everything. */
    private void onSignal() {
        signalled = true;
        String job = activeJob;
        String run = activeRun;
        if (job != null && run != null && glue != null) {
            try {
                glue.batchStopJobRun(b -> b.jobName(job).jobRunIds(run));
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (System.nanoTime() < deadline && !FINAL_STATES.contains(
                        glue.getJobRun(b -> b.jobName(job).runId(run)).jobRun().jobRunStateAsString())) {
                    sleep(250);
                }
            } catch (RuntimeException e) {
                // the JVM is going down; the run's driver may outlive it
            }
        }
        closeAll();
        if (stepsOver) {
            err.println("mortar demo: stopped the server and S3Proxy; the demo's files stay in " + dir());
        } else {
            // the main thread may not get to say it: the JVM ends when this hook returns
            err.println("mortar demo: interrupted during step " + step + "/" + STEPS + " (" + stepName + ")"
                    + (run == null ? "" : "; run " + run + " of " + job + " was stopped") + "; the server and"
                    + " S3Proxy were stopped");
        }
        err.flush();
        stopped.countDown();
    }

    synchronized void closeAll() {
        if (closed) {
            return;
        }
        closed = true;
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
        // each on its own: one that fails must not leave S3Proxy, a process of its own, running
        quietly("the Glue client", glue);
        quietly("the Mortar server", server);
        quietly("S3Proxy", s3);
        previousLevels.forEach(Configurator::setLevel);
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // released with the process anyway
        }
    }

    private void quietly(String what, AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            err.println("warning: stopping " + what + " failed: " + e);
            err.flush();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // printing

    /** A step begins: its number and title; {@code name} is what an error calls it. */
    private void begin(String name, String title) {
        step++;
        stepName = name;
        out.printf("[%d/%d] %s%n", step, STEPS, title);
        out.flush();
    }

    private void line(String format, Object... args) {
        out.println("      " + String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private void printTable(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int k = 0; k < row.length; k++) {
                widths[k] = Math.max(widths[k], row[k].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder("  ");
            for (int k = 0; k < row.length; k++) {
                String cell = row[k];
                boolean right = k > 0;
                String pad = " ".repeat(widths[k] - cell.length());
                sb.append(right ? pad + cell : cell + pad).append(k < row.length - 1 ? "  " : "");
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private String summaryPlace() {
        return postgres.map(pg -> "in PostgreSQL: " + SUMMARY_TABLE + " at " + pg.url() + " (connection "
                + CONNECTION + ")").orElse("in the lake: " + SUMMARY_PATH + ", catalog table " + DATABASE + "."
                + SUMMARY_CATALOG_TABLE);
    }

    private long partitions(String table) {
        return glue.getPartitionsPaginator(b -> b.databaseName(DATABASE).tableName(table)).stream()
                .mapToLong(p -> p.partitions().size()).sum();
    }

    private static String keys(Table table) {
        return table.partitionKeys().isEmpty() ? "nothing"
                : String.join(", ", table.partitionKeys().stream().map(Column::name).toList());
    }

    private static String columns(Table table) {
        List<String> cols = new ArrayList<>();
        for (Column c : table.storageDescriptor().columns()) {
            cols.add(c.name() + " " + c.type());
        }
        for (Column c : table.partitionKeys()) {
            cols.add(c.name() + " " + c.type() + " (partition key)");
        }
        return String.join(", ", cols);
    }

    private static String recordCount(Table table) {
        String count = table.parameters().get("recordCount");
        if (count == null) {
            return "no";
        }
        try {
            return String.format(Locale.ROOT, "%,d", Long.parseLong(count));
        } catch (NumberFormatException e) {
            return count;
        }
    }

    private static String dpus(JobRun run) {
        return run.dpuSeconds() == null ? "?" : String.format(Locale.ROOT, "%.0f", run.dpuSeconds());
    }

    private Optional<JsonNode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readTree(text));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String seconds(long startNanos) {
        return duration((System.nanoTime() - startNanos) / 1e9);
    }

    /** {@code 12.3 s} under a minute, else whole seconds: {@code 2 min 05 s}. */
    static String duration(double s) {
        if (s < 59.95) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long whole = Math.round(s);
        return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "0 %" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailure("interrupted");
        }
    }
}

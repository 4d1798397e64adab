package io.mortar.it.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.cli.cluster.ClusterSpec;
import io.mortar.cli.cluster.StandaloneCluster;
import io.mortar.it.harness.ItSpark;
import io.mortar.it.harness.S3ProxyProcess;
import io.mortar.server.MortarServer;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.S3Config;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.testing.JobRunWaits;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.PostgresDatabases;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.jdbc.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ConnectionInput;
import software.amazon.awssdk.services.glue.model.JobCommand;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Glue PySpark scripts, written in the style of public Glue examples and run unchanged: each uploaded to an
 * S3Proxy bucket, defined as a {@code glueetl} job whose ScriptLocation is the {@code s3://} .py, started with
 * StartJobRun through the AWS SDK, and its output read back row by row. The drivers are real PySpark drivers
 * (pyspark and py4j from {@code MORTAR_PYTHON_LIBS}, Mortar's awsglue); one script also runs on a standalone
 * cluster, where its Python functions run in the workers' executors.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class PySparkScriptsEndToEndTest {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static S3ProxyProcess s3;
    private static String bucket;
    private static Path dataDir;
    private static JobsConfig localJobs;
    private static S3Config s3Config;
    private static MortarServer server;
    private static GlueClient glue;

    @BeforeAll
    static void lakeAndServer() throws IOException {
        if (System.getenv("MORTAR_PYTHON_LIBS") == null) {
            throw new IllegalStateException("MORTAR_PYTHON_LIBS is not set: run the tests with bin/test, which"
                    + " installs pyspark and py4j and sets it");
        }
        s3 = S3ProxyProcess.start();
        bucket = ItSpark.newBucket(s3, "pyglue");
        dataDir = StoreBackend.tempDir("mortar-pyglue");
        JobsConfig defaults = JobsConfig.defaults(System.getenv());
        localJobs = new JobsConfig("local[2]", defaults.sparkJars(), defaults.javaHome(), "1g",
                Map.of("spark.ui.enabled", "false", "spark.hadoop.fs.s3a.attempts.maximum", "1",
                        "spark.hadoop.fs.s3a.retry.limit", "1", "spark.sql.shuffle.partitions", "2"),
                Duration.ofSeconds(5), Duration.ofMinutes(1));
        s3Config = new S3Config(s3.endpoint().toString(), s3.accessKey(), s3.secretKey(), s3.region(), true);
        startServer(localJobs);
        for (String script : List.of("catalog_etl.py", "options_files.py", "python_functions.py",
                "studio_custom_transform.py", "bookmarked.py", "boto3_calls.py", "failing.py", "jdbc.py")) {
            put("scripts/" + script, resource(script));
        }
        glue.createDatabase(r -> r.databaseInput(d -> d.name("shop")));
    }

    @AfterAll
    static void stopAll() {
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    @Order(1)
    void aCatalogScriptResolvesMapsJoinsRelationalizesAndWritesACatalogTable() throws Exception {
        uploadOrdersAndCustomers();
        JobRun run = runScript("catalog_etl.py", Map.of("--database", "shop", "--output", s3Url("curated/order_facts/"),
                "--phones_output", s3Url("curated/phones/")));
        assertSucceeded(run);

        Table facts = glue.getTable(r -> r.databaseName("shop").name("order_facts")).table();
        assertThat(facts.partitionKeys()).extracting(Column::name).containsExactly("year");
        assertThat(facts.storageDescriptor().columns()).extracting(Column::name).containsExactlyInAnyOrder(
                "order_id", "customer_id", "amount", "customer_name", "email");
        assertThat(facts.storageDescriptor().location()).isEqualTo(s3Url("curated/order_facts/"));
        assertThat(glue.getPartitions(r -> r.databaseName("shop").tableName("order_facts")).partitions())
                .extracting(p -> p.values().get(0)).containsExactly("2024");

        List<String> rows = rows(spark().read().parquet(s3a("curated/order_facts")).orderBy("order_id"),
                "order_id", "customer_id", "amount", "customer_name", "email", "year");
        // 2023's order is pruned by the push-down predicate; customer 4 has no customer record (inner join);
        // customer 3's id was a string in the JSON (a choice) and joins once cast to long
        assertThat(rows).containsExactly(
                "1004|1|12.25|Ana|ana@example.com|2024",
                "1005|3|7.75|Caro|caro@example.com|2024",
                "1006|2|100.0|Bo|null|2024");

        List<String> phones = rows(spark().read().json(s3a("curated/phones")).orderBy("`contact.phones.val`"),
                "`contact.phones.val`", "index");
        // Ana's two phones appear once per joined order of hers (one 2024 order), Bo has none
        assertThat(phones).containsExactly("+1-555-0100|0", "+1-555-0101|1", "+44-20-0000|0");
    }

    @Test
    @Order(2)
    void csvAndJsonFilesReadByOptionsAreUnionedAndWrittenCompressed() throws Exception {
        put("landing/sales/2024-01.csv", "sku;qty;shop\nA-1;3;north\nB-2;1;south\n");
        put("landing/sales/2024-02.csv", "sku;qty;shop\nA-1;2;south\n");
        put("landing/web/day=1/orders.json", "{\"sku\": \"C-3\", \"qty\": 5, \"shop\": \"web\", \"ua\": \"x\"}\n");
        put("landing/web/day=2/orders.json", "{\"sku\": \"A-1\", \"qty\": 1, \"shop\": \"web\", \"ua\": \"y\"}\n");
        JobRun run = runScript("options_files.py", Map.of("--csv_path", s3Url("landing/sales/"),
                "--json_path", s3Url("landing/web/"), "--output", s3Url("out/all_sales/")));
        assertSucceeded(run);
        assertThat(keys("out/all_sales/")).allMatch(key -> key.endsWith(".json.gz") || key.endsWith("_SUCCESS"));
        assertThat(rows(spark().read().json(s3a("out/all_sales")).orderBy("shop", "sku", "qty"), "sku", "qty", "shop"))
                .containsExactly("A-1|3|north", "A-1|2|south", "B-2|1|south", "A-1|1|web", "C-3|5|web");
    }

    @Test
    @Order(3)
    void pythonMapAndFilterFunctionsRunOnTheExecutorsAndFailuresBecomeErrorRecords() throws Exception {
        uploadTickets("landing/tickets/");
        JobRun run = runScript("python_functions.py", Map.of("--input", s3Url("landing/tickets/"),
                "--output", s3Url("out/urgent/"), "--report", s3Url("out/urgent_report/")));
        assertSucceeded(run);
        assertUrgentTickets("out/urgent", "out/urgent_report");
    }

    @Test
    @Order(4)
    void aStudioCustomTransformTakesAndGivesACollection() throws Exception {
        JobRun run = runScript("studio_custom_transform.py", Map.of("--input", s3Url("landing/sales/"),
                "--output", s3Url("out/shop_totals/")));
        assertSucceeded(run);
        assertThat(rows(spark().read().option("header", "true").csv(s3a("out/shop_totals")).orderBy("shop"),
                "shop", "total_qty", "lines")).containsExactly("north|3|1", "south|3|2");
    }

    @Test
    @Order(5)
    void bookmarksMakeTheSecondRunReadOnlyNewFiles() throws Exception {
        put("landing/events/a.json", "{\"id\": 1}\n{\"id\": 2}\n");
        put("landing/events/b.json", "{\"id\": 3}\n");
        Map<String, String> first = Map.of("--input", s3Url("landing/events/"), "--output", s3Url("out/events/run1/"),
                "--job-bookmark-option", "job-bookmark-enable");
        String job = defineJob("bookmarked.py", first);
        assertSucceeded(runToEnd(job, Map.of()));
        assertThat(rows(spark().read().json(s3a("out/events/run1")).orderBy("id"), "id"))
                .containsExactly("1", "2", "3");

        Thread.sleep(1_100); // the new file's modification time must be past the first run's (second resolution)
        put("landing/events/c.json", "{\"id\": 4}\n");
        assertSucceeded(runToEnd(job, Map.of("--output", s3Url("out/events/run2/"))));
        assertThat(rows(spark().read().json(s3a("out/events/run2")), "id")).containsExactly("4");
        assertThat(glue.getJobBookmark(r -> r.jobName(job)).jobBookmarkEntry().run()).isEqualTo(2);
    }

    @Test
    @Order(6)
    void boto3InTheScriptReachesMortarsGlueApiAndS3() throws Exception {
        JobRun run = runScript("boto3_calls.py", Map.of("--database", "shop", "--bucket", bucket));
        assertSucceeded(run);
        JsonNode result = JSON.readTree(get("reports/boto3.json"));
        assertThat(result.path("table").asText()).isEqualTo("orders");
        assertThat(result.path("columns").toString()).isEqualTo("[\"order_id\",\"customer_id\",\"amount\"]");
        assertThat(result.path("partition_keys").toString()).isEqualTo("[\"year\"]");
        assertThat(result.path("run_state").asText()).isEqualTo("RUNNING");
        assertThat(result.path("objects").toString()).contains("raw/orders/year=2023/part-0.csv");
    }

    @Test
    @Order(7)
    void aPythonExceptionFailsTheRunWithItsTypeMessageAndLine() throws Exception {
        JobRun run = runScript("failing.py", Map.of());
        assertThat(run.jobRunState()).isEqualTo(JobRunState.FAILED);
        assertThat(run.errorMessage()).isEqualTo("ValueError: limit 3 is below the minimum of 10 (failing.py, line 12)");
        String log = Files.readString(dataDir.resolve("runs").resolve(run.id()).resolve("driver.log"));
        assertThat(log).contains("Traceback (most recent call last):", "line 15, in <module>", "line 12, in check",
                "ValueError: limit 3 is below the minimum of 10");
    }

    @Test
    @Order(8)
    void jdbcThroughACatalogConnectionReadsAndWritesWithFromJdbcConf() throws Exception {
        TestPostgres.Login admin = TestPostgres.adminLogin();
        String database = TestPostgres.createDatabase("mortar_pyglue");
        try {
            String dbName = PostgresDatabases.databaseName(database);
            try (Connection c = DriverManager.getConnection(database); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, spend DOUBLE PRECISION)");
                s.execute("INSERT INTO customers VALUES (1, 'Ana', 250.0), (2, 'Bo', 20.0), (3, 'Caro', 101.5)");
            }
            glue.createConnection(r -> r.connectionInput(ConnectionInput.builder().name("warehouse")
                    .connectionType("JDBC").connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", admin.url(),
                            "USERNAME", admin.user(), "PASSWORD", admin.password())).build()));
            JobRun run = runScript("jdbc.py", Map.of("--connection", "warehouse", "--database", dbName,
                    "--report", s3Url("out/jdbc_report/")));
            assertSucceeded(run);
            List<String> big = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(database); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, name, spend FROM big_customers ORDER BY id")) {
                while (rs.next()) {
                    big.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getDouble(3));
                }
            }
            assertThat(big).containsExactly("1|Ana|250.0", "3|Caro|101.5");
            JsonNode report = JSON.readTree(spark().read().text(s3a("out/jdbc_report")).first().getString(0));
            assertThat(report.path("vendor").asText()).isEqualTo("postgresql");
            assertThat(report.path("user").asText()).isEqualTo(admin.user());
            assertThat(report.path("has_password").asBoolean()).isTrue();
            assertThat(report.path("url").asText()).isEqualTo(admin.url().substring(0, admin.url().lastIndexOf('/')));
        } finally {
            TestPostgres.dropDatabase(database);
        }
    }

    @Test
    @Order(9)
    void theFunctionsScriptRunsUnchangedOnAStandaloneCluster() throws Exception {
        ClusterSpec spec = ClusterSpec.of(localJobs.sparkJars()).withWorkers(2).withCoresPerWorker(1)
                .withMemoryPerWorker("512m").withWorkDir(dataDir.resolve("cluster"));
        try (StandaloneCluster cluster = StandaloneCluster.start(spec)) {
            server.close();
            Map<String, String> conf = new HashMap<>(localJobs.sparkConf());
            conf.putAll(Map.of("spark.executor.memory", "512m", "spark.executor.cores", "1", "spark.cores.max", "2"));
            startServer(new JobsConfig(cluster.masterUrl(), localJobs.sparkJars(), localJobs.javaHome(), "1g", conf,
                    localJobs.stopGrace(), localJobs.minute()).withMasterWebUi(cluster.webUiUrl()));
            JobRun run = runToEnd("python_functions", Map.of("--input", s3Url("landing/tickets/"),
                    "--output", s3Url("out/urgent_cluster/"),
                    "--report", s3Url("out/urgent_cluster_report/")));
            assertSucceeded(run);
            assertUrgentTickets("out/urgent_cluster", "out/urgent_cluster_report");
            assertThat(cluster.status().completedApplicationIds()).hasSize(1);
            boolean pythonRanOnAWorker = false;
            for (Path worker : cluster.workerDirs()) {
                try (Stream<Path> files = Files.walk(worker)) {
                    for (Path stderr : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
                        pythonRanOnAWorker |= Files.readString(stderr).contains("PythonUDFWithNamedArgumentsRunner")
                                || Files.readString(stderr).contains("PythonRunner");
                    }
                }
            }
            assertThat(pythonRanOnAWorker).as("a worker's executor ran the Python functions").isTrue();
        }
    }

    // ---- data ----

    private static void uploadOrdersAndCustomers() {
        put("raw/orders/year=2023/part-0.csv", "order_id,customer_id,amount\n1001,1,10.0\n");
        put("raw/orders/year=2024/part-0.csv", "order_id,customer_id,amount\n1004,1,12.25\n1005,3,7.75\n"
                + "1006,2,100.0\n1007,4,1.5\n");
        put("raw/customers/part-0.json", """
                {"customer_id": 1, "name": "Ana", "contact": {"email": "ana@example.com", "phones": ["+1-555-0100", "+1-555-0101"]}}
                {"customer_id": 2, "name": "Bo", "contact": {"phones": []}}
                {"customer_id": "3", "name": "Caro", "contact": {"email": "caro@example.com", "phones": ["+44-20-0000"]}}
                """);
        StorageDescriptor csv = StorageDescriptor.builder().location(s3Url("raw/orders/"))
                .columns(column("order_id", "bigint"), column("customer_id", "int"), column("amount", "double"))
                .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                .serdeInfo(SerDeInfo.builder().serializationLibrary("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                        .parameters(Map.of("field.delim", ",")).build()).build();
        glue.createTable(r -> r.databaseName("shop").tableInput(TableInput.builder().name("orders")
                .tableType("EXTERNAL_TABLE").parameters(Map.of("classification", "csv", "skip.header.line.count", "1"))
                .storageDescriptor(csv).partitionKeys(column("year", "string")).build()));
        List<PartitionInput> partitions = new ArrayList<>();
        for (String year : List.of("2023", "2024")) {
            partitions.add(PartitionInput.builder().values(year).storageDescriptor(csv.toBuilder()
                    .location(s3Url("raw/orders/year=" + year + "/")).build()).build());
        }
        glue.batchCreatePartition(r -> r.databaseName("shop").tableName("orders").partitionInputList(partitions));
        StorageDescriptor json = StorageDescriptor.builder().location(s3Url("raw/customers/"))
                .columns(column("customer_id", "int"), column("name", "string"),
                        column("contact", "struct<email:string,phones:array<string>>"))
                .serdeInfo(SerDeInfo.builder().serializationLibrary("org.openx.data.jsonserde.JsonSerDe").build())
                .build();
        glue.createTable(r -> r.databaseName("shop").tableInput(TableInput.builder().name("customers")
                .tableType("EXTERNAL_TABLE").parameters(Map.of("classification", "json")).storageDescriptor(json)
                .build()));
    }

    /** Support tickets; ticket 5 lacks a severity, which the script's map function cannot handle. */
    private static void uploadTickets(String prefix) {
        put(prefix + "part-0.json", """
                {"id": 1, "title": "Refund not received", "severity": 4, "customer_id": 3}
                {"id": 2, "title": "Password reset", "severity": 1, "customer_id": 7}
                {"id": 3, "title": "App crashes on start up", "severity": 3, "customer_id": 5}
                """);
        put(prefix + "part-1.json", """
                {"id": 4, "title": "Typo", "severity": 1, "customer_id": 2}
                {"id": 5, "title": "No severity given", "customer_id": 9}
                """);
    }

    private static void assertUrgentTickets(String output, String report) throws IOException {
        assertThat(rows(spark().read().json(s3a(output)).orderBy("id"), "id", "title_words", "priority",
                "customer.id", "customer.vip")).containsExactly(
                "1|3|high|3|false", "2|2|low|7|true", "3|5|high|5|false");
        Row errors = spark().read().json(s3a(report)).first();
        assertThat(errors.<Long>getAs("errors")).isEqualTo(1L);
        // the ticket without a severity: its null severity reads as None, which the function cannot compare
        assertThat(errors.<scala.collection.Seq<String>>getAs("messages").mkString())
                .contains("TypeError: '>=' not supported between instances of 'NoneType' and 'int'");
    }

    // ---- jobs ----

    private static JobRun runScript(String script, Map<String, String> arguments) throws InterruptedException {
        return runToEnd(defineJob(script, Map.of()), arguments);
    }

    private static String defineJob(String script, Map<String, String> defaults) {
        String name = script.substring(0, script.length() - ".py".length());
        glue.createJob(r -> r.name(name).role("etl").glueVersion("5.0")
                .command(JobCommand.builder().name("glueetl").pythonVersion("3").scriptLocation(s3Url("scripts/" + script))
                        .build())
                .defaultArguments(withTempDir(defaults)));
        return name;
    }

    private static Map<String, String> withTempDir(Map<String, String> defaults) {
        Map<String, String> out = new HashMap<>(defaults);
        out.put("--TempDir", s3Url("tmp/"));
        return out;
    }

    private static JobRun runToEnd(String job, Map<String, String> arguments) throws InterruptedException {
        String id = glue.startJobRun(r -> r.jobName(job).arguments(arguments)).jobRunId();
        return JobRunWaits.awaitEnd(glue, job, id, RUN_LIMIT);
    }

    private static void assertSucceeded(JobRun run) throws IOException {
        if (run.jobRunState() != JobRunState.SUCCEEDED) {
            Path log = dataDir.resolve("runs").resolve(run.id()).resolve("driver.log");
            String tail = Files.exists(log) ? tail(Files.readString(log), 60) : "(no driver log)";
            throw new AssertionError("run " + run.id() + " of " + run.jobName() + " ended " + run.jobRunState() + ": "
                    + run.errorMessage() + "\n" + tail);
        }
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    private static void startServer(JobsConfig jobs) {
        if (glue != null) {
            glue.close();
        }
        server = MortarServer.start(ServerConfig.embedded(dataDir, 0).withJobs(jobs).withS3(s3Config));
        glue = TestServer.client(server);
    }

    // ---- S3 ----

    private static SparkSession spark() {
        return ItSpark.get();
    }

    private static List<String> rows(org.apache.spark.sql.Dataset<Row> data, String... columns) {
        List<String> out = new ArrayList<>();
        for (Row row : data.selectExpr(columns).collectAsList()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length(); i++) {
                line.append(i == 0 ? "" : "|").append(row.get(i));
            }
            out.add(line.toString());
        }
        return out;
    }

    private static String s3Url(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private static String s3a(String key) {
        return "s3a://" + bucket + "/" + key;
    }

    private static List<String> keys(String prefix) {
        return s3.client().listObjectsV2(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                .map(o -> o.key()).toList();
    }

    private static String get(String key) {
        return s3.client().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
    }

    private static void put(String key, String text) {
        put(key, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void put(String key, byte[] bytes) {
        s3.client().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    private static byte[] resource(String script) throws IOException {
        try (InputStream in = PySparkScriptsEndToEndTest.class.getResourceAsStream("/glue-scripts/" + script)) {
            if (in == null) {
                throw new IOException("no test script " + script);
            }
            return in.readAllBytes();
        }
    }

    private static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }
}

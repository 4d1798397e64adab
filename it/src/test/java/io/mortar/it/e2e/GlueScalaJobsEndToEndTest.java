package io.mortar.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.cli.cluster.ClusterSpec;
import io.mortar.cli.cluster.StandaloneCluster;
import io.mortar.it.e2e.jobs.GlueApiJavaJob;
import io.mortar.it.harness.ClassJars;
import io.mortar.it.harness.ItSpark;
import io.mortar.it.harness.S3ProxyProcess;
import io.mortar.server.MortarServer;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.S3Config;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.testing.JobRunWaits;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import software.amazon.awssdk.services.glue.model.JobCommand;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Issue 15's Glue Scala API end to end, through StartJobRun only, on S3Proxy and a real server: two Scala GlueApp
 * scripts in the console's style ({@code --job-language scala}, {@code --class GlueApp}, the script a {@code .scala}
 * file in the bucket), compiled at run start and, on a second run of the same script, found in the compile cache;
 * one with a job bookmark over two runs, and then on a standalone cluster, whose executors load the script's
 * functions; a script that does not compile fails its run with scalac's message; and a Java job written against
 * the Glue API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class GlueScalaJobsEndToEndTest {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(6);
    private static final String SCRIPT_MARK = java.util.UUID.randomUUID().toString();

    private static S3ProxyProcess s3;
    private static String bucket;
    private static Path dataDir;
    private static JobsConfig localJobs;
    private static S3Config s3Config;
    private static MortarServer server;
    private static GlueClient glue;

    @BeforeAll
    static void lakeAndServer() {
        s3 = S3ProxyProcess.start();
        bucket = ItSpark.newBucket(s3, "glue-scala");
        dataDir = StoreBackend.tempDir("mortar-glue-scala");
        JobsConfig defaults = JobsConfig.defaults(System.getenv());
        localJobs = new JobsConfig("local[2]", defaults.sparkJars(), defaults.javaHome(), "1g",
                Map.of("spark.ui.enabled", "false", "spark.hadoop.fs.s3a.attempts.maximum", "1",
                        "spark.hadoop.fs.s3a.retry.limit", "1"),
                Duration.ofSeconds(5), Duration.ofMinutes(1));
        s3Config = new S3Config(s3.endpoint().toString(), s3.accessKey(), s3.secretKey(), s3.region(), true);
        startServer(localJobs);

        glue.createDatabase(r -> r.databaseInput(d -> d.name("sales")));
        registerCustomers();
        registerOrders();
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

    /** Catalog source, ApplyMapping (case-insensitive), ResolveChoice (cast and make_struct), DropNullFields, Parquet. */
    @Test
    @Order(1)
    void aConsoleStyleScalaScriptMapsResolvesAndWritesPartitionedParquet() throws Exception {
        createScalaJob("customers-to-parquet", "customers_to_parquet.scala",
                Map.of("--output", s3Url("curated/customers/")));
        JobRun run = succeed("customers-to-parquet", Map.of());
        assertThat(driverLog(run)).contains("Scala script customers_to_parquet.scala compiled in");

        SparkSession spark = ItSpark.get();
        var written = spark.read().parquet("s3a://" + bucket + "/curated/customers");
        // fax was null everywhere: dropped; phone held numbers and text: a struct of both
        assertThat(written.schema().simpleString()).isEqualTo(
                "struct<customer_id:bigint,name:string,phone:struct<int:int,string:string>,region:string>");
        List<String> rows = new ArrayList<>();
        for (Row row : written.orderBy("customer_id").collectAsList()) {
            Row phone = row.getAs("phone");
            rows.add(row.getAs("customer_id") + "|" + row.getAs("name") + "|" + phone.get(0) + "|" + phone.get(1)
                    + "|" + row.getAs("region"));
        }
        assertThat(rows).containsExactly("1|Ana|5551234|null|eu", "2|Bo|5550000|null|us", "3|Caro|null|555-9876|eu");
        List<String> keys = s3.client().listObjectsV2(r -> r.bucket(bucket).prefix("curated/customers/")).contents()
                .stream().map(o -> o.key()).toList();
        assertThat(keys).anyMatch(k -> k.startsWith("curated/customers/region=eu/part-"))
                .anyMatch(k -> k.startsWith("curated/customers/region=us/part-"));
    }

    /**
     * CSV files on S3, a record filter and map, a join with a catalog table, a catalog sink that registers its
     * partitions; Job.commit() moves the bookmark, so the second run adds only the new file's payments. The second
     * run finds the script compiled.
     */
    @Test
    @Order(2)
    void aBookmarkedScalaScriptAddsOnlyNewPaymentsAndItsSecondRunUsesTheCompileCache() throws Exception {
        registerSettledPayments("settled_payments");
        put("raw/payments/2024-01-01.csv", """
                payment_id,customer,amount,status
                1,1,12.50,settled
                2,2,99.99,settled
                3,3,5.00,refused
                4,9,1.00,settled
                """);
        createScalaJob("settled-payments", "settled_payments.scala", Map.of("--input", s3Url("raw/payments/"),
                "--output_table", "settled_payments", "--job-bookmark-option", "job-bookmark-enable"));

        JobRun first = succeed("settled-payments", Map.of());
        assertThat(driverLog(first)).contains("Scala script settled_payments.scala compiled in")
                .contains("Adding 2 settled payments");
        assertThat(settledPayments("settled_payments")).containsExactly("1|Ana|1250|eu", "2|Bo|9999|us");

        put("raw/payments/2024-01-02.csv", """
                payment_id,customer,amount,status
                5,3,7.25,settled
                6,1,0.10,refused
                """);
        JobRun second = succeed("settled-payments", Map.of());
        assertThat(driverLog(second)).contains("Scala script settled_payments.scala: compiled classes found in the cache")
                .doesNotContain("settled_payments.scala compiled in")
                .contains("Adding 1 settled payments");
        // each payment once: the first file was not read again
        assertThat(settledPayments("settled_payments"))
                .containsExactly("1|Ana|1250|eu", "2|Bo|9999|us", "5|Caro|725|eu");
        assertThat(glue.getJobBookmark(r -> r.jobName("settled-payments")).jobBookmarkEntry().jobBookmark())
                .contains("payments");
        List<Partition> partitions = glue.getPartitions(r -> r.databaseName("sales").tableName("settled_payments"))
                .partitions();
        assertThat(partitions).extracting(p -> p.values().get(0)).containsExactlyInAnyOrder("eu", "us");
    }

    /** scalac's refusal is the run's error, naming the script's file and line. */
    @Test
    @Order(3)
    void aScriptThatDoesNotCompileFailsItsRunWithScalacsMessage() throws Exception {
        put("scripts/broken.scala", """
                import com.amazonaws.services.glue.GlueContext
                object GlueApp {
                  def main(sysArgs: Array[String]): Unit = {
                    val glueContext: GlueContext = new GlueContext(sysArgs)
                  }
                }
                """);
        glue.createJob(r -> r.name("broken").role("etl")
                .command(JobCommand.builder().name("glueetl").scriptLocation(s3Url("scripts/broken.scala")).build())
                .defaultArguments(Map.of("--job-language", "scala", "--class", "GlueApp")));
        String id = glue.startJobRun(r -> r.jobName("broken")).jobRunId();
        JobRun run = JobRunWaits.awaitEnd(glue, "broken", id, RUN_LIMIT);
        assertThat(run.jobRunState()).isEqualTo(JobRunState.FAILED);
        assertThat(run.errorMessage()).contains("Scala script broken.scala does not compile")
                .contains("broken.scala:4: error:");
    }

    /** A Java class against the Glue API runs as a Java job (jar and --class), making its own SparkContext. */
    @Test
    @Order(4)
    void aJavaJobWrittenAgainstTheGlueApiRuns() throws Exception {
        put("jobs/glue-api-java.jar", ClassJars.of(GlueApiJavaJob.class));
        glue.createJob(r -> r.name("glue-api-java").role("etl")
                .command(JobCommand.builder().name("glueetl").scriptLocation(s3Url("jobs/glue-api-java.jar")).build())
                .defaultArguments(Map.of("--class", GlueApiJavaJob.class.getName(),
                        "--output", s3Url("reports/orders_2024"))));
        succeed("glue-api-java", Map.of());

        List<String> rows = new ArrayList<>();
        for (Row row : ItSpark.get().read().json("s3a://" + bucket + "/reports/orders_2024").orderBy("id")
                .collectAsList()) {
            rows.add(row.getAs("id") + "|" + row.getAs("total") + "|" + row.getAs("month"));
        }
        // 2024 only (the push-down predicate), ids as text, totals as decimals
        assertThat(rows).containsExactly("1003|5.5|1", "1004|12.25|2", "1005|7.75|2");
    }

    /**
     * The bookmarked script, unchanged, on a Spark standalone cluster: the script's jar goes to the executors, which
     * run its filter and map functions.
     */
    @Test
    @Order(5)
    void theScalaScriptRunsUnchangedOnAStandaloneCluster() throws Exception {
        registerSettledPayments("settled_payments_cluster");
        glue.createJob(r -> r.name("settled-payments-cluster").role("etl")
                .command(JobCommand.builder().name("glueetl").scriptLocation(s3Url("scripts/settled_payments.scala"))
                        .build())
                .defaultArguments(Map.of("--job-language", "scala", "--class", "GlueApp",
                        "--input", s3Url("raw/payments/"), "--output_table", "settled_payments_cluster")));
        ClusterSpec spec = ClusterSpec.of(localJobs.sparkJars()).withWorkers(1).withCoresPerWorker(2)
                .withMemoryPerWorker("512m").withWorkDir(dataDir.resolve("cluster"));
        try (StandaloneCluster cluster = StandaloneCluster.start(spec)) {
            server.close();
            Map<String, String> conf = new java.util.HashMap<>(localJobs.sparkConf());
            conf.putAll(Map.of("spark.executor.memory", "512m", "spark.executor.cores", "2", "spark.cores.max", "2"));
            startServer(new JobsConfig(cluster.masterUrl(), localJobs.sparkJars(), localJobs.javaHome(), "1g", conf,
                    localJobs.stopGrace(), localJobs.minute()).withMasterWebUi(cluster.webUiUrl()));

            JobRun run = succeed("settled-payments-cluster", Map.of());
            assertThat(settledPayments("settled_payments_cluster"))
                    .containsExactly("1|Ana|1250|eu", "2|Bo|9999|us", "5|Caro|725|eu");
            String log = driverLog(run);
            assertThat(log).contains(cluster.masterUrl()).contains("script.jar");
            assertThat(cluster.status().completedApplicationIds()).hasSize(1);
        }
    }

    private static void startServer(JobsConfig jobs) {
        if (glue != null) {
            glue.close();
        }
        server = MortarServer.start(ServerConfig.embedded(dataDir, 0).withJobs(jobs).withS3(s3Config));
        glue = TestServer.client(server);
    }

    private static List<String> settledPayments(String table) {
        List<String> rows = new ArrayList<>();
        for (Row row : ItSpark.get().read().parquet("s3a://" + bucket + "/curated/" + table)
                .orderBy("payment_id").collectAsList()) {
            rows.add(row.getAs("payment_id") + "|" + row.getAs("name") + "|" + row.getAs("cents") + "|"
                    + row.getAs("region"));
        }
        return rows;
    }

    /**
     * The script goes to the bucket with a first line of its own, so its content — the compile cache's key — is new
     * to this machine: the first run compiles it.
     */
    private static void createScalaJob(String name, String resource, Map<String, String> arguments) throws IOException {
        String key = "scripts/" + resource;
        put(key, "// " + SCRIPT_MARK + "\n" + resource(resource));
        Map<String, String> all = new java.util.HashMap<>(arguments);
        all.put("--job-language", "scala");
        all.put("--class", "GlueApp");
        glue.createJob(r -> r.name(name).role("etl")
                .command(JobCommand.builder().name("glueetl").scriptLocation(s3Url(key)).build())
                .defaultArguments(all));
    }

    private static JobRun succeed(String job, Map<String, String> arguments) throws InterruptedException {
        String id = glue.startJobRun(r -> r.jobName(job).arguments(arguments)).jobRunId();
        JobRun run = JobRunWaits.awaitEnd(glue, job, id, RUN_LIMIT);
        assertThat(run.jobRunState()).as("run " + run.id() + " ended " + run.jobRunState() + ": "
                + run.errorMessage()).isEqualTo(JobRunState.SUCCEEDED);
        return run;
    }

    private static String driverLog(JobRun run) throws IOException {
        return Files.readString(dataDir.resolve("runs").resolve(run.id()).resolve("driver.log"));
    }

    /** Customers: JSON lines by region; ids and phones written as numbers by one system, as text by another. */
    private static void registerCustomers() {
        put("raw/customers/region=eu/part-0.json", """
                {"customer_id": 1, "name": "Ana", "phone": 5551234, "fax": null}
                {"customer_id": "3", "name": "Caro", "phone": "555-9876", "fax": null}
                """);
        put("raw/customers/region=us/part-0.json", """
                {"customer_id": 2, "name": "Bo", "phone": 5550000, "fax": null}
                """);
        StorageDescriptor sd = StorageDescriptor.builder()
                .location(s3Url("raw/customers/"))
                .columns(column("customer_id", "int"), column("name", "string"), column("phone", "string"),
                        column("fax", "string"))
                .serdeInfo(SerDeInfo.builder().serializationLibrary("org.openx.data.jsonserde.JsonSerDe").build())
                .build();
        glue.createTable(r -> r.databaseName("sales").tableInput(TableInput.builder().name("customers")
                .tableType("EXTERNAL_TABLE").parameters(Map.of("classification", "json"))
                .storageDescriptor(sd).partitionKeys(column("region", "string")).build()));
        List<PartitionInput> partitions = new ArrayList<>();
        for (String region : List.of("eu", "us")) {
            partitions.add(PartitionInput.builder().values(region).storageDescriptor(sd.toBuilder()
                    .location(s3Url("raw/customers/region=" + region + "/")).build()).build());
        }
        glue.batchCreatePartition(r -> r.databaseName("sales").tableName("customers").partitionInputList(partitions));
    }

    /** Orders: CSV with a header in year=/month= folders. */
    private static void registerOrders() {
        put("raw/orders/year=2023/month=12/part-0.csv", "order_id,customer_id,amount\n1001,1,10.0\n1002,2,20.0\n");
        put("raw/orders/year=2024/month=1/part-0.csv", "order_id,customer_id,amount\n1003,1,5.5\n");
        put("raw/orders/year=2024/month=2/part-0.csv", "order_id,customer_id,amount\n1004,1,12.25\n1005,3,7.75\n");
        StorageDescriptor sd = StorageDescriptor.builder()
                .location(s3Url("raw/orders/"))
                .columns(column("order_id", "bigint"), column("customer_id", "int"), column("amount", "double"))
                .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                .serdeInfo(SerDeInfo.builder().serializationLibrary("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                        .parameters(Map.of("field.delim", ",")).build())
                .build();
        glue.createTable(r -> r.databaseName("sales").tableInput(TableInput.builder().name("orders")
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "csv", "skip.header.line.count", "1"))
                .storageDescriptor(sd).partitionKeys(column("year", "int"), column("month", "int")).build()));
        List<PartitionInput> partitions = new ArrayList<>();
        for (String[] ym : new String[][] {{"2023", "12"}, {"2024", "1"}, {"2024", "2"}}) {
            partitions.add(PartitionInput.builder().values(ym[0], ym[1]).storageDescriptor(sd.toBuilder()
                    .location(s3Url("raw/orders/year=" + ym[0] + "/month=" + ym[1] + "/")).build()).build());
        }
        glue.batchCreatePartition(r -> r.databaseName("sales").tableName("orders").partitionInputList(partitions));
    }

    /** The payments table the bookmarked script appends to: Parquet, partitioned by region, no partitions yet. */
    private static void registerSettledPayments(String table) {
        StorageDescriptor sd = StorageDescriptor.builder()
                .location(s3Url("curated/" + table + "/"))
                .columns(column("payment_id", "int"), column("name", "string"), column("cents", "bigint"))
                .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                .serdeInfo(SerDeInfo.builder()
                        .serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe").build())
                .build();
        glue.createTable(r -> r.databaseName("sales").tableInput(TableInput.builder().name(table)
                .tableType("EXTERNAL_TABLE").parameters(Map.of("classification", "parquet"))
                .storageDescriptor(sd).partitionKeys(column("region", "string")).build()));
    }

    private static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }

    private static String s3Url(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GlueScalaJobsEndToEndTest.class.getResourceAsStream("/glue-scala/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void put(String key, String text) {
        put(key, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void put(String key, byte[] bytes) {
        s3.client().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }
}

package io.mortar.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.cli.cluster.ClusterSpec;
import io.mortar.cli.cluster.StandaloneCluster;
import io.mortar.it.e2e.jobs.OrderFactsJob;
import io.mortar.it.harness.ClassJars;
import io.mortar.it.harness.ItSpark;
import io.mortar.it.harness.S3ProxyProcess;
import io.mortar.runtime.MortarContext;
import io.mortar.server.MortarServer;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.S3Config;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.testing.JobRunWaits;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import software.amazon.awssdk.services.glue.model.JobCommand;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Issue 3's end-to-end story, through real processes only: partitioned CSV and JSON data in an S3Proxy bucket,
 * registered in Mortar's catalog; a Java job (its jar in the bucket too) started with StartJobRun reads both
 * through the catalog with a partition predicate, resolves a choice type, maps, joins and writes partitioned
 * Parquet with a catalog update; a SQL job then queries the new table as {@code sales.order_facts}, and a JSON
 * pipeline filters it into JSON files. The same
 * job, unchanged, then runs on a Spark standalone cluster (a Master and two Workers on loopback).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class GlueJobEndToEndTest {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(6);
    /** Each expected fact row: order_id|customer_name|amount|year|region. */
    private static final List<String> EXPECTED_FACTS = List.of(
            "1004|Ana|12.25|2024|eu", "1005|Caro|7.75|2024|eu", "1006|Bo|100.0|2024|us");

    private static S3ProxyProcess s3;
    private static String bucket;
    private static Path dataDir;
    private static JobsConfig localJobs;
    private static S3Config s3Config;
    private static MortarServer server;
    private static GlueClient glue;

    @BeforeAll
    static void lakeAndServer() throws IOException {
        s3 = S3ProxyProcess.start();
        bucket = ItSpark.newBucket(s3, "lake");
        dataDir = StoreBackend.tempDir("mortar-e2e");
        JobsConfig defaults = JobsConfig.defaults(System.getenv());
        localJobs = new JobsConfig("local[2]", defaults.sparkJars(), defaults.javaHome(), "1g",
                Map.of("spark.ui.enabled", "false", "spark.hadoop.fs.s3a.attempts.maximum", "1",
                        "spark.hadoop.fs.s3a.retry.limit", "1"),
                Duration.ofSeconds(5), Duration.ofMinutes(1));
        s3Config = new S3Config(s3.endpoint().toString(), s3.accessKey(), s3.secretKey(), s3.region(), true);
        startServer(localJobs);

        uploadOrders();
        uploadCustomers();
        put("jobs/order-facts.jar", ClassJars.of(OrderFactsJob.class)); // the job as a user ships it
        put("jobs/summary.sql", """
                -- orders and revenue per region, from the table the Java job created
                INSERT OVERWRITE DIRECTORY '${output}' USING json
                SELECT region, count(*) AS orders, sum(amount) AS revenue
                FROM ${database}.${table}
                WHERE year = 2024
                GROUP BY region;
                """.getBytes());

        put("jobs/big-orders.json", """
                {"nodes": [
                  {"id": "facts", "type": "source",
                   "catalog": {"database": "${database}", "table": "${table}", "pushDownPredicate": "region = 'eu'"}},
                  {"id": "big", "type": "transform", "transform": "Filter", "inputs": ["facts"],
                   "condition": "amount > 10"},
                  {"id": "slim", "type": "transform", "transform": "SelectFields", "inputs": ["big"],
                   "paths": ["order_id", "customer_name", "amount"]},
                  {"id": "out", "type": "sink", "inputs": ["slim"],
                   "options": {"connectionType": "s3", "format": "json", "options": {"path": "${output}"}}}
                ]}
                """.getBytes());

        glue.createDatabase(r -> r.databaseInput(d -> d.name("sales")));
        registerOrders();
        registerCustomers();
        glue.createJob(r -> r.name("order-facts").role("etl")
                .command(JobCommand.builder().name("glueetl").scriptLocation(s3Url("jobs/order-facts.jar")).build())
                .defaultArguments(Map.of("--class", OrderFactsJob.class.getName(), "--database", "sales",
                        "--table", "order_facts", "--output", s3Url("curated/order_facts"))));
        glue.createJob(r -> r.name("summary").role("etl")
                .command(JobCommand.builder().name("glueetl").scriptLocation(s3Url("jobs/summary.sql")).build())
                .defaultArguments(Map.of("--database", "sales", "--table", "order_facts",
                        "--output", s3Url("reports/summary"))));
        glue.createJob(r -> r.name("big-orders").role("etl")
                .command(JobCommand.builder().name("glueetl").scriptLocation(s3Url("jobs/big-orders.json")).build())
                .defaultArguments(Map.of("--database", "sales", "--table", "order_facts",
                        "--output", s3Url("reports/big_orders"))));
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
    void theCustomersTableReadsWithAChoiceType() {
        try (MortarContext mortar = MortarContext.create(spark(), glue)) {
            assertThat(mortar.fromCatalog("sales", "customers").dynamicFrame().schema().treeString())
                    .contains("customer_id: choice<int,string>");
        }
    }

    @Test
    @Order(2)
    void theJavaJobWritesPartitionedParquetAndRegistersIt() throws InterruptedException {
        JobRun run = runToEnd("order-facts", Map.of());
        assertThat(run.jobRunState()).as(describe(run)).isEqualTo(JobRunState.SUCCEEDED);
        assertThat(run.arguments()).containsEntry("--JOB_NAME", "order-facts").containsEntry("--database", "sales");

        Table table = glue.getTable(r -> r.databaseName("sales").name("order_facts")).table();
        assertThat(table.partitionKeys()).extracting(Column::name).containsExactly("year", "region");
        assertThat(table.storageDescriptor().columns()).extracting(Column::name, Column::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("order_id", "bigint"),
                org.assertj.core.groups.Tuple.tuple("customer_name", "string"),
                org.assertj.core.groups.Tuple.tuple("amount", "double"));
        List<Partition> partitions = glue.getPartitions(r -> r.databaseName("sales").tableName("order_facts"))
                .partitions();
        assertThat(partitions).extracting(p -> String.join("/", p.values()) + " @ " + p.storageDescriptor().location())
                .containsExactlyInAnyOrder(
                        "2024/eu @ " + s3Url("curated/order_facts/year=2024/region=eu/"),
                        "2024/us @ " + s3Url("curated/order_facts/year=2024/region=us/"));

        assertThat(parquetFacts("curated/order_facts")).containsExactlyElementsOf(EXPECTED_FACTS);
    }

    @Test
    @Order(3)
    void theSqlJobQueriesTheNewTable() throws InterruptedException {
        JobRun run = runToEnd("summary", Map.of());
        assertThat(run.jobRunState()).as(describe(run)).isEqualTo(JobRunState.SUCCEEDED);
        List<String> summary = new ArrayList<>();
        for (Row row : spark().read().json("s3a://" + bucket + "/reports/summary").orderBy("region").collectAsList()) {
            summary.add(row.getAs("region") + "|" + row.getAs("orders") + "|" + row.getAs("revenue"));
        }
        assertThat(summary).containsExactly("eu|2|20.0", "us|1|100.0");
    }

    @Test
    @Order(4)
    void aPipelineJobFiltersTheNewTable() throws InterruptedException {
        JobRun run = runToEnd("big-orders", Map.of());
        assertThat(run.jobRunState()).as(describe(run)).isEqualTo(JobRunState.SUCCEEDED);
        List<String> big = new ArrayList<>();
        for (Row row : spark().read().json("s3a://" + bucket + "/reports/big_orders").orderBy("order_id")
                .collectAsList()) {
            big.add(row.getAs("order_id") + "|" + row.getAs("customer_name") + "|" + row.getAs("amount"));
        }
        assertThat(big).containsExactly("1004|Ana|12.25");
    }

    @Test
    @Order(5)
    void theSameJobRunsUnchangedOnAStandaloneCluster() throws IOException {
        ClusterSpec spec = ClusterSpec.of(localJobs.sparkJars()).withWorkers(2).withCoresPerWorker(1)
                .withMemoryPerWorker("512m").withWorkDir(dataDir.resolve("cluster"));
        try (StandaloneCluster cluster = StandaloneCluster.start(spec)) {
            // Same store, same job definition; only the server's master changes (executors sized to the workers).
            server.close();
            Map<String, String> conf = new HashMap<>(localJobs.sparkConf());
            conf.putAll(Map.of("spark.executor.memory", "512m", "spark.executor.cores", "1",
                    "spark.cores.max", "2"));
            startServer(new JobsConfig(cluster.masterUrl(), localJobs.sparkJars(), localJobs.javaHome(), "1g", conf,
                    localJobs.stopGrace(), localJobs.minute()).withMasterWebUi(cluster.webUiUrl()));

            JobRun run = runToEnd("order-facts", Map.of("--table", "order_facts_cluster",
                    "--output", s3Url("curated/order_facts_cluster")));
            assertThat(run.jobRunState()).as(describe(run)).isEqualTo(JobRunState.SUCCEEDED);
            assertThat(parquetFacts("curated/order_facts_cluster")).containsExactlyElementsOf(EXPECTED_FACTS);
            assertThat(glue.getPartitions(r -> r.databaseName("sales").tableName("order_facts_cluster"))
                    .partitions()).hasSize(2);

            // The work really ran on the cluster: the Master lists the application and both Workers ran executors.
            assertThat(cluster.status().completedApplicationIds()).hasSize(1);
            for (Path worker : cluster.workerDirs()) {
                try (Stream<Path> apps = Files.list(worker)) {
                    assertThat(apps.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("app-"));
                }
            }
            String log = Files.readString(dataDir.resolve("runs").resolve(run.id()).resolve("driver.log"));
            assertThat(log).contains(cluster.masterUrl());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void startServer(JobsConfig jobs) {
        if (glue != null) {
            glue.close();
        }
        server = MortarServer.start(ServerConfig.embedded(dataDir, 0).withJobs(jobs).withS3(s3Config));
        glue = TestServer.client(server);
    }

    private static SparkSession spark() {
        return ItSpark.get();
    }

    private static JobRun runToEnd(String job, Map<String, String> arguments) throws InterruptedException {
        String id = glue.startJobRun(r -> r.jobName(job).arguments(arguments)).jobRunId();
        return JobRunWaits.awaitEnd(glue, job, id, RUN_LIMIT);
    }

    private static String describe(JobRun run) {
        return "run " + run.id() + " ended " + run.jobRunState() + ": " + run.errorMessage();
    }

    private static List<String> parquetFacts(String prefix) {
        List<String> rows = new ArrayList<>();
        for (Row row : spark().read().parquet("s3a://" + bucket + "/" + prefix)
                .selectExpr("order_id", "customer_name", "amount", "year", "region").orderBy("order_id")
                .collectAsList()) {
            rows.add(row.get(0) + "|" + row.get(1) + "|" + row.get(2) + "|" + row.get(3) + "|" + row.get(4));
        }
        return rows;
    }

    /** Orders: CSV with a header, in Hive-style year=/month= folders; customer 4 has no customer record. */
    private static void uploadOrders() {
        put("raw/orders/year=2023/month=12/part-0.csv", "order_id,customer_id,amount\n1001,1,10.0\n1002,2,20.0\n");
        put("raw/orders/year=2024/month=1/part-0.csv", "order_id,customer_id,amount\n1003,1,5.5\n");
        put("raw/orders/year=2024/month=2/part-0.csv", "order_id,customer_id,amount\n1004,1,12.25\n1005,3,7.75\n");
        put("raw/orders/year=2024/month=3/part-0.csv", "order_id,customer_id,amount\n1006,2,100.0\n1007,4,1.5\n");
    }

    /** Customers: JSON lines by region; one system wrote ids as numbers, another as strings. */
    private static void uploadCustomers() {
        put("raw/customers/region=eu/part-0.json", """
                {"customer_id": 1, "name": "Ana"}
                {"customer_id": "3", "name": "Caro"}
                """);
        put("raw/customers/region=us/part-0.json", "{\"customer_id\": 2, \"name\": \"Bo\"}\n");
    }

    private static void registerOrders() {
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
                .storageDescriptor(sd)
                .partitionKeys(column("year", "int"), column("month", "int"))
                .build()));
        List<PartitionInput> partitions = new ArrayList<>();
        for (String[] ym : new String[][] {{"2023", "12"}, {"2024", "1"}, {"2024", "2"}, {"2024", "3"}}) {
            partitions.add(PartitionInput.builder().values(ym[0], ym[1]).storageDescriptor(sd.toBuilder()
                    .location(s3Url("raw/orders/year=" + ym[0] + "/month=" + ym[1] + "/")).build()).build());
        }
        glue.batchCreatePartition(r -> r.databaseName("sales").tableName("orders").partitionInputList(partitions));
    }

    private static void registerCustomers() {
        StorageDescriptor sd = StorageDescriptor.builder()
                .location(s3Url("raw/customers/"))
                .columns(column("customer_id", "int"), column("name", "string"))
                .serdeInfo(SerDeInfo.builder().serializationLibrary("org.openx.data.jsonserde.JsonSerDe").build())
                .build();
        glue.createTable(r -> r.databaseName("sales").tableInput(TableInput.builder().name("customers")
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "json"))
                .storageDescriptor(sd)
                .partitionKeys(column("region", "string"))
                .build()));
        List<PartitionInput> partitions = new ArrayList<>();
        for (String region : List.of("eu", "us")) {
            partitions.add(PartitionInput.builder().values(region).storageDescriptor(sd.toBuilder()
                    .location(s3Url("raw/customers/region=" + region + "/")).build()).build());
        }
        glue.batchCreatePartition(r -> r.databaseName("sales").tableName("customers").partitionInputList(partitions));
    }

    private static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }

    private static String s3Url(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private static void put(String key, String text) {
        put(key, text.getBytes());
    }

    private static void put(String key, byte[] bytes) {
        s3.client().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }
}

package io.mortar.it.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.it.harness.ItSpark;
import io.mortar.runtime.MortarContext;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.io.WriteResult;
import io.mortar.runtime.pipeline.Pipeline;
import io.mortar.runtime.pipeline.PipelineRunner;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The runtime against a real Mortar server: catalog tables registered through the Glue API with their data in
 * local folders (partitions deliberately not in Hive-style folders), read through {@code fromCatalog} with both
 * predicates, written back as partitioned Parquet with catalog update, and queried with Spark SQL as
 * {@code database.table}. Steps build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogReadWriteTest {
    @TempDir
    static Path dir;

    private static TestServer server;
    private static GlueClient glue;
    private static MortarContext mortar;
    private static final SparkSession spark = ItSpark.get();

    @BeforeAll
    static void setUp() throws IOException {
        server = TestServer.start(StoreBackend.SQLITE);
        glue = server.client();
        mortar = MortarContext.create(spark, glue);
        glue.createDatabase(r -> r.databaseInput(d -> d.name("sales")
                .locationUri(dir.resolve("warehouse").toUri().toString())));
        registerOrders();
        registerCustomers();
    }

    @AfterAll
    static void tearDown() {
        if (server != null) {
            glue.close();
            server.close();
        }
    }

    /** CSV with a header line, '|' separated, partitioned by (year int, region string) in arbitrary folders. */
    private static void registerOrders() throws IOException {
        write("raw/first/orders.csv", "order_id|customer|amount\n1|10|12.5\n2|11|7\n");
        write("raw/second/x/orders.csv", "order_id|customer|amount\n3|10|n/a\n4|12|30.25\n");
        write("raw/third/orders.csv", "order_id|customer|amount\n5|11|1\n");
        StorageDescriptor sd = StorageDescriptor.builder()
                .location(dir.resolve("raw").toUri().toString())
                .columns(column("order_id", "int"), column("customer", "int"), column("amount", "string"))
                .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                .serdeInfo(SerDeInfo.builder().serializationLibrary("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                        .parameters(Map.of("field.delim", "|")).build())
                .build();
        glue.createTable(r -> r.databaseName("sales").tableInput(TableInput.builder().name("orders")
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "csv", "skip.header.line.count", "1"))
                .storageDescriptor(sd)
                .partitionKeys(column("year", "int"), column("region", "string"))
                .build()));
        List<PartitionInput> partitions = List.of(
                partition(sd, "raw/first", "2023", "eu"),
                partition(sd, "raw/second", "2024", "eu"),
                partition(sd, "raw/third", "2024", "us"));
        glue.batchCreatePartition(r -> r.databaseName("sales").tableName("orders").partitionInputList(partitions));
    }

    /** JSON lines, not partitioned. */
    private static void registerCustomers() throws IOException {
        write("customers/part-0.json", """
                {"id": 10, "name": "Anna", "country": "DE"}
                {"id": 11, "name": "Bert", "country": "FR"}
                {"id": 12, "name": "Cleo", "country": "DE"}
                """);
        glue.createTable(r -> r.databaseName("sales").tableInput(TableInput.builder().name("customers")
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "json"))
                .storageDescriptor(StorageDescriptor.builder()
                        .location(dir.resolve("customers").toUri().toString())
                        .columns(column("id", "int"), column("name", "string"), column("country", "string"))
                        .serdeInfo(SerDeInfo.builder().serializationLibrary("org.openx.data.jsonserde.JsonSerDe").build())
                        .build())
                .build()));
    }

    @Test
    @Order(1)
    void readsTheSelectedPartitionsWithTypedPartitionColumns() {
        DynamicFrame orders = mortar.fromCatalog("sales", "orders")
                .catalogPartitionPredicate("year = 2024")
                .pushDownPredicate("region = 'eu'")
                .transformationContext("orders")
                .dynamicFrame();
        Dataset<Row> df = orders.toDF();
        assertThat(df.schema().apply("year").dataType().typeName()).isEqualTo("integer");
        assertThat(df.schema().apply("region").dataType().typeName()).isEqualTo("string");
        assertThat(rows(df.select("order_id", "customer", "year", "region")))
                .containsExactly("3|10|2024|eu", "4|12|2024|eu");
        assertThat(mortar.transformationContexts().entries()).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("orders");
            assertThat(e.target()).isEqualTo("sales.orders");
        });
    }

    @Test
    @Order(2)
    void eachPredicateAloneAndTheCatalogTypedDataFrame() {
        assertThat(rows(mortar.fromCatalog("sales", "orders").pushDownPredicate("year < 2024").dynamicFrame().toDF()
                .select("order_id"))).containsExactly("1", "2");
        assertThat(rows(mortar.fromCatalog("sales", "orders").catalogPartitionPredicate("region = 'us'")
                .dynamicFrame().toDF().select("order_id"))).containsExactly("5");
        Dataset<Row> typed = mortar.fromCatalog("sales", "orders").dataFrame();
        assertThat(typed.schema().apply("order_id").dataType().typeName()).isEqualTo("integer");
        assertThat(rows(typed.select("order_id", "amount", "year", "region"))).containsExactly(
                "1|12.5|2023|eu", "2|7|2023|eu", "3|n/a|2024|eu", "4|30.25|2024|eu", "5|1|2024|us");
    }

    /**
     * Hive-style folders, read in one scan: the values are typed by content in a first pass and read again typed,
     * except a column holding several kinds, which is a choice; partition values keep the catalog's types. A
     * partition whose folder is gone adds no rows (and fails neither pass).
     */
    @Test
    @Order(3)
    void aHiveStyleCsvTableIsTypedByContentWithCatalogTypedPartitionValues() throws IOException {
        write("codes/code=007/a.csv", "1,1,true,3000000000\n2,,FALSE,\n");
        write("codes/code=010/b.csv", "3,x,true,4\n");
        StorageDescriptor sd = StorageDescriptor.builder()
                .location(dir.resolve("codes").toUri().toString())
                .columns(column("id", "string"), column("v", "string"), column("flag", "string"), column("big", "int"))
                .serdeInfo(SerDeInfo.builder().serializationLibrary("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                        .parameters(Map.of("field.delim", ",")).build())
                .build();
        glue.createTable(r -> r.databaseName("sales").tableInput(TableInput.builder().name("codes")
                .parameters(Map.of("classification", "csv")).storageDescriptor(sd)
                .partitionKeys(column("code", "string")).build()));
        glue.batchCreatePartition(r -> r.databaseName("sales").tableName("codes").partitionInputList(
                partition(sd, "codes/code=007", "007"), partition(sd, "codes/code=010", "010"),
                partition(sd, "codes/code=404", "404"))); // its folder does not exist: it holds no rows

        DynamicFrame codes = mortar.fromCatalog("sales", "codes").dynamicFrame();

        assertThat(codes.schema().simpleString())
                .isEqualTo("struct<id:int,v:choice<int,string>,flag:boolean,big:long,code:string>");
        assertThat(rows(codes.toDF().select(functions.col("id"), functions.col("v").getField("int"),
                functions.col("v").getField("string"), functions.col("flag"), functions.col("big"),
                functions.col("code")))).containsExactly(
                        "1|1|null|true|3000000000|007", "2|null|null|false|null|007", "3|null|x|true|4|010");
    }

    @Test
    @Order(3)
    void readsAJsonTable() {
        Dataset<Row> customers = mortar.fromCatalog("sales", "customers").dynamicFrame().toDF();
        assertThat(rows(customers.select("id", "name", "country"))).containsExactly("10|Anna|DE", "11|Bert|FR",
                "12|Cleo|DE");
    }

    @Test
    @Order(4)
    void writesPartitionedParquetAndCreatesTheTableAndPartitions() {
        Dataset<Row> orders = mortar.fromCatalog("sales", "orders").dataFrame();
        Dataset<Row> customers = mortar.fromCatalog("sales", "customers").dataFrame();
        Dataset<Row> facts = orders.join(customers, orders.col("customer").equalTo(customers.col("id")))
                .select(orders.col("order_id"), customers.col("name"), orders.col("year"), customers.col("country"));
        String path = dir.resolve("facts").toUri().toString();
        WriteResult result = mortar.writeToOptions(DynamicFrame.fromDF(facts, "facts"), "s3", Map.of("path", path,
                "partitionKeys", List.of("country"), "enableUpdateCatalog", true, "catalogDatabase", "sales",
                "catalogTableName", "order_facts"), "parquet", Map.of(), "facts_sink");
        assertThat(result.tableCreated()).isTrue();
        assertThat(result.partitionsAdded()).isEqualTo(2);

        Table table = glue.getTable(r -> r.databaseName("sales").name("order_facts")).table();
        assertThat(table.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(table.parameters()).containsEntry("classification", "parquet");
        StorageDescriptor sd = table.storageDescriptor();
        assertThat(sd.location()).isEqualTo(path + "/");
        assertThat(sd.inputFormat()).isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
        assertThat(sd.serdeInfo().serializationLibrary())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        assertThat(sd.columns()).extracting(Column::name, Column::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("order_id", "int"),
                org.assertj.core.groups.Tuple.tuple("name", "string"),
                org.assertj.core.groups.Tuple.tuple("year", "int"));
        assertThat(table.partitionKeys()).extracting(Column::name, Column::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("country", "string"));

        List<Partition> partitions = glue.getPartitions(r -> r.databaseName("sales").tableName("order_facts"))
                .partitions();
        assertThat(partitions).extracting(p -> p.values().get(0) + "@" + p.storageDescriptor().location())
                .containsExactlyInAnyOrder("DE@" + path + "/country=DE/", "FR@" + path + "/country=FR/");
        assertThat(partitions).allSatisfy(p -> assertThat(p.storageDescriptor().inputFormat())
                .isEqualTo(sd.inputFormat()));

        assertThat(rows(mortar.fromCatalog("sales", "order_facts").dynamicFrame().toDF()
                .select("order_id", "name", "year", "country"))).containsExactly(
                "1|Anna|2023|DE", "2|Bert|2023|FR", "3|Anna|2024|DE", "4|Cleo|2024|DE", "5|Bert|2024|FR");
    }

    @Test
    @Order(5)
    void aLaterWriteWidensTheSchemaAndAddsOnlyNewPartitions() {
        Dataset<Row> more = spark.sql("SELECT 6 AS order_id, 'Dora' AS name, 2025 AS year, 'ES' AS country, "
                + "'late' AS note UNION ALL SELECT 7, 'Emil', 2025, 'DE', NULL");
        WriteResult result = mortar.writeToCatalog(DynamicFrame.fromDF(more, "more"), "sales", "order_facts",
                Map.of("enableUpdateCatalog", true), "more_sink");
        assertThat(result.tableCreated()).isFalse();
        assertThat(result.columnsAdded()).containsExactly("note");
        assertThat(result.partitionsAdded()).isEqualTo(1);
        Table table = glue.getTable(r -> r.databaseName("sales").name("order_facts")).table();
        assertThat(table.storageDescriptor().columns()).extracting(Column::name)
                .containsExactly("order_id", "name", "year", "note");
        assertThat(glue.getPartitions(r -> r.databaseName("sales").tableName("order_facts")).partitions())
                .extracting(p -> p.values().get(0)).containsExactlyInAnyOrder("DE", "FR", "ES");
        Dataset<Row> all = mortar.fromCatalog("sales", "order_facts").dataFrame();
        assertThat(all.count()).isEqualTo(7);
        assertThat(rows(all.where("note IS NOT NULL").select("order_id", "note", "country"))).containsExactly("6|late|ES");
    }

    @Test
    @Order(6)
    void sparkSqlSeesCatalogTablesAsDatabaseDotTable() {
        Dataset<Row> perCountry = mortar.sql("SELECT country, count(*) AS n FROM sales.order_facts "
                + "WHERE year >= 2024 GROUP BY country ORDER BY country");
        assertThat(perCountry.collectAsList()).extracting(Row::toString)
                .containsExactly("[DE,3]", "[ES,1]", "[FR,1]");
        Dataset<Row> csv = mortar.sql("SELECT o.order_id, c.name FROM sales.orders o JOIN sales.customers c "
                + "ON o.customer = c.id WHERE o.year = 2023 AND o.region = 'eu' ORDER BY o.order_id");
        assertThat(csv.collectAsList()).extracting(Row::toString).containsExactly("[1,Anna]", "[2,Bert]");
        assertThat(mortar.sql("SELECT sum(order_id) FROM sales.orders WHERE region = 'us'").first().getLong(0))
                .isEqualTo(5);
    }

    @Test
    @Order(7)
    void tablesCreatedBySqlAreRegisteredInTheCatalog() {
        mortar.sql("CREATE TABLE sales.by_year USING parquet PARTITIONED BY (year) AS "
                + "SELECT count(*) AS orders, year FROM sales.order_facts GROUP BY year");
        Table table = glue.getTable(r -> r.databaseName("sales").name("by_year")).table();
        assertThat(table.partitionKeys()).extracting(Column::name).containsExactly("year");
        assertThat(table.storageDescriptor().columns()).extracting(Column::name).containsExactly("orders");
        assertThat(glue.getPartitions(r -> r.databaseName("sales").tableName("by_year")).partitions())
                .extracting(p -> p.values().get(0)).containsExactlyInAnyOrder("2023", "2024", "2025");
        assertThat(rows(mortar.fromCatalog("sales", "by_year").dataFrame().select("year", "orders")))
                .containsExactly("2023|2", "2024|3", "2025|2");

        mortar.sql("INSERT INTO sales.by_year SELECT 1 AS orders, 2030 AS year");
        assertThat(glue.getPartitions(r -> r.databaseName("sales").tableName("by_year")).partitions())
                .extracting(p -> p.values().get(0)).contains("2030");

        mortar.sql("INSERT INTO sales.order_facts SELECT 8 AS order_id, 'Finn' AS name, 2026 AS year, NULL AS note,"
                + " 'IT' AS country");
        assertThat(glue.getPartitions(r -> r.databaseName("sales").tableName("order_facts")).partitions())
                .extracting(p -> p.values().get(0)).containsExactlyInAnyOrder("DE", "FR", "ES", "IT");
        assertThat(rows(mortar.fromCatalog("sales", "order_facts").pushDownPredicate("country = 'IT'").dataFrame()
                .select("order_id", "name"))).containsExactly("8|Finn");
    }

    @Test
    @Order(8)
    void aPipelineReadsTheCatalogResolvesAChoiceAndWritesWithCatalogUpdate() {
        String json = """
                {"nodes": [
                  {"id": "orders", "type": "source",
                   "catalog": {"database": "sales", "table": "orders", "pushDownPredicate": "year = ${year}"}},
                  {"id": "priced", "type": "transform", "transform": "ResolveChoice", "inputs": ["orders"],
                   "specs": [["amount", "cast:double"]]},
                  {"id": "out", "type": "sink", "inputs": ["priced"],
                   "options": {"connectionType": "file", "format": "parquet",
                     "options": {"path": "${out}", "partitionKeys": ["region"], "enableUpdateCatalog": true,
                                 "catalogDatabase": "sales", "catalogTableName": "priced_${year}"}}}
                ]}""";
        String out = dir.resolve("priced").toUri().toString();
        var results = new PipelineRunner(mortar).run(Pipeline.parse(json, Map.of("year", "2024", "out", out)));
        assertThat(results.get("out").tableCreated()).isTrue();
        Table table = glue.getTable(r -> r.databaseName("sales").name("priced_2024")).table();
        assertThat(table.storageDescriptor().columns()).filteredOn(c -> c.name().equals("amount"))
                .extracting(Column::type).containsExactly("double");
        assertThat(rows(mortar.fromCatalog("sales", "priced_2024").dataFrame()
                .select("order_id", "amount", "region"))).containsExactly("3|null|eu", "4|30.25|eu", "5|1.0|us");
    }

    @Test
    @Order(9)
    void errorsNameWhatIsWrong() {
        assertThatThrownBy(() -> mortar.fromCatalog("sales", "nope").dynamicFrame())
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> mortar.fromCatalog("sales", "orders").pushDownPredicate("colour = 'red'")
                .dynamicFrame()).hasMessageContaining("pushDownPredicate 'colour = 'red'' is not a valid predicate")
                .hasMessageContaining("[year, region]");
        assertThatThrownBy(() -> mortar.fromCatalog("sales", "customers").pushDownPredicate("id = 1")
                .dynamicFrame()).hasMessageContaining("the table has no partition keys");
    }

    private static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }

    private static PartitionInput partition(StorageDescriptor sd, String folder, String... values) {
        return PartitionInput.builder().values(values)
                .storageDescriptor(sd.toBuilder().location(dir.resolve(folder).toUri().toString()).build()).build();
    }

    private static void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static List<String> rows(Dataset<Row> df) {
        List<String> out = new ArrayList<>();
        for (Row r : df.collectAsList()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                values.add(String.valueOf(r.get(i)));
            }
            out.add(String.join("|", values));
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }
}

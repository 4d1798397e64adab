package io.mortar.cli;

import static io.mortar.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.server.config.ConfigLoader;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.jdbc.testing.StoreInspection;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The {@code mortar} commands a person types, run in-process against a real server: what they print (read back
 * as tables, with the columns checked to line up), what they exit with, and how they fail.
 */
class MortarCliTest {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String LONG_DESCRIPTION = "Everything we ever sold, ".repeat(5).trim();

    private static TestServer server;
    private static GlueClient glue;

    @BeforeAll
    static void catalog() {
        server = TestServer.start(StoreBackend.SQLITE);
        glue = server.client();
        glue.createDatabase(b -> b.databaseInput(d -> d.name("sales").description("Sales data")
                .locationUri("s3://lake/sales/")));
        glue.createDatabase(b -> b.databaseInput(d -> d.name("archive").description(LONG_DESCRIPTION)));
        glue.createTable(b -> b.databaseName("sales").tableInput(TableInput.builder().name("orders")
                .description("all orders")
                .tableType("EXTERNAL_TABLE")
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(Column.builder().name("id").type("bigint").comment("order id").build(),
                                Column.builder().name("amount").type("decimal(10,2)").build())
                        .location("s3://lake/orders/")
                        .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                        .serdeInfo(SerDeInfo.builder()
                                .serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
                                .build())
                        .build())
                .partitionKeys(Column.builder().name("year").type("int").build(),
                        Column.builder().name("region").type("string").build())
                .parameters(Map.of("classification", "parquet", "owner_team", "finance"))
                .build()));
        glue.createTable(b -> b.databaseName("sales").tableInput(TableInput.builder().name("order_items")
                .tableType("EXTERNAL_TABLE")
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(Column.builder().name("order_id").type("bigint").build(),
                                Column.builder().name("sku").type("string").build(),
                                Column.builder().name("quantity").type("int").build())
                        .location("s3://lake/order_items/").build())
                .parameters(Map.of("classification", "csv"))
                .build()));
        glue.createTable(b -> b.databaseName("sales").tableInput(TableInput.builder().name("customers").build()));
        List<PartitionInput> partitions = new ArrayList<>();
        for (String[] p : new String[][] {{"2024", "eu"}, {"2024", "us"}, {"2025", "us"}, {"2025", "ca"}}) {
            partitions.add(PartitionInput.builder().values(p).storageDescriptor(StorageDescriptor.builder()
                    .location("s3://lake/orders/year=" + p[0] + "/region=" + p[1] + "/").build()).build());
        }
        assertThat(glue.batchCreatePartition(b -> b.databaseName("sales").tableName("orders")
                .partitionInputList(partitions)).errors()).isEmpty();
    }

    @AfterAll
    static void stop() {
        glue.close();
        server.close();
    }

    // ------------------------------------------------------------------ listing

    @Test
    void databasesListsEveryDatabaseWithItsCreationTimeLocationAndDescription() {
        CliRun run = mortar("databases");

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        PrintedTable table = PrintedTable.read(run.lines());
        assertThat(table.header()).containsExactly("NAME", "CREATED (UTC)", "LOCATION", "DESCRIPTION");
        assertThat(table.column("NAME")).containsExactly("archive", "default", "sales");
        assertThat(table.rows().get(2)).containsExactly("sales", created("sales"), "s3://lake/sales/", "Sales data");
        // long cells are cut to 80 characters with an ellipsis, keeping the table readable
        String cut = table.rows().get(0).get(3);
        assertThat(cut).hasSize(80).endsWith("…");
        assertThat(LONG_DESCRIPTION).startsWith(cut.substring(0, 79));
    }

    @Test
    void tablesListsFormatColumnCountPartitionKeysAndLocation() {
        CliRun run = mortar("tables", "sales");

        assertThat(run.exit()).isZero();
        PrintedTable table = PrintedTable.read(run.lines());
        assertThat(table.header()).containsExactly("NAME", "TYPE", "FORMAT", "COLUMNS", "PARTITION KEYS",
                "UPDATED (UTC)", "LOCATION");
        assertThat(table.rows()).containsExactly(
                List.of("customers", "", "", "0", "", updated("customers"), ""),
                List.of("order_items", "EXTERNAL_TABLE", "csv", "3", "", updated("order_items"),
                        "s3://lake/order_items/"),
                List.of("orders", "EXTERNAL_TABLE", "parquet", "2", "year, region", updated("orders"),
                        "s3://lake/orders/"));
    }

    @Test
    void tablesFilterIsGluesNamePattern() {
        assertThat(PrintedTable.read(mortar("tables", "sales", "--filter", "order*").lines()).column("NAME"))
                .containsExactly("order_items", "orders");
        assertThat(PrintedTable.read(mortar("tables", "sales", "--filter", "cust*").lines()).column("NAME"))
                .containsExactly("customers");
        CliRun none = mortar("tables", "sales", "--filter", "nothing*");
        assertThat(none.exit()).isZero();
        assertThat(PrintedTable.read(none.lines()).rows()).isEmpty();
    }

    @Test
    void tableShowsDefinitionColumnsPartitionKeysAndParameters() {
        CliRun run = mortar("table", "sales", "orders");

        assertThat(run.exit()).isZero();
        List<List<String>> blocks = blocks(run.lines());
        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(0)).containsExactly(
                "Table:        sales.orders (version 0)",
                "Type:         EXTERNAL_TABLE",
                "Description:  all orders",
                "Created:      " + created("sales", "orders") + " UTC   Updated: " + updated("orders") + " UTC",
                "Location:     s3://lake/orders/",
                "Input format: org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                "SerDe:        org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        PrintedTable columns = PrintedTable.read(blocks.get(1));
        assertThat(columns.header()).containsExactly("COLUMN", "TYPE", "PARTITION KEY", "COMMENT");
        assertThat(columns.rows()).containsExactly(
                List.of("id", "bigint", "", "order id"),
                List.of("amount", "decimal(10,2)", "", ""),
                List.of("year", "int", "yes", ""),
                List.of("region", "string", "yes", ""));
        PrintedTable parameters = PrintedTable.read(blocks.get(2));
        assertThat(parameters.header()).containsExactly("PARAMETER", "VALUE");
        assertThat(parameters.rows()).containsExactlyInAnyOrder(List.of("classification", "parquet"),
                List.of("owner_team", "finance"));
    }

    @Test
    void tableWithoutStorageOrTypeShowsWhatItHas() {
        CliRun run = mortar("table", "sales", "customers");

        assertThat(run.exit()).isZero();
        List<List<String>> blocks = blocks(run.lines());
        assertThat(blocks.get(0)).containsExactly("Table:        sales.customers (version 0)",
                "Created:      " + created("sales", "customers") + " UTC   Updated: " + updated("customers") + " UTC");
        assertThat(PrintedTable.read(blocks.get(1)).rows()).isEmpty();
        assertThat(blocks).hasSize(2); // no parameters, no parameter table
    }

    @Test
    void partitionsListsValuesByKeyWithCreationTimeAndLocation() {
        CliRun run = mortar("partitions", "sales", "orders");

        assertThat(run.exit()).isZero();
        List<String> lines = run.lines();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("4 partition(s)");
        PrintedTable table = PrintedTable.read(lines.subList(0, lines.size() - 1));
        assertThat(table.header()).containsExactly("YEAR", "REGION", "CREATED (UTC)", "LOCATION");
        assertThat(table.rows()).containsExactlyInAnyOrder(
                List.of("2024", "eu", partitionCreated("2024", "eu"), "s3://lake/orders/year=2024/region=eu/"),
                List.of("2024", "us", partitionCreated("2024", "us"), "s3://lake/orders/year=2024/region=us/"),
                List.of("2025", "us", partitionCreated("2025", "us"), "s3://lake/orders/year=2025/region=us/"),
                List.of("2025", "ca", partitionCreated("2025", "ca"), "s3://lake/orders/year=2025/region=ca/"));
    }

    @Test
    void partitionsExpressionFiltersAndLimitCaps() {
        CliRun filtered = mortar("partitions", "sales", "orders", "-e", "year > 2024 AND region IN ('us', 'eu')");
        assertThat(filtered.exit()).isZero();
        List<String> lines = filtered.lines();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("1 partition(s)");
        assertThat(PrintedTable.read(lines.subList(0, lines.size() - 1)).rows())
                .containsExactly(List.of("2025", "us", partitionCreated("2025", "us"),
                        "s3://lake/orders/year=2025/region=us/"));

        CliRun limited = mortar("partitions", "sales", "orders", "--limit", "3");
        assertThat(limited.lines()).last().isEqualTo("3 partition(s)");
        assertThat(PrintedTable.read(limited.lines().subList(0, limited.lines().size() - 1)).rows()).hasSize(3);
    }

    // ------------------------------------------------------------------ -o json, --endpoint

    @Test
    void jsonOutputIsTheGlueResponseObjects() throws IOException {
        JsonNode databases = json(mortar("databases", "-o", "json"));
        assertThat(names(databases, "Name")).containsExactly("archive", "default", "sales");
        assertThat(databases.get(2).get("LocationUri").asText()).isEqualTo("s3://lake/sales/");

        JsonNode tables = json(mortar("tables", "sales", "--output", "JSON", "--filter", "orders"));
        assertThat(names(tables, "Name")).containsExactly("orders");
        assertThat(tables.get(0).get("PartitionKeys").get(1).get("Name").asText()).isEqualTo("region");

        JsonNode table = json(mortar("table", "sales", "orders", "-o", "json"));
        assertThat(table).hasSize(1);
        assertThat(table.get(0).get("StorageDescriptor").get("Columns")).hasSize(2);

        JsonNode partitions = json(mortar("partitions", "sales", "orders", "-e", "region = 'ca'", "-o", "json"));
        assertThat(partitions).hasSize(1);
        assertThat(partitions.get(0).get("Values").toString()).isEqualTo("[\"2025\",\"ca\"]");

        CliRun empty = mortar("tables", "sales", "--filter", "nothing*", "-o", "json");
        assertThat(empty.out().strip()).isEqualTo("[]");
    }

    @Test
    void endpointComesFromTheFlagAnywhereOnTheLineThenMortarEndpointThenTheDefault() {
        String live = server.endpoint().toString();
        String dead = "http://127.0.0.1:" + closedPort();
        CommandLine cli = MortarCli.commandLine(Map.of());
        assertThat(((MortarCli) cli.getCommand()).endpoint()).hasToString(MortarCli.DEFAULT_ENDPOINT);

        Map<String, String> local = CliRun.environmentOf(server); // where the CLI finds the root key
        assertThat(run(local, "--endpoint", live, "databases").exit()).isZero();
        assertThat(run(local, "databases", "--endpoint", live).exit()).isZero();
        assertThat(run(with(local, "MORTAR_ENDPOINT", live), "databases").exit()).isZero();
        assertThat(run(with(local, "MORTAR_ENDPOINT", dead), "--endpoint", live, "databases").exit()).isZero();
        assertThat(run(with(local, "MORTAR_ENDPOINT", dead), "databases").exit()).isEqualTo(3);
    }

    // ------------------------------------------------------------------ failures

    @Test
    void aMissingTableIsExitTwoWithGluesErrorOnOneLine() {
        CliRun run = mortar("table", "sales", "nope");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: EntityNotFoundException: ").contains("nope").endsWith("\n");
        assertThat(run.err().strip()).as("one line, no stack trace").doesNotContain("\n");

        CliRun database = mortar("tables", "nope");
        assertThat(database.exit()).isEqualTo(2);
        assertThat(database.err()).startsWith("error: EntityNotFoundException: ").contains("nope");
    }

    @Test
    void aBadExpressionIsExitTwoWithTheServersReason() {
        CliRun run = mortar("partitions", "sales", "orders", "-e", "year = '2024");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: InvalidInputException: ");
    }

    @Test
    void anUnreachableServerIsExitThreeNamingTheEndpoint() {
        int port = closedPort();

        CliRun run = run(Map.of(), "--endpoint", "http://127.0.0.1:" + port, "databases");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: cannot reach Mortar at http://127.0.0.1:" + port + ": ")
                .contains("Connection refused").contains("--endpoint");
    }

    @Test
    void optionValuesThatCannotWorkAreUsageErrors() {
        CliRun output = mortar("databases", "-o", "yaml");
        assertThat(output.exit()).isEqualTo(2);
        assertThat(output.err()).contains("expected one of [table, json]");

        CliRun limit = mortar("partitions", "sales", "orders", "--limit", "0");
        assertThat(limit.exit()).isEqualTo(2);
        assertThat(limit.err()).contains("--limit must be at least 1, not 0");

        CliRun endpoint = run(Map.of(), "--endpoint", "127.0.0.1:8095", "databases");
        assertThat(endpoint.exit()).isEqualTo(2);
        assertThat(endpoint.err()).startsWith("error: --endpoint (or MORTAR_ENDPOINT) must be an http:// or https://")
                .contains("'127.0.0.1:8095'");
    }

    // ------------------------------------------------------------------ mortar server

    @Test
    void serverHelpListsEverySettingWithItsEnvironmentVariableAndDefault() {
        CliRun run = run(Map.of(), "server", "--help");

        assertThat(run.exit()).isZero();
        String help = run.out();
        assertThat(help).contains("--port", "--bind", "--data-dir", "--store-url", "--store-user", "--store-password",
                "--config").doesNotContain("--endpoint");
        List<String> lines = run.lines();
        assertThat(lines).as("help fits 80 columns, so nothing is re-wrapped").allMatch(l -> l.length() <= 80);
        int settings = lines.indexOf("Settings (flag > environment variable > config file > default):");
        assertThat(settings).isPositive();
        String section = String.join(" ", lines.subList(settings + 1, lines.size())).replaceAll("\\s+", " ");
        for (ConfigLoader.Setting s : ConfigLoader.SETTINGS) {
            assertThat(lines).as("line naming %s and its variable", s.key())
                    .anyMatch(l -> l.matches("  " + s.key().replace(".", "\\.") + " +" + s.environmentVariable()));
            assertThat(section).contains(s.key() + " " + s.environmentVariable() + " " + s.description());
            if (!s.defaultValue().isEmpty()) {
                assertThat(section).contains(s.description() + " (default " + s.defaultValue() + ")");
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void serverRefusesBadSettingsWithExitTwoNamingTheSetting(@TempDir Path dataDir) {
        CliRun port = run(Map.of(), "server", "--port", "70000", "--data-dir", dataDir.toString());
        assertThat(port.exit()).isEqualTo(2);
        assertThat(port.err()).isEqualTo("error: mortar.port must be between 0 (any free port) and 65535, not 70000\n");

        CliRun fromEnvironment = run(Map.of("MORTAR_STORE_DURABLE_COMMITS", "maybe"), "server", "--port", "0",
                "--data-dir", dataDir.toString());
        assertThat(fromEnvironment.exit()).isEqualTo(2);
        assertThat(fromEnvironment.err()).startsWith("error: mortar.store.durable-commits must be true or false");

        CliRun notANumber = run(Map.of(), "server", "--port", "abc");
        assertThat(notANumber.exit()).isEqualTo(2);
        assertThat(notANumber.err()).contains("--port").contains("abc");

        CliRun webUi = run(Map.of(), "server", "--port", "0", "--data-dir", dataDir.toString(),
                "--jobs-master", "spark://127.0.0.1:7077", "--jobs-master-web-ui", "127.0.0.1:8080");
        assertThat(webUi.exit()).isEqualTo(2);
        assertThat(webUi.err()).isEqualTo("error: mortar.jobs.master-web-ui must be an http:// address such as"
                + " http://127.0.0.1:8080/, not '127.0.0.1:8080'\n");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void serverRefusesAStoreWhoseAppliedMigrationWasEditedWithExitTwo(@TempDir Path dataDir) throws Exception {
        StoreSettings store = StoreSettings.sqliteIn(dataDir);
        JdbcStores.open(store).close();
        StoreInspection.simulateEditedMigration(store, "5");

        CliRun run = run(Map.of(), "server", "--port", "0", "--data-dir", dataDir.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: The sqlite store's schema cannot be brought up to date: ")
                .contains("checksum mismatch for migration version 5").contains("Never edit an applied migration")
                .doesNotContain("\tat "); // a message, not a stack trace
    }

    // ------------------------------------------------------------------ running the command

    /** A catalog command against the test server. */
    private static CliRun mortar(String... args) {
        return CliRun.against(server, args);
    }

    private static List<List<String>> blocks(List<String> lines) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty()) {
                blocks.add(block);
                block = new ArrayList<>();
            } else {
                block.add(line);
            }
        }
        blocks.add(block);
        return blocks;
    }

    private static JsonNode json(CliRun run) throws IOException {
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode node = new ObjectMapper().readTree(run.out());
        assertThat(node.isArray()).isTrue();
        return node;
    }

    private static List<String> names(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }

    private static String created(String database) {
        return format(glue.getDatabase(b -> b.name(database)).database().createTime());
    }

    private static String created(String database, String table) {
        return format(glue.getTable(b -> b.databaseName(database).name(table)).table().createTime());
    }

    private static String updated(String table) {
        return format(glue.getTable(b -> b.databaseName("sales").name(table)).table().updateTime());
    }

    private static String partitionCreated(String... values) {
        return format(glue.getPartition(b -> b.databaseName("sales").tableName("orders").partitionValues(values))
                .partition().creationTime());
    }

    private static String format(Instant instant) {
        return UTC.format(instant);
    }

    /** A loopback port nothing listens on (bound, then released). */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> with(Map<String, String> environment, String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.put(name, value);
        return all;
    }
}

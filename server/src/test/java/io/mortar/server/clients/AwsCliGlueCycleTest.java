package io.mortar.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI ({@code aws glue … --endpoint-url}) against Mortar, asserting the JSON it prints: the README's quick
 * start and the rest of a table's life — pagination the CLI drives itself, optimistic updates with
 * {@code --version-id}, versions, errors as the CLI reports them, deletion. One process per command, so the cycle
 * is kept to the commands that prove something. SQLite only (PostgreSQL is covered by the SDK contract suite).
 */
class AwsCliGlueCycleTest {
    private static ClientEnvironment environment;
    private static TestServer server;
    private static AwsCli aws;

    @BeforeAll
    static void start() {
        environment = ClientEnvironment.create();
        environment.requireAwsCli();
        server = TestServer.start(StoreBackend.SQLITE);
        aws = new AwsCli(environment.signingAs(TestServer.rootCredentials(server.dataDir())), server.endpoint());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (environment != null) {
            environment.close();
        }
    }

    @Test
    void connectionsThroughTheAwsCli() {
        assertThat(aws.glue("create-connection", "--connection-input", """
                {"Name": "cli-pg", "ConnectionType": "JDBC", "MatchCriteria": ["cli"],
                 "ConnectionProperties": {"JDBC_CONNECTION_URL": "jdbc:postgresql://db:5432/sales",
                                          "USERNAME": "etl", "PASSWORD": "cli-secret"}}""")
                .path("CreateConnectionStatus").asText()).isEqualTo("READY");

        JsonNode connection = aws.glue("get-connection", "--name", "cli-pg").path("Connection");
        assertThat(connection.path("Name").asText()).isEqualTo("cli-pg");
        assertThat(connection.path("ConnectionType").asText()).isEqualTo("JDBC");
        assertThat(connection.path("ConnectionProperties").path("PASSWORD").asText()).isEqualTo("cli-secret");
        assertThat(connection.path("Status").asText()).isEqualTo("READY");
        assertThat(connection.path("CreationTime").isMissingNode()).isFalse();

        JsonNode hidden = aws.glue("get-connection", "--name", "cli-pg", "--hide-password").path("Connection");
        assertThat(hidden.path("ConnectionProperties").has("PASSWORD")).isFalse();
        assertThat(hidden.path("ConnectionProperties").path("USERNAME").asText()).isEqualTo("etl");

        List<String> names = new ArrayList<>();
        aws.glue("get-connections", "--filter", "MatchCriteria=cli").path("ConnectionList")
                .forEach(c -> names.add(c.path("Name").asText()));
        assertThat(names).containsExactly("cli-pg");

        assertThat(aws.glueFails("InvalidInputException", "create-connection", "--connection-input",
                "{\"Name\": \"cli-bad\", \"ConnectionType\": \"JDBC\", \"ConnectionProperties\": {\"USERNAME\": \"u\"}}"))
                .contains("JDBC_CONNECTION_URL");
        aws.glue("delete-connection", "--connection-name", "cli-pg");
        assertThat(aws.glueFails("EntityNotFoundException", "get-connection", "--name", "cli-pg")).contains("cli-pg");
    }

    @Test
    void fullCatalogCycleThroughTheAwsCli() {
        // database: created with a mixed-case name, stored lower-cased
        assertThat(aws.glue("create-database", "--database-input",
                "{\"Name\": \"Cli_Sales\", \"Description\": \"from the CLI\", \"Parameters\": {\"team\": \"ops\"}}"))
                .isEmpty();
        JsonNode database = aws.glue("get-database", "--name", "cli_sales").path("Database");
        assertThat(database.path("Name").asText()).isEqualTo("cli_sales");
        assertThat(database.path("Description").asText()).isEqualTo("from the CLI");
        assertThat(database.path("Parameters").path("team").asText()).isEqualTo("ops");

        // the README's table and partitions
        aws.glue("create-table", "--database-name", "cli_sales", "--table-input", """
                {"Name": "orders", "Description": "first",
                 "StorageDescriptor": {"Columns": [{"Name": "id", "Type": "bigint"},
                                                   {"Name": "amount", "Type": "decimal(10,2)"}],
                                       "Location": "s3://lake/orders/",
                                       "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                                       "SerdeInfo": {"SerializationLibrary":
                                           "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"}},
                 "PartitionKeys": [{"Name": "year", "Type": "int"}, {"Name": "region", "Type": "string"}],
                 "Parameters": {"classification": "parquet"}}""");
        JsonNode created = aws.glue("batch-create-partition", "--database-name", "cli_sales", "--table-name", "orders",
                "--partition-input-list", """
                [{"Values": ["2024", "eu"], "StorageDescriptor": {"Location": "s3://lake/orders/year=2024/region=eu/"}},
                 {"Values": ["2025", "us"], "StorageDescriptor": {"Location": "s3://lake/orders/year=2025/region=us/"}},
                 {"Values": ["2025", "ca"], "StorageDescriptor": {"Location": "s3://lake/orders/year=2025/region=ca/"}},
                 {"Values": ["2025", "eu"], "StorageDescriptor": {"Location": "s3://lake/orders/year=2025/region=eu/"}},
                 {"Values": ["2026", "us"], "StorageDescriptor": {"Location": "s3://lake/orders/year=2026/region=us/"}}]""");
        assertThat(created.path("Errors")).isEmpty();

        JsonNode matching = aws.glue("get-partitions", "--database-name", "cli_sales", "--table-name", "orders",
                "--expression", "year >= 2025 AND region IN ('us', 'ca')");
        assertThat(values(matching.path("Partitions"))).containsExactlyInAnyOrder("2025/us", "2025/ca", "2026/us");
        JsonNode one = matching.path("Partitions").findParent("Values");
        assertThat(one.path("DatabaseName").asText()).isEqualTo("cli_sales");
        assertThat(one.path("StorageDescriptor").path("Location").asText())
                .isEqualTo("s3://lake/orders/year=" + one.path("Values").get(0).asText()
                        + "/region=" + one.path("Values").get(1).asText() + "/");

        // the CLI pages itself: two partitions per request, three items per printed page, then --starting-token
        JsonNode firstPage = aws.glue("get-partitions", "--database-name", "cli_sales", "--table-name", "orders",
                "--page-size", "2", "--max-items", "3");
        assertThat(firstPage.path("Partitions")).hasSize(3);
        String token = firstPage.path("NextToken").asText();
        assertThat(token).isNotBlank();
        JsonNode rest = aws.glue("get-partitions", "--database-name", "cli_sales", "--table-name", "orders",
                "--page-size", "2", "--starting-token", token);
        assertThat(rest.has("NextToken")).isFalse();
        List<String> all = new ArrayList<>(values(firstPage.path("Partitions")));
        all.addAll(values(rest.path("Partitions")));
        assertThat(all).containsExactlyInAnyOrder("2024/eu", "2025/us", "2025/ca", "2025/eu", "2026/us");

        // optimistic update with --version-id, then the same (now stale) version is refused
        JsonNode table = aws.glue("get-table", "--database-name", "cli_sales", "--name", "orders").path("Table");
        String version = table.path("VersionId").asText();
        assertThat(table.path("Parameters").path("classification").asText()).isEqualTo("parquet");
        assertThat(table.path("PartitionKeys").findValuesAsText("Name")).containsExactly("year", "region");
        String secondDefinition = """
                {"Name": "orders", "Description": "second",
                 "StorageDescriptor": {"Columns": [{"Name": "id", "Type": "bigint"},
                                                   {"Name": "amount", "Type": "decimal(12,2)"}],
                                       "Location": "s3://lake/orders/"},
                 "PartitionKeys": [{"Name": "year", "Type": "int"}, {"Name": "region", "Type": "string"}],
                 "Parameters": {"classification": "parquet", "revision": "2"}}""";
        aws.glue("update-table", "--database-name", "cli_sales", "--version-id", version, "--table-input",
                secondDefinition);
        String message = aws.glueFails("ConcurrentModificationException", "update-table", "--database-name",
                "cli_sales", "--version-id", version, "--table-input", secondDefinition.replace("second", "lost"));
        assertThat(message).isNotBlank();

        JsonNode versions = aws.glue("get-table-versions", "--database-name", "cli_sales", "--table-name", "orders");
        List<String> descriptions = new ArrayList<>();
        String newest = null;
        for (JsonNode v : versions.path("TableVersions")) {
            descriptions.add(v.path("VersionId").asText() + ":" + v.path("Table").path("Description").asText());
            if (newest == null || Long.parseLong(v.path("VersionId").asText()) > Long.parseLong(newest)) {
                newest = v.path("VersionId").asText();
            }
        }
        assertThat(descriptions).contains(version + ":first").anyMatch(d -> d.endsWith(":second"))
                .noneMatch(d -> d.endsWith(":lost"));
        assertThat(Long.parseLong(newest)).isGreaterThan(Long.parseLong(version));

        // errors as a CLI user sees them, then deletion
        assertThat(aws.glueFails("InvalidInputException", "get-partitions", "--database-name", "cli_sales",
                "--table-name", "orders", "--expression", "no_such_key = 1")).isNotBlank();
        aws.glue("delete-table", "--database-name", "cli_sales", "--name", "orders");
        assertThat(aws.glueFails("EntityNotFoundException", "get-table", "--database-name", "cli_sales",
                "--name", "orders")).containsIgnoringCase("orders");
        aws.glue("delete-database", "--name", "cli_sales");
        assertThat(aws.glueFails("EntityNotFoundException", "get-database", "--name", "cli_sales"))
                .containsIgnoringCase("cli_sales");
    }

    private static List<String> values(JsonNode partitions) {
        List<String> values = new ArrayList<>();
        for (JsonNode partition : partitions) {
            values.add(partition.path("Values").get(0).asText() + "/" + partition.path("Values").get(1).asText());
        }
        return values;
    }
}

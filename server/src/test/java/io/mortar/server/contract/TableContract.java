package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchDeleteTableResponse;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/** CreateTable, GetTable, GetTables, UpdateTable, DeleteTable, BatchDeleteTable. */
abstract class TableContract extends ContractGroup {
    TableContract(TestServer server, GlueClient glue) {
        super(server, glue);
    }

    @Test
    void aCreatedTableIsReadBackWithEverythingItWasGiven() {
        String db = newDatabase();
        String name = unique("Orders");
        TableInput input = tableInput(name, column("year", "int"), column("region", "string")).toBuilder()
                .description("All orders").owner("finance").retention(7).build();
        Instant before = Instant.now().minusSeconds(1);

        glue.createTable(r -> r.databaseName(db.toUpperCase()).tableInput(input));

        Table table = glue.getTable(r -> r.databaseName(db).name(name.toUpperCase())).table();
        assertThat(table.name()).isEqualTo(name.toLowerCase());
        assertThat(table.databaseName()).isEqualTo(db);
        assertThat(table.description()).isEqualTo("All orders");
        assertThat(table.owner()).isEqualTo("finance");
        assertThat(table.retention()).isEqualTo(7);
        assertThat(table.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(table.storageDescriptor()).isEqualTo(input.storageDescriptor());
        assertThat(table.partitionKeys()).isEqualTo(input.partitionKeys());
        assertThat(table.parameters()).isEqualTo(input.parameters());
        assertThat(table.versionId()).isEqualTo("0");
        assertThat(table.catalogId()).isEqualTo(ACCOUNT);
        assertThat(table.isRegisteredWithLakeFormation()).isFalse();
        assertThat(table.createTime()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(table.updateTime()).isEqualTo(table.createTime());
    }

    @Test
    void aTableCanBeCreatedInTheDefaultDatabase() {
        String name = unique("tbl");
        glue.createTable(r -> r.databaseName("default").tableInput(tableInput(name)));

        assertThat(glue.getTable(r -> r.databaseName("default").name(name)).table().databaseName())
                .isEqualTo("default");
    }

    @Test
    void creatingATableThatExistsFails() {
        String db = newDatabase();
        String name = newTable(db);

        AlreadyExistsException error = expectError(AlreadyExistsException.class,
                () -> glue.createTable(r -> r.databaseName(db).tableInput(tableInput(name.toUpperCase()))));

        assertThat(message(error)).isEqualTo("Table already exists.");
    }

    @Test
    void aTableInAMissingDatabaseIsNotFound() {
        String db = unique("missing");
        String expected = "Database " + db + " not found.";

        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.createTable(r -> r.databaseName(db).tableInput(tableInput("t")))))).isEqualTo(expected);
        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.getTable(r -> r.databaseName(db).name("t"))))).isEqualTo(expected);
        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.getTables(r -> r.databaseName(db))))).isEqualTo(expected);
        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.deleteTable(r -> r.databaseName(db).name("t"))))).isEqualTo(expected);
    }

    @Test
    void aMissingTableIsNotFound() {
        String db = newDatabase();
        String name = unique("missing");
        String expected = "Table " + name + " not found.";

        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.getTable(r -> r.databaseName(db).name(name))))).isEqualTo(expected);
        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.updateTable(r -> r.databaseName(db).tableInput(tableInput(name)))))).isEqualTo(expected);
        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.deleteTable(r -> r.databaseName(db).name(name))))).isEqualTo(expected);
    }

    @Test
    void getTablesFiltersNamesWithAGlobOrRegularExpression() {
        String db = newDatabase();
        for (String name : List.of("sales_2024", "sales_2025", "presales", "orders", "sales")) {
            glue.createTable(r -> r.databaseName(db).tableInput(tableInput(name)));
        }

        assertThat(tableNames(db, "sales*")).containsExactly("sales", "sales_2024", "sales_2025");
        assertThat(tableNames(db, "SALES_20.*")).containsExactly("sales_2024", "sales_2025");
        assertThat(tableNames(db, "*sales")).containsExactly("presales", "sales");
        assertThat(tableNames(db, "orders|presales")).containsExactly("orders", "presales");
        assertThat(tableNames(db, null)).containsExactly("orders", "presales", "sales", "sales_2024", "sales_2025");
        assertThat(tableNames(db, "nothing*")).isEmpty();
    }

    @Test
    void getTablesRejectsAnInvalidPattern() {
        String db = newDatabase();

        InvalidInputException error = expectError(InvalidInputException.class,
                () -> glue.getTables(r -> r.databaseName(db).expression("sales[")));

        assertThat(message(error)).contains("Expression");
    }

    @Test
    void getTablesPagesThroughAFilteredListing() {
        String db = newDatabase();
        List<String> matching = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String name = String.format("fact_%02d", i);
            matching.add(name);
            glue.createTable(r -> r.databaseName(db).tableInput(tableInput(name)));
            glue.createTable(r -> r.databaseName(db).tableInput(tableInput("dim_" + name)));
        }

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            GetTablesResponse page = glue.getTables(r -> r.databaseName(db).expression("fact_*").maxResults(3)
                    .nextToken(current));
            assertThat(page.tableList()).hasSizeLessThanOrEqualTo(3);
            page.tableList().forEach(t -> seen.add(t.name()));
            token = page.nextToken();
        } while (token != null);

        assertThat(seen).containsExactlyElementsOf(matching);
    }

    @Test
    void updateTableReplacesTheWholeDefinition() {
        String db = newDatabase();
        String name = unique("tbl");
        glue.createTable(r -> r.databaseName(db).tableInput(tableInput(name, column("year", "int")).toBuilder()
                .description("first").owner("finance").parameters(Map.of("a", "1")).build()));
        Table before = glue.getTable(r -> r.databaseName(db).name(name)).table();

        glue.updateTable(r -> r.databaseName(db).tableInput(TableInput.builder().name(name.toUpperCase())
                .storageDescriptor(storage("s3://lake/moved/")).parameters(Map.of("b", "2")).build()));

        Table after = glue.getTable(r -> r.databaseName(db).name(name)).table();
        assertThat(after.description()).isNull();
        assertThat(after.owner()).isNull();
        assertThat(after.tableType()).isNull();
        assertThat(after.partitionKeys()).isEmpty();
        assertThat(after.parameters()).containsExactlyEntriesOf(Map.of("b", "2"));
        assertThat(after.storageDescriptor().location()).isEqualTo("s3://lake/moved/");
        assertThat(after.versionId()).isEqualTo("1");
        assertThat(after.createTime()).isEqualTo(before.createTime());
        assertThat(after.updateTime()).isAfterOrEqualTo(before.updateTime());
    }

    @Test
    void updateTableWithTheCurrentVersionIdSucceedsAndWithAStaleOneFails() {
        String db = newDatabase();
        String name = newTable(db);
        String current = glue.getTable(r -> r.databaseName(db).name(name)).table().versionId();

        glue.updateTable(r -> r.databaseName(db).versionId(current)
                .tableInput(tableInput(name).toBuilder().description("mine").build()));

        // A second writer still holding the old version loses, as Iceberg's commit protocol requires.
        ConcurrentModificationException error = expectError(ConcurrentModificationException.class,
                () -> glue.updateTable(r -> r.databaseName(db).versionId(current)
                        .tableInput(tableInput(name).toBuilder().description("theirs").build())));
        assertThat(message(error)).contains("concurrent modification");
        Table table = glue.getTable(r -> r.databaseName(db).name(name)).table();
        assertThat(table.description()).isEqualTo("mine");
        assertThat(table.versionId()).isEqualTo("1");
    }

    @Test
    void updateTableRejectsAVersionIdThatIsNotANumber() {
        String db = newDatabase();
        String name = newTable(db);

        InvalidInputException error = expectError(InvalidInputException.class,
                () -> glue.updateTable(r -> r.databaseName(db).versionId("latest").tableInput(tableInput(name))));

        assertThat(message(error)).contains("VersionId", "latest");
    }

    @Test
    void changingThePartitionKeyTypeChangesHowExpressionsCompare() {
        String db = newDatabase();
        String name = unique("tbl");
        glue.createTable(r -> r.databaseName(db).tableInput(tableInput(name, column("year", "string"))));
        addPartitions(db, name, List.of(values("9"), values("10"), values("100")));
        GetPartitionsRequest greaterThanNine = GetPartitionsRequest.builder().databaseName(db).tableName(name)
                .expression("year > '9'").build();
        // As strings, nothing sorts after "9".
        assertThat(valuesOf(allPartitions(greaterThanNine))).isEmpty();

        glue.updateTable(r -> r.databaseName(db).tableInput(tableInput(name, column("year", "int"))));

        assertThat(valuesOf(allPartitions(greaterThanNine))).containsExactlyInAnyOrder(values("10"), values("100"));
    }

    @Test
    void deleteTableRemovesItWithItsPartitions() {
        String db = newDatabase();
        String name = newTable(db, column("year", "int"));
        addPartitions(db, name, List.of(values("2024")));

        glue.deleteTable(r -> r.databaseName(db).name(name.toUpperCase()));

        expectError(EntityNotFoundException.class, () -> glue.getTable(r -> r.databaseName(db).name(name)));
        assertThat(glue.getTables(r -> r.databaseName(db)).tableList()).isEmpty();
        glue.createTable(r -> r.databaseName(db).tableInput(tableInput(name, column("year", "int"))));
        assertThat(allPartitions(GetPartitionsRequest.builder().databaseName(db).tableName(name).build())).isEmpty();
        assertThat(glue.getTable(r -> r.databaseName(db).name(name)).table().versionId()).isEqualTo("0");
    }

    @Test
    void batchDeleteTableReportsEachTableItCouldNotDelete() {
        String db = newDatabase();
        String first = newTable(db);
        String second = newTable(db);
        String missing = unique("missing");

        BatchDeleteTableResponse response = glue.batchDeleteTable(r -> r.databaseName(db)
                .tablesToDelete(first, missing, second.toUpperCase()));

        assertThat(response.errors()).singleElement().satisfies(error -> {
            assertThat(error.tableName()).isEqualTo(missing);
            assertThat(error.errorDetail().errorCode()).isEqualTo("EntityNotFoundException");
            assertThat(error.errorDetail().errorMessage()).isEqualTo("Table " + missing + " not found.");
        });
        assertThat(glue.getTables(r -> r.databaseName(db)).tableList()).isEmpty();
    }

    @Test
    void batchDeleteTableInAMissingDatabaseFailsAsAWhole() {
        String db = unique("missing");

        EntityNotFoundException error = expectError(EntityNotFoundException.class,
                () -> glue.batchDeleteTable(r -> r.databaseName(db).tablesToDelete("a", "b")));

        assertThat(message(error)).isEqualTo("Database " + db + " not found.");
    }

    @Test
    void batchDeleteTableAcceptsAtMostOneHundredNames() {
        String db = newDatabase();
        List<String> names = IntStream.range(0, 101).mapToObj(i -> "t" + i).toList();

        InvalidInputException error = expectError(InvalidInputException.class,
                () -> glue.batchDeleteTable(r -> r.databaseName(db).tablesToDelete(names)));

        assertThat(message(error)).startsWith("1 validation error detected: ")
                .contains("at 'tablesToDelete' failed to satisfy constraint: Member must have length less than or"
                        + " equal to 100");
    }

    List<String> tableNames(String db, String expression) {
        return glue.getTables(r -> r.databaseName(db).expression(expression)).tableList().stream()
                .map(Table::name).toList();
    }
}

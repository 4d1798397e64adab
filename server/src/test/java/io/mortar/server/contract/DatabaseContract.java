package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetDatabasesResponse;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.UserDefinedFunctionInput;

/** CreateDatabase, GetDatabase, GetDatabases, UpdateDatabase, DeleteDatabase. */
abstract class DatabaseContract extends ContractGroup {
    DatabaseContract(TestServer server, GlueClient glue) {
        super(server, glue);
    }

    @Test
    void aCreatedDatabaseIsStoredUnderItsLowerCaseName() {
        String name = unique("Sales_DB");
        Instant before = Instant.now().minusSeconds(1);
        glue.createDatabase(r -> r.databaseInput(d -> d.name(name).description("Sales data")
                .locationUri("s3://lake/sales/").parameters(Map.of("owner", "finance"))));

        Database db = glue.getDatabase(r -> r.name(name.toUpperCase())).database();

        assertThat(db.name()).isEqualTo(name.toLowerCase());
        assertThat(db.description()).isEqualTo("Sales data");
        assertThat(db.locationUri()).isEqualTo("s3://lake/sales/");
        assertThat(db.parameters()).containsExactlyEntriesOf(Map.of("owner", "finance"));
        assertThat(db.catalogId()).isEqualTo(ACCOUNT);
        assertThat(db.createTime()).isBetween(before, Instant.now().plusSeconds(1));
        // Glue reports the implicit IAM-only permissions of a database created without Lake Formation settings.
        assertThat(db.createTableDefaultPermissions()).singleElement()
                .satisfies(p -> assertThat(p.principal().dataLakePrincipalIdentifier())
                        .isEqualTo("IAM_ALLOWED_PRINCIPALS"));
    }

    @Test
    void theDefaultDatabaseExists() {
        assertThat(glue.getDatabase(r -> r.name("default")).database().name()).isEqualTo("default");
        assertThat(allDatabases()).extracting(Database::name).contains("default");
    }

    @Test
    void creatingADatabaseThatExistsFailsWhateverTheCase() {
        String name = newDatabase();

        AlreadyExistsException error = expectError(AlreadyExistsException.class,
                () -> glue.createDatabase(r -> r.databaseInput(d -> d.name(name.toUpperCase()))));

        assertThat(message(error)).isEqualTo("Database already exists.");
    }

    @Test
    void aMissingDatabaseIsNotFoundByEveryOperation() {
        String name = unique("missing");
        String expected = "Database " + name + " not found.";

        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.getDatabase(r -> r.name(name))))).isEqualTo(expected);
        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.updateDatabase(r -> r.name(name).databaseInput(d -> d.name(name)))))).isEqualTo(expected);
        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.deleteDatabase(r -> r.name(name))))).isEqualTo(expected);
        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.getDatabase(r -> r.name(name.toUpperCase()))))).isEqualTo(expected);
    }

    @Test
    void getDatabasesListsEachDatabaseOnceAcrossPages() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(newDatabase());
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            GetDatabasesResponse page = glue.getDatabases(r -> r.maxResults(2).nextToken(current));
            assertThat(page.databaseList()).hasSizeLessThanOrEqualTo(2);
            page.databaseList().forEach(d -> seen.add(d.name()));
            token = page.nextToken();
            pages++;
        } while (token != null);

        assertThat(seen).doesNotHaveDuplicates().containsAll(created).contains("default");
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void updateDatabaseReplacesTheWholeDefinition() {
        String name = unique("db");
        glue.createDatabase(r -> r.databaseInput(d -> d.name(name).description("before")
                .locationUri("s3://lake/before/").parameters(Map.of("a", "1", "b", "2"))));
        Instant created = glue.getDatabase(r -> r.name(name)).database().createTime();

        glue.updateDatabase(r -> r.name(name.toUpperCase()).databaseInput(d -> d.name(name)
                .parameters(Map.of("c", "3"))));

        Database db = glue.getDatabase(r -> r.name(name)).database();
        assertThat(db.description()).isNull();
        assertThat(db.locationUri()).isNull();
        assertThat(db.parameters()).containsExactlyEntriesOf(Map.of("c", "3"));
        assertThat(db.createTime()).isEqualTo(created);
    }

    @Test
    void updateDatabaseCannotRenameIt() {
        String name = newDatabase();
        String other = unique("db");

        InvalidInputException error = expectError(InvalidInputException.class,
                () -> glue.updateDatabase(r -> r.name(name).databaseInput(d -> d.name(other))));

        assertThat(message(error)).contains("DatabaseInput.Name", other, name);
        assertThat(glue.getDatabase(r -> r.name(name)).database().name()).isEqualTo(name);
        expectError(EntityNotFoundException.class, () -> glue.getDatabase(r -> r.name(other)));
    }

    @Test
    void deletingADatabaseDeletesEverythingInIt() {
        String db = newDatabase();
        String table = newTable(db, column("year", "int"));
        addPartitions(db, table, List.of(values("2024"), values("2025")));
        glue.createUserDefinedFunction(r -> r.databaseName(db).functionInput(UserDefinedFunctionInput.builder()
                .functionName("to_upper").className("com.example.ToUpper").build()));
        String databaseArn = ARN_PREFIX + "database/" + db;
        String tableArn = ARN_PREFIX + "table/" + db + "/" + table;
        glue.tagResource(r -> r.resourceArn(databaseArn).tagsToAdd(Map.of("team", "data")));
        glue.tagResource(r -> r.resourceArn(tableArn).tagsToAdd(Map.of("tier", "gold")));

        glue.deleteDatabase(r -> r.name(db));

        assertThat(message(expectError(EntityNotFoundException.class, () -> glue.getDatabase(r -> r.name(db)))))
                .isEqualTo("Database " + db + " not found.");
        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.getTable(r -> r.databaseName(db).name(table))))).isEqualTo("Database " + db + " not found.");
        expectError(EntityNotFoundException.class,
                () -> glue.getUserDefinedFunction(r -> r.databaseName(db).functionName("to_upper")));
        expectError(EntityNotFoundException.class, () -> glue.getTags(r -> r.resourceArn(databaseArn)));

        // Nothing of the old database comes back when objects of the same names are created again.
        glue.createDatabase(r -> r.databaseInput(d -> d.name(db)));
        assertThat(glue.getTables(r -> r.databaseName(db)).tableList()).isEmpty();
        assertThat(glue.getUserDefinedFunctions(r -> r.databaseName(db).pattern("*")).userDefinedFunctions())
                .isEmpty();
        assertThat(glue.getTags(r -> r.resourceArn(databaseArn)).tags()).isEmpty();
        glue.createTable(r -> r.databaseName(db).tableInput(tableInput(table, column("year", "int"))));
        assertThat(allPartitions(GetPartitionsRequest.builder()
                .databaseName(db).tableName(table).build())).isEmpty();
        assertThat(glue.getTags(r -> r.resourceArn(tableArn)).tags()).isEmpty();
    }

    @Test
    void tagsGivenAtCreationBelongToTheDatabase() {
        String name = unique("db");
        glue.createDatabase(r -> r.databaseInput(d -> d.name(name)).tags(Map.of("team", "data", "env", "test")));

        assertThat(glue.getTags(r -> r.resourceArn(ARN_PREFIX + "database/" + name)).tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "data", "env", "test"));
    }

    @Test
    void getDatabaseAndGetDatabasesAgreeOnTheCreateTime() {
        String name = newDatabase();
        Instant created = glue.getDatabase(r -> r.name(name)).database().createTime();

        assertThat(Duration.between(created, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(allDatabases()).filteredOn(d -> d.name().equals(name)).singleElement()
                .extracting(Database::createTime).isEqualTo(created);
    }

    List<Database> allDatabases() {
        List<Database> all = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            GetDatabasesResponse page = glue.getDatabases(r -> r.nextToken(current));
            all.addAll(page.databaseList());
            token = page.nextToken();
        } while (token != null);
        return all;
    }
}

package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionsResponse;
import software.amazon.awssdk.services.glue.model.PrincipalType;
import software.amazon.awssdk.services.glue.model.ResourceType;
import software.amazon.awssdk.services.glue.model.ResourceUri;
import software.amazon.awssdk.services.glue.model.UserDefinedFunction;
import software.amazon.awssdk.services.glue.model.UserDefinedFunctionInput;

/** User-defined functions: Create, Get, GetUserDefinedFunctions (Pattern, paging), Update, Delete. */
abstract class FunctionContract extends ContractGroup {
    FunctionContract(TestServer server, GlueClient glue) {
        super(server, glue);
    }

    @Test
    void aCreatedFunctionIsReadBackUnderItsLowerCaseName() {
        String db = newDatabase();
        Instant before = Instant.now().minusSeconds(1);
        glue.createUserDefinedFunction(r -> r.databaseName(db.toUpperCase()).functionInput(function("To_Upper")
                .toBuilder().ownerName("analyst").ownerType(PrincipalType.USER)
                .resourceUris(ResourceUri.builder().resourceType(ResourceType.JAR).uri("s3://jars/udfs.jar").build())
                .build()));

        UserDefinedFunction udf = glue.getUserDefinedFunction(r -> r.databaseName(db).functionName("TO_UPPER"))
                .userDefinedFunction();

        assertThat(udf.functionName()).isEqualTo("to_upper");
        assertThat(udf.databaseName()).isEqualTo(db);
        assertThat(udf.className()).isEqualTo("com.example.To_Upper");
        assertThat(udf.ownerName()).isEqualTo("analyst");
        assertThat(udf.ownerType()).isEqualTo(PrincipalType.USER);
        assertThat(udf.resourceUris()).extracting(ResourceUri::uri).containsExactly("s3://jars/udfs.jar");
        assertThat(udf.catalogId()).isEqualTo(ACCOUNT);
        assertThat(udf.createTime()).isBetween(before, Instant.now().plusSeconds(1));
    }

    @Test
    void creatingAFunctionThatExistsFails() {
        String db = newDatabase();
        create(db, "f");

        AlreadyExistsException error = expectError(AlreadyExistsException.class, () -> create(db, "F"));

        assertThat(message(error)).contains("f", db);
    }

    @Test
    void functionsOfAMissingDatabaseOrMissingFunctionsAreNotFound() {
        String db = unique("missing");
        String expected = "Database " + db + " not found.";
        assertThat(message(expectError(EntityNotFoundException.class, () -> create(db, "f")))).isEqualTo(expected);
        assertThat(message(expectError(EntityNotFoundException.class, () -> glue.getUserDefinedFunctions(r -> r
                .databaseName(db).pattern("*"))))).isEqualTo(expected);

        String existing = newDatabase();
        assertThat(message(expectError(EntityNotFoundException.class, () -> glue.getUserDefinedFunction(r -> r
                .databaseName(existing).functionName("nope"))))).contains("nope");
        expectError(EntityNotFoundException.class, () -> glue.deleteUserDefinedFunction(r -> r
                .databaseName(existing).functionName("nope")));
        expectError(EntityNotFoundException.class, () -> glue.updateUserDefinedFunction(r -> r
                .databaseName(existing).functionName("nope").functionInput(function("nope"))));
    }

    @Test
    void getUserDefinedFunctionsFiltersByPatternInOneOrEveryDatabase() {
        String db1 = newDatabase();
        String db2 = newDatabase();
        String word = SearchTablesContract.uniqueWord();
        create(db1, word + "_parse_date");
        create(db1, word + "_parse_json");
        create(db1, word + "_format");
        create(db2, word + "_parse_url");

        assertThat(functionNames(db1, word + "_parse*")).containsExactly(word + "_parse_date", word + "_parse_json");
        assertThat(functionNames(db1, "*")).hasSize(3);
        assertThat(functionNames(null, word + "_parse.*")).containsExactlyInAnyOrder(word + "_parse_date",
                word + "_parse_json", word + "_parse_url");
    }

    @Test
    void getUserDefinedFunctionsPagesWithoutLosingOrRepeatingFunctions() {
        String db = newDatabase();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add("fn_" + i);
            create(db, "fn_" + i);
        }

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            GetUserDefinedFunctionsResponse page = glue.getUserDefinedFunctions(r -> r.databaseName(db).pattern("fn*")
                    .maxResults(3).nextToken(current));
            assertThat(page.userDefinedFunctions()).hasSizeLessThanOrEqualTo(3);
            page.userDefinedFunctions().forEach(f -> seen.add(f.functionName()));
            token = page.nextToken();
        } while (token != null);

        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void updateReplacesTheFunctionAndMayRenameIt() {
        String db = newDatabase();
        create(db, "f");
        create(db, "taken");

        glue.updateUserDefinedFunction(r -> r.databaseName(db).functionName("F").functionInput(
                UserDefinedFunctionInput.builder().functionName("f").className("com.example.V2").build()));
        UserDefinedFunction updated = glue.getUserDefinedFunction(r -> r.databaseName(db).functionName("f"))
                .userDefinedFunction();
        assertThat(updated.className()).isEqualTo("com.example.V2");
        assertThat(updated.ownerName()).isNull();

        glue.updateUserDefinedFunction(r -> r.databaseName(db).functionName("f").functionInput(function("G")));
        expectError(EntityNotFoundException.class, () -> glue.getUserDefinedFunction(r -> r.databaseName(db)
                .functionName("f")));
        assertThat(glue.getUserDefinedFunction(r -> r.databaseName(db).functionName("g")).userDefinedFunction()
                .className()).isEqualTo("com.example.G");

        AlreadyExistsException clash = expectError(AlreadyExistsException.class, () -> glue
                .updateUserDefinedFunction(r -> r.databaseName(db).functionName("g").functionInput(function("taken"))));
        assertThat(message(clash)).contains("taken");
    }

    @Test
    void deleteRemovesTheFunction() {
        String db = newDatabase();
        create(db, "f");

        glue.deleteUserDefinedFunction(r -> r.databaseName(db).functionName("F"));

        expectError(EntityNotFoundException.class, () -> glue.getUserDefinedFunction(r -> r.databaseName(db)
                .functionName("f")));
        assertThat(functionNames(db, "*")).isEmpty();
    }

    void create(String db, String name) {
        glue.createUserDefinedFunction(r -> r.databaseName(db).functionInput(function(name)));
    }

    static UserDefinedFunctionInput function(String name) {
        return UserDefinedFunctionInput.builder().functionName(name).className("com.example." + name).build();
    }

    List<String> functionNames(String db, String pattern) {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            GetUserDefinedFunctionsResponse page = glue.getUserDefinedFunctions(r -> r.databaseName(db)
                    .pattern(pattern).nextToken(current));
            page.userDefinedFunctions().forEach(f -> names.add(f.functionName()));
            token = page.nextToken();
        } while (token != null);
        return names;
    }
}

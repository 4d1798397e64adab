package io.mortar.store.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.model.GlueErrorCode;
import io.mortar.store.catalog.StoredFunction;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link io.mortar.store.catalog.CatalogStore}'s user-defined functions and tags. */
class CatalogFunctionsAndTagsContractTest extends CatalogStoreContract {

    // ---------------------------------------------------------------- functions

    @Test
    void createsAFunctionOncePerDatabase() {
        String database = newDatabase();
        String other = newDatabase();
        catalog().createFunction(database, "f", "{\"ClassName\":\"A\"}", CREATED);
        catalog().createFunction(other, "f", "{\"ClassName\":\"B\"}", UPDATED);

        assertThat(catalog().getFunction(database, "f")).contains(new StoredFunction(database, "f",
                "{\"ClassName\":\"A\"}", CREATED));
        assertThat(catalog().getFunction(other, "f")).contains(new StoredFunction(other, "f",
                "{\"ClassName\":\"B\"}", UPDATED));
        assertGlueError(() -> catalog().createFunction(database, "f", "{}", UPDATED), GlueErrorCode.ALREADY_EXISTS);
        assertThat(catalog().getFunction(database, "f").orElseThrow().document()).isEqualTo("{\"ClassName\":\"A\"}");
        assertGlueError(() -> catalog().createFunction(unique("missing"), "f", "{}", CREATED),
                GlueErrorCode.ENTITY_NOT_FOUND);
        assertThat(catalog().getFunction(database, "g")).isEmpty();
    }

    @Test
    void listsFunctionsOfOneOrEveryDatabaseWithAFilter() {
        String first = newDatabase();
        String second = first + "_b";
        catalog().createDatabase(second, "{}", CREATED, databaseArn(second), null);
        for (String name : List.of("udf_c", "udf_a", "agg_b")) {
            catalog().createFunction(first, name, "{}", CREATED);
            catalog().createFunction(second, name, "{}", CREATED);
        }

        assertThat(walk(cursor -> catalog().listFunctions(first, name -> true, cursor, 2), StoredFunction::name, 2))
                .containsExactly("agg_b", "udf_a", "udf_c");
        assertThat(walk(cursor -> catalog().listFunctions(second, name -> name.startsWith("udf"), cursor, 1),
                StoredFunction::name, 1)).containsExactly("udf_a", "udf_c");
        // every database: other tests' functions come too, so keep ours
        List<String> all = walk(cursor -> catalog().listFunctions(null, name -> name.startsWith("udf"), cursor, 2),
                f -> f.databaseName() + "." + f.name(), 2);
        assertThat(all).doesNotHaveDuplicates();
        assertThat(all.stream().filter(f -> f.startsWith(first + ".") || f.startsWith(second + ".")).toList())
                .containsExactly(first + ".udf_a", first + ".udf_c", second + ".udf_a", second + ".udf_c");
        assertGlueError(() -> catalog().listFunctions(unique("missing"), name -> true, null, 10),
                GlueErrorCode.ENTITY_NOT_FOUND);
    }

    @Test
    void updatesAndRenamesAFunction() {
        String database = newDatabase();
        catalog().createFunction(database, "f", "{\"v\":1}", CREATED);
        catalog().createFunction(database, "taken", "{}", CREATED);

        assertThat(catalog().updateFunction(database, "f", "f", "{\"v\":2}")).isTrue();
        assertThat(catalog().getFunction(database, "f")).contains(new StoredFunction(database, "f", "{\"v\":2}",
                CREATED));

        assertGlueError(() -> catalog().updateFunction(database, "f", "taken", "{\"v\":3}"),
                GlueErrorCode.ALREADY_EXISTS);
        assertThat(catalog().getFunction(database, "f").orElseThrow().document()).isEqualTo("{\"v\":2}");
        assertThat(catalog().getFunction(database, "taken").orElseThrow().document()).isEqualTo("{}");

        assertThat(catalog().updateFunction(database, "f", "g", "{\"v\":3}")).isTrue();
        assertThat(catalog().getFunction(database, "f")).isEmpty();
        assertThat(catalog().getFunction(database, "g")).contains(new StoredFunction(database, "g", "{\"v\":3}",
                CREATED));
        assertThat(catalog().updateFunction(database, "f", "h", "{}")).isFalse();
        assertThat(catalog().getFunction(database, "h")).isEmpty();
        assertGlueError(() -> catalog().updateFunction(unique("missing"), "f", "f", "{}"),
                GlueErrorCode.ENTITY_NOT_FOUND);
    }

    @Test
    void deletesAFunction() {
        String database = newDatabase();
        catalog().createFunction(database, "f", "{}", CREATED);
        catalog().createFunction(database, "g", "{}", CREATED);

        assertThat(catalog().deleteFunction(database, "f")).isTrue();
        assertThat(catalog().deleteFunction(database, "f")).isFalse();
        assertThat(catalog().getFunction(database, "f")).isEmpty();
        assertThat(catalog().getFunction(database, "g")).isPresent();
        assertGlueError(() -> catalog().deleteFunction(unique("missing"), "g"), GlueErrorCode.ENTITY_NOT_FOUND);
        catalog().createFunction(database, "f", "{}", UPDATED); // the name is free again
    }

    // ---------------------------------------------------------------- tags

    @Test
    void tagsUntagsAndReplacesAKeysValue() {
        String arn = tableArn(unique("db"), "t");
        assertThat(catalog().getTags(arn)).isEmpty();

        catalog().tagResource(arn, Map.of("a", "1", "b", "2"));
        catalog().tagResource(arn, Map.of("b", "3", "c", "4"));
        assertThat(catalog().getTags(arn)).isEqualTo(Map.of("a", "1", "b", "3", "c", "4"));

        catalog().untagResource(arn, List.of("a", "missing"));
        assertThat(catalog().getTags(arn)).isEqualTo(Map.of("b", "3", "c", "4"));
        catalog().tagResource(arn, Map.of());
        assertThat(catalog().getTags(arn)).isEqualTo(Map.of("b", "3", "c", "4"));
        // another resource's tags are its own, even one whose ARN extends this one
        assertThat(catalog().getTags(arn + "x")).isEmpty();
    }

    @Test
    void aResourceHasAtMostFiftyTags() {
        String arn = databaseArn(unique("db"));
        Map<String, String> fifty = new LinkedHashMap<>();
        for (int n = 0; n < 50; n++) {
            fifty.put("k" + n, "v" + n);
        }
        catalog().tagResource(arn, fifty);
        // replacing a key's value adds no tag
        catalog().tagResource(arn, Map.of("k0", "changed"));
        Map<String, String> expected = new HashMap<>(fifty);
        expected.put("k0", "changed");
        assertThat(catalog().getTags(arn)).isEqualTo(expected);

        assertGlueError(() -> catalog().tagResource(arn, Map.of("k1", "changed", "k50", "v50")),
                GlueErrorCode.INVALID_INPUT).hasMessageContaining("50");
        assertThat(catalog().getTags(arn)).as("nothing of the refused call is written").isEqualTo(expected);

        String fresh = databaseArn(unique("db"));
        Map<String, String> fiftyOne = new HashMap<>(fifty);
        fiftyOne.put("k50", "v50");
        assertGlueError(() -> catalog().tagResource(fresh, fiftyOne), GlueErrorCode.INVALID_INPUT);
        assertThat(catalog().getTags(fresh)).isEmpty();
        // a database created with too many tags is not created
        String refused = unique("db");
        assertGlueError(() -> catalog().createDatabase(refused, "{}", CREATED, databaseArn(refused), fiftyOne),
                GlueErrorCode.INVALID_INPUT);
        assertThat(catalog().getDatabase(refused)).isEmpty();
        assertThat(catalog().getTags(databaseArn(refused))).isEmpty();
    }
}

package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/** TagResource, UntagResource and GetTags on database and table ARNs. */
abstract class TagContract extends ContractGroup {
    TagContract(TestServer server, GlueClient glue) {
        super(server, glue);
    }

    @Test
    void tagsAreAddedOverwrittenAndRemovedByKey() {
        String arn = databaseArn(newDatabase());

        glue.tagResource(r -> r.resourceArn(arn).tagsToAdd(Map.of("team", "data", "env", "dev")));
        glue.tagResource(r -> r.resourceArn(arn).tagsToAdd(Map.of("env", "prod", "cost", "42")));
        assertThat(tags(arn)).containsExactlyInAnyOrderEntriesOf(Map.of("team", "data", "env", "prod", "cost", "42"));

        glue.untagResource(r -> r.resourceArn(arn).tagsToRemove("team", "absent"));
        assertThat(tags(arn)).containsExactlyInAnyOrderEntriesOf(Map.of("env", "prod", "cost", "42"));
    }

    @Test
    void tablesAreTaggedByTheirOwnArn() {
        String db = newDatabase();
        String table = newTable(db);
        String tableArn = ARN_PREFIX + "table/" + db + "/" + table;

        glue.tagResource(r -> r.resourceArn(tableArn).tagsToAdd(Map.of("tier", "gold")));

        assertThat(tags(tableArn)).containsExactlyEntriesOf(Map.of("tier", "gold"));
        assertThat(tags(databaseArn(db))).isEmpty();
    }

    @Test
    void aMissingResourceIsNotFound() {
        String db = newDatabase();
        for (String arn : new String[] {databaseArn(unique("nodb")), ARN_PREFIX + "table/" + db + "/nope",
                ARN_PREFIX + "table/" + unique("nodb") + "/t", ARN_PREFIX + "crawler/nope"}) {
            EntityNotFoundException error = expectError(EntityNotFoundException.class,
                    () -> glue.tagResource(r -> r.resourceArn(arn).tagsToAdd(Map.of("k", "v"))));
            assertThat(message(error)).contains(arn);
            expectError(EntityNotFoundException.class, () -> glue.getTags(r -> r.resourceArn(arn)));
            expectError(EntityNotFoundException.class, () -> glue.untagResource(r -> r.resourceArn(arn)
                    .tagsToRemove("k")));
        }
    }

    @Test
    void anArnOfAnotherCatalogOrServiceIsInvalid() {
        String db = newDatabase();

        InvalidInputException otherAccount = expectError(InvalidInputException.class, () -> glue.getTags(r -> r
                .resourceArn("arn:aws:glue:us-east-1:123456789012:database/" + db)));
        assertThat(message(otherAccount)).contains("123456789012");
        InvalidInputException otherService = expectError(InvalidInputException.class, () -> glue.getTags(r -> r
                .resourceArn("arn:aws:s3:::bucket")));
        assertThat(message(otherService)).contains("'resourceArn'", "regular expression pattern");
    }

    @Test
    void tagsGoWithTheirTable() {
        String db = newDatabase();
        String table = newTable(db);
        String tableArn = ARN_PREFIX + "table/" + db + "/" + table;
        glue.tagResource(r -> r.resourceArn(tableArn).tagsToAdd(Map.of("tier", "gold")));

        glue.deleteTable(r -> r.databaseName(db).name(table));

        expectError(EntityNotFoundException.class, () -> glue.getTags(r -> r.resourceArn(tableArn)));
        glue.createTable(r -> r.databaseName(db).tableInput(tableInput(table)));
        assertThat(tags(tableArn)).isEmpty();
    }

    @Test
    void userDefinedFunctionsAreNotTaggable() {
        // Glue tags databases and tables (and jobs, crawlers, …) but not functions.
        String db = newDatabase();
        glue.createUserDefinedFunction(r -> r.databaseName(db).functionInput(f -> f.functionName("f")
                .className("com.example.F")));
        String functionArn = ARN_PREFIX + "userDefinedFunction/" + db + "/f";

        expectError(EntityNotFoundException.class, () -> glue.tagResource(r -> r.resourceArn(functionArn)
                .tagsToAdd(Map.of("owner", "me"))));
    }

    @Test
    void arnsNameResourcesCaseInsensitivelyAsTheirNamesDo() {
        String db = newDatabase();
        String table = newTable(db);
        String mixedCaseArn = ARN_PREFIX + "table/" + db.toUpperCase() + "/" + table.toUpperCase();
        String arn = ARN_PREFIX + "table/" + db + "/" + table;

        glue.tagResource(r -> r.resourceArn(mixedCaseArn).tagsToAdd(Map.of("tier", "gold")));

        assertThat(tags(arn)).containsExactlyEntriesOf(Map.of("tier", "gold"));
        glue.deleteDatabase(r -> r.name(db));
        glue.createDatabase(r -> r.databaseInput(d -> d.name(db)));
        glue.createTable(r -> r.databaseName(db).tableInput(tableInput(table)));
        assertThat(tags(mixedCaseArn)).isEmpty();
    }

    @Test
    void tagsAndArnsCannotHoldTheNulCharacter() {
        String arn = databaseArn(newDatabase());

        assertThat(message(expectError(InvalidInputException.class, () -> glue.tagResource(r -> r.resourceArn(arn)
                .tagsToAdd(Map.of("k", "nul\u0000value")))))).contains("U+0000");
        assertThat(message(expectError(InvalidInputException.class, () -> glue.tagResource(r -> r.resourceArn(arn)
                .tagsToAdd(Map.of("nul\u0000key", "v")))))).contains("U+0000");
        assertThat(message(expectError(InvalidInputException.class, () -> glue.getTags(r -> r
                .resourceArn(arn + "\u0000"))))).contains("U+0000");
        assertThat(tags(arn)).isEmpty();
    }

    /**
     * Found by ProtocolFuzzTest: tags given to a create call, or as a ListJobs/ListCrawlers filter, reached
     * PostgreSQL with U+0000 in them, which it refuses, and the call failed with a 500.
     */
    @Test
    void tagsGivenAtCreationOrAsAFilterCannotHoldTheNulCharacterEither() {
        Map<String, String> nulValue = Map.of("k", "nul\u0000value");
        Map<String, String> nulKey = Map.of("nul\u0000key", "v");
        for (Map<String, String> tags : java.util.List.of(nulValue, nulKey)) {
            String name = unique("nul");
            assertThat(message(expectError(InvalidInputException.class, () -> glue.createDatabase(r -> r
                    .databaseInput(d -> d.name(name)).tags(tags))))).contains("U+0000", "Tags");
            assertThat(message(expectError(InvalidInputException.class, () -> glue.createJob(r -> r.name(name)
                    .role("mortar").command(c -> c.name("glueetl").scriptLocation("s3://b/job.py")).tags(tags)))))
                    .contains("U+0000", "Tags");
            assertThat(message(expectError(InvalidInputException.class, () -> glue.createCrawler(r -> r.name(name)
                    .role("mortar").databaseName("db").targets(t -> t.s3Targets(s -> s.path("s3://b/p")))
                    .tags(tags))))).contains("U+0000", "Tags");
            assertThat(message(expectError(InvalidInputException.class, () -> glue.createConnection(r -> r
                    .connectionInput(c -> c.name(name).connectionType("JDBC").connectionPropertiesWithStrings(Map.of(
                            "JDBC_CONNECTION_URL", "jdbc:postgresql://127.0.0.1:1/x", "USERNAME", "u",
                            "PASSWORD", "p"))).tags(tags))))).contains("U+0000", "Tags");
            assertThat(message(expectError(InvalidInputException.class, () -> glue.listJobs(r -> r.tags(tags)))))
                    .contains("U+0000", "Tags");
            assertThat(message(expectError(InvalidInputException.class, () -> glue.listCrawlers(r -> r.tags(tags)))))
                    .contains("U+0000", "Tags");
            expectError(EntityNotFoundException.class, () -> glue.getDatabase(r -> r.name(name)));
            expectError(EntityNotFoundException.class, () -> glue.getJob(r -> r.jobName(name)));
        }
    }

    @Test
    void aResourceHasAtMostFiftyTags() {
        String arn = databaseArn(newDatabase());
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        glue.tagResource(r -> r.resourceArn(arn).tagsToAdd(fifty));

        InvalidInputException error = expectError(InvalidInputException.class,
                () -> glue.tagResource(r -> r.resourceArn(arn).tagsToAdd(Map.of("one", "more"))));

        assertThat(message(error)).contains("50 tags");
        assertThat(tags(arn)).hasSize(50).doesNotContainKey("one");
        Map<String, String> fiftyOne = new HashMap<>(fifty);
        fiftyOne.put("k50", "v");
        assertThat(message(expectError(InvalidInputException.class, () -> glue.tagResource(r -> r.resourceArn(arn)
                .tagsToAdd(fiftyOne))))).contains("'tagsToAdd'", "less than or equal to 50");
    }

    static String databaseArn(String db) {
        return ARN_PREFIX + "database/" + db;
    }

    Map<String, String> tags(String arn) {
        return glue.getTags(r -> r.resourceArn(arn)).tags();
    }
}

package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchDeleteTableVersionResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetTableVersionsResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.TableVersion;
import software.amazon.awssdk.services.glue.model.TableVersionError;

/** Table versions: UpdateTable's archive, GetTableVersions, GetTableVersion, (Batch)DeleteTableVersion. */
abstract class TableVersionContract extends ContractGroup {
    TableVersionContract(TestServer server, GlueClient glue) {
        super(server, glue);
    }

    @Test
    void everyArchivedUpdateIsAVersionInOrder() {
        String db = newDatabase();
        String name = tableWithDescriptions(db, "v0", "v1", "v2", "v3");

        List<TableVersion> versions = allVersions(db, name);

        assertThat(versions).extracting(TableVersion::versionId).containsExactly("0", "1", "2", "3");
        assertThat(versions).extracting(v -> v.table().description()).containsExactly("v0", "v1", "v2", "v3");
        assertThat(versions).allSatisfy(v -> assertThat(v.table().versionId()).isEqualTo(v.versionId()));
        assertThat(glue.getTable(r -> r.databaseName(db).name(name)).table().versionId()).isEqualTo("3");
    }

    @Test
    void getTableVersionsPagesWithoutLosingOrRepeatingVersions() {
        String db = newDatabase();
        String name = tableWithDescriptions(db, "a", "b", "c", "d", "e", "f", "g");

        List<String> paged = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            GetTableVersionsResponse page = glue.getTableVersions(r -> r.databaseName(db).tableName(name)
                    .maxResults(3).nextToken(current));
            assertThat(page.tableVersions()).hasSizeLessThanOrEqualTo(3);
            page.tableVersions().forEach(v -> paged.add(v.versionId()));
            token = page.nextToken();
        } while (token != null);

        assertThat(paged).containsExactly("0", "1", "2", "3", "4", "5", "6");
    }

    @Test
    void skipArchiveReplacesTheDefinitionWithoutKeepingTheOldOne() {
        String db = newDatabase();
        String name = tableWithDescriptions(db, "v0", "v1");

        glue.updateTable(r -> r.databaseName(db).skipArchive(true)
                .tableInput(tableInput(name).toBuilder().description("v2").build()));

        // The version id still advances, so a VersionId check keeps working for writers that skip the archive.
        assertThat(glue.getTable(r -> r.databaseName(db).name(name)).table().versionId()).isEqualTo("2");
        assertThat(allVersions(db, name)).extracting(TableVersion::versionId).containsExactly("0", "2");
        expectError(EntityNotFoundException.class,
                () -> glue.getTableVersion(r -> r.databaseName(db).tableName(name).versionId("1")));
    }

    @Test
    void getTableVersionWithoutAVersionIdIsTheCurrentDefinition() {
        String db = newDatabase();
        String name = tableWithDescriptions(db, "v0", "v1", "v2");

        TableVersion current = glue.getTableVersion(r -> r.databaseName(db).tableName(name)).tableVersion();
        TableVersion first = glue.getTableVersion(r -> r.databaseName(db).tableName(name).versionId("0"))
                .tableVersion();

        assertThat(current.versionId()).isEqualTo("2");
        assertThat(current.table().description()).isEqualTo("v2");
        assertThat(first.versionId()).isEqualTo("0");
        assertThat(first.table().description()).isEqualTo("v0");
        assertThat(first.table().name()).isEqualTo(name);
        assertThat(first.table().databaseName()).isEqualTo(db);
    }

    @Test
    void aMissingOrMalformedVersionIsReportedAsSuch() {
        String db = newDatabase();
        String name = tableWithDescriptions(db, "v0");

        EntityNotFoundException missing = expectError(EntityNotFoundException.class,
                () -> glue.getTableVersion(r -> r.databaseName(db).tableName(name).versionId("42")));
        assertThat(message(missing)).contains("42", name);

        InvalidInputException malformed = expectError(InvalidInputException.class,
                () -> glue.getTableVersion(r -> r.databaseName(db).tableName(name).versionId("v1")));
        assertThat(message(malformed)).contains("VersionId", "v1");

        EntityNotFoundException missingTable = expectError(EntityNotFoundException.class,
                () -> glue.getTableVersions(r -> r.databaseName(db).tableName("nope")));
        assertThat(message(missingTable)).isEqualTo("Table nope not found.");
    }

    @Test
    void deleteTableVersionRemovesAnArchivedVersion() {
        String db = newDatabase();
        String name = tableWithDescriptions(db, "v0", "v1", "v2");

        glue.deleteTableVersion(r -> r.databaseName(db).tableName(name).versionId("1"));

        assertThat(allVersions(db, name)).extracting(TableVersion::versionId).containsExactly("0", "2");
        expectError(EntityNotFoundException.class,
                () -> glue.getTableVersion(r -> r.databaseName(db).tableName(name).versionId("1")));
        EntityNotFoundException again = expectError(EntityNotFoundException.class,
                () -> glue.deleteTableVersion(r -> r.databaseName(db).tableName(name).versionId("1")));
        assertThat(message(again)).contains("1", name);
    }

    @Test
    void theCurrentVersionCannotBeDeleted() {
        String db = newDatabase();
        String name = tableWithDescriptions(db, "v0", "v1");

        InvalidInputException error = expectError(InvalidInputException.class,
                () -> glue.deleteTableVersion(r -> r.databaseName(db).tableName(name).versionId("1")));

        assertThat(message(error)).contains("current version", name);
        assertThat(glue.getTable(r -> r.databaseName(db).name(name)).table().description()).isEqualTo("v1");
    }

    @Test
    void versionIdsAreNeverReusedAfterDeletions() {
        String db = newDatabase();
        String name = tableWithDescriptions(db, "v0", "v1", "v2");
        glue.batchDeleteTableVersion(r -> r.databaseName(db).tableName(name).versionIds("0", "1"));

        glue.updateTable(r -> r.databaseName(db).tableInput(tableInput(name).toBuilder().description("v3").build()));

        assertThat(allVersions(db, name)).extracting(TableVersion::versionId).containsExactly("2", "3");
    }

    @Test
    void batchDeleteTableVersionReportsEachVersionItCouldNotDelete() {
        String db = newDatabase();
        String name = tableWithDescriptions(db, "v0", "v1", "v2", "v3");

        BatchDeleteTableVersionResponse response = glue.batchDeleteTableVersion(r -> r.databaseName(db)
                .tableName(name).versionIds("0", "17", "2", "3"));

        assertThat(response.errors()).extracting(TableVersionError::versionId).containsExactly("17", "3");
        assertThat(response.errors()).extracting(e -> e.errorDetail().errorCode())
                .containsExactly("EntityNotFoundException", "InvalidInputException");
        assertThat(response.errors()).allSatisfy(e -> assertThat(e.tableName()).isEqualTo(name));
        assertThat(allVersions(db, name)).extracting(TableVersion::versionId).containsExactly("1", "3");
    }

    @Test
    void batchDeleteTableVersionAcceptsAtMostOneHundredVersions() {
        String db = newDatabase();
        String name = tableWithDescriptions(db, "v0");
        List<String> ids = IntStream.range(0, 101).mapToObj(Integer::toString).toList();

        InvalidInputException error = expectError(InvalidInputException.class,
                () -> glue.batchDeleteTableVersion(r -> r.databaseName(db).tableName(name).versionIds(ids)));

        assertThat(message(error)).contains("'versionIds'", "Member must have length less than or equal to 100");
    }

    /** A table whose successive archived definitions carry the given descriptions; the last is current. */
    String tableWithDescriptions(String db, String... descriptions) {
        String name = unique("tbl");
        glue.createTable(r -> r.databaseName(db).tableInput(tableInput(name).toBuilder()
                .description(descriptions[0]).build()));
        for (int i = 1; i < descriptions.length; i++) {
            String description = descriptions[i];
            glue.updateTable(r -> r.databaseName(db).tableInput(tableInput(name).toBuilder()
                    .description(description).build()));
        }
        return name;
    }

    List<TableVersion> allVersions(String db, String name) {
        List<TableVersion> all = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            GetTableVersionsResponse page = glue.getTableVersions(r -> r.databaseName(db).tableName(name)
                    .nextToken(current));
            all.addAll(page.tableVersions());
            token = page.nextToken();
        } while (token != null);
        return all;
    }
}

package io.mortar.store.jdbc.contract;

import static io.mortar.store.jdbc.contract.FixedTimes.T0;
import static io.mortar.store.jdbc.contract.FixedTimes.at;
import static io.mortar.store.jdbc.contract.GlueErrors.assertGlueError;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.connections.ConnectionStore;
import io.mortar.store.connections.StoredConnection;
import io.mortar.store.jdbc.testing.StoreContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract of {@link ConnectionStore}: connections, their tags through renames, and the catalog's settings. */
class ConnectionStoreContractTest extends StoreContract {
    private static final String ARN_PREFIX = "arn:aws:glue:us-east-1:123456789012:connection/";
    private static final String SECRETS = "{\"PASSWORD\":\"c2VhbGVk\"}";

    private ConnectionStore connections() {
        return stores().connections();
    }

    private static String arn(String connection) {
        return ARN_PREFIX + connection;
    }

    private static StoredConnection connection(String name, String type) {
        return new StoredConnection(name, type, "{\"ConnectionProperties\":{\"JDBC_CONNECTION_URL\":\"jdbc:x\"}}",
                SECRETS, T0, T0);
    }

    private StoredConnection create(String name, String type, Map<String, String> tags) {
        StoredConnection connection = connection(name, type);
        connections().create(connection, arn(name), tags);
        return connection;
    }

    private StoredConnection create(Map<String, String> tags) {
        return create(unique("conn"), "JDBC", tags);
    }

    /** The connection under a new name (or the same), with a new document and times. */
    private static StoredConnection replacement(StoredConnection current, String name) {
        return new StoredConnection(name, "KAFKA", "{\"replaced\":true}", null, current.createTime(), at(60));
    }

    private Map<String, String> tags(String connection) {
        return stores().catalog().getTags(arn(connection));
    }

    @Test
    void aCreatedConnectionReadsBackWithItsTags() {
        StoredConnection withSecrets = create(Map.of("team", "data"));
        StoredConnection without = new StoredConnection(unique("conn"), "NETWORK", "{}", null, T0, at(1));
        connections().create(without, arn(without.name()), Map.of());

        assertThat(connections().get(withSecrets.name())).contains(withSecrets);
        assertThat(connections().get(without.name())).contains(without);
        assertThat(tags(withSecrets.name())).isEqualTo(Map.of("team", "data"));
        assertThat(connections().get(unique("conn"))).isEmpty();
    }

    @Test
    void creatingATakenNameFailsAndChangesNothing() {
        StoredConnection first = create(Map.of("team", "data"));
        StoredConnection second = new StoredConnection(first.name(), "KAFKA", "{}", null, at(5), at(5));

        assertGlueError(GlueErrorCode.ALREADY_EXISTS,
                () -> connections().create(second, arn(first.name()), Map.of("team", "intruder")));

        assertThat(connections().get(first.name())).contains(first);
        assertThat(tags(first.name())).isEqualTo(Map.of("team", "data"));
    }

    @Test
    void aNewConnectionHasExactlyItsOwnTagsWhateverWasLeftUnderItsArn() {
        String name = unique("conn");
        stores().catalog().tagResource(arn(name), Map.of("stray", "left behind"));

        create(name, "JDBC", Map.of("team", "new"));

        assertThat(tags(name)).isEqualTo(Map.of("team", "new"));
    }

    @Test
    void connectionsListInNameOrderOfOneTypeAPageAtATime() {
        // types of this test's own, so that no other test's connection shows in the typed listings
        String jdbc = unique("JDBC");
        String kafka = unique("KAFKA");
        String prefix = unique("list") + "_";
        for (String suffix : List.of("e", "b", "d", "a", "c")) {
            create(prefix + suffix, jdbc, Map.of());
        }
        for (String suffix : List.of("ab", "cd", "f")) {
            create(prefix + suffix, kafka, Map.of());
        }

        Page<StoredConnection> first = connections().listConnections(jdbc, null, 2);
        assertThat(first.items()).extracting(StoredConnection::name).containsExactly(prefix + "a", prefix + "b");
        assertThat(first.nextCursor()).isEqualTo(prefix + "b");
        Page<StoredConnection> second = connections().listConnections(jdbc, first.nextCursor(), 2);
        assertThat(second.items()).extracting(StoredConnection::name).containsExactly(prefix + "c", prefix + "d");
        Page<StoredConnection> last = connections().listConnections(jdbc, second.nextCursor(), 2);
        assertThat(last.items()).containsExactly(connection(prefix + "e", jdbc));
        assertThat(last.nextCursor()).isNull();
        assertThat(connections().listConnections(kafka, null, 3).nextCursor()).as("no cursor to an empty page")
                .isNull();

        List<String> everyType = new ArrayList<>();
        Page<StoredConnection> page = connections().listConnections(null, prefix, 4);
        page.items().forEach(c -> everyType.add(c.name()));
        connections().listConnections(null, page.nextCursor(), 4).items().forEach(c -> everyType.add(c.name()));
        assertThat(everyType).containsExactly(prefix + "a", prefix + "ab", prefix + "b", prefix + "c", prefix + "cd",
                prefix + "d", prefix + "e", prefix + "f");
    }

    @Test
    void replacingUnderTheSameNameStoresTheReplacementAndKeepsTheTags() {
        StoredConnection current = create(Map.of("team", "data"));
        StoredConnection next = replacement(current, current.name());

        assertThat(connections().replace(current.name(), next, arn(current.name()), arn(current.name()))).isTrue();

        assertThat(connections().get(current.name())).contains(next);
        assertThat(tags(current.name())).isEqualTo(Map.of("team", "data"));
    }

    @Test
    void aRenameMovesTheConnectionAndItsTagsDroppingAnyLeftUnderTheNewName() {
        StoredConnection current = create(Map.of("team", "data"));
        String newName = unique("renamed");
        stores().catalog().tagResource(arn(newName), Map.of("stray", "left behind"));
        StoredConnection renamed = replacement(current, newName);

        assertThat(connections().replace(current.name(), renamed, arn(current.name()), arn(newName))).isTrue();

        assertThat(connections().get(current.name())).isEmpty();
        assertThat(connections().get(newName)).contains(renamed);
        assertThat(tags(newName)).isEqualTo(Map.of("team", "data"));
        assertThat(tags(current.name())).isEmpty();
        create(current.name(), "JDBC", Map.of()); // the old name is free
    }

    @Test
    void replacingAMissingConnectionIsFalseAndCreatesNothing() {
        String name = unique("conn");
        String newName = unique("conn");
        StoredConnection replacement = new StoredConnection(newName, "JDBC", "{}", null, T0, T0);

        assertThat(connections().replace(name, replacement, arn(name), arn(newName))).isFalse();

        assertThat(connections().get(name)).isEmpty();
        assertThat(connections().get(newName)).isEmpty();
    }

    @Test
    void aRenameOntoATakenNameFailsAndChangesNothing() {
        StoredConnection renamed = create(Map.of("team", "a"));
        StoredConnection taken = create(Map.of("team", "b"));

        assertGlueError(GlueErrorCode.ALREADY_EXISTS, () -> connections().replace(renamed.name(),
                replacement(renamed, taken.name()), arn(renamed.name()), arn(taken.name())));

        assertThat(connections().get(renamed.name())).contains(renamed);
        assertThat(connections().get(taken.name())).contains(taken);
        assertThat(tags(renamed.name())).isEqualTo(Map.of("team", "a"));
        assertThat(tags(taken.name())).isEqualTo(Map.of("team", "b"));
    }

    @Test
    void twoSimultaneousRenamesOntoOneNameLetOnlyOneThrough() {
        for (int round = 0; round < 10; round++) {
            String nameA = unique("conn");
            String nameB = unique("conn");
            StoredConnection a = create(nameA, "JDBC", Map.of("from", nameA));
            StoredConnection b = create(nameB, "JDBC", Map.of("from", nameB));
            String target = unique("target");

            List<Race.Outcome<Boolean>> outcomes = Race.run(
                    () -> connections().replace(nameA, replacement(a, target), arn(nameA), arn(target)),
                    () -> connections().replace(nameB, replacement(b, target), arn(nameB), arn(target)));

            assertThat(outcomes).as("round %d", round).filteredOn(Race.Outcome::succeeded).singleElement()
                    .extracting(Race.Outcome::value).isEqualTo(true);
            assertThat(outcomes).as("round %d", round).filteredOn(o -> !o.succeeded()).singleElement()
                    .satisfies(o -> assertThat(o.failure()).isInstanceOfSatisfying(GlueException.class,
                            e -> assertThat(e.code()).isEqualTo(GlueErrorCode.ALREADY_EXISTS)));
            StoredConnection winner = outcomes.get(0).succeeded() ? a : b;
            StoredConnection loser = winner == a ? b : a;
            assertThat(connections().get(target)).contains(replacement(winner, target));
            assertThat(connections().get(winner.name())).isEmpty();
            assertThat(connections().get(loser.name())).contains(loser);
            assertThat(tags(target)).isEqualTo(Map.of("from", winner.name()));
            assertThat(tags(winner.name())).isEmpty();
            assertThat(tags(loser.name())).isEqualTo(Map.of("from", loser.name()));
        }
    }

    @Test
    void deletingAConnectionTakesItsTagsWithIt() {
        StoredConnection connection = create(Map.of("team", "data"));
        StoredConnection other = create(Map.of("team", "data"));

        assertThat(connections().delete(connection.name(), arn(connection.name()))).isTrue();

        assertThat(connections().get(connection.name())).isEmpty();
        assertThat(tags(connection.name())).isEmpty();
        assertThat(connections().delete(connection.name(), arn(connection.name()))).isFalse();
        assertThat(connections().get(other.name())).contains(other);
        assertThat(tags(other.name())).isEqualTo(Map.of("team", "data"));
    }

    @Test
    void settingsAreKeptByNameAndOverwritten() {
        String encryption = unique("DataCatalogEncryptionSettings");
        String other = unique("OtherSetting");
        assertThat(connections().setting(encryption)).isEmpty();

        connections().putSetting(encryption, "{\"EncryptionAtRest\":{\"CatalogEncryptionMode\":\"DISABLED\"}}");
        connections().putSetting(other, "{\"other\":1}");
        connections().putSetting(encryption, "{\"EncryptionAtRest\":{\"CatalogEncryptionMode\":\"SSE-KMS\"}}");

        assertThat(connections().setting(encryption))
                .contains("{\"EncryptionAtRest\":{\"CatalogEncryptionMode\":\"SSE-KMS\"}}");
        assertThat(connections().setting(other)).contains("{\"other\":1}");
    }
}

package io.mortar.store.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.model.GlueErrorCode;
import io.mortar.store.Page;
import io.mortar.store.catalog.PartitionQuery;
import io.mortar.store.catalog.StoredDatabase;
import io.mortar.store.catalog.StoredTable;
import io.mortar.store.expression.ExpressionBinder;
import io.mortar.store.expression.PartitionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@link io.mortar.store.catalog.CatalogStore}'s databases, tables and table versions. */
class CatalogDatabasesAndTablesContractTest extends CatalogStoreContract {

    // ---------------------------------------------------------------- databases

    @Test
    void createsADatabaseOnceWithItsTags() {
        String name = unique("db");
        catalog().createDatabase(name, document(name, "first"), CREATED, databaseArn(name), Map.of("team", "data"));

        assertThat(catalog().getDatabase(name)).hasValueSatisfying(db -> {
            assertThat(db.name()).isEqualTo(name);
            assertThat(db.document()).isEqualTo(document(name, "first"));
            assertThat(db.createTime()).isEqualTo(CREATED);
        });
        assertThat(catalog().getTags(databaseArn(name))).isEqualTo(Map.of("team", "data"));
        assertGlueError(() -> catalog().createDatabase(name, document(name, "second"), UPDATED, databaseArn(name),
                Map.of("team", "other")), GlueErrorCode.ALREADY_EXISTS);
        // the failed create changed nothing, its tags included
        assertThat(catalog().getDatabase(name).orElseThrow().document()).isEqualTo(document(name, "first"));
        assertThat(catalog().getTags(databaseArn(name))).isEqualTo(Map.of("team", "data"));
        assertThat(catalog().getDatabase(unique("missing"))).isEmpty();
    }

    @Test
    void listsDatabasesInNameOrderPageByPage() {
        List<String> mine = new ArrayList<>();
        String prefix = unique("listdb");
        for (String suffix : List.of("c", "a", "e", "b", "d")) {
            String name = prefix + "_" + suffix;
            catalog().createDatabase(name, document(name, ""), CREATED, databaseArn(name), null);
            mine.add(name);
        }

        // The store holds other tests' databases too: walk every page and keep ours.
        List<String> listed = walk(cursor -> catalog().listDatabases(cursor, 2), StoredDatabase::name, 2);
        assertThat(listed).isSorted().doesNotHaveDuplicates();
        assertThat(listed.stream().filter(n -> n.startsWith(prefix + "_")).toList())
                .containsExactly(prefix + "_a", prefix + "_b", prefix + "_c", prefix + "_d", prefix + "_e");
        assertThat(catalog().listDatabases(prefix + "_b", 2).items()).extracting(StoredDatabase::name)
                .containsExactly(prefix + "_c", prefix + "_d");
    }

    @Test
    void updatesADatabaseDocument() {
        String name = newDatabase();

        assertThat(catalog().updateDatabase(name, document(name, "changed"))).isTrue();

        StoredDatabase db = catalog().getDatabase(name).orElseThrow();
        assertThat(db.document()).isEqualTo(document(name, "changed"));
        assertThat(db.createTime()).isEqualTo(CREATED);
        assertThat(catalog().updateDatabase(unique("missing"), "{}")).isFalse();
    }

    @Test
    void deletingADatabaseDeletesEverythingInItAndNothingElse() {
        String name = newDatabase();
        catalog().tagResource(databaseArn(name), Map.of("owner", "me"));
        // A database whose name extends this one's: its tables' ARNs share the prefix up to the '/'.
        String neighbour = name + "x"; // unique() never makes this name
        catalog().createDatabase(neighbour, "{}", CREATED, databaseArn(neighbour), Map.of("owner", "them"));
        StoredTable neighbourTable = newTable(neighbour);
        catalog().tagResource(tableArn(neighbour, neighbourTable.name()), Map.of("owner", "them"));
        catalog().createFunction(neighbour, "f", "{}", CREATED);
        StoredTable table = newTable(name, List.of(index("by_k", List.of("k"), List.of(0)))); // the highest id
        List<PartitionKey> keys = List.of(new PartitionKey("k", "string"));
        catalog().updateTable(name, table.name(), document(table.name(), "version 1"), UPDATED, null, true, t -> keys,
                keys);
        catalog().createPartitions(table.id(), keys, List.of(partition("a")), CREATED);
        long partitionId = catalog().getPartitions(table.id(), List.of(List.of("a"))).get(0).id();
        catalog().putColumnStatistics(table.id(), 0, Map.of("c", "{\"table\":1}"));
        catalog().putColumnStatistics(table.id(), partitionId, Map.of("c", "{\"partition\":1}"));
        catalog().tagResource(tableArn(name, table.name()), Map.of("owner", "me"));
        catalog().createFunction(name, "f", "{}", CREATED);

        assertThat(catalog().deleteDatabase(name, databaseArn(name), tableArnPrefix(name))).isTrue();

        assertThat(catalog().getDatabase(name)).isEmpty();
        assertThat(catalog().getTable(name, table.name())).isEmpty();
        assertThat(catalog().getTableVersion(table.id(), 0)).isEmpty();
        assertThat(catalog().queryPartitions(table.id(), PartitionQuery.ALL, 0, 10).items()).isEmpty();
        assertThat(catalog().getPartitionIndexes(table.id())).isEmpty();
        assertThat(catalog().getColumnStatistics(table.id(), 0, List.of("c"))).isEmpty();
        assertThat(catalog().getColumnStatistics(table.id(), partitionId, List.of("c"))).isEmpty();
        assertThat(catalog().getFunction(name, "f")).isEmpty();
        assertThat(catalog().getTags(databaseArn(name))).isEmpty();
        assertThat(catalog().getTags(tableArn(name, table.name()))).isEmpty();
        assertThat(catalog().deleteDatabase(name, databaseArn(name), tableArnPrefix(name))).isFalse();

        assertThat(catalog().getTable(neighbour, neighbourTable.name())).isPresent();
        assertThat(catalog().getFunction(neighbour, "f")).isPresent();
        assertThat(catalog().getTags(databaseArn(neighbour))).isEqualTo(Map.of("owner", "them"));
        assertThat(catalog().getTags(tableArn(neighbour, neighbourTable.name()))).isEqualTo(Map.of("owner", "them"));

        // the names are free again, and nothing of the old database comes back with them
        catalog().createDatabase(name, "{}", UPDATED, databaseArn(name), null);
        assertThat(catalog().getTags(databaseArn(name))).isEmpty();
        catalog().createFunction(name, "f", "{}", UPDATED);
        assertNothingLeftOf(name, table.name(), partitionId);
    }

    // ---------------------------------------------------------------- tables

    @Test
    void createsATableWithItsPartitionIndexes() {
        String database = newDatabase();
        String name = unique("t");
        catalog().createTable(database, name, document(name, "v0"), CREATED,
                List.of(index("by_year", List.of("year"), List.of(0)),
                        index("by_both", List.of("year", "region"), List.of(0, 1))));

        StoredTable table = catalog().getTable(database, name).orElseThrow();
        assertThat(table.databaseName()).isEqualTo(database);
        assertThat(table.name()).isEqualTo(name);
        assertThat(table.versionId()).isZero();
        assertThat(table.document()).isEqualTo(document(name, "v0"));
        assertThat(table.createTime()).isEqualTo(CREATED);
        assertThat(table.updateTime()).isEqualTo(CREATED);
        assertThat(catalog().getPartitionIndexes(table.id())).containsExactlyInAnyOrder(
                index("by_year", List.of("year"), List.of(0)),
                index("by_both", List.of("year", "region"), List.of(0, 1)));
        assertGlueError(() -> catalog().createTable(database, name, "{}", UPDATED, List.of()),
                GlueErrorCode.ALREADY_EXISTS);
        assertThat(catalog().getTable(database, name).orElseThrow().document()).isEqualTo(document(name, "v0"));
    }

    @Test
    void aTableWhoseIndexFailsIsNotCreated() {
        String database = newDatabase();
        String name = unique("t");
        // the second index fails after the table and the first index were written
        assertGlueError(() -> catalog().createTable(database, name, "{}", CREATED, List.of(
                index("i", List.of("k"), List.of(0)), index("i", List.of("k"), List.of(0)))),
                GlueErrorCode.ALREADY_EXISTS);
        assertThat(catalog().getTable(database, name)).isEmpty();
        assertGlueError(() -> catalog().createTable(database, name, "{}", CREATED, List.of(
                index("i1", List.of("k"), List.of(0)), index("i2", List.of("k"), List.of(0)),
                index("i3", List.of("k"), List.of(0)), index("i4", List.of("k"), List.of(0)))),
                GlueErrorCode.RESOURCE_NUMBER_LIMIT_EXCEEDED);
        assertThat(catalog().getTable(database, name)).isEmpty();

        catalog().createTable(database, name, "{}", CREATED, List.of(index("i", List.of("k"), List.of(0))));
        assertThat(catalog().getPartitionIndexes(catalog().getTable(database, name).orElseThrow().id()))
                .extracting(i -> i.name()).containsExactly("i");
    }

    @Test
    void aTableNeedsItsDatabase() {
        String missing = unique("missing");
        assertGlueError(() -> catalog().createTable(missing, "t", "{}", CREATED, List.of()),
                GlueErrorCode.ENTITY_NOT_FOUND);
        assertGlueError(() -> catalog().listTables(missing, null, 10, n -> true), GlueErrorCode.ENTITY_NOT_FOUND);
        assertThat(catalog().getTable(missing, "t")).isEmpty();
    }

    /** The store filters names a batch of rows at a time: matches beyond the first batch must still be found. */
    @Test
    void listsTablesMatchingAFilterAcrossBatches() {
        String database = newDatabase();
        for (int n = 0; n < 205; n++) {
            catalog().createTable(database, String.format("t%03d", n), "{}", CREATED, List.of());
        }

        Page<StoredTable> first = catalog().listTables(database, null, 2, name -> name.compareTo("t200") > 0);
        assertThat(first.items()).extracting(StoredTable::name).containsExactly("t201", "t202");
        assertThat(first.nextCursor()).isEqualTo("t202");
        Page<StoredTable> second = catalog().listTables(database, first.nextCursor(), 2,
                name -> name.compareTo("t200") > 0);
        assertThat(second.items()).extracting(StoredTable::name).containsExactly("t203", "t204");
        assertThat(second.nextCursor()).isNull();

        List<String> all = walk(cursor -> catalog().listTables(database, cursor, 50, name -> true), StoredTable::name,
                50);
        assertThat(all).hasSize(205).isSorted().startsWith("t000").endsWith("t204");
        assertThat(catalog().listTables(database, null, 10, name -> name.endsWith("7")).items())
                .extracting(StoredTable::name).containsExactly("t007", "t017", "t027", "t037", "t047", "t057",
                        "t067", "t077", "t087", "t097");
        assertThat(catalog().listTables(database, "t204", 10, name -> true).items()).isEmpty();
    }

    @Test
    void listsAllTablesOfAllDatabasesByDatabaseThenName() {
        String first = newDatabase();
        String second = first + "_b"; // sorts after first, and first's tables must all come before it
        catalog().createDatabase(second, "{}", CREATED, databaseArn(second), null);
        for (String table : List.of("z", "a", "m")) {
            catalog().createTable(first, table, "{}", CREATED, List.of());
            catalog().createTable(second, table, "{}", CREATED, List.of());
        }

        // other tests' tables are listed too: walk every page and keep ours
        List<String> listed = walk(cursor -> catalog().listAllTables(cursor, 2),
                t -> t.databaseName() + "." + t.name(), 2);
        assertThat(listed).doesNotHaveDuplicates();
        assertThat(listed.stream().filter(n -> n.startsWith(first + ".") || n.startsWith(second + ".")).toList())
                .containsExactly(first + ".a", first + ".m", first + ".z", second + ".a", second + ".m",
                        second + ".z");
    }

    @Test
    void updatingATableAdvancesItsVersionAndArchivesWhenAsked() {
        StoredTable table = newTable();
        String db = table.databaseName();
        List<PartitionKey> keys = List.of();

        assertThat(catalog().updateTable(db, table.name(), document(table.name(), "version 1"), UPDATED, 0L, true,
                t -> keys, keys)).contains(1L);
        assertThat(catalog().updateTable(db, table.name(), document(table.name(), "version 2"), ACCESSED, null,
                false, t -> keys, keys)).contains(2L);

        StoredTable current = catalog().getTable(db, table.name()).orElseThrow();
        assertThat(current.versionId()).isEqualTo(2);
        assertThat(current.document()).isEqualTo(document(table.name(), "version 2"));
        assertThat(current.createTime()).isEqualTo(CREATED);
        assertThat(current.updateTime()).isEqualTo(ACCESSED);
        // version 0 was archived; version 1 was replaced without archiving
        assertThat(catalog().getTableVersion(table.id(), 0)).hasValueSatisfying(v -> {
            assertThat(v.document()).isEqualTo(document(table.name(), "version 0"));
            assertThat(v.updateTime()).isEqualTo(CREATED);
        });
        assertThat(catalog().getTableVersion(table.id(), 1)).isEmpty();
        assertThat(catalog().getTableVersion(table.id(), 2)).contains(current);

        assertGlueError(() -> catalog().updateTable(db, table.name(), "{}", UPDATED, 1L, true, t -> keys, keys),
                GlueErrorCode.CONCURRENT_MODIFICATION);
        assertThat(catalog().getTable(db, table.name())).contains(current);
        assertThat(catalog().updateTable(db, unique("missing"), "{}", UPDATED, null, true, t -> keys, keys)).isEmpty();
    }

    /**
     * Changing the partition keys' types re-encodes every partition's typed values: afterwards an Expression
     * compares as the new types, and values that no longer fit their type count as uncastable.
     */
    @Test
    void changingPartitionKeysReencodesThePartitions() {
        StoredTable table = newTable();
        List<PartitionKey> asStrings = List.of(new PartitionKey("n", "string"));
        List<PartitionKey> asInts = List.of(new PartitionKey("n", "int"));
        catalog().createPartitions(table.id(), asStrings,
                List.of(partition("9"), partition("10"), partition("100"), partition("x")), CREATED);
        BiFunction<String, List<PartitionKey>, List<String>> query = (expression, keys) ->
                catalog().queryPartitions(table.id(), new PartitionQuery(ExpressionBinder.bind(expression, keys), 0,
                        1), 0, 100).items().stream().map(p -> p.values().get(0)).sorted().toList();
        assertThat(query.apply("n > '9'", asStrings)).containsExactly("x"); // as text, "10" < "9"
        assertThat(catalog().findUncastable(table.id(), List.of(0))).isEmpty();

        catalog().updateTable(table.databaseName(), table.name(), "{}", UPDATED, null, false, t -> asStrings, asInts);
        assertThat(catalog().findUncastable(table.id(), List.of(0))).contains(List.of("x"));
        assertGlueError(() -> query.apply("n > 9", asInts), GlueErrorCode.INVALID_STATE);
        catalog().deletePartitions(table.id(), List.of(List.of("x")));
        assertThat(query.apply("n > 9", asInts)).containsExactly("10", "100");
        assertThat(query.apply("n between 10 and 99", asInts)).containsExactly("10");

        catalog().updateTable(table.databaseName(), table.name(), "{}", UPDATED, null, false, t -> asInts, asStrings);
        assertThat(query.apply("n > '9'", asStrings)).isEmpty();
        assertThat(query.apply("n < '2'", asStrings)).containsExactly("10", "100");
    }

    /**
     * The other way round, with a second key whose type stays: after int → string values compare as text, and after
     * string → int numerically again, with equal numbers ({@code 007} and {@code 7}) equal.
     */
    @Test
    void changingAKeyFromIntToStringAndBackReencodesThePartitions() {
        StoredTable table = newTable();
        List<PartitionKey> asInts = List.of(new PartitionKey("n", "int"), new PartitionKey("s", "string"));
        List<PartitionKey> asStrings = List.of(new PartitionKey("n", "string"), new PartitionKey("s", "string"));
        catalog().createPartitions(table.id(), asInts, List.of(partition("9", "a"), partition("10", "a"),
                partition("100", "b"), partition("007", "b")), CREATED);
        BiFunction<String, List<PartitionKey>, List<String>> query = (expression, keys) ->
                catalog().queryPartitions(table.id(), new PartitionQuery(ExpressionBinder.bind(expression, keys), 0,
                        1), 0, 100).items().stream().map(p -> p.values().get(0)).sorted().toList();
        assertThat(query.apply("n > 9", asInts)).containsExactly("10", "100");
        assertThat(query.apply("n = 7 and s = 'b'", asInts)).containsExactly("007");

        catalog().updateTable(table.databaseName(), table.name(), "{}", UPDATED, null, false, t -> asInts, asStrings);
        assertThat(query.apply("n > '9'", asStrings)).isEmpty(); // as text, every other value sorts before "9"
        assertThat(query.apply("n < '2'", asStrings)).containsExactly("007", "10", "100");
        assertThat(query.apply("n = '7'", asStrings)).isEmpty();
        assertThat(query.apply("s = 'b'", asStrings)).containsExactly("007", "100");

        catalog().updateTable(table.databaseName(), table.name(), "{}", UPDATED, null, false, t -> asStrings, asInts);
        assertThat(query.apply("n > 9", asInts)).containsExactly("10", "100");
        assertThat(query.apply("n between 7 and 9", asInts)).containsExactly("007", "9");
        assertThat(query.apply("n = 7 and s = 'b'", asInts)).containsExactly("007");
    }

    /**
     * The store compares the new keys with those of the definition it replaces, read in its own transaction, not with
     * what the caller last saw: a caller that read the table while its key was an int, and sets it back to int after
     * someone else made it a string, still gets its partitions re-encoded.
     */
    @Test
    void theKeysReplacedAreThoseOfTheStoredDefinition() {
        StoredTable table = newTable();
        List<PartitionKey> asInts = List.of(new PartitionKey("n", "int"));
        List<PartitionKey> asStrings = List.of(new PartitionKey("n", "string"));
        Function<StoredTable, List<PartitionKey>> keysOfDocument = stored ->
                stored.document().contains("string") ? asStrings : asInts;
        catalog().updateTable(table.databaseName(), table.name(), "{\"n\":\"int\"}", UPDATED, null, false,
                keysOfDocument, asInts);
        catalog().createPartitions(table.id(), asInts, List.of(partition("9"), partition("10")), CREATED);
        catalog().updateTable(table.databaseName(), table.name(), "{\"n\":\"string\"}", UPDATED, null, false,
                keysOfDocument, asStrings);
        BiFunction<String, List<PartitionKey>, List<String>> query = (expression, keys) ->
                catalog().queryPartitions(table.id(), new PartitionQuery(ExpressionBinder.bind(expression, keys), 0,
                        1), 0, 100).items().stream().map(p -> p.values().get(0)).sorted().toList();
        assertThat(query.apply("n > '5'", asStrings)).containsExactly("9");

        // the caller saw int keys: what it replaces is the string definition all the same
        catalog().updateTable(table.databaseName(), table.name(), "{\"n\":\"int\"}", UPDATED, null, false,
                keysOfDocument, asInts);
        assertThat(query.apply("n > 5", asInts)).containsExactly("10", "9");
    }

    @Test
    void deletingATableDeletesWhatItOwns() {
        String db = newDatabase();
        StoredTable sibling = newTable(db);
        catalog().tagResource(tableArn(db, sibling.name()), Map.of("k", "v"));
        // created last, so that a store reusing the highest row id gives its id to the table created after it
        StoredTable table = newTable(db, List.of(index("by_k", List.of("k"), List.of(0))));
        List<PartitionKey> keys = List.of(new PartitionKey("k", "string"));
        catalog().updateTable(db, table.name(), "{}", UPDATED, null, true, t -> keys, keys);
        catalog().createPartitions(table.id(), keys, List.of(partition("a")), CREATED);
        long partitionId = catalog().getPartitions(table.id(), List.of(List.of("a"))).get(0).id();
        catalog().putColumnStatistics(table.id(), 0, Map.of("c", "{}"));
        catalog().putColumnStatistics(table.id(), partitionId, Map.of("c", "{}"));
        catalog().tagResource(tableArn(db, table.name()), Map.of("k", "v"));

        assertThat(catalog().deleteTable(db, table.name(), tableArn(db, table.name()))).isTrue();

        assertThat(catalog().getTable(db, table.name())).isEmpty();
        assertThat(catalog().listTableVersions(table.id(), -1, 10).items()).isEmpty();
        assertThat(catalog().getPartitions(table.id(), List.of(List.of("a")))).isEmpty();
        assertThat(catalog().getPartitionIndexes(table.id())).isEmpty();
        assertThat(catalog().getColumnStatistics(table.id(), 0, List.of("c"))).isEmpty();
        assertThat(catalog().getColumnStatistics(table.id(), partitionId, List.of("c"))).isEmpty();
        assertThat(catalog().getTags(tableArn(db, table.name()))).isEmpty();
        assertThat(catalog().deleteTable(db, table.name(), tableArn(db, table.name()))).isFalse();
        assertThat(catalog().getTable(db, sibling.name())).isPresent();
        assertThat(catalog().getTags(tableArn(db, sibling.name()))).isEqualTo(Map.of("k", "v"));

        assertNothingLeftOf(db, table.name(), partitionId);
    }

    /**
     * Creates a table in a deleted one's place and checks that it starts empty. A store that reuses row ids (SQLite
     * does, for the highest) gives it the deleted table's id, so rows left behind by the delete would show here.
     */
    private void assertNothingLeftOf(String database, String table, long partitionId) {
        catalog().createTable(database, table, "{}", UPDATED, List.of());
        StoredTable again = catalog().getTable(database, table).orElseThrow();
        assertThat(again.versionId()).isZero();
        assertThat(catalog().listTableVersions(again.id(), -1, 10).items()).extracting(StoredTable::versionId)
                .containsExactly(0L);
        assertThat(catalog().queryPartitions(again.id(), PartitionQuery.ALL, 0, 10).items()).isEmpty();
        assertThat(catalog().getPartitionIndexes(again.id())).isEmpty();
        assertThat(catalog().getColumnStatistics(again.id(), 0, List.of("c"))).isEmpty();
        assertThat(catalog().getColumnStatistics(again.id(), partitionId, List.of("c"))).isEmpty();
        assertThat(catalog().getTags(tableArn(database, table))).isEmpty();
        // its partition index names are free again too
        catalog().createPartitionIndex(again.id(), index("by_k", List.of("k"), List.of(0)));
    }

    // ---------------------------------------------------------------- table versions

    @Test
    void listsArchivedVersionsThenTheCurrentDefinition() {
        StoredTable table = newTable();
        for (int version = 1; version <= 3; version++) {
            catalog().updateTable(table.databaseName(), table.name(), document(table.name(), "version " + version),
                    UPDATED, null, true, t -> List.of(), List.of());
        }

        Page<StoredTable> all = catalog().listTableVersions(table.id(), -1, 10);
        assertThat(all.items()).extracting(StoredTable::versionId).containsExactly(0L, 1L, 2L, 3L);
        assertThat(all.items()).extracting(StoredTable::document).containsExactly(document(table.name(), "version 0"),
                document(table.name(), "version 1"), document(table.name(), "version 2"),
                document(table.name(), "version 3"));
        assertThat(all.nextCursor()).isNull();
        assertThat(all.items().get(3)).isEqualTo(catalog().getTable(table.databaseName(), table.name()).orElseThrow());
        for (int limit = 1; limit <= 4; limit++) {
            int pageSize = limit;
            assertThat(walk(cursor -> catalog().listTableVersions(table.id(),
                    cursor == null ? -1 : Long.parseLong(cursor), pageSize), t -> t.versionId(), pageSize))
                    .as("versions listed %d at a time", limit).containsExactly(0L, 1L, 2L, 3L);
        }

        assertThat(catalog().getTableVersion(table.id(), 1)).hasValueSatisfying(v ->
                assertThat(v.document()).isEqualTo(document(table.name(), "version 1")));
        assertThat(catalog().deleteTableVersion(table.id(), 1)).isTrue();
        assertThat(catalog().deleteTableVersion(table.id(), 1)).isFalse();
        assertThat(catalog().getTableVersion(table.id(), 1)).isEmpty();
        assertThat(catalog().getTableVersion(table.id(), 4)).isEmpty();
        assertThat(catalog().listTableVersions(table.id(), 0, 10).items()).extracting(StoredTable::versionId)
                .containsExactly(2L, 3L);
    }
}

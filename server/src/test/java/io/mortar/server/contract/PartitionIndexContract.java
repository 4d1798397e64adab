package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.mortar.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.KeySchemaElement;
import software.amazon.awssdk.services.glue.model.PartitionIndex;
import software.amazon.awssdk.services.glue.model.PartitionIndexDescriptor;
import software.amazon.awssdk.services.glue.model.ResourceNumberLimitExceededException;

/** CreatePartitionIndex, GetPartitionIndexes, DeletePartitionIndex, and indexes given to CreateTable. */
abstract class PartitionIndexContract extends ContractGroup {
    PartitionIndexContract(TestServer server, GlueClient glue) {
        super(server, glue);
    }

    String[] keyedTable() {
        String db = newDatabase();
        String table = newTable(db, column("year", "int"), column("region", "string"), column("day", "date"),
                column("score", "double"));
        return new String[] {db, table};
    }

    @Test
    void aCreatedIndexIsListedActiveWithItsKeysAndTypes() {
        String[] t = keyedTable();

        createIndex(t, "by_region", "region");
        createIndex(t, "by_year_region", "year", "REGION");

        List<PartitionIndexDescriptor> indexes = indexes(t);
        assertThat(indexes).extracting(PartitionIndexDescriptor::indexName)
                .containsExactlyInAnyOrder("by_region", "by_year_region");
        PartitionIndexDescriptor both = indexes.stream().filter(i -> i.indexName().equals("by_year_region"))
                .findFirst().orElseThrow();
        assertThat(both.keys()).extracting(KeySchemaElement::name, KeySchemaElement::type)
                .containsExactly(tuple("year", "int"),
                        tuple("region", "string"));
        assertThat(indexes).allSatisfy(i -> assertThat(i.indexStatusAsString()).isEqualTo("ACTIVE"));
    }

    @Test
    void aTableHasAtMostThreeIndexes() {
        String[] t = keyedTable();
        createIndex(t, "i1", "year");
        createIndex(t, "i2", "region");
        createIndex(t, "i3", "day");

        ResourceNumberLimitExceededException error = expectError(ResourceNumberLimitExceededException.class,
                () -> createIndex(t, "i4", "year", "region"));

        assertThat(message(error)).contains("3 partition indexes");
        assertThat(indexes(t)).hasSize(3);
    }

    @Test
    void createTableTakesUpToThreeIndexes() {
        String db = newDatabase();
        String name = unique("tbl");
        glue.createTable(r -> r.databaseName(db).tableInput(tableInput(name, column("year", "int"),
                column("region", "string"))).partitionIndexes(index("by_year", "year"), index("by_region", "region")));

        assertThat(indexes(new String[] {db, name})).extracting(PartitionIndexDescriptor::indexName)
                .containsExactlyInAnyOrder("by_year", "by_region");

        String other = unique("tbl");
        ResourceNumberLimitExceededException error = expectError(ResourceNumberLimitExceededException.class,
                () -> glue.createTable(r -> r.databaseName(db).tableInput(tableInput(other, column("year", "int")))
                        .partitionIndexes(index("a", "year"), index("b", "year"), index("c", "year"),
                                index("d", "year"))));
        assertThat(message(error)).contains("3 partition indexes");
        expectError(EntityNotFoundException.class, () -> glue.getTable(r -> r.databaseName(db).name(other)));
    }

    @Test
    void indexKeysMustBePartitionKeysOfAnIndexableType() {
        String[] t = keyedTable();

        assertThat(message(expectError(InvalidInputException.class, () -> createIndex(t, "bad", "id"))))
                .contains("bad", "id", "not a partition key");
        assertThat(message(expectError(InvalidInputException.class, () -> createIndex(t, "bad", "score"))))
                .contains("score", "double");
        assertThat(message(expectError(InvalidInputException.class, () -> createIndex(t, "bad", "year", "year"))))
                .contains("year", "twice");
        assertThat(indexes(t)).isEmpty();
    }

    @Test
    void indexNamesAreUniquePerTable() {
        String[] t = keyedTable();
        createIndex(t, "by_year", "year");

        AlreadyExistsException error = expectError(AlreadyExistsException.class,
                () -> createIndex(t, "by_year", "region"));

        assertThat(message(error)).contains("by_year");
    }

    @Test
    void valuesOfIndexedKeysMustHaveTheKeysType() {
        String[] t = keyedTable();
        createIndex(t, "by_year_day", "year", "day");

        BatchCreatePartitionResponse response = glue.batchCreatePartition(r -> r.databaseName(t[0]).tableName(t[1])
                .partitionInputList(partition("2024", "eu", "2024-01-01", "1.5"),
                        partition("twenty", "eu", "2024-01-01", "1.5"),
                        partition("2024", "eu", "January", "1.5"),
                        // unindexed keys take any value, as without an index
                        partition("2025", "any text", "2024-01-01", "not a number")));

        assertThat(response.errors()).extracting(e -> e.partitionValues().get(0) + "/" + e.partitionValues().get(2))
                .containsExactlyInAnyOrder("twenty/2024-01-01", "2024/January");
        assertThat(response.errors()).allSatisfy(e -> {
            assertThat(e.errorDetail().errorCode()).isEqualTo("InvalidInputException");
            assertThat(e.errorDetail().errorMessage()).containsAnyOf("year", "day");
        });
        InvalidInputException single = expectError(InvalidInputException.class, () -> glue.createPartition(r -> r
                .databaseName(t[0]).tableName(t[1]).partitionInput(partition("x", "eu", "2024-01-01", "1"))));
        assertThat(message(single)).contains("'x'", "year", "int");
        InvalidInputException update = expectError(InvalidInputException.class, () -> glue.updatePartition(r -> r
                .databaseName(t[0]).tableName(t[1]).partitionValueList("2024", "eu", "2024-01-01", "1.5")
                .partitionInput(partition("x", "eu", "2024-01-01", "1.5"))));
        assertThat(message(update)).contains("year");
    }

    @Test
    void anIndexCannotBeBuiltOverValuesThatDoNotHaveTheKeysType() {
        String[] t = keyedTable();
        addPartitions(t[0], t[1], List.of(values("2024", "eu", "2024-01-01", "1"),
                values("soon", "eu", "2024-01-01", "1")));

        InvalidInputException error = expectError(InvalidInputException.class, () -> createIndex(t, "by_year", "year"));

        assertThat(message(error)).contains("by_year", "soon");
        assertThat(indexes(t)).isEmpty();
        createIndex(t, "by_region", "region");
    }

    @Test
    void deletingAnIndexLiftsItsTypeCheck() {
        String[] t = keyedTable();
        createIndex(t, "by_year", "year");

        glue.deletePartitionIndex(r -> r.databaseName(t[0]).tableName(t[1]).indexName("by_year"));

        assertThat(indexes(t)).isEmpty();
        glue.createPartition(r -> r.databaseName(t[0]).tableName(t[1])
                .partitionInput(partition("someday", "eu", "2024-01-01", "1")));
        EntityNotFoundException again = expectError(EntityNotFoundException.class,
                () -> glue.deletePartitionIndex(r -> r.databaseName(t[0]).tableName(t[1]).indexName("by_year")));
        assertThat(message(again)).contains("by_year");
    }

    @Test
    void queriesSelectTheSamePartitionsWithAndWithoutAnIndex() {
        String[] t = keyedTable();
        List<List<String>> all = new ArrayList<>();
        for (int year = 2000; year < 2030; year++) {
            for (String region : List.of("eu", "us", "ap")) {
                all.add(values(Integer.toString(year), region, "2024-0" + (year % 9 + 1) + "-15", "0.5"));
            }
        }
        addPartitions(t[0], t[1], all);
        List<String> expressions = List.of("year = 2010", "year BETWEEN 2005 AND 2007 AND region = 'us'",
                "year > 2025 OR region = 'ap'", "region IN ('eu', 'ap') AND year < 2003",
                "day >= '2024-05-01' AND year >= 2020", "NOT (year <> 2012)", "region LIKE 'e%' AND year = 2000");
        List<List<List<String>>> before = expressions.stream().map(e -> select(t, e)).toList();

        createIndex(t, "by_year_region", "year", "region");
        createIndex(t, "by_region", "region");
        createIndex(t, "by_day", "day");

        for (int i = 0; i < expressions.size(); i++) {
            assertThat(select(t, expressions.get(i))).as(expressions.get(i)).isNotEmpty()
                    .containsExactlyInAnyOrderElementsOf(before.get(i));
        }
    }

    @Test
    void keysCoveredByAnIndexCannotBeRetypedOrMoved() {
        String[] t = keyedTable();
        createIndex(t, "by_year", "year");

        InvalidInputException retyped = expectError(InvalidInputException.class, () -> glue.updateTable(r -> r
                .databaseName(t[0]).tableInput(tableInput(t[1], column("year", "string"), column("region", "string"),
                        column("day", "date"), column("score", "double")))));
        assertThat(message(retyped)).contains("year", "by_year");

        // Changing a key no index covers is fine.
        glue.updateTable(r -> r.databaseName(t[0]).tableInput(tableInput(t[1], column("year", "int"),
                column("region", "varchar(10)"), column("day", "date"), column("score", "double"))));
    }

    @Test
    void indexesOfAMissingTableAreNotFound() {
        String db = newDatabase();

        EntityNotFoundException error = expectError(EntityNotFoundException.class,
                () -> glue.getPartitionIndexes(r -> r.databaseName(db).tableName("nope")));

        assertThat(message(error)).isEqualTo("Table nope not found.");
    }

    void createIndex(String[] t, String name, String... keys) {
        glue.createPartitionIndex(r -> r.databaseName(t[0]).tableName(t[1]).partitionIndex(index(name, keys)));
    }

    static PartitionIndex index(String name, String... keys) {
        return PartitionIndex.builder().indexName(name).keys(keys).build();
    }

    List<PartitionIndexDescriptor> indexes(String[] t) {
        return glue.getPartitionIndexes(r -> r.databaseName(t[0]).tableName(t[1])).partitionIndexDescriptorList();
    }

    List<List<String>> select(String[] t, String expression) {
        return valuesOf(allPartitions(GetPartitionsRequest.builder().databaseName(t[0]).tableName(t[1])
                .expression(expression).maxResults(17).build()));
    }
}

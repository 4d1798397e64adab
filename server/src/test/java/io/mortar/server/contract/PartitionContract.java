package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchDeletePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;

/** CreatePartition, BatchCreatePartition, GetPartition, BatchGetPartition, (Batch)UpdatePartition, (Batch)Delete. */
abstract class PartitionContract extends ContractGroup {
    PartitionContract(TestServer server, GlueClient glue) {
        super(server, glue);
    }

    @Test
    void aCreatedPartitionIsReadBackWithEverythingItWasGiven() {
        String db = newDatabase();
        String table = newTable(db, column("year", "int"), column("region", "string"));
        PartitionInput input = partition("2024", "EU").toBuilder().parameters(Map.of("rows", "42")).build();
        Instant before = Instant.now().minusSeconds(1);

        glue.createPartition(r -> r.databaseName(db.toUpperCase()).tableName(table.toUpperCase())
                .partitionInput(input));

        Partition partition = glue.getPartition(r -> r.databaseName(db).tableName(table)
                .partitionValues("2024", "EU")).partition();
        assertThat(partition.values()).containsExactly("2024", "EU");
        assertThat(partition.databaseName()).isEqualTo(db);
        assertThat(partition.tableName()).isEqualTo(table);
        assertThat(partition.storageDescriptor()).isEqualTo(input.storageDescriptor());
        assertThat(partition.parameters()).containsExactlyEntriesOf(Map.of("rows", "42"));
        assertThat(partition.catalogId()).isEqualTo(ACCOUNT);
        assertThat(partition.creationTime()).isBetween(before, Instant.now().plusSeconds(1));
        // Partition values are case-sensitive data, unlike names.
        expectError(EntityNotFoundException.class, () -> glue.getPartition(r -> r.databaseName(db).tableName(table)
                .partitionValues("2024", "eu")));
    }

    @Test
    void partitionsSharingAStorageLayoutKeepTheirOwnLocations() {
        String db = newDatabase();
        String table = newTable(db, column("day", "string"));
        addPartitions(db, table, List.of(values("a"), values("b"), values("c")));

        List<Partition> partitions = allPartitions(GetPartitionsRequest.builder().databaseName(db).tableName(table)
                .build());

        assertThat(partitions).extracting(p -> p.storageDescriptor().location())
                .containsExactlyInAnyOrder("s3://lake/a/", "s3://lake/b/", "s3://lake/c/");
        assertThat(partitions).allSatisfy(p -> assertThat(p.storageDescriptor().columns())
                .isEqualTo(storage("x").columns()));
    }

    @Test
    void creatingAPartitionThatExistsFails() {
        String db = newDatabase();
        String table = newTable(db, column("year", "int"));
        glue.createPartition(r -> r.databaseName(db).tableName(table).partitionInput(partition("2024")));

        AlreadyExistsException error = expectError(AlreadyExistsException.class,
                () -> glue.createPartition(r -> r.databaseName(db).tableName(table).partitionInput(partition("2024"))));

        assertThat(message(error)).isEqualTo("Partition already exists.");
    }

    @Test
    void aPartitionNeedsOneValuePerPartitionKey() {
        String db = newDatabase();
        String table = newTable(db, column("year", "int"), column("region", "string"));

        InvalidInputException error = expectError(InvalidInputException.class,
                () -> glue.createPartition(r -> r.databaseName(db).tableName(table).partitionInput(partition("2024"))));

        assertThat(message(error)).contains("number of partition values (1)", "partition keys (2)", table);
    }

    @Test
    void aTableWithoutPartitionKeysHasNoPartitions() {
        String db = newDatabase();
        String table = newTable(db);

        InvalidInputException error = expectError(InvalidInputException.class, () -> glue.createPartition(r -> r
                .databaseName(db).tableName(table).partitionInput(PartitionInput.builder().values(List.of()).build())));

        assertThat(message(error)).contains(table);
        assertThat(glue.getPartitions(r -> r.databaseName(db).tableName(table)).partitions()).isEmpty();
    }

    @Test
    void partitionsOfAMissingTableAreNotFound() {
        String db = newDatabase();
        String table = unique("missing");
        String expected = "Table " + table + " not found.";

        assertThat(message(expectError(EntityNotFoundException.class, () -> glue.createPartition(r -> r
                .databaseName(db).tableName(table).partitionInput(partition("1")))))).isEqualTo(expected);
        assertThat(message(expectError(EntityNotFoundException.class, () -> glue.getPartitions(r -> r
                .databaseName(db).tableName(table))))).isEqualTo(expected);
        assertThat(message(expectError(EntityNotFoundException.class, () -> glue.batchCreatePartition(r -> r
                .databaseName(db).tableName(table).partitionInputList(partition("1")))))).isEqualTo(expected);
        assertThat(message(expectError(EntityNotFoundException.class, () -> glue.getPartitions(r -> r
                .databaseName(unique("nodb")).tableName(table))))).startsWith("Database ");
    }

    @Test
    void aMissingPartitionIsNotFound() {
        String db = newDatabase();
        String table = newTable(db, column("year", "int"));

        EntityNotFoundException error = expectError(EntityNotFoundException.class,
                () -> glue.getPartition(r -> r.databaseName(db).tableName(table).partitionValues("1999")));

        assertThat(message(error)).contains("Cannot find partition", "1999");
        expectError(EntityNotFoundException.class, () -> glue.deletePartition(r -> r.databaseName(db)
                .tableName(table).partitionValues("1999")));
        expectError(EntityNotFoundException.class, () -> glue.updatePartition(r -> r.databaseName(db)
                .tableName(table).partitionValueList("1999").partitionInput(partition("1999"))));
    }

    @Test
    void batchCreatePartitionCreatesWhatItCanAndReportsTheRest() {
        String db = newDatabase();
        String table = newTable(db, column("year", "int"), column("region", "string"));
        glue.createPartition(r -> r.databaseName(db).tableName(table).partitionInput(partition("2023", "eu")));

        BatchCreatePartitionResponse response = glue.batchCreatePartition(r -> r.databaseName(db).tableName(table)
                .partitionInputList(
                        partition("2024", "eu"),
                        partition("2023", "eu"), // exists already
                        partition("2024", "us"),
                        partition("2024", "eu"), // twice in this batch
                        partition("2025")));     // too few values

        assertThat(response.errors()).extracting(PartitionError::partitionValues)
                .containsExactlyInAnyOrder(values("2023", "eu"), values("2024", "eu"), values("2025"));
        assertThat(errorFor(response.errors(), values("2023", "eu"))).isEqualTo("AlreadyExistsException");
        assertThat(errorFor(response.errors(), values("2024", "eu"))).isEqualTo("AlreadyExistsException");
        assertThat(errorFor(response.errors(), values("2025"))).isEqualTo("InvalidInputException");
        assertThat(valuesOf(allPartitions(GetPartitionsRequest.builder().databaseName(db).tableName(table).build())))
                .containsExactlyInAnyOrder(values("2023", "eu"), values("2024", "eu"), values("2024", "us"));
    }

    @Test
    void batchCreatePartitionAcceptsAtMostOneHundredPartitions() {
        String db = newDatabase();
        String table = newTable(db, column("n", "int"));
        List<PartitionInput> inputs = IntStream.range(0, 101).mapToObj(i -> partition(Integer.toString(i))).toList();

        InvalidInputException error = expectError(InvalidInputException.class,
                () -> glue.batchCreatePartition(r -> r.databaseName(db).tableName(table).partitionInputList(inputs)));

        assertThat(message(error)).contains("'partitionInputList'",
                "Member must have length less than or equal to 100");
        assertThat(glue.getPartitions(r -> r.databaseName(db).tableName(table)).partitions()).isEmpty();
    }

    @Test
    void batchGetPartitionReturnsTheOnesThatExistAndOmitsTheRest() {
        String db = newDatabase();
        String table = newTable(db, column("year", "int"), column("region", "string"));
        addPartitions(db, table, List.of(values("2024", "eu"), values("2024", "us"), values("2025", "eu")));

        BatchGetPartitionResponse response = glue.batchGetPartition(r -> r.databaseName(db).tableName(table)
                .partitionsToGet(keys(values("2024", "us"), values("1999", "xx"), values("2025", "eu"),
                        values("2024", "us"))));

        assertThat(valuesOf(response.partitions())).containsExactlyInAnyOrder(values("2024", "us"),
                values("2025", "eu"));
        assertThat(response.unprocessedKeys()).isEmpty();
    }

    @Test
    void batchGetPartitionServesAThousandKeysAndNoMore() {
        String db = newDatabase();
        String table = newTable(db, column("n", "int"));
        addPartitions(db, table, IntStream.range(0, 250).mapToObj(i -> values(Integer.toString(i))).toList());
        List<PartitionValueList> thousand = IntStream.range(0, 1000)
                .mapToObj(i -> PartitionValueList.builder().values(Integer.toString(i)).build()).toList();

        assertThat(glue.batchGetPartition(r -> r.databaseName(db).tableName(table).partitionsToGet(thousand))
                .partitions()).hasSize(250);

        List<PartitionValueList> tooMany = IntStream.range(0, 1001)
                .mapToObj(i -> PartitionValueList.builder().values(Integer.toString(i)).build()).toList();
        InvalidInputException error = expectError(InvalidInputException.class,
                () -> glue.batchGetPartition(r -> r.databaseName(db).tableName(table).partitionsToGet(tooMany)));
        assertThat(message(error)).contains("'partitionsToGet'", "Member must have length less than or equal to 1000");
    }

    @Test
    void updatePartitionReplacesTheWholePartition() {
        String db = newDatabase();
        String table = newTable(db, column("year", "int"));
        glue.createPartition(r -> r.databaseName(db).tableName(table).partitionInput(partition("2024").toBuilder()
                .parameters(Map.of("a", "1")).build()));
        Instant created = glue.getPartition(r -> r.databaseName(db).tableName(table).partitionValues("2024"))
                .partition().creationTime();

        glue.updatePartition(r -> r.databaseName(db).tableName(table).partitionValueList("2024")
                .partitionInput(PartitionInput.builder().values("2024").parameters(Map.of("b", "2")).build()));

        Partition partition = glue.getPartition(r -> r.databaseName(db).tableName(table).partitionValues("2024"))
                .partition();
        assertThat(partition.parameters()).containsExactlyEntriesOf(Map.of("b", "2"));
        assertThat(partition.storageDescriptor()).isNull();
        assertThat(partition.creationTime()).isEqualTo(created);
    }

    @Test
    void updatePartitionCanChangeItsValues() {
        String db = newDatabase();
        String table = newTable(db, column("year", "int"), column("region", "string"));
        addPartitions(db, table, List.of(values("2024", "eu"), values("2024", "us")));

        glue.updatePartition(r -> r.databaseName(db).tableName(table).partitionValueList("2024", "eu")
                .partitionInput(partition("2030", "eu")));

        assertThat(valuesOf(allPartitions(GetPartitionsRequest.builder().databaseName(db).tableName(table).build())))
                .containsExactlyInAnyOrder(values("2030", "eu"), values("2024", "us"));
        // The typed key columns moved with the values: the new value is what expressions see.
        assertThat(valuesOf(allPartitions(GetPartitionsRequest.builder().databaseName(db).tableName(table)
                .expression("year > 2025").build()))).containsExactly(values("2030", "eu"));
        assertThat(glue.getPartition(r -> r.databaseName(db).tableName(table).partitionValues("2030", "eu"))
                .partition().storageDescriptor().location()).isEqualTo("s3://lake/2030/eu/");

        AlreadyExistsException clash = expectError(AlreadyExistsException.class, () -> glue.updatePartition(r -> r
                .databaseName(db).tableName(table).partitionValueList("2030", "eu").partitionInput(
                        partition("2024", "us"))));
        assertThat(message(clash)).isEqualTo("Partition already exists.");
    }

    @Test
    void batchUpdatePartitionReportsTheEntriesItCouldNotApply() {
        String db = newDatabase();
        String table = newTable(db, column("year", "int"));
        addPartitions(db, table, List.of(values("2024"), values("2025")));

        BatchUpdatePartitionResponse response = glue.batchUpdatePartition(r -> r.databaseName(db).tableName(table)
                .entries(entry(values("2024"), partition("2024").toBuilder().parameters(Map.of("v", "2")).build()),
                        entry(values("1999"), partition("1999")),
                        entry(values("2025"), partition("2025").toBuilder().parameters(Map.of("v", "2")).build())));

        assertThat(response.errors()).singleElement().satisfies(e -> {
            assertThat(e.partitionValueList()).containsExactly("1999");
            assertThat(e.errorDetail().errorCode()).isEqualTo("EntityNotFoundException");
        });
        assertThat(allPartitions(GetPartitionsRequest.builder().databaseName(db).tableName(table).build()))
                .allSatisfy(p -> assertThat(p.parameters()).containsEntry("v", "2"));
    }

    @Test
    void deletePartitionRemovesIt() {
        String db = newDatabase();
        String table = newTable(db, column("year", "int"));
        addPartitions(db, table, List.of(values("2024"), values("2025")));

        glue.deletePartition(r -> r.databaseName(db).tableName(table).partitionValues("2024"));

        expectError(EntityNotFoundException.class, () -> glue.getPartition(r -> r.databaseName(db).tableName(table)
                .partitionValues("2024")));
        assertThat(valuesOf(allPartitions(GetPartitionsRequest.builder().databaseName(db).tableName(table).build())))
                .containsExactly(values("2025"));
    }

    @Test
    void batchDeletePartitionReportsTheOnesThatDidNotExist() {
        String db = newDatabase();
        String table = newTable(db, column("year", "int"));
        addPartitions(db, table, List.of(values("2024"), values("2025"), values("2026")));

        BatchDeletePartitionResponse response = glue.batchDeletePartition(r -> r.databaseName(db).tableName(table)
                .partitionsToDelete(keys(values("2024"), values("1999"), values("2026"))));

        assertThat(response.errors()).singleElement().satisfies(e -> {
            assertThat(e.partitionValues()).containsExactly("1999");
            assertThat(e.errorDetail().errorCode()).isEqualTo("EntityNotFoundException");
        });
        assertThat(valuesOf(allPartitions(GetPartitionsRequest.builder().databaseName(db).tableName(table).build())))
                .containsExactly(values("2025"));
    }

    @Test
    void batchDeletePartitionAcceptsAtMostTwentyFivePartitions() {
        String db = newDatabase();
        String table = newTable(db, column("n", "int"));
        List<PartitionValueList> keys = IntStream.range(0, 26)
                .mapToObj(i -> PartitionValueList.builder().values(Integer.toString(i)).build()).toList();

        InvalidInputException error = expectError(InvalidInputException.class,
                () -> glue.batchDeletePartition(r -> r.databaseName(db).tableName(table).partitionsToDelete(keys)));

        assertThat(message(error)).contains("'partitionsToDelete'", "Member must have length less than or equal to 25");
    }

    @Test
    void partitionValuesMayHoldAnyText() {
        String db = newDatabase();
        String table = newTable(db, column("label", "string"));
        List<List<String>> odd = List.of(values("it's"), values("a/b=c"), values("ünï cödé ✓"),
                values(" spaced "), values("tab\tand\nnewline"), values("😀 astral"));
        // Values are data: no pattern constrains them (unlike the locations built from them elsewhere).
        assertThat(glue.batchCreatePartition(r -> r.databaseName(db).tableName(table).partitionInputList(odd.stream()
                .map(v -> PartitionInput.builder().values(v).build()).toList())).errors()).isEmpty();

        for (List<String> values : odd) {
            assertThat(glue.getPartition(r -> r.databaseName(db).tableName(table).partitionValues(values))
                    .partition().values()).isEqualTo(values);
        }
        assertThat(valuesOf(allPartitions(GetPartitionsRequest.builder().databaseName(db).tableName(table)
                .expression("label = 'it''s'").build()))).containsExactly(values("it's"));
    }

    @Test
    void aPartitionValueCannotHoldTheNulCharacter() {
        String db = newDatabase();
        String table = newTable(db, column("label", "string"), column("n", "int"));

        InvalidInputException error = expectError(InvalidInputException.class, () -> glue.createPartition(r -> r
                .databaseName(db).tableName(table).partitionInput(p -> p.values("nul\u0000inside", "1"))));

        assertThat(message(error)).contains("U+0000", "value 1");
        BatchCreatePartitionResponse batch = glue.batchCreatePartition(r -> r.databaseName(db).tableName(table)
                .partitionInputList(PartitionInput.builder().values("ok", "1").build(),
                        PartitionInput.builder().values("x", "\u0000").build()));
        assertThat(batch.errors()).singleElement().satisfies(e -> assertThat(e.errorDetail().errorCode())
                .isEqualTo("InvalidInputException"));
    }

    @SafeVarargs
    static List<PartitionValueList> keys(List<String>... valueLists) {
        return Arrays.stream(valueLists).map(v -> PartitionValueList.builder().values(v).build()).toList();
    }

    static BatchUpdatePartitionRequestEntry entry(List<String> values, PartitionInput input) {
        return BatchUpdatePartitionRequestEntry.builder().partitionValueList(values).partitionInput(input).build();
    }

    static String errorFor(List<PartitionError> errors, List<String> values) {
        return errors.stream().filter(e -> e.partitionValues().equals(values)).findFirst().orElseThrow()
                .errorDetail().errorCode();
    }
}

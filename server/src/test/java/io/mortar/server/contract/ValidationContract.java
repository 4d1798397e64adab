package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.PartitionInput;

/**
 * Requests the service model forbids: each is an InvalidInputException in AWS's words, naming the member by its
 * path, before any catalog object is touched.
 */
abstract class ValidationContract extends ContractGroup {
    private static final String NAME_PATTERN = "Member must satisfy regular expression pattern: "
            + "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*";

    ValidationContract(TestServer server, GlueClient glue) {
        super(server, glue);
    }

    @Test
    void aNameLongerThan255CharactersIsRejected() {
        String name = "d".repeat(256);

        String message = invalid(() -> glue.createDatabase(r -> r.databaseInput(d -> d.name(name))));

        assertThat(message).isEqualTo("1 validation error detected: Value '" + "d".repeat(100) + "…' at"
                + " 'databaseInput.name' failed to satisfy constraint: Member must have length less than or equal"
                + " to 255");
        assertThat(invalid(() -> glue.createTable(r -> r.databaseName("default").tableInput(tableInput(name)))))
                .contains("at 'tableInput.name' failed to satisfy constraint: Member must have length less than or"
                        + " equal to 255");
    }

    @Test
    void anEmptyNameIsRejected() {
        assertThat(invalid(() -> glue.getDatabase(r -> r.name("")))).isEqualTo("1 validation error detected:"
                + " Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal"
                + " to 1");
    }

    @Test
    void aNameWithANewlineIsRejected() {
        assertThat(invalid(() -> glue.createDatabase(r -> r.databaseInput(d -> d.name("sales\nprod")))))
                .isEqualTo("1 validation error detected: Value 'sales\nprod' at 'databaseInput.name' failed to"
                        + " satisfy constraint: " + NAME_PATTERN);
        assertThat(invalid(() -> glue.getTable(r -> r.databaseName("default").name("a\r\nb"))))
                .contains("at 'name' failed to satisfy constraint: " + NAME_PATTERN);
    }

    @Test
    void missingRequiredMembersAreNamed() {
        assertThat(invalid(() -> glue.getDatabase(r -> { }))).isEqualTo(
                "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be"
                        + " null");
        assertThat(invalid(() -> glue.createDatabase(r -> { }))).contains("at 'databaseInput' failed to satisfy"
                + " constraint: Member must not be null");
        assertThat(invalid(() -> glue.getPartitions(r -> r.databaseName("default"))))
                .contains("at 'tableName' failed to satisfy constraint: Member must not be null");
        // The model leaves CreateTable's TableInput optional (OpenTableFormatInput may replace it); Mortar needs it.
        assertThat(invalid(() -> glue.createTable(r -> r.databaseName("default")))).contains("TableInput");
    }

    @Test
    void everyViolationIsCounted() {
        String message = invalid(() -> glue.getPartitions(r -> r.maxResults(0)));

        assertThat(message).startsWith("3 validation errors detected: ")
                .contains("at 'databaseName' failed to satisfy constraint: Member must not be null")
                .contains("at 'tableName' failed to satisfy constraint: Member must not be null")
                .contains("Value 0 at 'maxResults' failed to satisfy constraint: Member must have value greater"
                        + " than or equal to 1");
    }

    @Test
    void maxResultsMustBeWithinTheOperationsPageSize() {
        String db = newDatabase();
        String table = newTable(db, column("n", "int"));

        assertThat(invalid(() -> glue.getPartitions(r -> r.databaseName(db).tableName(table).maxResults(0))))
                .isEqualTo("1 validation error detected: Value 0 at 'maxResults' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to 1");
        assertThat(invalid(() -> glue.getPartitions(r -> r.databaseName(db).tableName(table).maxResults(1001))))
                .isEqualTo("1 validation error detected: Value 1001 at 'maxResults' failed to satisfy constraint:"
                        + " Member must have value less than or equal to 1000");
        assertThat(invalid(() -> glue.getTables(r -> r.databaseName(db).maxResults(101))))
                .contains("Value 101 at 'maxResults'", "less than or equal to 100");
        assertThat(invalid(() -> glue.getDatabases(r -> r.maxResults(0)))).contains("Value 0 at 'maxResults'");
        assertThat(invalid(() -> glue.searchTables(r -> r.maxResults(1001)))).contains("Value 1001 at 'maxResults'");
        assertThat(invalid(() -> glue.getTableVersions(r -> r.databaseName(db).tableName(table).maxResults(101))))
                .contains("Value 101 at 'maxResults'");
        assertThat(invalid(() -> glue.getUserDefinedFunctions(r -> r.databaseName(db).pattern("*").maxResults(101))))
                .contains("Value 101 at 'maxResults'");
    }

    @Test
    void aScanHasAtMostTenSegments() {
        String db = newDatabase();
        String table = newTable(db, column("n", "int"));

        assertThat(invalid(() -> glue.getPartitions(r -> r.databaseName(db).tableName(table)
                .segment(s -> s.segmentNumber(0).totalSegments(11))))).isEqualTo("1 validation error detected:"
                + " Value 11 at 'segment.totalSegments' failed to satisfy constraint: Member must have value less"
                + " than or equal to 10");
        assertThat(invalid(() -> glue.getPartitions(r -> r.databaseName(db).tableName(table)
                .segment(s -> s.segmentNumber(-1).totalSegments(0))))).startsWith("2 validation errors detected: ")
                .contains("at 'segment.segmentNumber'", "at 'segment.totalSegments'");
    }

    @Test
    void batchUpdatePartitionTakesOneToOneHundredEntries() {
        String db = newDatabase();
        String table = newTable(db, column("n", "int"));
        List<BatchUpdatePartitionRequestEntry> tooMany = IntStream.range(0, 101)
                .mapToObj(i -> BatchUpdatePartitionRequestEntry.builder().partitionValueList(Integer.toString(i))
                        .partitionInput(partition(Integer.toString(i))).build())
                .toList();

        assertThat(invalid(() -> glue.batchUpdatePartition(r -> r.databaseName(db).tableName(table)
                .entries(tooMany)))).contains("at 'entries'", "less than or equal to 100");
        assertThat(invalid(() -> glue.batchUpdatePartition(r -> r.databaseName(db).tableName(table)
                .entries(List.of())))).contains("at 'entries'", "greater than or equal to 1");
    }

    @Test
    void partitionValuesAreAtMost1024Characters() {
        String db = newDatabase();
        String table = newTable(db, column("s", "string"));
        PartitionInput tooLong = partition("x".repeat(1025));

        assertThat(invalid(() -> glue.createPartition(r -> r.databaseName(db).tableName(table)
                .partitionInput(tooLong)))).contains("at 'partitionInput.values.1.member'",
                "less than or equal to 1024");
        assertThat(invalid(() -> glue.batchCreatePartition(r -> r.databaseName(db).tableName(table)
                .partitionInputList(partition("ok"), tooLong)))).contains("at 'partitionInputList.2.member.values.1"
                + ".member'");
    }

    @Test
    void anExpressionIsAtMost2048Characters() {
        String db = newDatabase();
        String table = newTable(db, column("n", "int"));
        String expression = "n = 1" + " OR n = 1".repeat(300);

        assertThat(invalid(() -> glue.getPartitions(r -> r.databaseName(db).tableName(table)
                .expression(expression)))).contains("at 'expression'", "less than or equal to 2048");
    }

    @Test
    void aCatalogIdIsAccepted() {
        // Mortar serves one catalog; clients configured with their real account id (Iceberg's glue.id) keep working.
        assertThat(glue.getDatabase(r -> r.catalogId("123456789012").name("default")).database().catalogId())
                .isEqualTo(ACCOUNT);
    }

    static String invalid(ThrowingCallable call) {
        return message(expectError(InvalidInputException.class, call));
    }
}

package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ColumnError;
import software.amazon.awssdk.services.glue.model.ColumnStatistics;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsData;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsError;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsType;
import software.amazon.awssdk.services.glue.model.DecimalNumber;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetColumnStatisticsForPartitionResponse;
import software.amazon.awssdk.services.glue.model.GetColumnStatisticsForTableResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/** Column statistics of tables and partitions: Update, Get and Delete. */
abstract class ColumnStatisticsContract extends ContractGroup {
    private static final Instant ANALYZED = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600);

    ColumnStatisticsContract(TestServer server, GlueClient glue) {
        super(server, glue);
    }

    /** A table with columns id bigint, amount decimal(10,2), and partition key year. */
    String[] statsTable() {
        String db = newDatabase();
        String table = newTable(db, column("year", "int"));
        addPartitions(db, table, List.of(values("2024"), values("2025")));
        return new String[] {db, table};
    }

    @Test
    void tableStatisticsOfEveryKindRoundTrip() {
        String[] t = statsTable();
        List<ColumnStatistics> stats = List.of(longStats("id", 7), decimalStats("amount"), booleanStats("year"));

        assertThat(glue.updateColumnStatisticsForTable(r -> r.databaseName(t[0]).tableName(t[1])
                .columnStatisticsList(stats)).errors()).isEmpty();

        GetColumnStatisticsForTableResponse got = glue.getColumnStatisticsForTable(r -> r.databaseName(t[0])
                .tableName(t[1]).columnNames("id", "amount", "year"));
        assertThat(got.errors()).isEmpty();
        assertThat(got.columnStatisticsList()).containsExactlyInAnyOrderElementsOf(stats);
    }

    @Test
    void updatingStatisticsReplacesThoseOfTheSameColumn() {
        String[] t = statsTable();
        glue.updateColumnStatisticsForTable(r -> r.databaseName(t[0]).tableName(t[1])
                .columnStatisticsList(longStats("id", 7)));

        glue.updateColumnStatisticsForTable(r -> r.databaseName(t[0]).tableName(t[1])
                .columnStatisticsList(longStats("ID", 9)));

        assertThat(glue.getColumnStatisticsForTable(r -> r.databaseName(t[0]).tableName(t[1]).columnNames("id"))
                .columnStatisticsList()).containsExactly(longStats("id", 9));
    }

    @Test
    void statisticsForAColumnTheTableDoesNotHaveAreAPerItemError() {
        String[] t = statsTable();

        List<ColumnStatisticsError> errors = glue.updateColumnStatisticsForTable(r -> r.databaseName(t[0])
                .tableName(t[1]).columnStatisticsList(longStats("id", 1), longStats("nope", 2))).errors();

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.columnStatistics().columnName()).isEqualTo("nope");
            assertThat(e.error().errorCode()).isEqualTo("InvalidInputException");
            assertThat(e.error().errorMessage()).contains("nope", t[1]);
        });
        assertThat(glue.getColumnStatisticsForTable(r -> r.databaseName(t[0]).tableName(t[1]).columnNames("id"))
                .columnStatisticsList()).hasSize(1);
    }

    @Test
    void statisticsWithoutTheirTypesDataAreAPerItemError() {
        String[] t = statsTable();
        ColumnStatistics inconsistent = longStats("id", 1).toBuilder().statisticsData(ColumnStatisticsData.builder()
                .type(ColumnStatisticsType.DOUBLE).longColumnStatisticsData(l -> l.numberOfNulls(0L)
                        .numberOfDistinctValues(1L)).build()).build();

        List<ColumnStatisticsError> errors = glue.updateColumnStatisticsForTable(r -> r.databaseName(t[0])
                .tableName(t[1]).columnStatisticsList(inconsistent)).errors();

        assertThat(errors).singleElement().satisfies(e -> assertThat(e.error().errorMessage())
                .contains("DOUBLE", "id"));
    }

    @Test
    void columnsWithoutStatisticsAreReportedInErrors() {
        String[] t = statsTable();
        glue.updateColumnStatisticsForTable(r -> r.databaseName(t[0]).tableName(t[1])
                .columnStatisticsList(longStats("id", 1)));

        GetColumnStatisticsForTableResponse got = glue.getColumnStatisticsForTable(r -> r.databaseName(t[0])
                .tableName(t[1]).columnNames("id", "amount", "ghost"));

        assertThat(got.columnStatisticsList()).extracting(ColumnStatistics::columnName).containsExactly("id");
        assertThat(got.errors()).extracting(ColumnError::columnName).containsExactlyInAnyOrder("amount", "ghost");
        assertThat(got.errors()).allSatisfy(e -> assertThat(e.error().errorCode())
                .isEqualTo("EntityNotFoundException"));
    }

    @Test
    void deleteRemovesTheStatisticsOfOneColumn() {
        String[] t = statsTable();
        glue.updateColumnStatisticsForTable(r -> r.databaseName(t[0]).tableName(t[1])
                .columnStatisticsList(longStats("id", 1), decimalStats("amount")));

        glue.deleteColumnStatisticsForTable(r -> r.databaseName(t[0]).tableName(t[1]).columnName("id"));

        GetColumnStatisticsForTableResponse got = glue.getColumnStatisticsForTable(r -> r.databaseName(t[0])
                .tableName(t[1]).columnNames("id", "amount"));
        assertThat(got.columnStatisticsList()).extracting(ColumnStatistics::columnName).containsExactly("amount");
        assertThat(got.errors()).extracting(ColumnError::columnName).containsExactly("id");
        EntityNotFoundException again = expectError(EntityNotFoundException.class, () -> glue
                .deleteColumnStatisticsForTable(r -> r.databaseName(t[0]).tableName(t[1]).columnName("id")));
        assertThat(message(again)).contains("id");
    }

    @Test
    void partitionStatisticsAreKeptApartFromTheTablesAndFromOtherPartitions() {
        String[] t = statsTable();
        glue.updateColumnStatisticsForTable(r -> r.databaseName(t[0]).tableName(t[1])
                .columnStatisticsList(longStats("id", 100)));

        assertThat(glue.updateColumnStatisticsForPartition(r -> r.databaseName(t[0]).tableName(t[1])
                .partitionValues("2024").columnStatisticsList(longStats("id", 24), longStats("nope", 1))).errors())
                .extracting(e -> e.columnStatistics().columnName()).containsExactly("nope");

        GetColumnStatisticsForPartitionResponse p2024 = glue.getColumnStatisticsForPartition(r -> r
                .databaseName(t[0]).tableName(t[1]).partitionValues("2024").columnNames("id"));
        assertThat(p2024.columnStatisticsList()).containsExactly(longStats("id", 24));
        GetColumnStatisticsForPartitionResponse p2025 = glue.getColumnStatisticsForPartition(r -> r
                .databaseName(t[0]).tableName(t[1]).partitionValues("2025").columnNames("id"));
        assertThat(p2025.columnStatisticsList()).isEmpty();
        assertThat(p2025.errors()).extracting(ColumnError::columnName).containsExactly("id");
        assertThat(glue.getColumnStatisticsForTable(r -> r.databaseName(t[0]).tableName(t[1]).columnNames("id"))
                .columnStatisticsList()).containsExactly(longStats("id", 100));

        glue.deleteColumnStatisticsForPartition(r -> r.databaseName(t[0]).tableName(t[1]).partitionValues("2024")
                .columnName("id"));
        assertThat(glue.getColumnStatisticsForPartition(r -> r.databaseName(t[0]).tableName(t[1])
                .partitionValues("2024").columnNames("id")).columnStatisticsList()).isEmpty();
        assertThat(glue.getColumnStatisticsForTable(r -> r.databaseName(t[0]).tableName(t[1]).columnNames("id"))
                .columnStatisticsList()).hasSize(1);
    }

    @Test
    void statisticsOfAMissingPartitionOrTableAreNotFound() {
        String[] t = statsTable();

        EntityNotFoundException partition = expectError(EntityNotFoundException.class, () -> glue
                .getColumnStatisticsForPartition(r -> r.databaseName(t[0]).tableName(t[1]).partitionValues("1999")
                        .columnNames("id")));
        assertThat(message(partition)).contains("1999");
        expectError(EntityNotFoundException.class, () -> glue.updateColumnStatisticsForPartition(r -> r
                .databaseName(t[0]).tableName(t[1]).partitionValues("1999").columnStatisticsList(longStats("id", 1))));
        EntityNotFoundException table = expectError(EntityNotFoundException.class, () -> glue
                .getColumnStatisticsForTable(r -> r.databaseName(t[0]).tableName("nope").columnNames("id")));
        assertThat(message(table)).isEqualTo("Table nope not found.");
    }

    @Test
    void statisticsGoWithTheirPartitionAndTable() {
        String[] t = statsTable();
        glue.updateColumnStatisticsForTable(r -> r.databaseName(t[0]).tableName(t[1])
                .columnStatisticsList(longStats("id", 1)));
        glue.updateColumnStatisticsForPartition(r -> r.databaseName(t[0]).tableName(t[1]).partitionValues("2024")
                .columnStatisticsList(longStats("id", 2)));

        glue.deletePartition(r -> r.databaseName(t[0]).tableName(t[1]).partitionValues("2024"));
        glue.createPartition(r -> r.databaseName(t[0]).tableName(t[1]).partitionInput(partition("2024")));
        assertThat(glue.getColumnStatisticsForPartition(r -> r.databaseName(t[0]).tableName(t[1])
                .partitionValues("2024").columnNames("id")).columnStatisticsList()).isEmpty();

        glue.deleteTable(r -> r.databaseName(t[0]).name(t[1]));
        glue.createTable(r -> r.databaseName(t[0]).tableInput(tableInput(t[1], column("year", "int"))));
        assertThat(glue.getColumnStatisticsForTable(r -> r.databaseName(t[0]).tableName(t[1]).columnNames("id"))
                .columnStatisticsList()).isEmpty();
    }

    @Test
    void updatesTakeAtMostTwentyFiveColumnsAndGetsAtMostOneHundred() {
        String[] t = statsTable();
        List<ColumnStatistics> many = IntStream.range(0, 26).mapToObj(i -> longStats("c" + i, i)).toList();
        List<String> names = IntStream.range(0, 101).mapToObj(i -> "c" + i).toList();

        assertThat(message(expectError(InvalidInputException.class, () -> glue.updateColumnStatisticsForTable(r -> r
                .databaseName(t[0]).tableName(t[1]).columnStatisticsList(many)))))
                .contains("'columnStatisticsList'", "less than or equal to 25");
        assertThat(message(expectError(InvalidInputException.class, () -> glue.getColumnStatisticsForTable(r -> r
                .databaseName(t[0]).tableName(t[1]).columnNames(names)))))
                .contains("'columnNames'", "less than or equal to 100");
    }

    static ColumnStatistics longStats(String column, long max) {
        return ColumnStatistics.builder().columnName(column).columnType("bigint").analyzedTime(ANALYZED)
                .statisticsData(d -> d.type(ColumnStatisticsType.LONG).longColumnStatisticsData(l -> l
                        .minimumValue(-max).maximumValue(max).numberOfNulls(0L).numberOfDistinctValues(max)))
                .build();
    }

    static ColumnStatistics decimalStats(String column) {
        // 12345.67 and -0.01 at scale 2: the unscaled values travel as base64 big-endian two's complement.
        DecimalNumber max = DecimalNumber.builder().scale(2)
                .unscaledValue(SdkBytes.fromByteArray(BigInteger.valueOf(1234567).toByteArray())).build();
        DecimalNumber min = DecimalNumber.builder().scale(2)
                .unscaledValue(SdkBytes.fromByteArray(BigInteger.valueOf(-1).toByteArray())).build();
        return ColumnStatistics.builder().columnName(column).columnType("decimal(10,2)").analyzedTime(ANALYZED)
                .statisticsData(d -> d.type(ColumnStatisticsType.DECIMAL).decimalColumnStatisticsData(x -> x
                        .maximumValue(max).minimumValue(min).numberOfNulls(3L).numberOfDistinctValues(40L)))
                .build();
    }

    static ColumnStatistics booleanStats(String column) {
        return ColumnStatistics.builder().columnName(column).columnType("boolean").analyzedTime(ANALYZED)
                .statisticsData(d -> d.type(ColumnStatisticsType.BOOLEAN).booleanColumnStatisticsData(b -> b
                        .numberOfTrues(5L).numberOfFalses(6L).numberOfNulls(1L)))
                .build();
    }
}

package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.InvalidStateException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Segment;

/**
 * GetPartitions: the Expression language over int, string and date keys (each operator checked against a plain
 * Java predicate over the same values), Segment, MaxResults, NextToken and ExcludeColumnSchema.
 */
abstract class PartitionExpressionContract extends ContractGroup {
    private static final List<String> YEARS = List.of("9", "10", "2023", "2024");
    private static final List<String> REGIONS = List.of("eu", "us", "ap-south");
    private static final List<String> DAYS = List.of("2024-01-05", "2024-02-29", "2024-12-31");

    PartitionExpressionContract(TestServer server, GlueClient glue) {
        super(server, glue);
    }

    /** A table keyed (year int, region string, day date) with every combination of the values above. */
    String[] typedTable() {
        String db = newDatabase();
        String table = newTable(db, column("year", "int"), column("region", "string"), column("day", "date"));
        addPartitions(db, table, everyCombination());
        return new String[] {db, table};
    }

    @Test
    void everyOperatorSelectsWhatItsTypedComparisonSelects() {
        String[] t = typedTable();
        List<Case> cases = List.of(
                new Case("year = 10", p -> year(p) == 10),
                new Case("year <> 10", p -> year(p) != 10),
                new Case("year != 10", p -> year(p) != 10),
                new Case("year > 9", p -> year(p) > 9),           // numeric: 10 > 9 although "10" < "9"
                new Case("year < 10", p -> year(p) < 10),
                new Case("year >= 2023", p -> year(p) >= 2023),
                new Case("year <= 10", p -> year(p) <= 10),
                new Case("year = '10'", p -> year(p) == 10),      // a quoted literal is cast to the key's type
                new Case("year IN (9, 2024)", p -> year(p) == 9 || year(p) == 2024),
                new Case("year NOT IN (9, 2024)", p -> year(p) != 9 && year(p) != 2024),
                new Case("year BETWEEN 10 AND 2023", p -> year(p) >= 10 && year(p) <= 2023),
                new Case("year NOT BETWEEN 10 AND 2023", p -> year(p) < 10 || year(p) > 2023),
                new Case("region = 'eu'", p -> region(p).equals("eu")),
                new Case("region > 'eu'", p -> region(p).compareTo("eu") > 0),
                new Case("region <= 'eu'", p -> region(p).compareTo("eu") <= 0),
                new Case("region IN ('eu', 'us')", p -> region(p).equals("eu") || region(p).equals("us")),
                new Case("region LIKE 'ap%'", p -> region(p).startsWith("ap")),
                new Case("region LIKE '_u'", p -> region(p).length() == 2 && region(p).charAt(1) == 'u'),
                new Case("region NOT LIKE '%u%'", p -> !region(p).contains("u")),
                new Case("region LIKE 'EU'", p -> false),         // LIKE is case-sensitive
                new Case("region IS NULL", p -> false),
                new Case("region IS NOT NULL", p -> true),
                new Case("day = '2024-02-29'", p -> day(p).equals(LocalDate.of(2024, 2, 29))),
                new Case("day > '2024-02-01'", p -> day(p).isAfter(LocalDate.of(2024, 2, 1))),
                new Case("day BETWEEN '2024-01-01' AND '2024-06-30'",
                        p -> !day(p).isBefore(LocalDate.of(2024, 1, 1)) && !day(p).isAfter(LocalDate.of(2024, 6, 30))),
                new Case("NOT (year = 9)", p -> year(p) != 9),
                new Case("NOT year = 9 AND region = 'us'", p -> year(p) != 9 && region(p).equals("us")),
                new Case("year = 9 OR year = 10 AND region = 'eu'",
                        p -> year(p) == 9 || (year(p) == 10 && region(p).equals("eu"))),
                new Case("(year = 9 OR year = 10) AND region = 'eu'",
                        p -> (year(p) == 9 || year(p) == 10) && region(p).equals("eu")),
                new Case("year > 9 and region = 'us' and day < '2024-12-31'",
                        p -> year(p) > 9 && region(p).equals("us") && day(p).isBefore(LocalDate.of(2024, 12, 31))),
                new Case("year between 9 and 10 or region in ('ap-south')",
                        p -> year(p) <= 10 || region(p).equals("ap-south")));

        for (Case c : cases) {
            List<List<String>> selected = valuesOf(allPartitions(request(t).expression(c.expression()).build()));
            List<List<String>> expected = everyCombination().stream().filter(c.selects()).toList();
            assertThat(selected).as(c.expression()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void numbersCompareByValueWhateverTheirSpelling() {
        String db = newDatabase();
        String table = newTable(db, column("n", "int"), column("big", "bigint"), column("amount", "decimal(10,2)"));
        addPartitions(db, table, List.of(values("-10", "-9223372036854775808", "-1.5"), values("-2", "-1", "0.10"),
                values("0", "0", "0.1"), values("007", "9223372036854775807", "2"), values("100", "42", "10.00")));
        String[] t = {db, table};

        assertThat(firstValues(t, "n > -5")).containsExactlyInAnyOrder("-2", "0", "007", "100");
        assertThat(firstValues(t, "n = 7")).containsExactly("007");
        assertThat(firstValues(t, "n BETWEEN -10 AND 0")).containsExactlyInAnyOrder("-10", "-2", "0");
        assertThat(firstValues(t, "big < 0")).containsExactlyInAnyOrder("-10", "-2");
        assertThat(firstValues(t, "big >= 9223372036854775807")).containsExactly("007");
        assertThat(firstValues(t, "amount = 0.1")).containsExactlyInAnyOrder("-2", "0");
        assertThat(firstValues(t, "amount > 1.99")).containsExactlyInAnyOrder("007", "100");
        assertThat(firstValues(t, "amount < 0")).containsExactly("-10");
    }

    @Test
    void timestampsCompareAsInstantsOfTheDay() {
        String db = newDatabase();
        String table = newTable(db, column("ts", "timestamp"));
        addPartitions(db, table, List.of(values("2024-03-01 00:00:00"), values("2024-03-01 12:30:00.5"),
                values("2024-03-02 08:00:00")));
        String[] t = {db, table};

        assertThat(firstValues(t, "ts > '2024-03-01 12:30:00'")).containsExactlyInAnyOrder("2024-03-01 12:30:00.5",
                "2024-03-02 08:00:00");
        assertThat(firstValues(t, "ts = '2024-03-01 00:00:00.000'")).containsExactly("2024-03-01 00:00:00");
        assertThat(firstValues(t, "ts BETWEEN '2024-03-01 00:00:00' AND '2024-03-01 23:59:59'"))
                .containsExactlyInAnyOrder("2024-03-01 00:00:00", "2024-03-01 12:30:00.5");
    }

    @Test
    void onlyTheFirstTenKeysCanBeFiltered() {
        String db = newDatabase();
        Column[] keys = IntStream.rangeClosed(1, 11)
                .mapToObj(i -> column("k" + i, "string")).toArray(Column[]::new);
        String table = newTable(db, keys);
        addPartitions(db, table, List.of(IntStream.rangeClosed(1, 11).mapToObj(i -> "v" + i).toList()));
        String[] t = {db, table};

        assertThat(firstValues(t, "k10 = 'v10'")).containsExactly("v1");
        // Mortar keeps typed, indexed columns for ten keys; Glue has no such limit, so this is a documented gap.
        assertThat(invalid(t, "k11 = 'v11'")).contains("first 10 partition keys");
    }

    @Test
    void aBlankExpressionSelectsEveryPartition() {
        String[] t = typedTable();

        assertThat(allPartitions(request(t).expression("").build())).hasSize(36);
        assertThat(allPartitions(request(t).expression("   ").build())).hasSize(36);
    }

    @Test
    void expressionsThatDoNotFitTheKeysAreInvalidInput() {
        String[] t = typedTable();

        assertThat(invalid(t, "bogus = 1")).isEqualTo("Unknown column 'bogus'");
        assertThat(invalid(t, "year LIKE '1%'")).contains("LIKE", "year");
        assertThat(invalid(t, "year = 'abc'")).contains("abc", "year");
        assertThat(invalid(t, "day > 'yesterday'")).contains("yesterday", "day");
        assertThat(invalid(t, "year >")).contains("Invalid partition expression");
        assertThat(invalid(t, "year = 1 AND")).contains("Invalid partition expression");
        assertThat(invalid(t, "year = 1; DROP TABLE partitions")).contains("Invalid partition expression");
        assertThat(invalid(t, "region = 'unterminated")).contains("Invalid partition expression");
    }

    @Test
    void aKeyOfUnknownTypeCannotBeFiltered() {
        String db = newDatabase();
        String table = newTable(db, column("k", "geometry"), column("region", "string"));
        addPartitions(db, table, List.of(values("x", "eu")));

        assertThat(invalid(new String[] {db, table}, "k = 'x'")).isEqualTo("Unknown type : 'geometry'");
        assertThat(valuesOf(allPartitions(request(new String[] {db, table}).expression("region = 'eu'").build())))
                .containsExactly(values("x", "eu"));
    }

    @Test
    void aStoredValueThatDoesNotCastToItsKeyTypeMakesExpressionsOnThatKeyInvalidState() {
        String db = newDatabase();
        String table = newTable(db, column("n", "int"), column("region", "string"));
        addPartitions(db, table, List.of(values("1", "eu"), values("one", "us")));
        String[] t = {db, table};

        InvalidStateException error = expectError(InvalidStateException.class,
                () -> glue.getPartitions(request(t).expression("n > 0").build()));
        assertThat(message(error)).contains("one");

        assertThat(valuesOf(allPartitions(request(t).expression("region = 'us'").build())))
                .containsExactly(values("one", "us"));
        assertThat(allPartitions(request(t).build())).hasSize(2);
    }

    @Test
    void segmentsSplitThePartitionsIntoDisjointSlicesThatCoverThemAll() {
        String[] t = typedTable();
        for (String expression : new String[] {null, "year > 9"}) {
            List<List<String>> union = new ArrayList<>();
            for (int segment = 0; segment < 4; segment++) {
                int number = segment;
                List<List<String>> slice = valuesOf(allPartitions(request(t).expression(expression).maxResults(5)
                        .segment(s -> s.segmentNumber(number).totalSegments(4)).build()));
                // A segment is stable: asking again gives the same slice.
                assertThat(valuesOf(allPartitions(request(t).expression(expression)
                        .segment(s -> s.segmentNumber(number).totalSegments(4)).build())))
                        .containsExactlyInAnyOrderElementsOf(slice);
                union.addAll(slice);
            }
            List<List<String>> expected = valuesOf(allPartitions(request(t).expression(expression).build()));
            assertThat(union).as("segments of %s", expression).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void aSegmentNumberMustBeBelowTheTotal() {
        String[] t = typedTable();

        InvalidInputException error = expectError(InvalidInputException.class,
                () -> glue.getPartitions(request(t).segment(Segment.builder().segmentNumber(4).totalSegments(4)
                        .build()).build()));

        assertThat(message(error)).contains("SegmentNumber", "TotalSegments");
    }

    @Test
    void maxResultsBoundsEachPageAndNextTokenContinuesWhereItStopped() {
        String[] t = typedTable();

        List<Partition> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            GetPartitionsResponse page = glue.getPartitions(request(t).maxResults(10).nextToken(token).build());
            assertThat(page.partitions()).hasSizeLessThanOrEqualTo(10);
            all.addAll(page.partitions());
            token = page.nextToken();
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(4);
        assertThat(valuesOf(all)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(everyCombination());
    }

    @Test
    void theDefaultPageHoldsAThousandPartitions() {
        String db = newDatabase();
        String table = newTable(db, column("n", "int"));
        List<List<String>> values = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            values.add(values(Integer.toString(i)));
        }
        addPartitions(db, table, values);

        GetPartitionsResponse first = glue.getPartitions(r -> r.databaseName(db).tableName(table));
        assertThat(first.partitions()).hasSize(1000);
        assertThat(first.nextToken()).isNotNull();
        GetPartitionsResponse second = glue.getPartitions(r -> r.databaseName(db).tableName(table)
                .nextToken(first.nextToken()));
        assertThat(second.partitions()).hasSize(500);
        assertThat(second.nextToken()).isNull();
        Set<List<String>> seen = new HashSet<>(valuesOf(first.partitions()));
        seen.addAll(valuesOf(second.partitions()));
        assertThat(seen).hasSize(1500);
    }

    @Test
    void excludeColumnSchemaLeavesOutTheColumnsButKeepsTheRest() {
        String[] t = typedTable();

        List<Partition> partitions = allPartitions(request(t).excludeColumnSchema(true).expression("year = 9")
                .build());

        assertThat(partitions).hasSize(9).allSatisfy(p -> {
            assertThat(p.storageDescriptor().hasColumns() && !p.storageDescriptor().columns().isEmpty()).isFalse();
            assertThat(p.storageDescriptor().location()).isEqualTo("s3://lake/" + String.join("/", p.values()) + "/");
            assertThat(p.storageDescriptor().inputFormat()).isNotNull();
        });
        assertThat(allPartitions(request(t).excludeColumnSchema(false).expression("year = 9").build()))
                .allSatisfy(p -> assertThat(p.storageDescriptor().columns()).hasSize(2));
    }

    @Test
    void aTokenThatThisListingDidNotIssueIsRejected() {
        String[] t = typedTable();
        glue.createTable(r -> r.databaseName(t[0]).tableInput(tableInput(unique("other"))));
        String tablesToken = glue.getTables(r -> r.databaseName(t[0]).maxResults(1)).nextToken();
        assertThat(tablesToken).isNotNull();

        for (String token : new String[] {"not a token!", "bm90IGEgdG9rZW4", tablesToken}) {
            InvalidInputException error = expectError(InvalidInputException.class,
                    () -> glue.getPartitions(request(t).nextToken(token).build()));
            assertThat(message(error)).contains("NextToken");
        }
    }

    List<List<String>> everyCombination() {
        List<List<String>> all = new ArrayList<>();
        for (String year : YEARS) {
            for (String region : REGIONS) {
                for (String day : DAYS) {
                    all.add(values(year, region, day));
                }
            }
        }
        return all;
    }

    List<String> firstValues(String[] t, String expression) {
        return allPartitions(request(t).expression(expression).build()).stream().map(p -> p.values().get(0))
                .toList();
    }

    String invalid(String[] t, String expression) {
        return message(expectError(InvalidInputException.class,
                () -> glue.getPartitions(request(t).expression(expression).build())));
    }

    static GetPartitionsRequest.Builder request(String[] table) {
        return GetPartitionsRequest.builder().databaseName(table[0]).tableName(table[1]);
    }

    static int year(List<String> p) {
        return Integer.parseInt(p.get(0));
    }

    static String region(List<String> p) {
        return p.get(1);
    }

    static LocalDate day(List<String> p) {
        return LocalDate.parse(p.get(2));
    }

    record Case(String expression, Predicate<List<String>> selects) {}
}

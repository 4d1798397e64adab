package io.mortar.store.jdbc.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mortar.store.expression.PartitionExpressionEvaluator;
import io.mortar.store.expression.PartitionExpressionParser;
import io.mortar.store.expression.PartitionKey;
import io.mortar.store.expression.PartitionValueCodec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Compiles random expressions, runs them against a real database holding encoded partition values and checks that
 * the database selects exactly the partitions the in-memory evaluator (which compares typed values, not encodings)
 * matches. This tests the parser, the binder, the SQL, the dialect's LIKE translation and the order-preserving
 * codec together, against the database's own comparison and NULL semantics.
 */
class PartitionExpressionDifferentialTest {
    static final String POSTGRESQL_URL_VARIABLE = "MORTAR_TEST_PG_URL";
    private static final int PARTITIONS = 400;
    private static final int EXPRESSIONS = 1_500;

    /** The year/month/region table of the brief; table {@code p}. */
    private static final List<DifferentialKey> CALENDAR_KEYS = List.of(
            DifferentialKey.integral("year", 2016, 2024),
            DifferentialKey.integral("month", 1, 12),
            DifferentialKey.region("region"));

    /** date, timestamp, decimal and string keys; table {@code p2}. */
    private static final List<DifferentialKey> TYPED_KEYS = List.of(
            DifferentialKey.date("d"),
            DifferentialKey.timestamp("ts"),
            DifferentialKey.decimal("amount"),
            DifferentialKey.string("tag", List.of("x", "y", "X", "_", "%"), 2));

    /** What a store writes into a slot column: the encoding of the value for its declared key type. */
    private static final BiFunction<String, PartitionKey, String> ENCODED = PartitionValueCodec::encode;

    @Test
    void sqliteSelectsWhatTheEvaluatorMatches() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            assertAgreement(connection, ExpressionSqlDialect.SQLITE, "");
        }
    }

    @Test
    void postgresqlSelectsWhatTheEvaluatorMatches() throws SQLException {
        String url = System.getenv(POSTGRESQL_URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(),
                POSTGRESQL_URL_VARIABLE + " is not set (a jdbc:postgresql URL with user and password); skipping");
        try (Connection connection = DriverManager.getConnection(url)) {
            assertAgreement(connection, ExpressionSqlDialect.POSTGRESQL, " COLLATE \"C\"");
        }
    }

    /** The control: with raw instead of encoded values stored, the harness must notice that SQL goes wrong. */
    @Test
    void detectsAStoreThatSkipsTheEncoding() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            Report report = run(connection, ExpressionSqlDialect.SQLITE, "", "p", CALENDAR_KEYS, (raw, key) -> raw,
                    11L, 200);
            assertThat(report.mismatches()).isNotEmpty();
        }
    }

    @Test
    void sqliteServesComparisonsFromAnIndexOnTheSlotColumn() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE p (id INTEGER PRIMARY KEY, k1 TEXT, k2 TEXT, k3 TEXT)");
            statement.execute("CREATE INDEX p_k1 ON p (k1)");
            List<PartitionKey> keys = CALENDAR_KEYS.stream().map(DifferentialKey::key).toList();
            for (String expression : List.of("year > 2019", "year BETWEEN 2019 AND 2021", "year IN (2019, 2020)",
                    "year = '2020'")) {
                CompiledExpression compiled = PartitionExpressionCompilerTest.compile(
                        new PartitionExpressionCompiler(ExpressionSqlDialect.SQLITE), expression, keys,
                        key -> "k" + (key + 1));
                try (PreparedStatement plan = prepare(connection, "EXPLAIN QUERY PLAN SELECT id FROM p WHERE "
                        + compiled.sql(), compiled.parameters()); ResultSet rows = plan.executeQuery()) {
                    StringBuilder details = new StringBuilder();
                    while (rows.next()) {
                        details.append(rows.getString("detail")).append('\n');
                    }
                    assertThat(details.toString()).as(expression).contains("USING COVERING INDEX p_k1");
                }
            }
        }
    }

    private static void assertAgreement(Connection connection, ExpressionSqlDialect dialect, String collation)
            throws SQLException {
        for (Report report : List.of(
                run(connection, dialect, collation, "p", CALENDAR_KEYS, ENCODED, 20240611L, EXPRESSIONS),
                run(connection, dialect, collation, "p2", TYPED_KEYS, ENCODED, 19700101L, EXPRESSIONS))) {
            assertThat(report.mismatches()).as(report.table()).isEmpty();
            // Guard against a vacuous pass: most expressions must select some partitions but not all.
            assertThat(report.selective()).as("selective expressions on %s", report.table())
                    .isGreaterThan(EXPRESSIONS / 2);
        }
    }

    private record Report(String table, int selective, List<String> mismatches) {
    }

    private static Report run(Connection connection, ExpressionSqlDialect dialect, String collation, String table,
            List<DifferentialKey> keys, BiFunction<String, PartitionKey, String> stored, long seed, int expressions)
            throws SQLException {
        Random random = new Random(seed);
        List<PartitionKey> partitionKeys = keys.stream().map(DifferentialKey::key).toList();
        List<List<String>> partitions = new ArrayList<>();
        for (int id = 0; id < PARTITIONS; id++) {
            List<String> values = new ArrayList<>();
            for (DifferentialKey key : keys) {
                values.add(random.nextInt(8) == 0 ? null : key.value().apply(random));
            }
            partitions.add(values);
        }
        createTable(connection, table, partitionKeys, collation);
        insert(connection, table, partitionKeys, partitions, stored);

        PartitionExpressionCompiler compiler = new PartitionExpressionCompiler(dialect);
        RandomExpressionGenerator generator = new RandomExpressionGenerator(random, keys);
        int selective = 0;
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < expressions; i++) {
            String expression = generator.next();
            Predicate<List<String>> evaluator = PartitionExpressionEvaluator.prepare(
                    PartitionExpressionParser.parse(expression), partitionKeys);
            TreeSet<Integer> expected = new TreeSet<>();
            for (int id = 0; id < PARTITIONS; id++) {
                if (evaluator.test(partitions.get(id))) {
                    expected.add(id);
                }
            }
            CompiledExpression compiled = PartitionExpressionCompilerTest.compile(compiler, expression, partitionKeys,
                    key -> "k" + (key + 1));
            TreeSet<Integer> actual = select(connection, table, compiled);
            if (!actual.equals(expected)) {
                mismatches.add(String.format("%s%n  sql: %s%n  parameters: %s%n  only in SQL: %s%n"
                        + "  only in evaluator: %s", expression, compiled.sql(), compiled.parameters(),
                        describe(difference(actual, expected), partitions), describe(difference(expected, actual),
                                partitions)));
            }
            if (!expected.isEmpty() && expected.size() < PARTITIONS) {
                selective++;
            }
        }
        return new Report(table, selective, mismatches.stream().limit(5).toList());
    }

    private static void createTable(Connection connection, String table, List<PartitionKey> keys, String collation)
            throws SQLException {
        String columns = IntStream.range(0, keys.size())
                .mapToObj(key -> "k" + (key + 1) + " TEXT" + collation).collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE " + table + " (id INTEGER PRIMARY KEY, " + columns + ")");
        }
    }

    private static void insert(Connection connection, String table, List<PartitionKey> keys,
            List<List<String>> partitions, BiFunction<String, PartitionKey, String> stored) throws SQLException {
        String placeholders = ", ?".repeat(keys.size());
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " VALUES (?" + placeholders + ")")) {
            for (int id = 0; id < partitions.size(); id++) {
                insert.setInt(1, id);
                for (int key = 0; key < keys.size(); key++) {
                    String raw = partitions.get(id).get(key);
                    insert.setString(key + 2, raw == null ? null : stored.apply(raw, keys.get(key)));
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static TreeSet<Integer> select(Connection connection, String table, CompiledExpression compiled)
            throws SQLException {
        TreeSet<Integer> ids = new TreeSet<>();
        try (PreparedStatement query = prepare(connection, "SELECT id FROM " + table + " WHERE " + compiled.sql(),
                compiled.parameters()); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
        }
        return ids;
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setString(i + 1, (String) parameters.get(i));
        }
        return statement;
    }

    private static TreeSet<Integer> difference(TreeSet<Integer> left, TreeSet<Integer> right) {
        TreeSet<Integer> difference = new TreeSet<>(left);
        difference.removeAll(right);
        return difference;
    }

    private static String describe(TreeSet<Integer> ids, List<List<String>> partitions) {
        return ids.stream().limit(5).map(id -> id + "=" + partitions.get(id)).collect(Collectors.joining(", "));
    }
}

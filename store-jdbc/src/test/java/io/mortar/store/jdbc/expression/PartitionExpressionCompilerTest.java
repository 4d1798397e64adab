package io.mortar.store.jdbc.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.expression.ExpressionBinder;
import io.mortar.store.expression.PartitionKey;
import io.mortar.store.expression.PartitionKeyType;
import io.mortar.store.expression.PartitionValueCodec;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntFunction;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionExpressionCompilerTest {
    private static final List<PartitionKey> KEYS = List.of(
            new PartitionKey("year", "int"),
            new PartitionKey("month", "tinyint"),
            new PartitionKey("region", "string"),
            new PartitionKey("day", "date"),
            new PartitionKey("ts", "timestamp"),
            new PartitionKey("amount", "decimal(10,2)"),
            new PartitionKey("flag", "boolean"),
            new PartitionKey("Mixed", "VARCHAR(10)"));

    private final PartitionExpressionCompiler sqlite = new PartitionExpressionCompiler(ExpressionSqlDialect.SQLITE);
    private final PartitionExpressionCompiler postgresql =
            new PartitionExpressionCompiler(ExpressionSqlDialect.POSTGRESQL);

    private CompiledExpression compile(String expression) {
        return compile(sqlite, expression, KEYS, key -> "k" + (key + 1));
    }

    /** As the store compiles a GetPartitions Expression: bound to the keys first, then written as SQL. */
    static CompiledExpression compile(PartitionExpressionCompiler compiler, String expression, List<PartitionKey> keys,
                                      IntFunction<String> columnForKey) {
        return compiler.compile(ExpressionBinder.bind(expression, keys), columnForKey);
    }

    private static String number(String text) {
        return PartitionValueCodec.encode(text, PartitionKeyType.DECIMAL);
    }

    @Test
    void compilesAComparisonAgainstAnEncodedParameter() {
        CompiledExpression compiled = compile("year > 9");
        assertThat(compiled.sql()).isEqualTo("(k1 > ?)");
        assertThat(compiled.parameters()).containsExactly(number("9"));
        assertThat(compiled.referencedKeys()).isEqualTo(bits(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "year = 2020  | (k1 = ?)", "year <> 2020 | (k1 <> ?)", "year != 2020 | (k1 <> ?)", "year < 2020 | (k1 < ?)",
        "year <= 2020 | (k1 <= ?)", "year > 2020 | (k1 > ?)", "year >= 2020 | (k1 >= ?)", "2020 < year | (k1 > ?)",
        "'2020' >= year | (k1 <= ?)",
    })
    void compilesEveryComparisonOperator(String expression, String sql) {
        CompiledExpression compiled = compile(expression);
        assertThat(compiled.sql()).isEqualTo(sql);
        assertThat(compiled.parameters()).containsExactly(number("2020"));
    }

    @Test
    void compilesConnectivesWithExplicitParentheses() {
        CompiledExpression compiled = compile(
                "year = 2020 AND (month IN (1, '02') OR NOT region LIKE 'us-%') AND day IS NOT NULL");
        assertThat(compiled.sql())
                .isEqualTo("(k1 = ? AND (k2 IN (?, ?) OR (NOT (k3 GLOB ?))) AND k4 IS NOT NULL)");
        assertThat(compiled.parameters()).containsExactly(number("2020"), number("1"), number("2"), "us-*");
        assertThat(compiled.referencedKeys()).isEqualTo(bits(0, 1, 2, 3));
    }

    @Test
    void compilesNegatedForms() {
        assertThat(compile("year NOT IN (1, 2)").sql()).isEqualTo("(k1 NOT IN (?, ?))");
        assertThat(compile("year NOT BETWEEN 1 AND 2").sql()).isEqualTo("(k1 NOT BETWEEN ? AND ?)");
        assertThat(compile("region NOT LIKE 'a_'").sql()).isEqualTo("(NOT (k3 GLOB ?))");
        assertThat(compile("region IS NULL").sql()).isEqualTo("(k3 IS NULL)");
        assertThat(compile("NOT NOT region IS NULL").sql()).isEqualTo("(NOT (NOT (k3 IS NULL)))");
        assertThat(compile("NOT (year = 1 OR year = 2)").sql()).isEqualTo("(NOT (k1 = ? OR k1 = ?))");
    }

    @Test
    void compilesBetweenWithBothBoundsEncoded() {
        CompiledExpression compiled = compile("amount BETWEEN -1.50 AND '2e1' AND year = 1");
        assertThat(compiled.sql()).isEqualTo("(k6 BETWEEN ? AND ? AND k1 = ?)");
        assertThat(compiled.parameters()).containsExactly(number("-1.5"), number("20"), number("1"));
    }

    @Test
    void encodesLiteralsForTheKeyType() {
        assertThat(compile("day = '2020-1-5'").parameters()).containsExactly("2020-01-05");
        assertThat(compile("ts < '2020-01-05 01:02:03.5'").parameters())
                .containsExactly("2020-01-05 01:02:03.500000000");
        assertThat(compile("year = '010'").parameters()).containsExactly(number("10"));
        // Against a string key, a number literal is its text as written.
        assertThat(compile("region = 007").parameters()).containsExactly("007");
        assertThat(compile("region > 1.50e1").parameters()).containsExactly("1.50e1");
    }

    @Test
    void translatesLikePatternsPerDialect() {
        CompiledExpression glob = compile("region LIKE 'a*b?[c]%_'");
        assertThat(glob.sql()).isEqualTo("(k3 GLOB ?)");
        assertThat(glob.parameters()).containsExactly("a[*]b[?][[]c]*?");

        CompiledExpression like = compile(postgresql, "region LIKE 'a*b\\%_' AND year = 1", KEYS, key -> "c" + key);
        assertThat(like.sql()).isEqualTo("(c2 LIKE ? ESCAPE '' AND c0 = ?)");
        assertThat(like.parameters()).containsExactly("a*b\\%_", number("1"));
    }

    @Test
    void matchesColumnNamesCaseInsensitively() {
        assertThat(compile("YEAR = 1 AND `Region` = 'x' AND \"MIXED\" = 'y' AND mixed = 'z'").sql())
                .isEqualTo("(k1 = ? AND k3 = ? AND k8 = ? AND k8 = ?)");
    }

    @Test
    void asksForTheColumnOfEachReferencedKeyOnce() {
        List<Integer> asked = new ArrayList<>();
        compile(sqlite, "region = 'a' OR region = 'b' OR ts IS NULL", KEYS, key -> {
            asked.add(key);
            return "c" + key;
        });
        assertThat(asked).containsExactly(2, 4);
    }

    @Test
    void neverInlinesLiterals() {
        CompiledExpression compiled = compile("region = 'x'' OR 1=1 --' OR region IN ('y', 'z')");
        assertThat(compiled.sql()).isEqualTo("(k3 = ? OR k3 IN (?, ?))");
        assertThat(compiled.parameters()).containsExactly("x' OR 1=1 --", "y", "z");
    }

    @Test
    void ignoresUnsupportedKeysTheExpressionDoesNotUse() {
        assertThat(compile("year = 1").referencedKeys()).isEqualTo(bits(0));
    }

    @Test
    void protectsItsReferencedKeysFromMutation() {
        CompiledExpression compiled = compile("year = 1");
        compiled.referencedKeys().set(5);
        assertThat(compiled.referencedKeys()).isEqualTo(bits(0));
    }

    // ---- errors ----

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\n"})
    void rejectsBlankExpressions(String expression) {
        assertInvalidInput(() -> compile(expression)).hasMessageContaining("blank");
    }

    @Test
    void rejectsUnparseableExpressions() {
        assertInvalidInput(() -> compile("year IN (1, )"))
                .hasMessage("Invalid partition expression at position 12: expected a literal but found ')'");
    }

    @Test
    void rejectsUnknownColumns() {
        assertInvalidInput(() -> compile("year = 1 AND colour = 'red'")).hasMessage("Unknown column 'colour'");
        assertInvalidInput(() -> compile("`year ` = 1")).hasMessage("Unknown column 'year '");
    }

    @Test
    void rejectsKeysOfUnsupportedTypes() {
        assertInvalidInput(() -> compile("flag = 'true'")).hasMessage("Unknown type : 'boolean'");
        assertInvalidInput(() -> compile("flag IS NULL")).hasMessage("Unknown type : 'boolean'");
        List<PartitionKey> keys = List.of(new PartitionKey("d", " Double "), new PartitionKey("n", null));
        assertInvalidInput(() -> compile(sqlite, "d > 1", keys, key -> "k")).hasMessage("Unknown type : ' Double '");
        assertInvalidInput(() -> compile(sqlite, "n > 1", keys, key -> "k")).hasMessage("Unknown type : 'null'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "year LIKE '20%'     | year   | int",
        "day NOT LIKE '2020%' | day   | date",
        "amount LIKE '1%'    | amount | decimal(10,2)",
    })
    void rejectsLikeOnNonStringKeys(String expression, String key, String type) {
        assertInvalidInput(() -> compile(expression))
                .hasMessageContaining("LIKE").hasMessageContaining("'" + key + "'").hasMessageContaining(type);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "year = 'abc'                   | 'abc'                 | year   | int",
        "year = 2020.5                  | 2020.5                | year   | int",
        "year = '2020 '                 | '2020 '               | year   | int",
        "year = 3000000000              | 3000000000            | year   | int",
        "month > 128                    | 128                   | month  | tinyint",
        "month IN (1, 2, 'x')           | 'x'                   | month  | tinyint",
        "year BETWEEN 1 AND 'z'         | 'z'                   | year   | int",
        "day = '2020-13-01'             | '2020-13-01'          | day    | date",
        "day = 20200101                 | 20200101              | day    | date",
        "ts = '2020-01-01 25:00:00'     | '2020-01-01 25:00:00' | ts     | timestamp",
        "amount = 'one'                 | 'one'                 | amount | decimal(10,2)",
        "amount = 'it''s'               | 'it''s'               | amount | decimal(10,2)",
    })
    void rejectsLiteralsNotCastableToTheKeyType(String expression, String literal, String key, String type) {
        assertInvalidInput(() -> compile(expression))
                .hasMessageContaining(literal).hasMessageContaining("'" + key + "'").hasMessageContaining(type);
    }

    private static AbstractThrowableAssert<?, ?> assertInvalidInput(Runnable action) {
        return assertThatThrownBy(action::run).isInstanceOfSatisfying(GlueException.class,
                e -> assertThat(e.code()).isEqualTo(GlueErrorCode.INVALID_INPUT));
    }

    private static BitSet bits(int... positions) {
        BitSet bits = new BitSet();
        for (int position : positions) {
            bits.set(position);
        }
        return bits;
    }
}

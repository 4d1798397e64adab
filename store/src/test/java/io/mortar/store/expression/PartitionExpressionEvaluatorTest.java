package io.mortar.store.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionExpressionEvaluatorTest {
    private static final List<PartitionKey> KEYS = List.of(
            new PartitionKey("year", "int"),
            new PartitionKey("region", "string"),
            new PartitionKey("amount", "decimal"),
            new PartitionKey("day", "date"),
            new PartitionKey("flag", "boolean"));

    private static boolean matches(String expression, String... values) {
        return PartitionExpressionEvaluator.matches(PartitionExpressionParser.parse(expression), KEYS,
                Arrays.asList(values));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "year > 9                 | true",
        "year > '9'               | true",
        "year = '010'             | true",
        "year = 10.0              | true",
        "year = 1e1               | true",
        "year IN (9, 11)          | false",
        "year BETWEEN 9 AND 10    | true",
        "year NOT BETWEEN 10 AND 10 | false",
        "region > 9               | false",
        "region < 9               | true",
        "region = 010             | false",
        "amount = 1               | true",
        "amount > 0.99999         | true",
        "day = '2020-1-5'         | true",
        "day < '2020-01-10'       | true",
    })
    void comparesAsTheKeyType(String expression, boolean expected) {
        assertThat(matches(expression, "10", "10", "1.000", "2020-01-05")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "year = 1                          | false",
        "year <> 1                         | false",
        "NOT year = 1                      | false",
        "year IN (1, 2)                    | false",
        "year NOT IN (1, 2)                | false",
        "year BETWEEN 1 AND 2              | false",
        "year NOT BETWEEN 1 AND 2          | false",
        "region LIKE '%'                   | true",
        "year IS NULL                      | true",
        "year IS NOT NULL                  | false",
        "NOT year IS NULL                  | false",
        "year = 1 OR region = 'x'          | true",
        "year = 1 AND region = 'x'         | false",
        "NOT (year = 1 AND region = 'y')   | true",
        "NOT (year = 1 AND region = 'x')   | false",
        "NOT (year = 1 OR region = 'y')    | false",
        "NOT (year = 1 OR region = 'x')    | false",
    })
    void treatsAMissingValueAsSqlNull(String expression, boolean expected) {
        assertThat(matches(expression, null, "x")).isEqualTo(expected);
    }

    @Test
    void treatsValuesPastTheEndOfTheListAsMissing() {
        assertThat(PartitionExpressionEvaluator.matches(PartitionExpressionParser.parse("day IS NULL AND year = 1"),
                KEYS, List.of("1"))).isTrue();
    }

    @Test
    void matchesLikeCaseSensitivelyByCodePoint() {
        assertThat(matches("region LIKE 'a_c'", null, "a\uD83D\uDE00c")).isTrue();
        assertThat(matches("region LIKE 'a__c'", null, "a\uD83D\uDE00c")).isFalse();
        assertThat(matches("region LIKE 'A%'", null, "abc")).isFalse();
        assertThat(matches("region NOT LIKE 'A%'", null, "abc")).isTrue();
        assertThat(matches("region LIKE 'a*c'", null, "abc")).isFalse();
        assertThat(matches("region LIKE 'a*c'", null, "a*c")).isTrue();
    }

    @Test
    void ordersTextByCodePointLikeUtf8Bytes() {
        // U+FFFD sorts below U+1F600, although its UTF-16 unit is above the surrogate pair's first unit.
        assertThat(matches("region > '\uFFFD'", null, "\uD83D\uDE00")).isTrue();
        assertThat(matches("region < 'b'", null, "ab")).isTrue();
        assertThat(matches("region < 'a'", null, "")).isTrue();
    }

    @Test
    void failsOnUncastableValuesOfReferencedKeys() {
        assertThatThrownBy(() -> matches("year = 1 OR region = 'x'", "nineteen", "x"))
                .isInstanceOfSatisfying(GlueException.class,
                        e -> assertThat(e.code()).isEqualTo(GlueErrorCode.INVALID_STATE))
                .hasMessageContaining("'nineteen'").hasMessageContaining("'year'").hasMessageContaining("int");
    }

    @Test
    void ignoresUncastableValuesOfOtherKeys() {
        assertThat(matches("region = 'x'", "nineteen", "x", "one", "yesterday", "maybe")).isTrue();
    }

    @Test
    void rejectsIllTypedExpressionsLikeTheCompiler() {
        assertThatThrownBy(() -> matches("flag = 'true'", "1", "x"))
                .isInstanceOfSatisfying(GlueException.class,
                        e -> assertThat(e.code()).isEqualTo(GlueErrorCode.INVALID_INPUT))
                .hasMessage("Unknown type : 'boolean'");
        assertThatThrownBy(() -> matches("colour = 'red'", "1", "x")).hasMessage("Unknown column 'colour'");
    }
}

package io.mortar.store.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.expression.PartitionExpression.And;
import io.mortar.store.expression.PartitionExpression.Comparison;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionExpressionParserTest {

    private static String parse(String text) {
        return ExpressionPrinter.print(PartitionExpressionParser.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a = 1 OR b = 2 AND c = 3         | (OR (a = 1) (AND (b = 2) (c = 3)))",
        "a = 1 AND b = 2 OR c = 3         | (OR (AND (a = 1) (b = 2)) (c = 3))",
        "(a = 1 OR b = 2) AND c = 3       | (AND (OR (a = 1) (b = 2)) (c = 3))",
        "NOT a = 1 AND b = 2              | (AND (NOT (a = 1)) (b = 2))",
        "NOT a = 1 OR NOT b = 2           | (OR (NOT (a = 1)) (NOT (b = 2)))",
        "NOT (a = 1 OR b = 2)             | (NOT (OR (a = 1) (b = 2)))",
        "NOT NOT a = 1                    | (NOT (NOT (a = 1)))",
        "a = 1 AND b = 2 AND c = 3        | (AND (a = 1) (b = 2) (c = 3))",
        "a = 1 OR b = 2 OR c = 3 AND d = 4 | (OR (a = 1) (b = 2) (AND (c = 3) (d = 4)))",
        "((a = 1))                        | (a = 1)",
        "(a = 1) AND ((b = 2) OR (c = 3)) | (AND (a = 1) (OR (b = 2) (c = 3)))",
    })
    void appliesPrecedenceNotOverAndOverOr(String text, String tree) {
        assertThat(parse(text)).isEqualTo(tree);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "year = 2020     | (year = 2020)",
        "year <> 2020    | (year <> 2020)",
        "year != 2020    | (year <> 2020)",
        "year < 2020     | (year < 2020)",
        "year <= 2020    | (year <= 2020)",
        "year > 2020     | (year > 2020)",
        "year >= 2020    | (year >= 2020)",
        "year>=2020      | (year >= 2020)",
        "2020 = year     | (year = 2020)",
        "2020 <> year    | (year <> 2020)",
        "2020 != year    | (year <> 2020)",
        "2020 < year     | (year > 2020)",
        "2020 <= year    | (year >= 2020)",
        "2020 > year     | (year < 2020)",
        "2020 >= year    | (year <= 2020)",
        "'x' < region    | (region > 'x')",
    })
    void parsesComparisonsAndFlipsLiteralFirstOnes(String text, String tree) {
        assertThat(parse(text)).isEqualTo(tree);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "year IN (2019, '2020', 2021)                 | (year IN 2019 '2020' 2021)",
        "year IN (1)                                  | (year IN 1)",
        "year NOT IN (1, 2)                           | (year NOT IN 1 2)",
        "year BETWEEN 2019 AND 2021                   | (year BETWEEN 2019 2021)",
        "year NOT BETWEEN '1' AND '2'                 | (year NOT BETWEEN '1' '2')",
        "year BETWEEN 1 AND 2 AND month = 3           | (AND (year BETWEEN 1 2) (month = 3))",
        "a BETWEEN 1 AND 2 OR b BETWEEN 3 AND 4       | (OR (a BETWEEN 1 2) (b BETWEEN 3 4))",
        "a = 0 AND b BETWEEN 1 AND 2 AND c = 3        | (AND (a = 0) (b BETWEEN 1 2) (c = 3))",
        "NOT a BETWEEN 1 AND 2                        | (NOT (a BETWEEN 1 2))",
        "region LIKE 'us-%'                           | (region LIKE 'us-%')",
        "region NOT LIKE '_a%'                        | (region NOT LIKE '_a%')",
        "region IS NULL                               | (region IS NULL)",
        "region IS NOT NULL                           | (region IS NOT NULL)",
        "NOT region IS NULL                           | (NOT (region IS NULL))",
    })
    void parsesInBetweenLikeAndIsNull(String text, String tree) {
        assertThat(parse(text)).isEqualTo(tree);
    }

    @Test
    void readsKeywordsCaseInsensitively() {
        assertThat(parse("year between 1 and 2 or Not region LIKE 'x' aNd month not in (3) OR m is not null"))
                .isEqualTo("(OR (year BETWEEN 1 2) (AND (NOT (region LIKE 'x')) (month NOT IN 3)) (m IS NOT NULL))");
    }

    @Test
    void readsQuotedIdentifiersVerbatim() {
        assertThat(parse("`my col` = 1 AND \"And\" = 2 AND `a``b` = 3 AND \"c\"\"d\" = 4 AND `NULL` IS NULL"))
                .isEqualTo("(AND (my col = 1) (And = 2) (a`b = 3) (c\"d = 4) (NULL IS NULL))");
        assertThat(parse("1 < `year`")).isEqualTo("(year > 1)");
    }

    @Test
    void readsStringLiteralsWithDoubledQuotes() {
        PartitionExpression expression = PartitionExpressionParser.parse("region = 'it''s' OR region = ''''''"
                + " OR region = '' OR region = 'a\"b`c\\\\d'");
        assertThat(ExpressionPrinter.print(expression))
                .isEqualTo("(OR (region = 'it''s') (region = '''''') (region = '') (region = 'a\"b`c\\\\d'))");
        Comparison first = (Comparison) ((PartitionExpression.Or) expression).operands().get(0);
        assertThat(first.value()).isEqualTo(Literal.string("it's"));
        assertThat(PartitionExpressionParser.parse("r = ''''''")).isEqualTo(new Comparison("r",
                ComparisonOperator.EQUAL, Literal.string("''")));
    }

    @ParameterizedTest
    @CsvSource({"0", "2020", "007", "-5", "1.5", "-0.25", "1e10", "2.5E-3", "1e+3", "-1.5e-07"})
    void keepsNumbersAsWritten(String number) {
        assertThat(PartitionExpressionParser.parse("x = " + number))
                .isEqualTo(new Comparison("x", ComparisonOperator.EQUAL, Literal.number(number)));
    }

    @Test
    void acceptsAnyWhitespace() {
        assertThat(parse("\tyear\n=\r\n2020  AND(month=1)")).isEqualTo("(AND (year = 2020) (month = 1))");
    }

    @Test
    void keepsLongChainsFlat() {
        String text = IntStream.range(0, 5_000).mapToObj(i -> "k = " + i).collect(Collectors.joining(" AND "));
        PartitionExpression expression = PartitionExpressionParser.parse(text);
        assertThat(expression).isInstanceOf(And.class);
        assertThat(((And) expression).operands()).hasSize(5_000);
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        int depth = PartitionExpressionParser.MAX_NESTING;
        assertThat(parse("(".repeat(depth) + "a = 1" + ")".repeat(depth))).isEqualTo("(a = 1)");
        assertThat(parse("NOT ".repeat(depth) + "a = 1")).startsWith("(NOT (NOT");
    }

    @Test
    void rejectsDeeperNesting() {
        int depth = PartitionExpressionParser.MAX_NESTING + 1;
        assertSyntaxError("(".repeat(depth) + "a = 1" + ")".repeat(depth), depth - 1, "nested more than 100 levels");
        assertSyntaxError("NOT ".repeat(100_000) + "a = 1", 400, "nested more than 100 levels");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "year IN (1, )      | 12 | expected a literal but found ')'",
        "''                 | 2  | expected a comparison operator but found end of input",
        "year = 1 'x'       | 9  | expected AND, OR or end of input but found the string 'x'",
        "year               | 4  | expected a comparison operator, IN, BETWEEN, LIKE, NOT or IS but found end of input",
        "year =             | 6  | expected a literal but found end of input",
        "year = 1 AND       | 12 | expected a column name, a literal, NOT or '(' but found end of input",
        "year = 1 OR OR     | 12 | expected a column name, a literal, NOT or '(' but found 'OR'",
        "(year = 1          | 9  | expected AND, OR or ')' but found end of input",
        "year = 1)          | 8  | expected AND, OR or end of input but found ')'",
        "year = 1 month = 2 | 9  | expected AND, OR or end of input but found 'month'",
        "()                 | 1  | expected a column name, a literal, NOT or '(' but found ')'",
        "year = 'abc        | 7  | unterminated string literal",
        "`year = 1          | 0  | unterminated quoted identifier",
        "`` = 1             | 0  | empty quoted identifier",
        "year # 1           | 5  | unexpected character '#'",
        "year = 1 ; x       | 9  | unexpected character ';'",
        "- 5 = year         | 0  | unexpected character '-'",
        "year BETWEEN 1 OR 2 | 15 | expected AND but found 'OR'",
        "year BETWEEN 1     | 14 | expected AND but found end of input",
        "year BETWEEN AND 2 | 13 | expected a literal but found 'AND'",
        "region LIKE 5      | 12 | expected a quoted LIKE pattern but found '5'",
        "region LIKE region | 12 | expected a quoted LIKE pattern but found 'region'",
        "year NOT = 1       | 9  | expected IN, BETWEEN or LIKE but found '='",
        "year NOT NULL      | 9  | expected IN, BETWEEN or LIKE but found 'NULL'",
        "year IS 1          | 8  | expected NOT or NULL but found '1'",
        "year IS NOT 1      | 12 | expected NULL but found '1'",
        "year IN 1          | 8  | expected '(' but found '1'",
        "year IN (1 2)      | 11 | expected ',' or ')' but found '2'",
        "year IN ()         | 9  | expected a literal but found ')'",
        "1 = 2              | 4  | expected a column name but found '2'",
        "1 IN (1)           | 2  | expected a comparison operator but found 'IN'",
        "year = NULL        | 7  | expected a literal but found 'NULL'",
        "year = month       | 7  | expected a literal but found 'month'",
        "year == 1          | 6  | expected a literal but found '='",
        "year = 1e          | 7  | malformed number '1e'",
        "year = 1.          | 7  | malformed number '1.'",
        "year = 1.5.2       | 7  | malformed number '1.5.'",
        "year = 2020abc     | 7  | malformed number '2020a'",
        "year = .5          | 7  | unexpected character '.'",
        "AND = 1            | 0  | expected a column name, a literal, NOT or '(' but found 'AND'",
        "NOT                | 3  | expected a column name, a literal, NOT or '(' but found end of input",
    })
    void reportsWhereAndWhatWasExpected(String text, int position, String detail) {
        assertSyntaxError(text, position, detail);
    }

    @Test
    void reportsBlankInputAndOddCharacters() {
        assertSyntaxError("", 0, "expected a column name, a literal, NOT or '(' but found end of input");
        assertSyntaxError("   ", 3, "expected a column name, a literal, NOT or '(' but found end of input");
        assertSyntaxError("year = 1 \uD83D\uDE00", 9, "unexpected character '\uD83D\uDE00'");
    }

    @Test
    void abbreviatesLongTokensInMessages() {
        String text = "year = 1 '" + "x".repeat(500) + "'";
        assertThatThrownBy(() -> PartitionExpressionParser.parse(text))
                .hasMessage("Invalid partition expression at position 9: expected AND, OR or end of input but found"
                        + " the string '" + "x".repeat(39) + "...");
    }

    private static void assertSyntaxError(String text, int position, String detail) {
        assertThatThrownBy(() -> PartitionExpressionParser.parse(text))
                .isInstanceOfSatisfying(GlueException.class,
                        e -> assertThat(e.code()).isEqualTo(GlueErrorCode.INVALID_INPUT))
                .hasMessageStartingWith("Invalid partition expression at position " + position + ": ")
                .hasMessageContaining(detail);
    }
}

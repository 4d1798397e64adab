package io.mortar.store.jdbc.expression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionSqlDialectTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "us-%       | us-*", "_a_        | ?a?", "a*b        | a[*]b", "a?b        | a[?]b", "[x]        | [[]x]",
        "]^!-\\     | ]^!-\\", "%*?[_      | *[*][?][[]?", "\"\"         | \"\"", "\uD83D\uDE00_ | \uD83D\uDE00?",
    })
    void translatesLikePatternsToGlobPatterns(String like, String glob) {
        assertThat(ExpressionSqlDialect.SQLITE.likeArgument(like)).isEqualTo(glob);
    }

    @Test
    void usesGlobInSqliteAndLikeWithoutEscapesInPostgresql() {
        assertThat(ExpressionSqlDialect.SQLITE.likePredicate("p.k1")).isEqualTo("p.k1 GLOB ?");
        assertThat(ExpressionSqlDialect.POSTGRESQL.likePredicate("p.k1")).isEqualTo("p.k1 LIKE ? ESCAPE ''");
        assertThat(ExpressionSqlDialect.POSTGRESQL.likeArgument("a\\%_*?[")).isEqualTo("a\\%_*?[");
    }
}

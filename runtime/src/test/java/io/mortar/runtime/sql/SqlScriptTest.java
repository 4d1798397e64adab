package io.mortar.runtime.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlScriptTest {
    @Test
    void splitsOnTopLevelSemicolonsOnly() {
        String script = """
                -- a comment; not a split
                CREATE TABLE t AS SELECT 'a;b' AS x, "c;d" AS y, `e;f` AS z;
                /* block; comment */ SELECT 1;
                SELECT 'it\\'s; fine'
                ;;
                """;
        assertThat(SqlScript.statements(script)).containsExactly(
                "CREATE TABLE t AS SELECT 'a;b' AS x, \"c;d\" AS y, `e;f` AS z",
                "SELECT 1",
                "SELECT 'it\\'s; fine'");
    }

    @Test
    void commentOnlyScriptsHaveNoStatements() {
        assertThat(SqlScript.statements("-- nothing\n/* here */ ;\n")).isEmpty();
    }

    @Test
    void unterminatedQuotesAndCommentsAreErrors() {
        assertThatThrownBy(() -> SqlScript.statements("SELECT 'abc")).hasMessageContaining("unterminated ' quote");
        assertThatThrownBy(() -> SqlScript.statements("SELECT 1 /* x")).hasMessageContaining("unterminated /*");
    }

    @Test
    void substitutesRunArgumentsAndNamesMissingOnes() {
        assertThat(SqlScript.substitute("SELECT * FROM ${db}.t WHERE d = '${day}'", Map.of("db", "sales", "day", "1")))
                .isEqualTo("SELECT * FROM sales.t WHERE d = '1'");
        assertThat(SqlScript.substitute("SELECT '${x}'", Map.of("x", "$1\\"))).isEqualTo("SELECT '$1\\'");
        assertThatThrownBy(() -> SqlScript.substitute("SELECT ${nope}", Map.of()))
                .hasMessage("The SQL script uses ${nope} but the run has no argument --nope");
    }
}

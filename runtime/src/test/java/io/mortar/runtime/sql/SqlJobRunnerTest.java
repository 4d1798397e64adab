package io.mortar.runtime.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.runtime.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SqlJobRunnerTest {
    private final SparkSession spark = SharedSpark.get();

    @Test
    void runsEachStatementSubstituted() {
        List<String> seen = new ArrayList<>();
        SqlJobRunner.run("SELECT ${a}; SELECT '${b}'", Map.of("a", "1", "b", "x"), s -> {
            seen.add(s);
            return spark.sql(s);
        });
        assertThat(seen).containsExactly("SELECT 1", "SELECT 'x'");
    }

    @Test
    void aFailingStatementIsNamedWithSparksCause() {
        assertThatThrownBy(() -> SqlJobRunner.run("SELECT 1;\nSELECT * FROM nowhere.missing", Map.of(), spark::sql))
                .isInstanceOfSatisfying(SqlStatementException.class, e -> {
                    assertThat(e.index()).isEqualTo(2);
                    assertThat(e.count()).isEqualTo(2);
                    assertThat(e.where()).isEqualTo("(SQL statement 2 of 2: SELECT * FROM nowhere.missing)");
                    assertThat(e.getCause()).isInstanceOf(AnalysisException.class);
                });
    }
}

package io.mortar.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresTargetTest {
    @Test
    void theCredentialsLeaveTheUrlForTheConnectionsOwnFields() {
        PostgresTarget pg = PostgresTarget.parse(
                "jdbc:postgresql://db.local:6543/sales?user=etl&sslmode=disable&password=p%40ss%3Dword", true,
                "--postgres").orElseThrow();
        assertThat(pg.url()).isEqualTo("jdbc:postgresql://db.local:6543/sales?sslmode=disable");
        assertThat(pg.user()).isEqualTo("etl");
        assertThat(pg.password()).isEqualTo("p@ss=word");
        assertThat(pg.display()).isEqualTo("jdbc:postgresql://db.local:6543/sales?sslmode=disable&user=etl")
                .doesNotContain("word");
        assertThat(pg.psql("SELECT 1")).isEqualTo(
                "psql \"host=db.local port=6543 dbname=sales user=etl\" -c \"SELECT 1\"");
    }

    @Test
    void aUrlWithoutHostOrPortMeansPostgresDefaults() {
        PostgresTarget pg = PostgresTarget.parse("jdbc:postgresql:sales?user=etl", true, "--postgres")
                .orElseThrow();
        assertThat(pg.host()).isEqualTo("localhost");
        assertThat(pg.port()).isEqualTo("5432");
        assertThat(pg.database()).isEqualTo("sales");
        assertThat(pg.password()).isEmpty();
        PostgresTarget noPort = PostgresTarget.parse("jdbc:postgresql://db.local/sales?user=etl", true, "x")
                .orElseThrow();
        assertThat(noPort.host()).isEqualTo("db.local");
        assertThat(noPort.port()).isEqualTo("5432");
    }

    @Test
    void theFlagWinsOverTheVariableWhichWinsOverTheDefault() {
        Map<String, String> env = Map.of(PostgresTarget.VARIABLE, "jdbc:postgresql://env:1/e?user=u&password=p");
        assertThat(PostgresTarget.choose("jdbc:postgresql://flag:2/f?user=u", env).orElseThrow())
                .satisfies(pg -> assertThat(pg.host()).isEqualTo("flag"))
                .satisfies(pg -> assertThat(pg.explicit()).isTrue());
        assertThat(PostgresTarget.choose(null, env).orElseThrow())
                .satisfies(pg -> assertThat(pg.origin()).isEqualTo(PostgresTarget.VARIABLE));
        PostgresTarget fallback = PostgresTarget.choose(" ", Map.of()).orElseThrow();
        assertThat(fallback.explicit()).as("the default may fall back to the lake").isFalse();
        assertThat(fallback.user()).isEqualTo("mortar_test");
        assertThat(PostgresTarget.choose("NONE", env)).isEqualTo(Optional.empty());
    }

    @Test
    void whatCannotBeAConnectionIsRefusedNamingWhereItCameFrom() {
        assertThatThrownBy(() -> PostgresTarget.parse("jdbc:mysql://h/db?user=u", true, "--postgres"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--postgres must be a PostgreSQL JDBC URL");
        assertThatThrownBy(() -> PostgresTarget.parse("jdbc:postgresql://h/db?password=secret", true,
                PostgresTarget.VARIABLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PostgresTarget.VARIABLE + " must name the user and password")
                .hasMessageNotContaining("secret");
    }
}

package io.mortar.runtime.bookmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key-range SQL a bookmarked JDBC read filters by (the reads themselves run against PostgreSQL in {@code it}). */
class JdbcBookmarkingTest {

    @Test
    void oneKeyComesAfterItsLastValueInItsOrder() {
        assertThat(JdbcBookmarking.after(List.of("id"), List.of(42L), false)).isEqualTo("((id > 42))");
        assertThat(JdbcBookmarking.after(List.of("id"), List.of(42L), true)).isEqualTo("((id < 42))");
    }

    @Test
    void compoundKeysCompareAsATuple() {
        assertThat(JdbcBookmarking.after(List.of("region", "id"), List.of("eu", 7L), false))
                .isEqualTo("((region > 'eu') OR (region = 'eu' AND id > 7))");
        assertThat(JdbcBookmarking.after(List.of("a", "b", "c"), List.of(1L, 2L, 3L), true))
                .isEqualTo("((a < 1) OR (a = 1 AND b < 2) OR (a = 1 AND b = 2 AND c < 3))");
    }

    @Test
    void textIsQuotedWithItsQuotesDoubledAndNumbersAreNot() {
        assertThat(JdbcBookmarking.literal("O'Brien")).isEqualTo("'O''Brien'");
        assertThat(JdbcBookmarking.literal(new BigDecimal("12.50"))).isEqualTo("12.50");
        assertThat(JdbcBookmarking.literal(-3L)).isEqualTo("-3");
        assertThatThrownBy(() -> JdbcBookmarking.after(List.of("id"), Arrays.asList((Object) null), false))
                .hasMessageContaining("must not be null");
    }

    @Test
    void keyValuesAreKeptAsTheBookmarkStoresThem() {
        assertThat(JdbcBookmarking.jsonValue(7)).isEqualTo(7L);
        assertThat(JdbcBookmarking.jsonValue((short) 3)).isEqualTo(3L);
        assertThat(JdbcBookmarking.jsonValue(new BigDecimal("1.25"))).isEqualTo(new BigDecimal("1.25"));
        assertThat(JdbcBookmarking.jsonValue(2.5d)).isEqualTo(new BigDecimal("2.5"));
        assertThat(JdbcBookmarking.jsonValue(Timestamp.valueOf("2026-12-06 10:00:00.5")))
                .isEqualTo("2026-12-06 10:00:00.5");
        assertThat(JdbcBookmarking.jsonValue("x")).isEqualTo("x");
    }
}

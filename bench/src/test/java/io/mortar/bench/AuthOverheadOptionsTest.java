package io.mortar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthOverheadOptionsTest {
    @Test
    void defaultsMeasureSqliteWithAThousandUsersKeys() {
        AuthOverheadOptions options = AuthOverheadOptions.parse(new String[0]);

        assertThat(options.backends()).containsExactly(MortarTarget.Backend.SQLITE);
        assertThat(options.partitions()).isEqualTo(10_000);
        assertThat(options.userKeys()).isEqualTo(1000);
        assertThat(options.rounds()).isEqualTo(5);
        assertThat(options.iterations()).isEqualTo(300);
        assertThat(options.settleSeconds()).isEqualTo(70);
    }

    @Test
    void optionsAreRead() {
        AuthOverheadOptions options = AuthOverheadOptions.parse(new String[] {"--backends", "sqlite,postgresql",
            "--partitions", "4_000", "--user-keys", "0", "--rounds", "9", "--iterations", "50", "--warmup", "7",
            "--round-warmup", "3", "--loaders", "2", "--load-steps", "4", "--settle-seconds", "0", "--pg-url",
            "jdbc:postgresql://x/y", "--keep"});

        assertThat(options).isEqualTo(new AuthOverheadOptions(java.util.List.of(MortarTarget.Backend.SQLITE,
                MortarTarget.Backend.POSTGRESQL), 4000, 0, 9, 50, 7, 3, 2, 4, 0, "jdbc:postgresql://x/y", true));
    }

    @Test
    void aTableWithoutOneCompleteMonthIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> AuthOverheadOptions.parse(new String[] {"--partitions", "1999"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--partitions");
    }

    @Test
    void badCountsAreRefused() {
        assertThatThrownBy(() -> AuthOverheadOptions.parse(new String[] {"--rounds", "0"}))
                .hasMessageContaining("--rounds");
        assertThatThrownBy(() -> AuthOverheadOptions.parse(new String[] {"--iterations", "1"}))
                .hasMessageContaining("--iterations");
        assertThatThrownBy(() -> AuthOverheadOptions.parse(new String[] {"--load-steps", "2"}))
                .hasMessageContaining("--load-steps");
        assertThatThrownBy(() -> AuthOverheadOptions.parse(new String[] {"--user-keys"}))
                .hasMessage("--user-keys needs a value");
        assertThatThrownBy(() -> AuthOverheadOptions.parse(new String[] {"--frobnicate"}))
                .hasMessage("Unknown option --frobnicate");
    }
}

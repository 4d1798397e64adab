package io.mortar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    @Test
    void withoutBaselineRevisionTheBenchmarkComparesWithMoto() {
        BenchOptions options = BenchOptions.parse(new String[] {"--partitions", "20000"});

        assertThat(options.beforeAfter()).isNull();
        assertThat(options.moto()).isTrue();
        assertThat(options.partitions()).isEqualTo(20_000);
    }

    @Test
    void baselineRevisionTurnsOnTheBeforeAfterModeWithItsDefaults() {
        BenchOptions options = BenchOptions.parse(new String[] {"--baseline-rev", "965795b", "--partitions", "100_000"});

        BenchOptions.BeforeAfter mode = options.beforeAfter();
        assertThat(mode.baselineRev()).isEqualTo("965795b");
        assertThat(mode.serverJvmOptions()).containsExactly("-Xms2g", "-Xmx2g", "-XX:+UseG1GC");
        assertThat(mode.loadSteps()).isEqualTo(11);
        assertThat(mode.settleSeconds()).isEqualTo(70);
        assertThat(mode.margins()).isEqualTo(NoiseMargins.DEFAULT);
        assertThat(options.backends()).containsExactly(MortarTarget.Backend.SQLITE, MortarTarget.Backend.POSTGRESQL);
    }

    @Test
    void beforeAfterOptionsAreRead() {
        BenchOptions options = BenchOptions.parse(new String[] {"--baseline-rev", "HEAD~3", "--server-jvm",
            "  -Xmx1g   -XX:+UseParallelGC ", "--load-steps", "20", "--settle-seconds", "0", "--noise-margins",
            "p99=40,paired=3", "--backends", "postgresql"});

        BenchOptions.BeforeAfter mode = options.beforeAfter();
        assertThat(mode.serverJvmOptions()).isEqualTo(List.of("-Xmx1g", "-XX:+UseParallelGC"));
        assertThat(mode.loadSteps()).isEqualTo(20);
        assertThat(mode.settleSeconds()).isZero();
        assertThat(mode.margins().p99()).isEqualTo(0.40);
        assertThat(mode.margins().paired()).isEqualTo(0.03);
        assertThat(mode.margins().p50()).isEqualTo(NoiseMargins.DEFAULT.p50());
        assertThat(options.backends()).containsExactly(MortarTarget.Backend.POSTGRESQL);
    }

    @Test
    void beforeAfterOptionsWithoutABaselineAreRefused() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--load-steps", "5"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need --baseline-rev");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--noise-margins", "p50=5"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need --baseline-rev");
    }

    @Test
    void loadStepsMustLeaveEachStepABatch() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--baseline-rev", "HEAD", "--partitions", "2000",
            "--load-steps", "21"})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--load-steps");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--baseline-rev", "HEAD", "--load-steps", "2"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--load-steps");
    }

    @Test
    void usageNamesTheBeforeAfterOptionsAndTheDefaultMargins() {
        assertThat(BenchOptions.USAGE).contains("--baseline-rev REV", "--server-jvm", "--load-steps",
                "--settle-seconds", "(default " + NoiseMargins.DEFAULT.spec() + ")");
    }
}

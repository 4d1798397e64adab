package io.mortar.bench.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatcherThroughputTest {
    @Test
    void throughputsKeepThreeSignificantDigitsDownToKilobytesPerSecond() {
        assertThat(MatcherThroughput.megabytes(256.53)).isEqualTo("257");
        assertThat(MatcherThroughput.megabytes(17.47)).isEqualTo("17.5");
        assertThat(MatcherThroughput.megabytes(1.714)).isEqualTo("1.71");
        assertThat(MatcherThroughput.megabytes(0.1449)).isEqualTo("0.145");
        assertThat(MatcherThroughput.megabytes(0.006123)).isEqualTo("0.00612");
    }
}

package io.mortar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VerdictTest {
    @Test
    void aTimeIsSlowerOnlyBeyondTheMargin() {
        assertThat(Verdict.judge(1.00, true, 0.10)).isEqualTo(Verdict.SAME);
        assertThat(Verdict.judge(1.10, true, 0.10)).isEqualTo(Verdict.SAME);
        assertThat(Verdict.judge(1.11, true, 0.10)).isEqualTo(Verdict.SLOWER);
        assertThat(Verdict.judge(0.95, true, 0.10)).isEqualTo(Verdict.SAME);
        assertThat(Verdict.judge(0.90, true, 0.10)).isEqualTo(Verdict.FASTER);
    }

    @Test
    void aThroughputIsSlowerWhenItDrops() {
        assertThat(Verdict.judge(0.80, false, 0.10)).isEqualTo(Verdict.SLOWER);
        assertThat(Verdict.judge(0.95, false, 0.10)).isEqualTo(Verdict.SAME);
        assertThat(Verdict.judge(1.25, false, 0.10)).isEqualTo(Verdict.FASTER);
        assertThat(Verdict.slowdown(0.5, false)).isEqualTo(2.0);
        assertThat(Verdict.slowdown(0.5, true)).isEqualTo(0.5);
    }

    @Test
    void bothFasterAndSameReadNoSlowerThanBefore() {
        assertThat(Verdict.FASTER.text).startsWith("no slower than before");
        assertThat(Verdict.SAME.text).isEqualTo("no slower than before");
        assertThat(Verdict.SLOWER.text).isEqualTo("SLOWER than before");
    }

    @Test
    void aMissingRatioIsNoVerdict() {
        assertThatThrownBy(() -> Verdict.judge(Double.NaN, true, 0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}

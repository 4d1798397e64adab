package io.mortar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NoiseMarginsTest {
    private final NoiseMargins base = new NoiseMargins(0.10, 0.10, 0.15, 0.25, 0.05);

    @Test
    void aSpecChangesOnlyTheMarginsItNames() {
        NoiseMargins m = base.with("p50=7.5, p99 = 40%");

        assertThat(m).isEqualTo(new NoiseMargins(0.10, 0.075, 0.15, 0.40, 0.05));
    }

    @Test
    void theSpecReadsBackToTheSameMargins() {
        NoiseMargins m = base.with("throughput=12,paired=2.5");

        assertThat(m.spec()).isEqualTo("throughput=12,p50=10,p95=15,p99=25,paired=2.5");
        assertThat(base.with(m.spec())).isEqualTo(m);
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertThatThrownBy(() -> base.with("p90=5")).hasMessageContaining("unknown figure 'p90'");
        assertThatThrownBy(() -> base.with("p50")).hasMessageContaining("expected NAME=PERCENT");
        assertThatThrownBy(() -> base.with("p50=fast")).hasMessageContaining("p50 needs a number of percent");
        assertThatThrownBy(() -> base.with("p50=-1")).hasMessageContaining("0 % or more");
    }
}

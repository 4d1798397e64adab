package io.mortar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class SideBySideTest {
    @Test
    void thePairedRatioIsTheMedianRatioOfTwoTurnsAtATime() {
        // busy and quiet turns: a percentile of each side would mix them, every two turns' ratio stays at 1.1
        double[] current = {11, 11, 110, 110, 22, 22, 55, 55, 1000, 1000};
        double[] baseline = {10, 10, 100, 100, 20, 20, 50, 50, 10, 10};

        assertThat(SideBySide.medianRatio(current, baseline)).isCloseTo(1.1, offset(1e-9));
    }

    @Test
    void goingFirstOrSecondCancelsOut() {
        // the same speed, but whoever goes second takes 20 % longer: turn by turn 1.2, 1/1.2, 1.2, ...
        double[] current = {10, 12, 10, 12, 10, 12};
        double[] baseline = {12, 10, 12, 10, 12, 10};

        assertThat(SideBySide.medianRatio(current, baseline)).isEqualTo(1.0);
    }

    @Test
    void anEvenNumberOfPairsTakesTheMeanOfTheMiddleTwoAndALastOddTurnIsLeftOut() {
        double[] current = {1, 1, 2, 2, 3, 3, 4, 4, 99};
        double[] baseline = {1, 1, 1, 1, 1, 1, 1, 1, 1};

        assertThat(SideBySide.medianRatio(current, baseline)).isEqualTo(2.5);
    }

    @Test
    void samplesMustBePaired() {
        assertThatThrownBy(() -> SideBySide.medianRatio(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SideBySide.medianRatio(new double[] {1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

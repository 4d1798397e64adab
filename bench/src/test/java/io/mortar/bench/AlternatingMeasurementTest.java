package io.mortar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlternatingMeasurementTest {
    @Test
    void stepsCoverThePartitionsInWholeBatchesWithoutGapsOrOverlap() {
        for (long partitions : new long[] {20_000, 100_000, 1_000_000, 2_050, 12_345}) {
            for (int steps : new int[] {1, 3, 10, 20}) {
                List<long[]> ranges = AlternatingMeasurement.steps(partitions, steps);

                assertThat(ranges).hasSizeBetween(1, steps);
                long expectedFrom = 0;
                for (long[] range : ranges) {
                    assertThat(range[0]).isEqualTo(expectedFrom);
                    assertThat(range[1]).isGreaterThan(range[0]);
                    if (range[1] != partitions) {
                        assertThat(range[1] % PartitionLoader.BATCH).isZero();
                    }
                    expectedFrom = range[1];
                }
                assertThat(expectedFrom).isEqualTo(partitions);
            }
        }
    }

    @Test
    void stepsAreEvenInSize() {
        List<long[]> ranges = AlternatingMeasurement.steps(1_000_000, 10);

        assertThat(ranges).hasSize(10).allSatisfy(r -> assertThat(r[1] - r[0]).isEqualTo(100_000));
    }

    @Test
    void theSideThatGoesFirstSwapsEveryTurn() {
        List<String> order = new ArrayList<>();
        for (int turn = 0; turn < 4; turn++) {
            order.addAll(AlternatingMeasurement.inTurn(turn, List.of("current", "baseline")));
        }

        assertThat(order).containsExactly("current", "baseline", "baseline", "current", "current", "baseline",
                "baseline", "current");
    }
}

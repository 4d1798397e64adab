package io.mortar.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How runs of both kinds share the drivers' count and memory budget. */
class DriverCapacityTest {
    private static final long MIB = 1024L * 1024;

    @Test
    void sparkDriversAloneFitExactlyTheirSlots() {
        DriverCapacity capacity = DriverCapacity.of(16, 40L << 30, "10g"); // 11g a driver: three fit
        long driver = capacity.bytesFor(false);

        assertThat(capacity.hasRoomFor(2, 2 * driver, driver)).isTrue();
        assertThat(capacity.hasRoomFor(3, 3 * driver, driver)).isFalse();
        assertThat(capacity.slots()).isEqualTo(3);
    }

    @Test
    void aPythonShellRunReservesAGigabyteWhereASparkDriverReservesItsHeapAndOverhead() {
        DriverCapacity capacity = DriverCapacity.of(16, 40L << 30, "10g");
        long driver = capacity.bytesFor(false);

        assertThat(capacity.bytesFor(true)).isEqualTo(1024 * MIB);
        assertThat(capacity.hasRoomFor(3, 3 * driver, capacity.bytesFor(true)))
                .as("7g left: no fourth driver, but shell runs").isTrue();
        assertThat(capacity.hasRoomFor(10, 3 * driver + 7 * 1024 * MIB, capacity.bytesFor(true))).isFalse();
    }

    @Test
    void aPythonShellRunNeverReservesMoreThanASparkDriverSoItFitsWhereverOneDoes() {
        DriverCapacity small = DriverCapacity.of(4, 600 * MIB, "200m"); // 200m + 384m overhead
        assertThat(small.bytesFor(true)).isEqualTo(small.bytesFor(false)).isEqualTo(584 * MIB);
        assertThat(small.hasRoomFor(0, 0, small.bytesFor(true))).isTrue();
    }

    @Test
    void everyRunTakesOneOfTheMaxDriversWhateverItsKind() {
        DriverCapacity capacity = DriverCapacity.of(2, 64L << 30, "1g");
        assertThat(capacity.hasRoomFor(2, 2 * capacity.bytesFor(true), capacity.bytesFor(true))).isFalse();
    }
}

package io.mortar.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoRunFormatTest {
    @Test
    void durationsUnderAMinuteKeepATenthThenWholeSeconds() {
        assertThat(DemoRun.duration(0.04)).isEqualTo("0.0 s");
        assertThat(DemoRun.duration(12.34)).isEqualTo("12.3 s");
        assertThat(DemoRun.duration(59.94)).isEqualTo("59.9 s");
        assertThat(DemoRun.duration(59.96)).as("not 60.0 s").isEqualTo("1 min 00 s");
        assertThat(DemoRun.duration(74.4)).isEqualTo("1 min 14 s");
        assertThat(DemoRun.duration(119.6)).as("rounds into the next minute").isEqualTo("2 min 00 s");
        assertThat(DemoRun.duration(3725)).isEqualTo("62 min 05 s");
    }

    @Test
    void sharesArePercentOfTheWhole() {
        assertThat(DemoRun.percent(696, 1000)).isEqualTo("69.6 %");
        assertThat(DemoRun.percent(0, 0)).isEqualTo("0 %");
    }
}

package io.mortar.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoOutputTest {
    @Test
    void durationsUnderAMinuteKeepATenthThenWholeSeconds() {
        assertThat(DemoOutput.duration(0.04)).isEqualTo("0.0 s");
        assertThat(DemoOutput.duration(12.34)).isEqualTo("12.3 s");
        assertThat(DemoOutput.duration(59.94)).isEqualTo("59.9 s");
        assertThat(DemoOutput.duration(59.96)).as("not 60.0 s").isEqualTo("1 min 00 s");
        assertThat(DemoOutput.duration(74.4)).isEqualTo("1 min 14 s");
        assertThat(DemoOutput.duration(119.6)).as("rounds into the next minute").isEqualTo("2 min 00 s");
        assertThat(DemoOutput.duration(3725)).isEqualTo("62 min 05 s");
    }

    @Test
    void sharesArePercentOfTheWhole() {
        assertThat(DemoOutput.percent(696, 1000)).isEqualTo("69.6 %");
        assertThat(DemoOutput.percent(0, 0)).isEqualTo("0 %");
    }

    @Test
    void aStepsLinesAreIndentedUnderItsTitleAndATableAlignsItsColumns() {
        StringWriter text = new StringWriter();
        DemoOutput out = new DemoOutput(new PrintWriter(text));

        out.line("%,d rows in %.1f s", 20_000, 1.25);
        out.table(List.of(new String[] {"TAG", "ROWS", "SHARE"}, new String[] {"billing", "1,234", "6.17 %"},
                new String[] {"vpn", "99", "0.50 %"}));
        out.flush();

        assertThat(text.toString()).isEqualTo("""
                      20,000 rows in 1.3 s
                  TAG       ROWS   SHARE
                  billing  1,234  6.17 %
                  vpn         99  0.50 %
                """);
    }
}

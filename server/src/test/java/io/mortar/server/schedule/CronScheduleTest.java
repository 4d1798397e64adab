package io.mortar.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {
    /** Expression, a moment, the next firing after it (UTC). 2026-11-24 is a Tuesday. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            cron(15 12 * * ? *)          | 2026-11-24T08:00:00Z | 2026-11-24T12:15:00Z
            cron(15 12 * * ? *)          | 2026-11-24T12:15:00Z | 2026-11-25T12:15:00Z
            cron(15 12 * * ? *)          | 2026-11-24T12:14:59Z | 2026-11-24T12:15:00Z
            cron(0/15 * * * ? *)         | 2026-11-24T08:07:00Z | 2026-11-24T08:15:00Z
            cron(0/15 * * * ? *)         | 2026-11-24T23:45:00Z | 2026-11-25T00:00:00Z
            cron(10-40/10 6,18 * * ? *)  | 2026-11-24T06:40:00Z | 2026-11-24T18:10:00Z
            cron(0 18 ? * MON-FRI *)     | 2026-11-27T18:00:00Z | 2026-11-30T18:00:00Z
            cron(0 18 ? * mon-fri *)     | 2026-11-24T17:00:00Z | 2026-11-24T18:00:00Z
            cron(0 18 ? * 1,7 *)         | 2026-11-24T17:00:00Z | 2026-11-28T18:00:00Z
            cron(0 10 L * ? *)           | 2026-02-01T00:00:00Z | 2026-02-28T10:00:00Z
            cron(0 10 L * ? *)           | 2028-02-01T00:00:00Z | 2028-02-29T10:00:00Z
            cron(0 10 LW * ? *)          | 2027-01-02T00:00:00Z | 2027-01-29T10:00:00Z
            cron(0 9 15W * ? *)          | 2026-08-02T00:00:00Z | 2026-08-14T09:00:00Z
            cron(0 9 1W * ? *)           | 2026-07-31T00:00:00Z | 2026-08-03T09:00:00Z
            cron(0 9 ? * 6L *)           | 2026-11-01T00:00:00Z | 2026-11-27T09:00:00Z
            cron(0 9 ? * 3#2 *)          | 2026-11-24T00:00:00Z | 2026-12-08T09:00:00Z
            cron(0 9 ? * L *)            | 2026-11-24T00:00:00Z | 2026-11-28T09:00:00Z
            cron(0 0 29 FEB ? *)         | 2026-03-01T00:00:00Z | 2028-02-29T00:00:00Z
            cron(30 4 1 JAN,JUL ? 2027-2030/3) | 2026-11-24T00:00:00Z | 2027-01-01T04:30:00Z
            cron(30 4 1 JAN,JUL ? 2027-2030/3) | 2027-07-01T04:30:00Z | 2030-01-01T04:30:00Z
            """)
    void firesNextAtTheRightMinute(String expression, String after, String expected) {
        assertThat(CronSchedule.parse("Schedule", expression).nextAfter(Instant.parse(after)))
                .contains(Instant.parse(expected));
    }

    @Test
    void aScheduleWhoseYearsAreOverNeverFiresAgain() {
        CronSchedule once = CronSchedule.parse("Schedule", "cron(0 0 1 1 ? 2027)");
        assertThat(once.nextAfter(Instant.parse("2026-06-01T00:00:00Z"))).contains(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(once.nextAfter(Instant.parse("2027-01-01T00:00:00Z"))).isEqualTo(Optional.empty());
        assertThat(CronSchedule.parse("Schedule", "cron(0 0 30 2 ? *)").nextAfter(Instant.parse("2026-01-01T00:00:00Z")))
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0 12 * * ? *                 | it must have the form cron(
            cron(0 12 * * ?)             | it has 5 fields; it needs 6
            cron(0 12 * * * *)           | exactly one of Day-of-month and Day-of-week must be '?'
            cron(0 12 ? * ? *)           | exactly one of Day-of-month and Day-of-week must be '?'
            cron(60 12 * * ? *)          | Minutes: 60 is outside 0-59
            cron(0 24 * * ? *)           | Hours: 24 is outside 0-23
            cron(0 12 * 13 ? *)          | Month: 13 is outside 1-12
            cron(0 12 * FOO ? *)         | Month: 'FOO' is not a number or a name like JAN
            cron(0 12 ? * MON#6 *)       | Day-of-week: in 'MON#6' the week must be 1 to 5
            cron(0 12 ? * 8 *)           | Day-of-week: 8 is outside 1-7
            cron(0 12 * * ? 1969)        | Year: 1969 is outside 1970-2199
            cron(0 20-10 * * ? *)        | Hours: the range '20-10' runs backwards
            cron(0/0 12 * * ? *)         | Minutes: the step in '0/0' must be at least 1
            cron(0,,5 12 * * ? *)        | Minutes: '0,,5' has an empty item
            cron(0/2 * * * ? *)          | it fires at minutes 0 and 2, less than 5 minutes apart
            cron(58,1 * * * ? *)         | it fires at minutes 58 and 1, less than 5 minutes apart
            """)
    void refusesWhatGlueRefusesNamingTheFieldAndTheProblem(String expression, String problem) {
        assertThatThrownBy(() -> CronSchedule.parse("Schedule", expression))
                .isInstanceOf(GlueException.class)
                .hasMessageStartingWith("Schedule '" + expression + "' is not a valid schedule")
                .hasMessageContaining(problem);
    }

    @Test
    void minutesCloseAcrossTheHourAreFineWhenTheHoursAreNotConsecutive() {
        assertThat(CronSchedule.parse("Schedule", "cron(58,1 5,7 * * ? *)")
                .nextAfter(Instant.parse("2026-11-24T05:58:00Z"))).contains(Instant.parse("2026-11-24T07:01:00Z"));
    }
}

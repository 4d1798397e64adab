package io.mortar.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
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
            cron(0 12 1,15 * ? *)        | 2026-11-15T12:00:00Z | 2026-12-01T12:00:00Z
            cron(0 12 ? * 1/2 *)         | 2026-11-24T00:00:00Z | 2026-11-24T12:00:00Z
            cron(0 10 L FEB ? 2027)      | 2026-11-24T00:00:00Z | 2027-02-28T10:00:00Z
            cron(0 12 31W * ? *)         | 2027-01-01T00:00:00Z | 2027-01-29T12:00:00Z
            cron(0 12 31W * ? *)         | 2027-01-29T12:00:00Z | 2027-03-31T12:00:00Z
            cron(0 12 30W * ? *)         | 2027-02-01T00:00:00Z | 2027-03-30T12:00:00Z
            cron(0 12 28W FEB ? *)       | 2027-01-01T00:00:00Z | 2027-02-26T12:00:00Z
            cron(0/20 12 16W * ? *)      | 2028-01-16T00:00:00Z | 2028-01-17T12:00:00Z
            cron(0/20 12 16W * ? *)      | 2028-01-17T12:00:00Z | 2028-01-17T12:20:00Z
            cron(7 23 1W * ? *)          | 2027-08-01T23:33:00Z | 2027-08-02T23:07:00Z
            cron(0 0-23/6 LW * ? *)      | 2027-01-27T06:47:00Z | 2027-01-29T00:00:00Z
            cron(0 9 ? * 2#5 *)          | 2026-11-01T00:00:00Z | 2026-11-30T09:00:00Z
            cron(0 9 ? * 2#5 *)          | 2026-11-30T09:00:00Z | 2027-03-29T09:00:00Z
            cron(0 9 ? * 1L *)           | 2026-11-24T00:00:00Z | 2026-11-29T09:00:00Z
            cron(0 0 1 1 ? 2027,2029-2030) | 2027-01-01T00:00:00Z | 2029-01-01T00:00:00Z
            cron(0 0 1 1 ? 2190-2199/9)  | 2150-01-01T00:00:00Z | 2190-01-01T00:00:00Z
            cron(0 0 1 1 ? 2190-2199/9)  | 2190-01-01T00:00:00Z | 2199-01-01T00:00:00Z
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
            cron(0 12 L * MON *)         | exactly one of Day-of-month and Day-of-week must be '?'
            cron(0 12 L-3 * ? *)         | Day-of-month: 'L' is not a number
            cron(0 12 LW,5 * ? *)        | Day-of-month: 'LW' is not a number
            cron(0 12 1-5W * ? *)        | Day-of-month: '1-5' is not a number
            cron(0 12 32W * ? *)         | Day-of-month: 32 is outside 1-31
            cron(0 12 ? * 2L,3 *)        | Day-of-week: '2L' is not a number or a name like SUN
            cron(0 12 ? * 1#2,3#3 *)     | Day-of-week: in '1#2,3#3' the week must be 1 to 5
            cron(0 12 ? * 2#0 *)         | Day-of-week: in '2#0' the week must be 1 to 5
            cron(0 12 ? * 0 *)           | Day-of-week: 0 is outside 1-7
            cron(0 12 * * ? 2200)        | Year: 2200 is outside 1970-2199
            cron(0 12 * * ? 2030-2027)   | Year: the range '2030-2027' runs backwards
            cron(0 12 * * ? */0)         | Year: the step in '*/0' must be at least 1
            cron(0 0/25 * * ? *)         | Hours: the step in '0/25' must be at most 23
            cron(*/60 * * * ? *)         | Minutes: the step in '*/60' must be at most 59
            cron(0 12 * * ? 2026/231)    | Year: the step in '2026/231' must be at most 230
            """)
    void refusesWhatGlueRefusesNamingTheFieldAndTheProblem(String expression, String problem) {
        assertThatThrownBy(() -> CronSchedule.parse("Schedule", expression))
                .isInstanceOf(GlueException.class)
                .hasMessageStartingWith("Schedule '" + expression + "' is not a valid schedule")
                .hasMessageContaining(problem);
    }

    /** Every nW, through two years: one firing a month on the weekday nearest day n, none where n is past the end. */
    @Test
    void nearestWeekdayStaysInItsMonthForEveryDay() {
        for (int n = 1; n <= 31; n++) {
            CronSchedule schedule = CronSchedule.parse("Schedule", "cron(0 12 " + n + "W * ? 2027-2028)");
            int firings = 0;
            for (Optional<Instant> next = schedule.nextAfter(Instant.parse("2026-12-31T00:00:00Z")); next.isPresent();
                 next = schedule.nextAfter(next.get())) {
                LocalDate day = LocalDate.ofInstant(next.get(), ZoneOffset.UTC);
                assertThat(day.getDayOfWeek()).as("%sW on %s", n, day).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                assertThat(Math.abs(day.getDayOfMonth() - n)).as("%sW on %s", n, day).isLessThanOrEqualTo(2);
                firings++;
            }
            int months = 0;
            for (YearMonth m = YearMonth.of(2027, 1); m.getYear() <= 2028; m = m.plusMonths(1)) {
                months += n <= m.lengthOfMonth() ? 1 : 0;
            }
            assertThat(firings).as("firings of %sW", n).isEqualTo(months);
        }
    }

    @Test
    void minutesCloseAcrossTheHourAreFineWhenTheHoursAreNotConsecutive() {
        assertThat(CronSchedule.parse("Schedule", "cron(58,1 5,7 * * ? *)")
                .nextAfter(Instant.parse("2026-11-24T05:58:00Z"))).contains(Instant.parse("2026-11-24T07:01:00Z"));
    }

    /** Triggers may fire every minute: the caller lowers Glue's 5-minute floor, and only for its own schedules. */
    @Test
    void aCallerMayAllowAShorterInterval() {
        assertThatThrownBy(() -> CronSchedule.parse("Schedule", "cron(* * * * ? *)"))
                .hasMessageContaining("less than 5 minutes apart");
        assertThat(CronSchedule.parse("Schedule", "cron(* * * * ? *)", 1)
                .nextAfter(Instant.parse("2026-11-24T05:58:00Z"))).contains(Instant.parse("2026-11-24T05:59:00Z"));
        assertThatThrownBy(() -> CronSchedule.parse("Schedule", "cron(0/2 * * * ? *)", 3))
                .hasMessageContaining("less than 3 minutes apart; the shortest interval is 3 minutes");
    }
}

package io.mortar.server.schedule;

import io.mortar.model.GlueException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;

/**
 * A Glue schedule, {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)}, always in UTC, as crawlers and
 * triggers take it (the CloudWatch Events dialect).
 *
 * <p>Fields take {@code ,} lists, {@code a-b} ranges, {@code *} and {@code a/b} or {@code a-b/c} steps. Day of
 * month also takes {@code ?}, {@code L} (the last day), {@code LW} (the last weekday) and {@code nW} (the weekday
 * nearest day n, within the month); day of week (1 = SUN … 7 = SAT, or the names) takes {@code ?}, {@code L}
 * (Saturday), {@code nL} (the month's last such day) and {@code n#k} (its k-th). Months take JAN–DEC. Exactly one
 * of the two day fields is {@code ?}, and a schedule fires at most every 5 minutes: Glue refuses both, and so does
 * this parser, with the field and the reason in the message.
 */
public final class CronSchedule {
    private static final int MIN_YEAR = 1970;
    private static final int MAX_YEAR = 2199;
    private static final int MIN_INTERVAL_MINUTES = 5;
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
        "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet months;
    private final BitSet years;
    private final DaySpec days;

    private CronSchedule(String expression, BitSet minutes, BitSet hours, BitSet months, BitSet years, DaySpec days) {
        this.expression = expression;
        this.minutes = minutes;
        this.hours = hours;
        this.months = months;
        this.years = years;
        this.days = days;
    }

    /** Parses {@code cron(...)}; an InvalidInputException naming {@code field} and the problem otherwise. */
    public static CronSchedule parse(String field, String expression) {
        if (expression == null || expression.isBlank()) {
            throw invalid(field, expression, "it is empty");
        }
        String text = expression.trim();
        if (!text.startsWith("cron(") || !text.endsWith(")")) {
            throw invalid(field, expression, "it must have the form cron(Minutes Hours Day-of-month Month Day-of-week"
                    + " Year)");
        }
        String[] parts = text.substring(5, text.length() - 1).trim().split("\\s+");
        if (parts.length != 6) {
            throw invalid(field, expression, "it has " + parts.length + " fields; it needs 6 (Minutes Hours"
                    + " Day-of-month Month Day-of-week Year)");
        }
        try {
            BitSet minutes = Field.MINUTES.parse(parts[0]);
            BitSet hours = Field.HOURS.parse(parts[1]);
            BitSet months = Field.MONTH.parse(parts[3]);
            BitSet years = Field.YEAR.parse(parts[5]);
            DaySpec days = DaySpec.parse(parts[2], parts[4]);
            checkInterval(minutes, hours);
            return new CronSchedule(text, minutes, hours, months, years, days);
        } catch (IllegalArgumentException e) {
            throw invalid(field, expression, e.getMessage());
        }
    }

    public String expression() {
        return expression;
    }

    /** The first time the schedule fires strictly after {@code after}, or empty when its years are over. */
    public Optional<Instant> nextAfter(Instant after) {
        LocalDateTime from = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1);
        for (int year = years.nextSetBit(from.getYear()); year >= 0; year = years.nextSetBit(year + 1)) {
            for (int month = months.nextSetBit(year == from.getYear() ? from.getMonthValue() : 1); month >= 0;
                 month = months.nextSetBit(month + 1)) {
                boolean firstMonth = year == from.getYear() && month == from.getMonthValue();
                LocalDate first = LocalDate.of(year, month, 1);
                for (int day = firstMonth ? from.getDayOfMonth() : 1; day <= first.lengthOfMonth(); day++) {
                    LocalDate date = first.withDayOfMonth(day);
                    if (!days.matches(date)) {
                        continue;
                    }
                    boolean firstDay = date.equals(from.toLocalDate());
                    for (int hour = hours.nextSetBit(firstDay ? from.getHour() : 0); hour >= 0;
                         hour = hours.nextSetBit(hour + 1)) {
                        boolean firstHour = firstDay && hour == from.getHour();
                        int minute = minutes.nextSetBit(firstHour ? from.getMinute() : 0);
                        if (minute >= 0) {
                            return Optional.of(date.atTime(hour, minute).toInstant(ZoneOffset.UTC));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return expression;
    }

    /**
     * Two firings less than 5 minutes apart within an hour, or across the hour when two consecutive hours are
     * selected (the day fields cannot make two firings closer than that).
     */
    private static void checkInterval(BitSet minutes, BitSet hours) {
        int first = minutes.nextSetBit(0);
        int previous = first;
        for (int m = minutes.nextSetBit(first + 1); m >= 0; m = minutes.nextSetBit(m + 1)) {
            if (m - previous < MIN_INTERVAL_MINUTES) {
                throw tooOften(previous, m);
            }
            previous = m;
        }
        boolean consecutiveHours = false;
        for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
            consecutiveHours |= hours.get((h + 1) % 24);
        }
        if (consecutiveHours && 60 - previous + first < MIN_INTERVAL_MINUTES) {
            throw tooOften(previous, first);
        }
    }

    private static IllegalArgumentException tooOften(int a, int b) {
        return new IllegalArgumentException("it fires at minutes " + a + " and " + b + ", less than "
                + MIN_INTERVAL_MINUTES + " minutes apart; the shortest interval is " + MIN_INTERVAL_MINUTES
                + " minutes");
    }

    private static GlueException invalid(String field, String expression, String reason) {
        return GlueException.invalidInput("%s '%s' is not a valid schedule: %s.", field, expression, reason);
    }

    /** A numeric field: its name, range and the names its values may have. */
    private enum Field {
        MINUTES("Minutes", 0, 59, null),
        HOURS("Hours", 0, 23, null),
        DAY_OF_MONTH("Day-of-month", 1, 31, null),
        MONTH("Month", 1, 12, MONTHS),
        DAY_OF_WEEK("Day-of-week", 1, 7, DAYS),
        YEAR("Year", MIN_YEAR, MAX_YEAR, null);

        final String label;
        final int min;
        final int max;
        final String[] names;

        Field(String label, int min, int max, String[] names) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.names = names;
        }

        /** {@code ,}-separated items, each {@code *}, {@code n}, {@code a-b}, optionally {@code /step}. */
        BitSet parse(String text) {
            BitSet out = new BitSet(max + 1);
            for (String item : text.split(",", -1)) {
                if (item.isEmpty()) {
                    throw problem("'" + text + "' has an empty item");
                }
                parseItem(item, out);
            }
            return out;
        }

        private void parseItem(String item, BitSet out) {
            int slash = item.indexOf('/');
            String range = slash < 0 ? item : item.substring(0, slash);
            int step = 1;
            if (slash >= 0) {
                step = number(item.substring(slash + 1), "the step");
                if (step < 1) {
                    throw problem("the step in '" + item + "' must be at least 1");
                }
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw problem("'" + item + "' is not a range a-b");
                }
                from = value(ends[0]);
                to = value(ends[1]);
                if (from > to) {
                    throw problem("the range '" + item + "' runs backwards");
                }
            } else {
                from = value(range);
                to = slash >= 0 ? max : from; // "a/b": from a, every b
            }
            for (int v = from; v <= to; v += step) {
                out.set(v);
            }
        }

        int value(String text) {
            if (names != null) {
                String upper = text.toUpperCase(Locale.ROOT);
                for (int i = 0; i < names.length; i++) {
                    if (names[i].equals(upper)) {
                        return min + i;
                    }
                }
            }
            int v = number(text, "'" + text + "'");
            if (v < min || v > max) {
                throw problem(v + " is outside " + min + "-" + max);
            }
            return v;
        }

        private int number(String text, String what) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw problem(what + " is not a number" + (names == null ? "" : " or a name like " + names[0]));
            }
        }

        IllegalArgumentException problem(String what) {
            return new IllegalArgumentException(label + ": " + what);
        }
    }

    /** The two day fields, one of which is {@code ?}. */
    private sealed interface DaySpec {
        boolean matches(LocalDate date);

        static DaySpec parse(String dayOfMonth, String dayOfWeek) {
            boolean noMonthDay = dayOfMonth.equals("?");
            boolean noWeekDay = dayOfWeek.equals("?");
            if (noMonthDay == noWeekDay) {
                throw new IllegalArgumentException("exactly one of Day-of-month and Day-of-week must be '?'");
            }
            return noWeekDay ? MonthDays.parse(dayOfMonth) : WeekDays.parse(dayOfWeek);
        }
    }

    /** Day of month: a set of days, or {@code L}, {@code LW}, {@code nW}. */
    private record MonthDays(BitSet days, boolean last, boolean lastWeekday, int nearestWeekdayTo) implements DaySpec {
        static MonthDays parse(String text) {
            String upper = text.toUpperCase(Locale.ROOT);
            if (upper.equals("L")) {
                return new MonthDays(new BitSet(), true, false, 0);
            }
            if (upper.equals("LW")) {
                return new MonthDays(new BitSet(), false, true, 0);
            }
            if (upper.endsWith("W")) {
                return new MonthDays(new BitSet(), false, false,
                        Field.DAY_OF_MONTH.value(upper.substring(0, upper.length() - 1)));
            }
            return new MonthDays(Field.DAY_OF_MONTH.parse(upper), false, false, 0);
        }

        @Override
        public boolean matches(LocalDate date) {
            if (last) {
                return date.getDayOfMonth() == date.lengthOfMonth();
            }
            if (lastWeekday) {
                return date.equals(weekdayOnOrBefore(date.with(TemporalAdjusters.lastDayOfMonth())));
            }
            if (nearestWeekdayTo > 0) {
                return nearestWeekdayTo <= date.lengthOfMonth() && date.equals(nearestWeekday(date));
            }
            return days.get(date.getDayOfMonth());
        }

        /** The weekday nearest {@code nearestWeekdayTo} without leaving the month (Quartz's rule). */
        private LocalDate nearestWeekday(LocalDate inMonth) {
            LocalDate target = inMonth.withDayOfMonth(nearestWeekdayTo);
            return switch (target.getDayOfWeek()) {
                case SATURDAY -> target.getDayOfMonth() == 1 ? target.plusDays(2) : target.minusDays(1);
                case SUNDAY -> target.getDayOfMonth() == target.lengthOfMonth() ? target.minusDays(2)
                        : target.plusDays(1);
                default -> target;
            };
        }

        private static LocalDate weekdayOnOrBefore(LocalDate date) {
            return switch (date.getDayOfWeek()) {
                case SATURDAY -> date.minusDays(1);
                case SUNDAY -> date.minusDays(2);
                default -> date;
            };
        }
    }

    /** Day of week (1 = SUN): a set of days, or {@code nL} (the month's last), or {@code n#k} (the k-th). */
    private record WeekDays(BitSet days, int lastOf, int nthOf, int nth) implements DaySpec {
        static WeekDays parse(String text) {
            String upper = text.toUpperCase(Locale.ROOT);
            if (upper.equals("L")) {
                BitSet saturday = new BitSet();
                saturday.set(7);
                return new WeekDays(saturday, 0, 0, 0);
            }
            if (upper.endsWith("L")) {
                return new WeekDays(new BitSet(), Field.DAY_OF_WEEK.value(upper.substring(0, upper.length() - 1)), 0, 0);
            }
            int hash = upper.indexOf('#');
            if (hash >= 0) {
                int day = Field.DAY_OF_WEEK.value(upper.substring(0, hash));
                int k;
                try {
                    k = Integer.parseInt(upper.substring(hash + 1));
                } catch (NumberFormatException e) {
                    k = 0;
                }
                if (k < 1 || k > 5) {
                    throw Field.DAY_OF_WEEK.problem("in '" + text + "' the week must be 1 to 5");
                }
                return new WeekDays(new BitSet(), 0, day, k);
            }
            return new WeekDays(Field.DAY_OF_WEEK.parse(upper), 0, 0, 0);
        }

        @Override
        public boolean matches(LocalDate date) {
            int day = cronDay(date.getDayOfWeek());
            if (lastOf > 0) {
                return day == lastOf && date.plusWeeks(1).getMonth() != date.getMonth();
            }
            if (nthOf > 0) {
                return day == nthOf && (date.getDayOfMonth() - 1) / 7 + 1 == nth;
            }
            return days.get(day);
        }

        private static int cronDay(DayOfWeek day) {
            return day.getValue() % 7 + 1; // SUN = 1 … SAT = 7
        }
    }
}

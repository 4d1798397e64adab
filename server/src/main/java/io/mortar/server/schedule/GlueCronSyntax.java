package io.mortar.server.schedule;

import java.util.Locale;

/**
 * Glue's grammar for the six fields of {@code cron(...)}, checked before cron-utils reads them, for two reasons:
 * Glue's refusals name the field and the reason (cron-utils says {@code Value 60 not in range [0, 59]} without
 * the field), and cron-utils accepts forms Glue refuses ({@code L-3}, {@code MON#6}, {@code 2L,3}, {@code LW,5}).
 * It only checks; the meaning of a field is cron-utils'.
 *
 * <p>Every field takes {@code ,} lists of {@code *}, {@code n} or {@code a-b} (not backwards), each optionally with
 * {@code /step}. Day of month also takes {@code ?}, {@code L}, {@code LW} or {@code nW} alone; day of week
 * (1 = SUN … 7 = SAT) {@code ?}, {@code L}, {@code nL} or {@code n#k} (k 1 to 5) alone. Exactly one day field is
 * {@code ?}.
 */
final class GlueCronSyntax {
    static final int MIN_YEAR = 1970;
    static final int MAX_YEAR = 2199;
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
        "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private GlueCronSyntax() {
    }

    /**
     * Checks Minutes, Hours, Day-of-month, Month, Day-of-week and Year; an IllegalArgumentException saying which
     * field and what is wrong otherwise.
     */
    static void check(String[] fields) {
        Field.MINUTES.checkList(fields[0]);
        Field.HOURS.checkList(fields[1]);
        Field.MONTH.checkList(fields[3]);
        Field.YEAR.checkList(fields[5]);
        String dayOfMonth = fields[2].toUpperCase(Locale.ROOT);
        String dayOfWeek = fields[4].toUpperCase(Locale.ROOT);
        if (dayOfMonth.equals("?") == dayOfWeek.equals("?")) {
            throw new IllegalArgumentException("exactly one of Day-of-month and Day-of-week must be '?'");
        }
        if (dayOfWeek.equals("?")) {
            checkDayOfMonth(dayOfMonth);
        } else {
            checkDayOfWeek(dayOfWeek);
        }
    }

    /** The day of {@code nW}, or -1 when the field is something else. */
    static int nearestWeekdayDay(String dayOfMonth) {
        String upper = dayOfMonth.toUpperCase(Locale.ROOT);
        return upper.endsWith("W") && !upper.equals("LW")
                ? Field.DAY_OF_MONTH.value(upper.substring(0, upper.length() - 1)) : -1;
    }

    private static void checkDayOfMonth(String text) {
        if (text.equals("L") || text.equals("LW")) {
            return;
        }
        if (text.endsWith("W")) {
            nearestWeekdayDay(text);
            return;
        }
        Field.DAY_OF_MONTH.checkList(text);
    }

    private static void checkDayOfWeek(String text) {
        if (text.equals("L")) {
            return;
        }
        if (text.endsWith("L")) {
            Field.DAY_OF_WEEK.value(text.substring(0, text.length() - 1));
            return;
        }
        int hash = text.indexOf('#');
        if (hash >= 0) {
            Field.DAY_OF_WEEK.value(text.substring(0, hash));
            String week = text.substring(hash + 1);
            if (!week.matches("[1-5]")) {
                throw Field.DAY_OF_WEEK.problem("in '" + text + "' the week must be 1 to 5");
            }
            return;
        }
        Field.DAY_OF_WEEK.checkList(text);
    }

    /** A numeric field: its name, range and the names its values may have. */
    private enum Field {
        // The largest step is cron-utils' (a step past the range would only select its start).
        MINUTES("Minutes", 0, 59, 59, null),
        HOURS("Hours", 0, 23, 23, null),
        DAY_OF_MONTH("Day-of-month", 1, 31, 31, null),
        MONTH("Month", 1, 12, 12, MONTHS),
        DAY_OF_WEEK("Day-of-week", 1, 7, 7, DAYS),
        YEAR("Year", MIN_YEAR, MAX_YEAR, MAX_YEAR - MIN_YEAR + 1, null);

        final String label;
        final int min;
        final int max;
        final int maxStep;
        final String[] names;

        Field(String label, int min, int max, int maxStep, String[] names) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.maxStep = maxStep;
            this.names = names;
        }

        /** {@code ,}-separated items, each {@code *}, {@code n}, {@code a-b}, optionally {@code /step}. */
        void checkList(String text) {
            for (String item : text.split(",", -1)) {
                if (item.isEmpty()) {
                    throw problem("'" + text + "' has an empty item");
                }
                checkItem(item);
            }
        }

        private void checkItem(String item) {
            int slash = item.indexOf('/');
            String range = slash < 0 ? item : item.substring(0, slash);
            if (slash >= 0) {
                int step = number(item.substring(slash + 1), "the step");
                if (step < 1) {
                    throw problem("the step in '" + item + "' must be at least 1");
                }
                if (step > maxStep) {
                    throw problem("the step in '" + item + "' must be at most " + maxStep);
                }
            }
            if (range.equals("*")) {
                return;
            }
            if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw problem("'" + item + "' is not a range a-b");
                }
                if (value(ends[0]) > value(ends[1])) {
                    throw problem("the range '" + item + "' runs backwards");
                }
                return;
            }
            value(range);
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
            // Digits only: Integer.parseInt would take "+5", which cron-utils does not.
            if (!text.matches("[0-9]{1,9}")) {
                throw problem(what + " is not a number" + (names == null ? "" : " or a name like " + names[0]));
            }
            return Integer.parseInt(text);
        }

        IllegalArgumentException problem(String what) {
            return new IllegalArgumentException(label + ": " + what);
        }
    }
}

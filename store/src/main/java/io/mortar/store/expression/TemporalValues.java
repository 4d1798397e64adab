package io.mortar.store.expression;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;

/**
 * Strict parsing of DATE and TIMESTAMP partition values and their fixed-width encodings, whose text order is
 * chronological order. Years are exactly four digits (0000-9999), so zero-padding makes the encodings sort right.
 */
final class TemporalValues {
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};
    private static final int NANO_DIGITS = 9;

    private TemporalValues() {
    }

    /** {@code yyyy-M-d}: month and day may omit their leading zero; null for anything else or a non-existent day. */
    static LocalDate parseDate(String raw) {
        Cursor cursor = new Cursor(raw);
        LocalDate date = readDate(cursor);
        return date != null && cursor.atEnd() ? date : null;
    }

    /**
     * A date, then optionally {@code " HH:mm:ss"} and a fraction of 1 to 9 digits. A bare date means midnight, as
     * in Hive's cast from string to timestamp.
     */
    static LocalDateTime parseTimestamp(String raw) {
        Cursor cursor = new Cursor(raw);
        LocalDate date = readDate(cursor);
        if (date == null) {
            return null;
        }
        if (cursor.atEnd()) {
            return date.atStartOfDay();
        }
        if (!cursor.skip(' ')) {
            return null;
        }
        int hour = cursor.number(2, 2);
        int minute = cursor.skip(':') ? cursor.number(2, 2) : -1;
        int second = cursor.skip(':') ? cursor.number(2, 2) : -1;
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (cursor.skip('.')) {
            int fractionStart = cursor.position();
            int fraction = cursor.number(1, NANO_DIGITS);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * POWERS_OF_TEN[NANO_DIGITS - (cursor.position() - fractionStart)];
        }
        return cursor.atEnd() ? LocalDateTime.of(date, LocalTime.of(hour, minute, second, nanos)) : null;
    }

    static String formatDate(LocalDate date) {
        StringBuilder out = new StringBuilder(10);
        appendDate(out, date);
        return out.toString();
    }

    static String formatTimestamp(LocalDateTime timestamp) {
        StringBuilder out = new StringBuilder(29);
        appendDate(out, timestamp.toLocalDate());
        out.append(' ');
        appendPadded(out, timestamp.getHour(), 2).append(':');
        appendPadded(out, timestamp.getMinute(), 2).append(':');
        appendPadded(out, timestamp.getSecond(), 2).append('.');
        return appendPadded(out, timestamp.getNano(), NANO_DIGITS).toString();
    }

    private static LocalDate readDate(Cursor cursor) {
        int year = cursor.number(4, 4);
        int month = cursor.skip('-') ? cursor.number(1, 2) : -1;
        int day = cursor.skip('-') ? cursor.number(1, 2) : -1;
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    private static void appendDate(StringBuilder out, LocalDate date) {
        appendPadded(out, date.getYear(), 4).append('-');
        appendPadded(out, date.getMonthValue(), 2).append('-');
        appendPadded(out, date.getDayOfMonth(), 2);
    }

    private static StringBuilder appendPadded(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }

    /** A read position in a value; the reads return -1 or false instead of throwing, since bad input is common. */
    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        int position() {
            return position;
        }

        boolean atEnd() {
            return position == text.length();
        }

        boolean skip(char expected) {
            if (position < text.length() && text.charAt(position) == expected) {
                position++;
                return true;
            }
            return false;
        }

        /** Reads between minDigits and maxDigits ASCII digits; -1 (position unspecified) when there are fewer. */
        int number(int minDigits, int maxDigits) {
            int value = 0;
            int digits = 0;
            while (digits < maxDigits && position < text.length()
                    && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
                value = value * 10 + (text.charAt(position++) - '0');
                digits++;
            }
            return digits >= minDigits ? value : -1;
        }
    }
}

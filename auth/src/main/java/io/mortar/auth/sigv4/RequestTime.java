package io.mortar.auth.sigv4;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The time a request says it was signed, from {@code X-Amz-Date} (or {@code Date}), which SigV4 requires in ISO 8601
 * basic format ({@code 20261207T024500Z}). Parsed by hand: this runs on every request, and a malformed date must
 * become AWS's error, not a parser's exception.
 *
 * @param basic the header's text, which the string to sign repeats
 */
record RequestTime(Instant instant, String basic) {
    private static final DateTimeFormatter BASIC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    static RequestTime parse(String text) {
        if (text.length() != 16 || text.charAt(8) != 'T' || text.charAt(15) != 'Z') {
            throw SigV4Errors.dateNotBasicFormat(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 4, 6);
        int day = digits(text, 6, 8);
        int hour = digits(text, 9, 11);
        int minute = digits(text, 11, 13);
        int second = digits(text, 13, 15);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            throw SigV4Errors.dateNotBasicFormat(text);
        }
        try {
            return new RequestTime(LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC),
                    text);
        } catch (DateTimeException outOfRange) { // month 13, 30 February: only on a malformed request
            throw SigV4Errors.dateNotBasicFormat(text);
        }
    }

    /** The {@code YYYYMMDD} the credential scope must name. */
    String day() {
        return basic.substring(0, 8);
    }

    static String basic(Instant instant) {
        return BASIC.format(instant);
    }

    /** The number the characters from..to spell, or -1 when one of them is not a digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}

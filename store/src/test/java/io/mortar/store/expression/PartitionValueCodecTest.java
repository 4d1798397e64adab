package io.mortar.store.expression;

import static io.mortar.store.expression.PartitionKeyType.DATE;
import static io.mortar.store.expression.PartitionKeyType.DECIMAL;
import static io.mortar.store.expression.PartitionKeyType.INTEGRAL;
import static io.mortar.store.expression.PartitionKeyType.STRING;
import static io.mortar.store.expression.PartitionKeyType.TIMESTAMP;
import static io.mortar.store.expression.PartitionKeyType.UNSUPPORTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionValueCodecTest {
    private static final int CASES = 20_000;
    private static final LocalDate FIRST_DAY = LocalDate.of(0, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

    // ---- examples: the encoded form is persisted by stores, so its exact shape is pinned here ----

    @Test
    void encodesNumbersAsSignClassExponentAndDigits() {
        assertThat(PartitionValueCodec.encode("0", DECIMAL)).isEqualTo("1");
        assertThat(PartitionValueCodec.encode("5", DECIMAL)).isEqualTo("2" + "2147483648" + "5");
        assertThat(PartitionValueCodec.encode("2020", INTEGRAL)).isEqualTo("2" + "2147483651" + "202");
        assertThat(PartitionValueCodec.encode("0.015", DECIMAL)).isEqualTo("2" + "2147483646" + "15");
        assertThat(PartitionValueCodec.encode("-1.5", DECIMAL)).isEqualTo("0" + "7852516351" + "84~");
        assertThat(PartitionValueCodec.encode("-1", DECIMAL)).isEqualTo("0" + "7852516351" + "8~");
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource({"7, 007", "7, +7", "7, 7.000", "7, 0.7e1", "7, 70E-1", "0, -0", "0, 0.000", "0, +0e5",
        "-12.5, -12.50", "-12.5, -1.25e1", "1000, 1e3", "1000, 1E+3", "0.001, 1e-3", "0.5, .5", "5, 5."})
    void encodesNumericallyEqualValuesIdentically(String a, String b) {
        assertThat(PartitionValueCodec.encode(b, DECIMAL)).isEqualTo(PartitionValueCodec.encode(a, DECIMAL));
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource({"7, 007", "7, +7", "7, 7.0", "2020, 2.02e3", "-3, -0003", "0, -0"})
    void readsIntegralValuesNumerically(String a, String b) {
        assertThat(PartitionValueCodec.encode(b, INTEGRAL)).isNotNull()
                .isEqualTo(PartitionValueCodec.encode(a, INTEGRAL))
                .isEqualTo(PartitionValueCodec.encode(a, DECIMAL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " 1", "1 ", "1 000", "abc", "1a", "0x10", "1e", "1e+", "e5", ".", "+", "-",
        "--1", "+-1", "1.2.3", "1..2", "NaN", "Infinity", "-Infinity", "\u0661\u0662", "\uff11", "1_000", "1,5",
        "1e99999999999"})
    void rejectsMalformedNumbers(String raw) {
        assertThat(PartitionValueCodec.encode(raw, DECIMAL)).isNull();
        assertThat(PartitionValueCodec.encode(raw, INTEGRAL)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2020.5", "0.1", "-1.01", "1e-1", "9223372036854775808", "-9223372036854775809",
        "1e19", "1e999999999", "1e-999999999"})
    void rejectsNonIntegersAndOutOfRangeIntegralValues(String raw) {
        assertThat(PartitionValueCodec.encode(raw, INTEGRAL)).isNull();
    }

    @Test
    void encodesExtremeExponentsWithoutOverflow() {
        BigDecimal tiny = new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE);
        BigDecimal huge = new BigDecimal(BigInteger.valueOf(999), Integer.MIN_VALUE);
        assertThat(NumericEncoding.encode(tiny)).startsWith("2" + "0000000001");
        assertThat(NumericEncoding.encode(huge).compareTo(NumericEncoding.encode(tiny))).isPositive();
        assertThat(NumericEncoding.encode(huge.negate()).compareTo(NumericEncoding.encode(tiny.negate())))
                .isNegative();
        assertThat(PartitionValueCodec.encode("1e2147483647", DECIMAL))
                .isGreaterThan(PartitionValueCodec.encode("9e2147483646", DECIMAL));
    }

    @Test
    void encodesDatesZeroPadded() {
        assertThat(PartitionValueCodec.encode("2020-01-05", DATE)).isEqualTo("2020-01-05");
        assertThat(PartitionValueCodec.encode("2020-1-5", DATE)).isEqualTo("2020-01-05");
        assertThat(PartitionValueCodec.encode("2020-11-5", DATE)).isEqualTo("2020-11-05");
        assertThat(PartitionValueCodec.encode("2020-02-29", DATE)).isEqualTo("2020-02-29");
        assertThat(PartitionValueCodec.encode("0000-01-01", DATE)).isEqualTo("0000-01-01");
        assertThat(PartitionValueCodec.encode("9999-12-31", DATE)).isEqualTo("9999-12-31");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2020-13-01", "2020-00-10", "2020-01-00", "2020-01-32", "2021-02-29", "1900-02-29",
        "2020-04-31", "20-01-01", "020-01-01", "10000-01-01", "2020-001-01", "2020-01-001", "2020/01/01",
        "2020-01", "2020", "2020-01-01 ", " 2020-01-01", "2020-01-01 00:00:00", "-2020-01-01", "abc", ""})
    void rejectsInvalidDates(String raw) {
        assertThat(PartitionValueCodec.encode(raw, DATE)).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2020-01-05 01:02:03, 2020-01-05 01:02:03.000000000",
        "2020-1-5 01:02:03, 2020-01-05 01:02:03.000000000",
        "2020-01-05 23:59:59.5, 2020-01-05 23:59:59.500000000",
        "2020-01-05 00:00:00.000000001, 2020-01-05 00:00:00.000000001",
        "2020-01-05 00:00:00.123456789, 2020-01-05 00:00:00.123456789",
        "2020-01-05, 2020-01-05 00:00:00.000000000",
    })
    void encodesTimestampsFixedWidth(String raw, String encoded) {
        assertThat(PartitionValueCodec.encode(raw, TIMESTAMP)).isEqualTo(encoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2020-01-05 24:00:00", "2020-01-05 23:60:00", "2020-01-05 23:59:60",
        "2020-01-05 1:02:03", "2020-01-05 01:02", "2020-01-05T01:02:03", "2020-01-05  01:02:03",
        "2020-01-05 01:02:03.", "2020-01-05 01:02:03.1234567890", "2020-01-05 01:02:03 ", "2020-02-30 01:02:03",
        "2020-01-05 01:02:03Z", "2020-01-05 01:02:03.1x"})
    void rejectsInvalidTimestamps(String raw) {
        assertThat(PartitionValueCodec.encode(raw, TIMESTAMP)).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = PartitionKeyType.class, names = {"STRING", "UNSUPPORTED"})
    void leavesTextUnchanged(PartitionKeyType type) {
        for (String raw : List.of("", " x ", "2020", "it's", "\uD83D\uDE00", "%_*?[")) {
            assertThat(PartitionValueCodec.encode(raw, type)).isSameAs(raw);
        }
    }

    @ParameterizedTest
    @EnumSource(PartitionKeyType.class)
    void encodesNullAsNull(PartitionKeyType type) {
        assertThat(PartitionValueCodec.encode(null, type)).isNull();
    }

    // ---- properties: text order of encodings == typed order ----

    @Test
    void numericEncodingOrdersLikeBigDecimalCompareTo() {
        Random random = new Random(20240611L);
        List<BigDecimal> values = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            BigDecimal value = randomDecimal(random);
            values.add(value);
            if (Math.abs(value.scale()) < 1_000) {
                // Numerically equal and close neighbours exercise the digit comparison, not just the exponent.
                values.add(value.setScale(value.scale() + random.nextInt(3)));
                values.add(value.add(BigDecimal.ONE.movePointLeft(random.nextInt(20))));
            }
        }
        for (int i = 0; i < values.size(); i++) {
            BigDecimal a = values.get(i);
            BigDecimal b = values.get(random.nextInt(values.size()));
            String encodedA = NumericEncoding.encode(a);
            String encodedB = NumericEncoding.encode(b);
            assertThat(Integer.signum(encodedA.compareTo(encodedB)))
                    .as("%s vs %s encoded as %s vs %s", a, b, encodedA, encodedB)
                    .isEqualTo(a.compareTo(b));
            assertThat(encodedA).matches("[0-9~]+");
        }
    }

    @Test
    void numericEncodingOfTextMatchesEncodingOfTheValue() {
        Random random = new Random(7L);
        for (int i = 0; i < CASES; i++) {
            BigDecimal value = randomDecimal(random);
            if (Math.abs(value.scale()) < 1_000) {
                String text = random.nextBoolean() ? value.toString() : value.toPlainString();
                assertThat(PartitionValueCodec.encode(text, DECIMAL)).as(text).isEqualTo(NumericEncoding.encode(value));
            }
        }
    }

    @Test
    void integralEncodingOrdersLikeLongs() {
        Random random = new Random(42L);
        long[] edges = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1_000_000, -10, -9, -1, 0, 1, 9, 10, 99, 100,
            1_000_000, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        for (int i = 0; i < CASES; i++) {
            long a = i < edges.length ? edges[i] : randomLong(random);
            long b = random.nextInt(4) == 0 ? edges[random.nextInt(edges.length)] : randomLong(random);
            String encodedA = PartitionValueCodec.encode(Long.toString(a), INTEGRAL);
            String encodedB = PartitionValueCodec.encode(Long.toString(b), INTEGRAL);
            assertThat(Integer.signum(encodedA.compareTo(encodedB))).as("%d vs %d", a, b)
                    .isEqualTo(Long.compare(a, b));
            String padded = a < 0 ? "-00" + Long.toString(a).substring(1) : "+00" + a;
            assertThat(PartitionValueCodec.encode(padded, INTEGRAL)).as(padded).isEqualTo(encodedA);
        }
    }

    @Test
    void dateEncodingOrdersChronologically() {
        Random random = new Random(99L);
        long days = ChronoUnit.DAYS.between(FIRST_DAY, LAST_DAY);
        for (int i = 0; i < CASES; i++) {
            LocalDate a = FIRST_DAY.plusDays(random.nextLong(days + 1));
            LocalDate b = random.nextBoolean() ? a.plusDays(random.nextInt(3) - 1)
                    : FIRST_DAY.plusDays(random.nextLong(days + 1));
            if (b.isAfter(LAST_DAY) || b.isBefore(FIRST_DAY)) {
                continue;
            }
            String encodedA = PartitionValueCodec.encode(unpadded(a), DATE);
            String encodedB = PartitionValueCodec.encode(b.toString(), DATE);
            assertThat(Integer.signum(encodedA.compareTo(encodedB))).as("%s vs %s", a, b)
                    .isEqualTo(Integer.signum(a.compareTo(b)));
            assertThat(TemporalValues.parseDate(encodedA)).isEqualTo(a);
        }
    }

    @Test
    void timestampEncodingOrdersChronologically() {
        Random random = new Random(1234L);
        for (int i = 0; i < CASES; i++) {
            LocalDateTime a = randomTimestamp(random);
            LocalDateTime b = random.nextBoolean() ? a.plusNanos(random.nextInt(2001) - 1000)
                    : randomTimestamp(random);
            if (b.getYear() < 0 || b.getYear() > 9999) {
                continue;
            }
            String encodedA = PartitionValueCodec.encode(written(a, random), TIMESTAMP);
            String encodedB = PartitionValueCodec.encode(written(b, random), TIMESTAMP);
            assertThat(Integer.signum(encodedA.compareTo(encodedB))).as("%s vs %s", a, b)
                    .isEqualTo(Integer.signum(a.compareTo(b)));
            assertThat(encodedA).hasSize(29);
        }
    }

    private static BigDecimal randomDecimal(Random random) {
        BigInteger unscaled = new BigInteger(random.nextInt(130), random);
        if (random.nextInt(10) == 0) {
            unscaled = unscaled.multiply(BigInteger.TEN.pow(random.nextInt(5))); // trailing zeros
        }
        if (random.nextBoolean()) {
            unscaled = unscaled.negate();
        }
        int scale = switch (random.nextInt(10)) {
            case 0 -> random.nextInt(); // extreme exponents, either sign
            case 1 -> Integer.MAX_VALUE - random.nextInt(3);
            case 2 -> Integer.MIN_VALUE + 2 + random.nextInt(3);
            default -> random.nextInt(81) - 40;
        };
        return new BigDecimal(unscaled, scale);
    }

    private static long randomLong(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextInt();
            default -> random.nextInt(2001) - 1000;
        };
    }

    private static LocalDateTime randomTimestamp(Random random) {
        long days = ChronoUnit.DAYS.between(FIRST_DAY, LAST_DAY);
        return FIRST_DAY.plusDays(random.nextLong(days + 1)).atStartOfDay()
                .plusSeconds(random.nextInt(86_400))
                .plusNanos(random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
    }

    private static String unpadded(LocalDate date) {
        return pad(date.getYear(), 4) + "-" + date.getMonthValue() + "-" + date.getDayOfMonth();
    }

    /** The timestamp as a Glue user might write it: with no fraction or a fraction of 1 to 9 digits. */
    private static String written(LocalDateTime timestamp, Random random) {
        String base = pad(timestamp.getYear(), 4) + "-" + pad(timestamp.getMonthValue(), 2) + "-"
                + pad(timestamp.getDayOfMonth(), 2) + " " + pad(timestamp.getHour(), 2) + ":"
                + pad(timestamp.getMinute(), 2) + ":" + pad(timestamp.getSecond(), 2);
        String nanos = pad(timestamp.getNano(), 9);
        int significant = nanos.length();
        while (significant > 0 && nanos.charAt(significant - 1) == '0') {
            significant--;
        }
        int written = significant + random.nextInt(10 - significant); // some trailing zeros, or none
        return written == 0 && random.nextBoolean() ? base : base + "." + nanos.substring(0, Math.max(written, 1));
    }

    private static String pad(int value, int width) {
        String digits = Integer.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    /** Keys encode alike when every value encodes the same for both: a table changing one for the other keeps its rows. */
    @ParameterizedTest
    @CsvSource({
        "int, INTEGER, true", "int, ' Int ', true", "bigint, long, true", "string, varchar(10), true",
        "char(3), varchar(200), true", "'decimal(10,2)', decimal, true", "boolean, double, true",
        "int, bigint, false", "tinyint, smallint, false", "int, string, false", "string, date, false",
        "date, timestamp, false", "decimal, int, false", "string, boolean, false"})
    void sameEncodingIsTheTypeThatDecidesEachValuesEncoding(String a, String b, boolean same) {
        PartitionKey first = new PartitionKey("a", a);
        PartitionKey second = new PartitionKey("b", b);
        assertThat(PartitionValueCodec.sameEncoding(first, second)).isEqualTo(same);
        assertThat(PartitionValueCodec.sameEncoding(second, first)).isEqualTo(same);
    }
}

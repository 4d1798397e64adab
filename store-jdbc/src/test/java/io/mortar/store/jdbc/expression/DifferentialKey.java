package io.mortar.store.jdbc.expression;

import io.mortar.store.expression.Literal;
import io.mortar.store.expression.PartitionKey;
import io.mortar.store.expression.PartitionKeyType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * A partition key of a differential-test table with generators for raw partition values (in the varied spellings
 * users store, such as {@code 02020} or {@code 2020-1-5}) and for literals as written in expressions. Values and
 * literals are drawn from small domains so that equality, IN and range predicates often hit.
 */
record DifferentialKey(PartitionKey key, Function<Random, String> value, Function<Random, String> literal) {
    private static final List<String> REGION_ALPHABET = List.of("a", "b", "A", "-", "%", "_", "*", "?", "[", "]",
            "\u00e9", "\uD83D\uDE00", "\uFFFD", "1", "0", "'", " ", "\\");
    private static final List<String> NUMERIC_TEXTS = List.of("10", "010", "1", "-1", "1e2", "0", "9");
    /** Few days, so values collide, around a year end and a month whose number gains a digit (9 to 10). */
    private static final List<LocalDate> DAYS = List.of(LocalDate.of(2019, 9, 29), LocalDate.of(2019, 9, 30),
            LocalDate.of(2019, 10, 1), LocalDate.of(2019, 10, 2), LocalDate.of(2019, 12, 31), LocalDate.of(2020, 1, 1),
            LocalDate.of(2020, 1, 2), LocalDate.of(2020, 1, 10));

    boolean isString() {
        return key.type() == PartitionKeyType.STRING;
    }

    /** A LIKE pattern made from a plausible value by turning some characters into wildcards. */
    String likePattern(Random random) {
        StringBuilder pattern = new StringBuilder(random.nextInt(5) == 0 ? "%" : "");
        value.apply(random).codePoints().forEach(c -> {
            int roll = random.nextInt(20);
            pattern.append(roll < 4 ? "_" : roll < 7 ? "%" : Character.toString(c));
        });
        return pattern.append(random.nextInt(3) == 0 ? "%" : "").toString();
    }

    static DifferentialKey integral(String name, int low, int high) {
        return new DifferentialKey(new PartitionKey(name, "int"),
                random -> spellInteger(random, low + random.nextInt(high - low + 1)),
                random -> {
                    int n = low - 1 + random.nextInt(high - low + 3);
                    return switch (random.nextInt(5)) {
                        case 0 -> quote(spellInteger(random, n));
                        case 1 -> n + ".0";
                        case 2 -> n + "e0";
                        default -> Integer.toString(n);
                    };
                });
    }

    static DifferentialKey string(String name, List<String> alphabet, int maxLength) {
        return new DifferentialKey(new PartitionKey(name, "string"),
                random -> random.nextInt(6) == 0 ? pick(random, NUMERIC_TEXTS) : randomText(random, alphabet, maxLength),
                random -> random.nextInt(4) == 0 ? pick(random, NUMERIC_TEXTS)
                        : quote(randomText(random, alphabet, maxLength)));
    }

    static DifferentialKey region(String name) {
        return string(name, REGION_ALPHABET, 3);
    }

    static DifferentialKey date(String name) {
        Function<Random, String> value = random -> {
            LocalDate day = pick(random, DAYS);
            return random.nextBoolean() ? day.toString()
                    : day.getYear() + "-" + day.getMonthValue() + "-" + day.getDayOfMonth();
        };
        return new DifferentialKey(new PartitionKey(name, "date"), value, random -> quote(value.apply(random)));
    }

    static DifferentialKey timestamp(String name) {
        Function<Random, String> value = random -> {
            LocalDate day = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(3));
            String time = pick(random, List.of("00", "12", "23")) + ":" + pick(random, List.of("00", "30")) + ":"
                    + pick(random, List.of("00", "59"));
            String fraction = pick(random, List.of("", "", ".0", ".000000001", ".5", ".50", ".999999999"));
            return time.equals("00:00:00") && fraction.isEmpty() && random.nextBoolean() ? day.toString()
                    : day + " " + time + fraction;
        };
        return new DifferentialKey(new PartitionKey(name, "timestamp"), value, random -> quote(value.apply(random)));
    }

    static DifferentialKey decimal(String name) {
        return new DifferentialKey(new PartitionKey(name, "decimal(10,2)"),
                random -> {
                    BigDecimal amount = randomAmount(random);
                    return switch (random.nextInt(4)) {
                        case 0 -> (amount.signum() >= 0 ? "+" : "") + amount.toPlainString();
                        case 1 -> amount.setScale(amount.scale() + 1).toPlainString();
                        case 2 -> amount.unscaledValue() + "E-" + amount.scale();
                        default -> amount.toPlainString();
                    };
                },
                random -> {
                    BigDecimal amount = randomAmount(random);
                    return switch (random.nextInt(4)) {
                        case 0 -> quote(amount.toPlainString());
                        case 1 -> amount.unscaledValue() + "e-" + amount.scale();
                        default -> amount.toPlainString();
                    };
                });
    }

    private static BigDecimal randomAmount(Random random) {
        return BigDecimal.valueOf(random.nextInt(61) - 30, random.nextInt(3));
    }

    private static String spellInteger(Random random, int n) {
        return switch (random.nextInt(4)) {
            case 0 -> n < 0 ? "-0" + -n : "0" + n;
            case 1 -> n < 0 ? Integer.toString(n) : "+" + n;
            default -> Integer.toString(n);
        };
    }

    private static String randomText(Random random, List<String> alphabet, int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            text.append(pick(random, alphabet));
        }
        return text.toString();
    }

    static String quote(String text) {
        return Literal.string(text).asWritten();
    }

    static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}

package io.mortar.runtime.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Random;
import java.util.regex.Pattern;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class TextKindTest {
    private static final Pattern INTEGRAL = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    @Test
    void classifiesTheValuesACsvColumnHolds() {
        assertThat(kind("")).isZero();
        assertThat(kind("42")).isEqualTo(TextKind.INT);
        assertThat(kind("-2147483648")).isEqualTo(TextKind.INT);
        assertThat(kind("2147483648")).isEqualTo(TextKind.LONG);
        assertThat(kind("+0000000000000000000007")).isEqualTo(TextKind.INT);
        assertThat(kind("-9223372036854775808")).isEqualTo(TextKind.LONG);
        assertThat(kind("9223372036854775808")).isEqualTo(TextKind.DOUBLE);
        assertThat(kind("1.5")).isEqualTo(TextKind.DOUBLE);
        assertThat(kind(".5")).isEqualTo(TextKind.DOUBLE);
        assertThat(kind("1.")).isEqualTo(TextKind.DOUBLE);
        assertThat(kind("-2.5E+10")).isEqualTo(TextKind.DOUBLE);
        assertThat(kind("TRUE")).isEqualTo(TextKind.BOOLEAN);
        assertThat(kind("false")).isEqualTo(TextKind.BOOLEAN);
        for (String text : new String[] {" 1", "1 ", ".", "-", "1e", "e5", "1.2.3", "NaN", "Infinity", "0x1F", "1d",
                "yes", "truth", "tru", "١٢", "12€"}) {
            assertThat(kind(text)).as(text).isEqualTo(TextKind.STRING);
        }
    }

    /**
     * Against the definition written as regular expressions and Java's parsers, over random text from the characters
     * that matter: a typed re-read relies on every value of a kind parsing with that kind's parser.
     */
    @Test
    void agreesWithTheRegexDefinitionAndJavasParsersOnRandomText() {
        Random random = new Random(20261124);
        String alphabet = "0123456789+-.eE tTrRuUfFaAlLsSx";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(random.nextInt(10) == 0 ? 25 : 7);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(random.nextInt(3) == 0 ? alphabet.length() : 13)));
            }
            String value = text.toString();
            assertThat(kind(value)).as("'%s'", value).isEqualTo(expected(value));
            switch (kind(value)) {
                case TextKind.INT -> assertThatCode(() -> Integer.parseInt(value)).doesNotThrowAnyException();
                case TextKind.LONG -> assertThatCode(() -> Long.parseLong(value)).doesNotThrowAnyException();
                case TextKind.DOUBLE -> assertThatCode(() -> Double.parseDouble(value)).doesNotThrowAnyException();
                default -> { }
            }
        }
    }

    private static int expected(String value) {
        if (value.isEmpty()) {
            return 0;
        }
        if (INTEGRAL.matcher(value).matches()) {
            try {
                long v = Long.parseLong(value);
                return v == (int) v ? TextKind.INT : TextKind.LONG;
            } catch (NumberFormatException beyondLong) {
                return TextKind.DOUBLE;
            }
        }
        if (DECIMAL.matcher(value).matches()) {
            return TextKind.DOUBLE;
        }
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? TextKind.BOOLEAN : TextKind.STRING;
    }

    private static int kind(String text) {
        return TextKind.of(UTF8String.fromString(text));
    }
}

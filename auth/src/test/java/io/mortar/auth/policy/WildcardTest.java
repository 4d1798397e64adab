package io.mortar.auth.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WildcardTest {

    private static boolean action(String pattern, String input) {
        return Wildcard.compile(pattern, true).matches(input);
    }

    private static boolean resource(String pattern, String input) {
        return Wildcard.compile(pattern, false).matches(input);
    }

    @Test
    void compilesEachPatternIntoTheCheapestShape() {
        assertThat(Wildcard.compile("*", true)).isSameAs(Wildcard.Any.INSTANCE);
        assertThat(Wildcard.compile("glue:GetTable", true)).isInstanceOf(Wildcard.Exact.class);
        assertThat(Wildcard.compile("glue:Get*", true)).isInstanceOf(Wildcard.Prefix.class);
        assertThat(Wildcard.compile("glue:Get?able", true)).isInstanceOf(Wildcard.Glob.class);
        assertThat(Wildcard.compile("arn:aws:glue:*:000000000000:table/sales/*", false))
                .isInstanceOf(Wildcard.Glob.class);
    }

    @Test
    void matchesActionsIgnoringCase() {
        assertThat(action("glue:GetTable", "GLUE:gettable")).isTrue();
        assertThat(action("GLUE:gettable", "glue:GetTable")).isTrue();
        assertThat(action("glue:Get*", "glue:GETTABLES")).isTrue();
        assertThat(action("glue:*Table", "glue:GETTABLE")).isTrue();
        assertThat(action("glue:Get?able", "GLUE:GETTABLE")).isTrue();
        assertThat(action("glue:GetTable", "glue:GetTables")).isFalse();
        assertThat(action("glue:Get*", "glue:BatchGetPartition")).isFalse();
        assertThat(action("*", "glue:anything")).isTrue();
    }

    @Test
    void matchesResourcesWithCase() {
        String table = "arn:aws:glue:us-east-1:000000000000:table/sales/orders";
        assertThat(resource(table, table)).isTrue();
        assertThat(resource(table, table.toUpperCase())).isFalse();
        assertThat(resource("arn:aws:glue:us-east-1:000000000000:table/sales/*", table)).isTrue();
        assertThat(resource("arn:aws:glue:us-east-1:000000000000:table/Sales/*", table)).isFalse();
        assertThat(resource("arn:aws:glue:*:000000000000:table/sales/*", table)).isTrue();
        assertThat(resource("arn:aws:glue:*:000000000000:table/hr/*", table)).isFalse();
    }

    @Test
    void starCrossesColonsAndSlashesAndQuestionMarkIsOneCharacter() {
        assertThat(resource("arn:aws:glue:*", "arn:aws:glue:us-east-1:000000000000:table/sales/orders")).isTrue();
        assertThat(resource("arn:aws:glue:*:table/*", "arn:aws:glue:us-east-1:000000000000:table/a/b")).isTrue();
        assertThat(resource("arn:aws:glue:us-east-?:*", "arn:aws:glue:us-east-1:0:catalog")).isTrue();
        assertThat(resource("arn:aws:glue:us-east-?:*", "arn:aws:glue:us-east-12:0:catalog")).isFalse();
        assertThat(resource("arn:aws:glue:us-east-?*", "arn:aws:glue:us-east-12:0:catalog")).isTrue();
        assertThat(resource("arn:aws:glue:us-east-?:0:catalog", "arn:aws:glue:us-east-12:0:catalog")).isFalse();
        assertThat(resource("a?c", "ac")).isFalse();
        assertThat(resource("a*c", "ac")).isTrue();
        assertThat(resource("a**c", "abbbc")).isTrue();
        assertThat(resource("*a*b*c*", "xxaxxbxxcxx")).isTrue();
        assertThat(resource("*a*b*c*", "xxaxxcxxbxx")).isFalse();
        // Backtracking: the first "/o" is not the one the pattern ends with.
        assertThat(resource("table/*/orders", "table/s/orders/x/orders")).isTrue();
        assertThat(resource("table/*/orders", "table/s/orders/x/order")).isFalse();
        assertThat(resource("x", "")).isFalse();
        assertThat(resource("*", "")).isTrue();
        assertThat(resource("?*", "")).isFalse();
    }

    /** Against java.util.regex as the reference, over random patterns and inputs from a small alphabet. */
    @Test
    void agreesWithARegexReadingOfTheSamePattern() {
        Random random = new Random(16);
        String alphabet = "aAb:/*?";
        for (int round = 0; round < 20_000; round++) {
            String pattern = randomText(random, alphabet, 8);
            String input = randomText(random, "aAb:/", 10);
            boolean ignoreCase = random.nextBoolean();
            boolean expected = reference(pattern, ignoreCase).matcher(input).matches();
            assertThat(Wildcard.compile(pattern, ignoreCase).matches(input))
                    .as("pattern %s input %s ignoreCase %s", pattern, input, ignoreCase).isEqualTo(expected);
        }
    }

    private static String randomText(Random random, String alphabet, int maxLength) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static Pattern reference(String glob, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.DOTALL : Pattern.DOTALL);
    }

    @Test
    void escapedCharactersMatchOnlyThemselves() {
        assertThat(Wildcard.compile("job/${*}", false, true)).isInstanceOf(Wildcard.Exact.class);
        assertThat(Wildcard.compile("job/${*}", false, true).matches("job/*")).isTrue();
        assertThat(Wildcard.compile("job/${*}", false, true).matches("job/x")).isFalse();
        Wildcard escapedThenStar = Wildcard.compile("job/${?}*", false, true);
        assertThat(escapedThenStar).isInstanceOf(Wildcard.Prefix.class);
        assertThat(escapedThenStar.matches("job/?abc")).isTrue();
        assertThat(escapedThenStar.matches("job/xabc")).isFalse();
        Wildcard mixed = Wildcard.compile("t/${*}?x*${*}", false, true); // literal *, any one, x, anything, literal *
        assertThat(mixed).isInstanceOf(Wildcard.Glob.class);
        assertThat(mixed.matches("t/*ax-long-*")).isTrue();
        assertThat(mixed.matches("t/*ax*")).isTrue();
        assertThat(mixed.matches("t/aax*")).isFalse();
        assertThat(mixed.matches("t/*ax-long-")).isFalse();
        assertThat(Wildcard.compile("a${$}b", false, true).matches("a$b")).isTrue();
        // without escapes (actions, older policy versions) the text is taken as written
        assertThat(Wildcard.compile("job/${*}", false, false).matches("job/${anything}")).isTrue();
    }
}

package io.mortar.model.validation;

import static io.mortar.model.validation.Fixtures.rawModel;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StringMatchersTest {
    private static final StringMatcher SINGLE_LINE = StringMatchers.compile(StringMatchers.SINGLE_LINE);
    private static final StringMatcher MULTI_LINE = StringMatchers.compile(StringMatchers.MULTI_LINE);

    @Test
    void theHandWrittenPatternsAreTheModelsOwnText() {
        // the JSON escapes the backslash, so the text keeps Java-regex escapes rather than decoded characters
        JsonNode shapes = rawModel().get("shapes");
        assertThat(shapes.get("NameString").get("pattern").textValue()).isEqualTo(StringMatchers.SINGLE_LINE);
        assertThat(shapes.get("DescriptionString").get("pattern").textValue()).isEqualTo(StringMatchers.MULTI_LINE);
        assertThat(StringMatchers.SINGLE_LINE).startsWith("[\\u0020-");
    }

    @Test
    void hotPatternsGetTheCharLoopAndOthersARegex() {
        assertThat(SINGLE_LINE).isInstanceOf(XmlCharMatcher.class);
        assertThat(MULTI_LINE).isInstanceOf(XmlCharMatcher.class);
        assertThat(StringMatchers.compile("[A-Za-z0-9_-]*")).isInstanceOf(RegexMatcher.class);
    }

    @Test
    void singleLineAcceptsPrintableTextTabsAndSupplementaryCharacters() {
        assertThat(SINGLE_LINE.matches("")).isTrue();
        assertThat(SINGLE_LINE.matches("orders_2024 é 中文\tx")).isTrue();
        assertThat(SINGLE_LINE.matches("emoji \uD83D\uDE00 ok")).isTrue(); // U+1F600, a surrogate pair
        assertThat(SINGLE_LINE.matches("\uD7FF\uE000\uFFFD\uDBFF\uDFFF")).isTrue();
    }

    @Test
    void singleLineRejectsLineBreaksControlsAndBrokenSurrogates() {
        assertThat(SINGLE_LINE.matches("a\nb")).isFalse();
        assertThat(SINGLE_LINE.matches("a\rb")).isFalse();
        assertThat(SINGLE_LINE.matches("a\u0001b")).isFalse();
        assertThat(SINGLE_LINE.matches("\u001F")).isFalse();
        assertThat(SINGLE_LINE.matches("\uFFFE")).isFalse();
        assertThat(SINGLE_LINE.matches("lone high \uD83D")).isFalse();
        assertThat(SINGLE_LINE.matches("\uDE00 lone low")).isFalse();
        assertThat(SINGLE_LINE.matches("\uDE00\uD83D")).isFalse(); // a pair in the wrong order
    }

    @Test
    void multiLineAlsoAcceptsCarriageReturnAndLineFeedButNoOtherControls() {
        assertThat(MULTI_LINE.matches("line one\r\nline two\n\tend \uD83D\uDE00")).isTrue();
        assertThat(MULTI_LINE.matches("bell\u0007")).isFalse();
        assertThat(MULTI_LINE.matches("\u000B")).isFalse();
    }

    @Test
    void charLoopsAgreeWithJavaRegexOnRandomStrings() {
        char[] alphabet = {'a', 'Z', ' ', '~', '\t', '\r', '\n', '\u0000', '\u0001', '\u000B', '\u001F', '\u007F',
            '\u00E9', '\u2028', '\uD7FF', '\uE000', '\uFFFD', '\uFFFE', '\uFFFF',
            '\uD800', '\uD83D', '\uDBFF', '\uDC00', '\uDE00', '\uDFFF'};
        Pattern singleLine = Pattern.compile(StringMatchers.SINGLE_LINE);
        Pattern multiLine = Pattern.compile(StringMatchers.MULTI_LINE);
        Random random = new Random(20170331);
        for (int i = 0; i < 50_000; i++) {
            char[] chars = new char[random.nextInt(8)];
            for (int c = 0; c < chars.length; c++) {
                chars[c] = alphabet[random.nextInt(alphabet.length)];
            }
            String s = new String(chars);
            assertThat(SINGLE_LINE.matches(s)).as("SINGLE_LINE %s", s.chars().boxed().toList())
                    .isEqualTo(singleLine.matcher(s).matches());
            assertThat(MULTI_LINE.matches(s)).as("MULTI_LINE %s", s.chars().boxed().toList())
                    .isEqualTo(multiLine.matcher(s).matches());
        }
    }

    @Test
    void regexPatternsMatchTheWholeValue() {
        StringMatcher glueArn = StringMatchers.compile("arn:aws(-(cn|us-gov|iso(-[bef])?))?:glue:.*");
        assertThat(glueArn.matches("arn:aws:glue:eu-west-1:123456789012:schema/r/s")).isTrue();
        assertThat(glueArn.matches("x arn:aws:glue:eu-west-1")).isFalse();
    }

    @Test
    void aRegexTooDeepForTheStackAcceptsTheValueInsteadOfFailingTheRequest() {
        // OrchestrationS3Location: Java recurses once per path segment and overflows a small stack
        String regex = "^s3://([^/]+)/([^/]+/)*([^/]+)$";
        String deep = "s3://bucket/" + "a/".repeat(4_000) + "blueprint.zip";
        Object plainRegex = onSmallStack(() -> Pattern.compile(regex).matcher(deep).matches());
        assertThat(plainRegex).as("the scenario is real: plain java.util.regex overflows")
                .isInstanceOf(StackOverflowError.class);

        StringMatcher s3Location = StringMatchers.compile(regex);
        assertThat(onSmallStack(() -> s3Location.matches(deep))).isEqualTo(true);
        assertThat(s3Location.matches("s3://bucket/dir/blueprint.zip")).isTrue();
        assertThat(s3Location.matches("https://bucket/blueprint.zip")).isFalse();
    }

    /** Runs {@code task} on a thread with a 256 KiB stack; returns its result or what it threw. */
    private static Object onSmallStack(BooleanSupplier task) {
        Object[] outcome = new Object[1];
        Thread thread = new Thread(null, () -> {
            try {
                outcome[0] = task.getAsBoolean();
            } catch (Throwable t) {
                outcome[0] = t;
            }
        }, "small-stack", 256 * 1024);
        thread.start();
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(thread.isAlive()).isFalse();
        return outcome[0];
    }
}

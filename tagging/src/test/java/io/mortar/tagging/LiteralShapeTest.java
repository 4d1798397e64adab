package io.mortar.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LiteralShapeTest {
    @Test
    void keywordRulesHaveTheShapeAndOtherRulesDoNot() {
        assertThat(LiteralShape.of("\\b(?:refund|charge\\-back)\\b", 0)).hasValueSatisfying(s -> {
            assertThat(s.literals()).containsExactly("refund", "charge-back");
            assertThat(s.boundaryBefore()).isTrue();
            assertThat(s.boundaryAfter()).isTrue();
            assertThat(s.caseInsensitive()).isFalse();
        });
        assertThat(LiteralShape.of("(?i)payment failed", 0)).hasValueSatisfying(s -> {
            assertThat(s.literals()).containsExactly("payment failed");
            assertThat(s.caseInsensitive()).isTrue();
        });
        assertThat(LiteralShape.of("a.b", Pattern.LITERAL)).hasValueSatisfying(s ->
                assertThat(s.literals()).containsExactly("a.b"));
        for (String notOne : List.of("a.b", "\\d+", "(a)|(b)", "x?", "(?m)^a", "a\\b\\w", "[ab]", "a||b", "\\Qx\\E")) {
            assertThat(LiteralShape.of(notOne, 0)).as(notOne).isEmpty();
        }
        assertThat(LiteralShape.of("abc", Pattern.COMMENTS)).isEmpty();
    }

    @Test
    void aHitIsCheckedForCaseAndWordBoundaries() {
        LiteralShape word = LiteralShape.of("\\bcat\\b", 0).orElseThrow();
        char[] text = "a cat, concatenate CAT".toCharArray();
        assertThat(word.check("cat", text, text.length, 5)).isEqualTo(LiteralShape.Verdict.MATCH);
        assertThat(word.check("cat", text, text.length, 13)).isEqualTo(LiteralShape.Verdict.NO_MATCH);
        assertThat(word.check("cat", text, text.length, 22)).as("case").isEqualTo(LiteralShape.Verdict.NO_MATCH);
        LiteralShape any = LiteralShape.of("(?i)\\bcat\\b", 0).orElseThrow();
        assertThat(any.check("cat", text, text.length, 22)).isEqualTo(LiteralShape.Verdict.MATCH);
        char[] accented = "écat".toCharArray();
        assertThat(word.check("cat", accented, accented.length, 4)).as("a boundary next to é is the regex's call")
                .isEqualTo(LiteralShape.Verdict.ASK_THE_REGEX);
    }
}

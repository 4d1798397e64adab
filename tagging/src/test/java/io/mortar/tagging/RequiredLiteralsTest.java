package io.mortar.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RequiredLiteralsTest {
    private static Set<String> of(String regex) {
        return RequiredLiterals.forTest(regex);
    }

    @Test
    void literalsComeOutOfConcatenationsAlternationsAndSmallClasses() {
        assertThat(of("error")).containsExactly("error");
        assertThat(of("ERROR")).as("folded").containsExactly("error");
        assertThat(of("(?i)time ?out|deadline exceeded"))
                .containsExactlyInAnyOrder("time out", "timeout", "deadline exceeded");
        assertThat(of("gr[ae]y")).containsExactlyInAnyOrder("gray", "grey");
        assertThat(of("colou?r")).containsExactlyInAnyOrder("colour", "color");
        assertThat(of("\\d{3}-\\d{4}")).containsExactly("-");
        assertThat(of("^GET /api/v\\d+/")).containsExactly("get /api/v");
        assertThat(of("\\bcat\\b")).containsExactly("cat");
        assertThat(of("(a|b)*checkout")).containsExactly("checkout");
        assertThat(of("a\\Q.b\\E")).containsExactly("a.b");
        assertThat(of("ab{2}c")).containsExactly("abbc");
        assertThat(of("(?<word>hello)\\s+\\k<word>")).containsExactly("hello");
        assertThat(of("(?:ORD|INV)-[0-9]{6}")).containsExactlyInAnyOrder("ord-", "inv-");
        assertThat(of("x(?=yz)")).containsExactly("x");
        assertThat(of("\\x41\\u0042\\t")).containsExactly("ab\t");
    }

    @Test
    void whatCannotBeNamedGivesNoSet() {
        assertThat(of("x?")).isNull();
        assertThat(of("[^abc]+")).isNull();
        assertThat(of("\\d+")).isNull();
        assertThat(of(".*")).isNull();
        assertThat(of("a|\\d")).as("a branch without a literal").isNull();
        assertThat(of("(?x) a b # comment")).as("comments mode is not followed").isNull();
        assertThat(of("(?iu)straße")).as("Unicode case folding is not followed").isNull();
        assertThat(RequiredLiterals.of("abc", Pattern.COMMENTS)).isEqualTo(Optional.empty());
        assertThat(RequiredLiterals.of("a.b", Pattern.LITERAL)).contains(Set.of("a.b"));
    }
}

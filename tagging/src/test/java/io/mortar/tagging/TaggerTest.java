package io.mortar.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TaggerTest {
    private static final List<String> COLUMNS = List.of("title", "body");

    private static List<String> tags(Tagger tagger, String title, String body) {
        Tagger.Matching m = tagger.newMatching();
        m.set(0, title);
        m.set(1, body);
        int n = m.matchRow();
        List<String> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(tagger.tags().get(m.tag(k)));
        }
        return out;
    }

    @Test
    void aRowGetsTheTagOfEveryRuleThatFindsAMatchInOneOfItsColumns() {
        Tagger tagger = Tagger.compile(List.of(
                new TagRule("outage", List.of("title", "body"), "(?i)\\b(down|outage|unreachable)\\b"),
                new TagRule("billing", List.of("body"), "invoice #\\d+"),
                new TagRule("phone", List.of("body"), "\\d{3}-\\d{4}"),
                new TagRule("vip", List.of("title"), "^\\[VIP\\]"),
                new TagRule("outage", List.of("body"), "503"),
                new TagRule("anything", List.of("title"), "\\w+")), COLUMNS, Tagger.Options.DEFAULTS);
        assertThat(tagger.tags()).containsExactly("outage", "billing", "phone", "vip", "anything");
        assertThat(tagger.rulesWithLiterals()).isEqualTo(5);
        assertThat(tags(tagger, "[VIP] Site DOWN", "call 555-1234 about invoice #42"))
                .containsExactly("outage", "billing", "phone", "vip", "anything");
        assertThat(tags(tagger, "question", "got a 503 today")).containsExactly("outage", "anything");
        assertThat(tags(tagger, "", "nothing here")).isEmpty();
        assertThat(tags(tagger, null, null)).isEmpty();
        assertThat(tags(tagger, "vip [VIP]", "downtime")).as("anchors and word boundaries hold")
                .containsExactly("anything");
    }

    @Test
    void firstMatchOnlyKeepsTheFirstRuleInRuleOrder() {
        Tagger tagger = Tagger.compile(List.of(
                new TagRule("a", List.of("body"), "zebra"),
                new TagRule("b", List.of("title"), "apple"),
                new TagRule("c", List.of("body"), "apple")), COLUMNS, new Tagger.Options(true, 1000));
        assertThat(tags(tagger, "apple", "apple zebra")).containsExactly("a");
        assertThat(tags(tagger, "apple", "apple")).containsExactly("b");
    }

    @Test
    void perColumnMatchingLooksAtOneColumn() {
        Tagger tagger = Tagger.compile(List.of(new TagRule("x", List.of("title", "body"), "x+y")), COLUMNS,
                Tagger.Options.DEFAULTS);
        Tagger.Matching m = tagger.newMatching();
        m.set(0, "nothing");
        m.set(1, "xxy");
        assertThat(m.matchColumn(0)).isZero();
        assertThat(m.matchColumn(1)).isEqualTo(1);
    }

    @Test
    void aPathologicalRuleIsCutOffByItsStepBudgetAndTheOthersStillMatch() {
        Tagger tagger = Tagger.compile(List.of(
                // the lookahead keeps it from the DFA, so its regex runs, and would run for ages
                new TagRule("evil", List.of("body"), "(?=a)(.*a){20}x"),
                new TagRule("tamed", List.of("body"), "(.*a){20}x"),
                new TagRule("fine", List.of("body"), "aaa")), COLUMNS, Tagger.Options.DEFAULTS);
        Tagger.Matching m = tagger.newMatching();
        m.set(0, null);
        // java.util.regex alone reads about 6 billion characters for 30 a's (30 s here), more for 60
        m.set(1, "a".repeat(60));
        assertThat(m.matchRow()).isEqualTo(1);
        assertThat(tagger.tags().get(m.tag(0))).isEqualTo("fine");
        assertThat(m.guardTrips()).as("only the regex of the rule the DFA cannot take").isEqualTo(1);
        m.set(1, "a".repeat(25) + "x");
        List<String> found = new ArrayList<>();
        for (int k = 0, n = m.matchRow(); k < n; k++) {
            found.add(tagger.tags().get(m.tag(k)));
        }
        assertThat(found).as("the DFA decides the same rule's twin in one pass").contains("tamed", "fine");
    }

    @Test
    void rulesWithoutAUsefulLiteralRunInTheDfa() {
        Tagger tagger = Tagger.compile(List.of(
                new TagRule("phone", List.of("body"), "\\b\\d{3}-\\d{4}\\b"),
                new TagRule("shout", List.of("title", "body"), "\\b[A-Z]{4,}\\b"),
                new TagRule("end", List.of("body"), "(?i)[a-z]+\\.?\\z"),
                new TagRule("backref", List.of("body"), "(\\w)\\1")), COLUMNS, Tagger.Options.DEFAULTS);
        assertThat(tagger.rulesDecidedByAutomaton()).as("the back reference keeps its regex").isEqualTo(3);
        assertThat(tags(tagger, "URGENT", "dial 505-1234 now")).containsExactly("phone", "shout", "end");
        assertThat(tags(tagger, "Urgent", "dial 5051234 now!")).isEmpty();
        assertThat(tags(tagger, "x", "aabb")).containsExactly("end", "backref");
        assertThat(tags(tagger, "x", "a surrogate \uD83D\uDE00 here: 505-1234")).as("left to the regexes")
                .containsExactly("phone", "backref");
    }

    @Test
    void aBadRuleIsAnErrorNamingIt() {
        assertThatThrownBy(() -> Tagger.compile(List.of(new TagRule("ok", List.of("body"), "fine"),
                new TagRule("broken", List.of("body"), "(unclosed")), COLUMNS, Tagger.Options.DEFAULTS))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith("Rule 1 (tag 'broken', regex '(unclosed'): the regex does not compile")
                .satisfies(e -> assertThat(((InvalidRuleException) e).ruleIndex()).isEqualTo(1));
        assertThatThrownBy(() -> Tagger.compile(List.of(new TagRule("t", List.of("nope"), "x")), COLUMNS,
                Tagger.Options.DEFAULTS)).hasMessageContaining("column nope is not among [title, body]");
        assertThatThrownBy(() -> Tagger.compile(List.of(new TagRule("t", List.of("body"), "x", Pattern.CANON_EQ
                | 0x8000_0000)), COLUMNS, Tagger.Options.DEFAULTS)).isInstanceOf(InvalidRuleException.class);
    }

    @Test
    void cornersOfJavaSyntaxAgreeWithEachRulesOwnFind() {
        // each was once decided differently than Pattern.find(): quantifiers after \Q…\E bind to the last
        // character, \b beside a top-level alternation belongs to one branch, LITERAL with Unicode case folding
        String[][] cases = {
            {"\\Qab\\E{2}", "xabbx"}, {"\\Qab\\E{2}", "xababx"}, {"\\Qa.b\\E?", "xyz"},
            {"\\bfoo|bar\\b", "foox"}, {"\\bfoo|bar\\b", "xbar"}, {"\\bcat|dog", "hotdog"},
            {"\\bcat|dog", "concat"}};
        for (String[] c : cases) {
            Tagger tagger = Tagger.compile(List.of(new TagRule("t", List.of("body"), c[0])), COLUMNS,
                    Tagger.Options.DEFAULTS);
            boolean expected = Pattern.compile(c[0]).matcher(c[1]).find();
            assertThat(tags(tagger, null, c[1])).as("%s on %s", c[0], c[1])
                    .isEqualTo(expected ? List.of("t") : List.of());
        }
        int unicodeLiteral = Pattern.LITERAL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        Tagger tagger = Tagger.compile(List.of(new TagRule("t", List.of("body"), "ss", unicodeLiteral)), COLUMNS,
                Tagger.Options.DEFAULTS);
        assertThat(Pattern.compile("ss", unicodeLiteral).matcher("\u017Fs").find()).isTrue();
        assertThat(tags(tagger, null, "\u017Fs")).containsExactly("t");
    }
}

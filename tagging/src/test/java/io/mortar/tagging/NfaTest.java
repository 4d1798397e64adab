package io.mortar.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The NFA the DFA is built from ({@link Nfa}, compiled by {@link DfaSyntax}) and what the syntax says of a rule. */
class NfaTest {
    /** Every string of up to three characters of {@code alphabet}. */
    private static List<String> strings(String alphabet) {
        List<String> all = new ArrayList<>(List.of(""));
        for (int from = 0, len = 1; len <= 3; len++) {
            int to = all.size();
            for (int k = from; k < to; k++) {
                for (char c : alphabet.toCharArray()) {
                    all.add(all.get(k) + c);
                }
            }
            from = to;
        }
        return all;
    }

    /** Whether the NFA reaches its match state on exactly {@code s} (the regexes used here have no assertions). */
    private static boolean accepts(Nfa nfa, int state, String s, int at) {
        switch (nfa.kind(state)) {
            case Nfa.MATCH:
                return at == s.length();
            case Nfa.SPLIT:
                return accepts(nfa, nfa.out1(state), s, at) || accepts(nfa, nfa.out2(state), s, at);
            case Nfa.CHAR: {
                if (at == s.length()) {
                    return false;
                }
                int[] r = nfa.ranges(state);
                char c = s.charAt(at);
                for (int k = 0; k < r.length; k += 2) {
                    if (c >= r[k] && c <= r[k + 1]) {
                        return accepts(nfa, nfa.out1(state), s, at + 1);
                    }
                }
                return false;
            }
            default:
                return accepts(nfa, nfa.out1(state), s, at);
        }
    }

    @Test
    void aRuleCompilesToStatesThatAcceptWhatItsRegexMatchesWhole() {
        for (String regex : new String[] {"ab|c", "a?b", "[ab]{1,2}", "(?i)a", "a*b", "[^a]", "\\d", "a{2}",
            "(?:ab)+", ".", "\\x61b?", "(?s).", "a*?"}) {
            Nfa nfa = new Nfa();
            assertThat(DfaSyntax.compile(regex, 0, 7, nfa)).as(regex).isTrue();
            assertThat(nfa.starts).hasSize(1);
            Pattern p = Pattern.compile(regex);
            for (String s : strings("abA1\n")) {
                assertThat(accepts(nfa, nfa.starts.get(0), s, 0)).as("%s on %s", regex, s)
                        .isEqualTo(p.matcher(s).matches());
            }
        }
    }

    @Test
    void rulesShareOneNfaEachWithItsOwnStartAndMatchState() {
        Nfa nfa = new Nfa();
        assertThat(DfaSyntax.compile("a", 0, 0, nfa)).isTrue();
        int after = nfa.size();
        assertThat(DfaSyntax.compile("b", 0, 1, nfa)).isTrue();
        assertThat(nfa.starts).hasSize(2);
        assertThat(nfa.starts.get(1)).isGreaterThanOrEqualTo(after);
        List<Integer> matched = new ArrayList<>();
        for (int s = 0; s < nfa.size(); s++) {
            if (nfa.kind(s) == Nfa.MATCH) {
                matched.add(nfa.arg(s));
            }
        }
        assertThat(matched).containsExactly(0, 1);
    }

    @Test
    void whatTheAutomatonCannotDecideIsRefusedAndAddsNoStart() {
        for (String regex : new String[] {"(a)\\1", "a(?=b)", "a(?!b)", "(?<=a)b", "a++", "a\\Z", "(?m)^a",
            "\\p{L}", "(?x)a b", "a{2000}", "(?>a)", "\\R", "[a&&b]", "[[a]]"}) {
            Nfa nfa = new Nfa();
            assertThat(DfaSyntax.compile(regex, 0, 0, nfa)).as(regex).isFalse();
            assertThat(nfa.starts).as(regex).isEmpty();
            assertThat(DfaSyntax.classify(regex, 0)).as(regex).isEqualTo(DfaSyntax.Shape.REFUSED);
        }
        assertThat(DfaSyntax.classify("a", Pattern.MULTILINE)).isEqualTo(DfaSyntax.Shape.REFUSED);
        assertThat(DfaSyntax.classify("a", Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE))
                .isEqualTo(DfaSyntax.Shape.REFUSED);
        assertThat(DfaSyntax.classify("a$", 0)).as("$ is taken (see LazyDfa.decides)")
                .isEqualTo(DfaSyntax.Shape.SHORT_LIVED);
    }

    @Test
    void aRepetitionReadingAcrossWordsMakesARuleLongLived() {
        assertThat(DfaSyntax.classify("\\b(?:a|b)\\W+(?:\\w+\\W+){0,2}?(?:c|d)\\b", 0))
                .isEqualTo(DfaSyntax.Shape.LONG_LIVED);
        assertThat(DfaSyntax.classify("error.*timeout", 0)).isEqualTo(DfaSyntax.Shape.LONG_LIVED);
        assertThat(DfaSyntax.classify("\\b(?:cat|dog)s?\\b", 0)).isEqualTo(DfaSyntax.Shape.SHORT_LIVED);
        assertThat(DfaSyntax.classify("[\\w.]+@\\w+\\.com", 0)).as("no space in the loop")
                .isEqualTo(DfaSyntax.Shape.SHORT_LIVED);
        assertThat(DfaSyntax.classify("\\bscreen[\\s-]+size\\b", 0)).as("no word character in the loop")
                .isEqualTo(DfaSyntax.Shape.SHORT_LIVED);
    }

    @Test
    void prefixesAreTheFoldedStringsEveryMatchStartsWith() {
        assertThat(prefixes("\\b(?:Screen|display)s?\\b"))
                .containsExactlyInAnyOrder("screen", "screens", "display", "displays");
        assertThat(prefixes("(?i)^(?:re|fwd?):")).containsExactlyInAnyOrder("re:", "fw:", "fwd:");
        assertThat(prefixes("gr[ae]y\\w+")).containsExactlyInAnyOrder("gray", "grey");
        assertThat(prefixes("id\\d+")).as("a digit is a small class").hasSize(10).contains("id0", "id9");
        assertThat(prefixes("(?:ab){2}c")).containsExactly("ababc");
        assertThat(prefixes("a?bc")).as("an optional start").containsExactlyInAnyOrder("bc", "abc");
        assertThat(prefixes("a*bc")).as("a repeated optional start").isNull();
        assertThat(prefixes("\\d+-\\d+")).as("too many to name").isNull();
        assertThat(prefixes("x\\w")).as("one character is no prefilter").isNull();
        assertThat(prefixes("(?:foo|x)bar")).containsExactlyInAnyOrder("foobar", "xbar");
    }

    @Test
    void suffixesAreTheFoldedStringsEveryMatchEndsWith() {
        assertThat(suffixes("\\b(?:a|b)\\W+(?:\\w+\\W+){0,2}?(?:Crash|freeze)\\b"))
                .containsExactlyInAnyOrder("crash", "freeze");
        assertThat(suffixes("\\w+\\.(?:pdf|docx?)$")).containsExactlyInAnyOrder(".pdf", ".doc", ".docx");
        assertThat(suffixes("cats?")).as("an optional end").containsExactlyInAnyOrder("cat", "cats");
        assertThat(suffixes("cat\\d*")).as("a repeated optional end").isNull();
        assertThat(suffixes("ab(?:cd)+")).containsExactly("cd");
    }

    @Test
    void theSetsARuleRepeatsTellRulesThatCountDifferentThingsApart() {
        assertThat(DfaSyntax.repeatedSets("\\bcat\\b", 0)).isEmpty();
        assertThat(DfaSyntax.repeatedSets("\\d{3}-\\d{4}", 0)).isEqualTo(DfaSyntax.repeatedSets("\\d{2}:\\d{2}", 0));
        assertThat(DfaSyntax.repeatedSets("\\d{3}", 0)).isNotEqualTo(DfaSyntax.repeatedSets("[0-9a-f]{8}", 0));
    }

    private static Set<String> prefixes(String regex) {
        Optional<Set<String>> p = DfaSyntax.prefixes(regex, 0);
        return p.orElse(null);
    }

    private static Set<String> suffixes(String regex) {
        return DfaSyntax.suffixes(regex, 0).orElse(null);
    }
}

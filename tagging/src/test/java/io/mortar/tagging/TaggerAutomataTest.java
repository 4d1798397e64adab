package io.mortar.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** How the tagger shares its rules among DFAs, and that whichever DFAs decide, the tags are each rule's find(). */
class TaggerAutomataTest {
    private static final List<String> COLUMNS = List.of("text");

    private static List<String> tags(Tagger tagger, Tagger.Matching m, String text) {
        m.set(0, text);
        int n = m.matchRow();
        List<String> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(tagger.tags().get(m.tag(k)));
        }
        return out;
    }

    private static List<String> expected(List<TagRule> rules, String text) {
        List<String> out = new ArrayList<>();
        for (TagRule rule : rules) {
            if (Pattern.compile(rule.regex(), rule.flags()).matcher(text).find() && !out.contains(rule.tag())) {
                out.add(rule.tag());
            }
        }
        return out;
    }

    @Test
    void rulesReadingAcrossWordsGetSmallDfasOfTheirOwn() {
        String[] words = {"screen", "battery", "fan", "port", "lid", "key", "cable", "hinge", "pad", "dock"};
        List<TagRule> rules = new ArrayList<>();
        for (int r = 0; r < 20; r++) {
            rules.add(new TagRule("near" + r, COLUMNS, "(?i)\\b(?:" + words[r % 10] + "|" + words[(r + 3) % 10]
                    + ")s?\\W+(?:\\w+\\W+){0,2}?(?:broken|cracked|dead)\\b"));
        }
        rules.add(new TagRule("keyword", COLUMNS, "\\b(?:screen|fan)s?\\b"));
        Tagger tagger = Tagger.compile(rules, COLUMNS, Tagger.Options.DEFAULTS);
        Tagger.Matching m = tagger.newMatching();
        assertThat(m.automata(0)).as("20 long-lived rules in DFAs of %d, the keyword rule in another",
                Tagger.LONG_LIVED_GROUP).isEqualTo((20 + Tagger.LONG_LIVED_GROUP - 1) / Tagger.LONG_LIVED_GROUP + 1);
        assertThat(tagger.rulesDecidedByAutomaton()).isEqualTo(21);
        Random random = new Random(5);
        String[] vocabulary = {"screen", "Battery", "fans", "port", "the", "is", "very", "broken", "cracked", "dead",
            ",", "-", "keys", "my", "dock"};
        for (int n = 0; n < 2_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(15); k > 0; k--) {
                sb.append(vocabulary[random.nextInt(vocabulary.length)]).append(random.nextInt(4) == 0 ? ", " : " ");
            }
            String text = sb.toString();
            assertThat(tags(tagger, m, text)).as(text).containsExactlyElementsOf(expected(rules, text));
        }
    }

    @Test
    void aThrashingDfaIsSplitAndTheTagsStayExact() {
        List<TagRule> rules = new ArrayList<>();
        for (int k = 10; k <= 17; k++) { // an a k + 1 characters before the end: 2^(k + 1) states
            rules.add(new TagRule("a" + k, COLUMNS, "(a|b)*a(a|b){" + k + "}\\b"));
        }
        rules.add(new TagRule("digits", COLUMNS, "\\d{3}-\\d{2,4}"));
        Tagger tagger = Tagger.compile(rules, COLUMNS, Tagger.Options.DEFAULTS);
        Tagger.Matching m = tagger.newMatching();
        assertThat(m.automata(0)).isEqualTo(1);
        Random random = new Random(9);
        for (int n = 0; n < 4_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 40; k++) {
                sb.append(random.nextBoolean() ? 'a' : 'b');
            }
            sb.append(n % 7 == 0 ? " 123-45" : " x");
            String text = sb.toString();
            assertThat(tags(tagger, m, text)).as(text).containsExactlyElementsOf(expected(rules, text));
        }
        assertThat(m.splits()).as("the DFA of all nine rules outgrew its cache text after text").isPositive();
        assertThat(m.automata(0)).isGreaterThan(1);
    }

    @Test
    void aDollarRuleIsDecidedByTheDfaUnlessTheTextEndsWithALineTerminator() {
        List<TagRule> rules = List.of(new TagRule("pdf", COLUMNS, "(?i)\\b(?:report|invoice)[\\w-]*\\.pdf$"),
                new TagRule("digits", COLUMNS, "\\d{4}"));
        Tagger tagger = Tagger.compile(rules, COLUMNS, Tagger.Options.DEFAULTS);
        assertThat(tagger.rulesDecidedByAutomaton()).isEqualTo(2);
        Tagger.Matching m = tagger.newMatching();
        for (String text : new String[] {"see Report-2024.pdf", "see report.pdf\n", "see report.pdf\r\n",
            "report.pdf and more", "invoice.PDF\u2028", "report.pdf\n\n", "1234"}) {
            assertThat(tags(tagger, m, text)).as(text).containsExactlyElementsOf(expected(rules, text));
        }
    }

    @Test
    void dfasThatReadEveryTextReadItInStepAndTheTagsStayExact() {
        // rules without a useful literal whose partial matches read across words: DFAs of LONG_LIVED_GROUP (4)
        // reading every text; the first reads it with the prefilter, the next ones two by two in step, the last alone
        List<TagRule> rules = new ArrayList<>();
        for (int a = 1; a <= 6; a++) {
            for (int b = 1; b <= 5; b++) {
                rules.add(new TagRule("n" + a + "_" + b, COLUMNS, "\\b\\d{" + a + "}\\W+(?:\\w+\\W+){0,2}?\\d{" + b
                        + "}\\b"));
            }
        }
        Tagger tagger = Tagger.compile(rules, COLUMNS, Tagger.Options.DEFAULTS);
        Tagger.Matching m = tagger.newMatching();
        int automata = (30 + Tagger.LONG_LIVED_GROUP - 1) / Tagger.LONG_LIVED_GROUP;
        assertThat(automata % 2).as("one DFA with the prefilter, pairs, one alone").isZero();
        assertThat(m.automata(0)).isEqualTo(automata);
        assertThat(tagger.rulesDecidedByAutomaton()).isEqualTo(30);
        Random random = new Random(11);
        String[] parts = {"1", "22", "333", "4444", "55555", "word", "é", " ", ", ", "-", "x1", "é1"};
        for (int n = 0; n < 3_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                sb.append(parts[random.nextInt(parts.length)]);
                sb.append(random.nextBoolean() ? " " : "");
            }
            String text = sb.toString();
            assertThat(tags(tagger, m, text)).as(text).containsExactlyElementsOf(expected(rules, text));
        }
    }
}

package io.mortar.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The lazy DFA alone: which rules it reports for a text, against each rule's own {@code find()}. */
class LazyDfaTest {
    private static final String[] RULES = {
        "\\bcat\\b", "(?i)dog|wolf", "^err", "ok\\z", "\\.log$", "\\d{3}-\\d{4}", "a.c", "(?s)a.c", "\\Bend",
        "colou?r", "x[^y]z", "(?i)\\b(?:ca|do)gs?\\b", "ab{2,3}c", "(a|b)*abb", "(?:\\w+\\s){2}done", "é+t",
        "\\b\\w+@\\w+\\.com\\b", "a*?b", "[A-Z]{2}\\d{2}",
    };

    private static Nfa nfa(String... regexes) {
        Nfa nfa = new Nfa();
        for (int r = 0; r < regexes.length; r++) {
            assertThat(DfaSyntax.compile(regexes[r], 0, r, nfa)).as(regexes[r]).isTrue();
        }
        return nfa;
    }

    /** The rules the DFA reports, or null when it leaves the text to the regexes. */
    private static Set<Integer> scan(LazyDfa dfa, String text) {
        Set<Integer> found = new TreeSet<>();
        char[] chars = text.toCharArray();
        return dfa.scan(chars, chars.length, found::add) ? found : null;
    }

    private static Set<Integer> expected(String[] regexes, String text) {
        Set<Integer> found = new TreeSet<>();
        for (int r = 0; r < regexes.length; r++) {
            if (Pattern.compile(regexes[r]).matcher(text).find()) {
                found.add(r);
            }
        }
        return found;
    }

    @Test
    void oneScanReportsExactlyTheRulesWhoseFindMatches() {
        LazyDfa dfa = new LazyDfa(nfa(RULES));
        List<String> texts = List.of("", "cat", "concat", "a cat!", "Dog", "WOLFS", "error", "not err", "is ok",
                "ok then", "x.log", "x.log ", "call 555-1234", "abc", "a\nc", "bend", "end", "color colour",
                "xaz xyz", "Cats and DOGS", "dogsled", "abbbc", "abbbbc", "aababb", "one two done", "done",
                "éét", "mail bob@host.com now", "b", "AB12", "ab12");
        for (String text : texts) {
            assertThat(scan(dfa, text)).as(text).isEqualTo(expected(RULES, text));
        }
    }

    @Test
    void randomTextsAgreeWithEachRulesFind() {
        LazyDfa dfa = new LazyDfa(nfa(RULES));
        String[] parts = {"cat", "dog", "Wolf", "err", "ok", ".log", "555-1234", "a", "b", "c", "x", "y", "z", "end",
            "colour", " ", "\n", "_", "é", "t", "done", "@", ".com", "AB", "12", "-"};
        Random random = new Random(7);
        for (int n = 0; n < 3_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                sb.append(parts[random.nextInt(parts.length)]);
            }
            String text = sb.toString();
            Set<Integer> got = scan(dfa, text);
            if (text.endsWith("\n")) {
                assertThat(got).as("$ before a final line terminator is the regex's to decide: %s", text).isNull();
            } else {
                assertThat(got).as(text).isEqualTo(expected(RULES, text));
            }
        }
    }

    @Test
    void rulesMatchingEmptyAtTheEndOfATextAreReportedAfterEveryKindOfCharacter() {
        // the starts' empty matches at the end depend on the character before (word or not) and on the text being
        // empty; the DFA computes them once per such context and joins them to each state's own
        String[] rules = {"\\b$", "\\B$", "^$", "x?$", "\\Bz*\\z", "ab\\b$", "\\b(?:cd)?\\z"};
        LazyDfa dfa = new LazyDfa(nfa(rules));
        for (String text : List.of("", "a", "ab", "ab ", " ", "x", "cd", " cd", "z", "zz ", "a b", "ab ab", "-", "_")) {
            assertThat(scan(dfa, text)).as("'%s'", text).isEqualTo(expected(rules, text));
            assertThat(scan(dfa, text)).as("'%s' again, from the cache", text).isEqualTo(expected(rules, text));
        }
    }

    @Test
    void dollarIsTheEndOfATextThatDoesNotEndWithALineTerminator() {
        LazyDfa dfa = new LazyDfa(nfa("\\.log$", "error"));
        assertThat(scan(dfa, "a.log")).containsExactly(0);
        assertThat(scan(dfa, "a.log and more")).isEmpty();
        for (String end : new String[] {"\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029"}) {
            assertThat(scan(dfa, "error a.log" + end)).as("ends with %s", end.codePointAt(0)).isNull();
        }
        LazyDfa without = new LazyDfa(nfa("error"));
        assertThat(scan(without, "error\n")).as("only rules with $ need the regex there").containsExactly(0);
    }

    @Test
    void textsOnlyJavaDecidesAreGivenUp() {
        LazyDfa words = new LazyDfa(nfa("\\bcafe\\b", "x"));
        assertThat(scan(words, "x cafe\u0301")).as("a non-spacing mark next to a word boundary").isNull();
        assertThat(scan(words, "x \ud83d\ude00 cafe")).as("a surrogate pair").isNull();
        LazyDfa plain = new LazyDfa(nfa("x"));
        assertThat(scan(plain, "x cafe\u0301")).as("marks matter only to word boundaries").containsExactly(0);
    }

    @Test
    void theWindowScanFindsWhatTheWholeScanFindsFromTheFirstPrefixOn() {
        String[] rules = {"\\bfoo\\w*", "(?i)\\bbar\\W+(?:\\w+\\W+){0,2}?baz\\b"};
        LazyDfa dfa = new LazyDfa(nfa(rules));
        String text = "xfoo and fooly, then BAR one two Baz tail";
        char[] chars = text.toCharArray();
        Set<Integer> found = new TreeSet<>();
        // from the first "foo", which a word character precedes: \b must not hold there
        assertThat(dfa.scanWindow(chars, chars.length, 1, text.indexOf("Baz") + 3, found::add)).isTrue();
        assertThat(found).isEqualTo(expected(rules, text)).containsExactly(0, 1);

        String none = "xfoo then BAR one two three Baz";
        Set<Integer> nothing = new TreeSet<>();
        char[] noneChars = none.toCharArray();
        assertThat(dfa.scanWindow(noneChars, noneChars.length, 1, none.length(), nothing::add)).isTrue();
        assertThat(nothing).isEqualTo(expected(rules, none)).isEmpty();
    }

    @Test
    void theWindowScanStopsOnceNothingIsAliveAfterTheLastLiteral() {
        // a text the DFA would give up on (a surrogate) past the window: stopping early decides it all the same
        String[] rules = {"\\bfoo\\d*"};
        LazyDfa dfa = new LazyDfa(nfa(rules));
        String text = "foo12 and then \ud83d\ude00";
        char[] chars = text.toCharArray();
        Set<Integer> found = new TreeSet<>();
        assertThat(dfa.scanWindow(chars, chars.length, 0, 3, found::add)).isTrue();
        assertThat(found).containsExactly(0);
        assertThat(scan(dfa, text)).as("the whole scan reads the surrogate").isNull();
    }

    @Test
    void aCacheThatFillsFasterThanTextsReuseItIsThrashing() {
        String[] rules = {"(a|b)*a(a|b){9}", "\\bab\\b"}; // 2^10 states on texts of a and b
        LazyDfa dfa = new LazyDfa(nfa(rules), 64);
        Random random = new Random(1);
        for (int n = 0; n < 400 && !dfa.thrashing(); n++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 50; k++) {
                sb.append(random.nextBoolean() ? 'a' : 'b');
            }
            String text = sb + (n % 3 == 0 ? " ab" : "");
            assertThat(scan(dfa, text)).as("exact through every reset").isEqualTo(expected(rules, text));
        }
        assertThat(dfa.resets()).isPositive();
        assertThat(dfa.thrashing()).isTrue();
    }

    @Test
    void aCacheThatFillsAfterAFewHundredCharactersPerStateIsThrashing() {
        // a dense rule set's every-text DFA that built a state per 260 characters of new rows kept its cache
        // dropping and refilling; split in two, its halves stopped filling
        String[] rules = {"(a|b)*a(a|b){9}", "\\bab\\b"};
        LazyDfa dfa = new LazyDfa(nfa(rules), 64);
        Random random = new Random(1);
        String padding = "c ".repeat(1_150); // about 330 characters a state
        long chars = 0;
        while (dfa.resets() == 0) {
            StringBuilder sb = new StringBuilder(padding);
            for (int k = 0; k < 12; k++) {
                sb.append(random.nextBoolean() ? 'a' : 'b');
            }
            String text = sb.toString();
            chars += text.length();
            assertThat(scan(dfa, text)).as("exact").isEqualTo(expected(rules, text));
        }
        assertThat(chars / 64.0).as("characters read per state built").isBetween(250.0, 400.0);
        assertThat(dfa.thrashing()).isTrue();
    }

    @Test
    void aCacheThatTextsReuseDoesNotThrash() {
        String[] rules = {"\\bcat\\b", "dog"};
        LazyDfa dfa = new LazyDfa(nfa(rules), 64);
        for (int n = 0; n < 5_000; n++) {
            assertThat(scan(dfa, n % 2 == 0 ? "a cat and a dog" : "concatenate")).isNotNull();
        }
        assertThat(dfa.resets()).isZero();
        assertThat(dfa.thrashing()).isFalse();
        assertThat(dfa.states()).isLessThan(64);
    }

    @Test
    void aTextThatAloneOutgrowsTheCacheIsGivenUpMidScan() {
        String[] rules = {"(a|b)*a(a|b){12}"}; // 2^13 states on a long enough text of a and b
        LazyDfa dfa = new LazyDfa(nfa(rules), 100);
        StringBuilder sb = new StringBuilder();
        Random random = new Random(3);
        for (int k = 0; k < 2_000; k++) {
            sb.append(random.nextBoolean() ? 'a' : 'b');
        }
        assertThat(scan(dfa, sb.toString())).isNull();
        assertThat(dfa.states()).isLessThanOrEqualTo(2 * 100 + 2);
        assertThat(scan(dfa, "ab")).as("the next text starts afresh").isEmpty();
    }

    @Test
    void statesAreSharedAcrossTexts() {
        LazyDfa dfa = new LazyDfa(nfa("\\bcat\\b", "dog"));
        List<Integer> counts = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            scan(dfa, "the cat and the dog");
            counts.add(dfa.states());
        }
        assertThat(counts.get(1)).isEqualTo(counts.get(0));
        assertThat(counts.get(2)).isEqualTo(counts.get(0));
    }
}

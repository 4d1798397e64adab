package io.mortar.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Aho-Corasick prefilter alone: every occurrence of every literal, with where it ends. */
class LiteralAutomatonTest {
    /** Occurrences as "literal@end". */
    private static List<String> hits(LiteralAutomaton automaton, String text) {
        List<String> out = new ArrayList<>();
        char[] chars = text.toCharArray();
        automaton.scan(chars, chars.length, (literal, end) -> out.add(literal + "@" + end));
        return out;
    }

    /** The same occurrences found by searching for each folded literal in the folded text. */
    private static List<String> naive(List<String> literals, String text) {
        List<String> out = new ArrayList<>();
        String folded = Folding.fold(text);
        for (int end = 1; end <= text.length(); end++) {
            for (int k = 0; k < literals.size(); k++) {
                String l = literals.get(k);
                if (end >= l.length() && folded.startsWith(l, end - l.length())) {
                    out.add(k + "@" + end);
                }
            }
        }
        return out;
    }

    @Test
    void everyOccurrenceIsReportedWhereItEndsOverlapsIncluded() {
        List<String> literals = List.of("he", "she", "his", "hers");
        LiteralAutomaton automaton = new LiteralAutomaton(literals);
        assertThat(hits(automaton, "ushers")).containsExactlyInAnyOrder("1@4", "0@4", "3@6");
        assertThat(hits(automaton, "hishe")).containsExactlyInAnyOrder("2@3", "1@5", "0@5");
        assertThat(hits(automaton, "nothing")).isEmpty();
        assertThat(hits(automaton, "")).isEmpty();
    }

    @Test
    void aLiteralGivenTwiceIsTwoLiteralsEachReported() {
        LiteralAutomaton automaton = new LiteralAutomaton(List.of("cat", "cat"));
        assertThat(hits(automaton, "a cat")).containsExactlyInAnyOrder("0@5", "1@5");
    }

    @Test
    void upperCaseTextMatchesTheFoldedLiterals() {
        LiteralAutomaton automaton = new LiteralAutomaton(List.of("error", "time out"));
        assertThat(hits(automaton, "ERROR: Time Out")).containsExactly("0@5", "1@15");
    }

    @Test
    void nonAsciiLiteralsAndTextsFoldAsJavaLowerCases() {
        LiteralAutomaton automaton = new LiteralAutomaton(List.of("straße", "café", "id"));
        assertThat(hits(automaton, "STRAßE café")).containsExactly("0@6", "1@11");
        assertThat(hits(automaton, "İD")).as("İ folds to an ASCII i").containsExactly("2@2");
        assertThat(hits(automaton, "CAFÉ")).containsExactly("1@4");
    }

    @Test
    void theSteppingApiFindsWhatTheScanFinds() {
        LiteralAutomaton automaton = new LiteralAutomaton(List.of("ab", "b", "bab"));
        String text = "abababé";
        List<String> stepped = new ArrayList<>();
        int row = 0;
        for (int k = 0; k < text.length(); k++) {
            row = automaton.advance(row, text.charAt(k), k + 1, (literal, end) -> stepped.add(literal + "@" + end));
        }
        assertThat(stepped).isEqualTo(hits(automaton, text));
    }

    @Test
    void randomLiteralsAndTextsAgreeWithSearchingForEachLiteral() {
        Random random = new Random(11);
        String alphabet = "abcAB é-";
        for (int round = 0; round < 300; round++) {
            List<String> literals = new ArrayList<>();
            for (int k = 1 + random.nextInt(12); k > 0; k--) {
                literals.add(Folding.fold(randomString(random, alphabet, 1 + random.nextInt(4))));
            }
            LiteralAutomaton automaton = new LiteralAutomaton(literals);
            for (int t = 0; t < 20; t++) {
                String text = randomString(random, alphabet, random.nextInt(30));
                List<String> got = hits(automaton, text);
                List<String> want = naive(literals, text);
                assertThat(got).as("literals %s, text %s", literals, text).containsExactlyInAnyOrderElementsOf(want);
            }
        }
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < length; k++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}

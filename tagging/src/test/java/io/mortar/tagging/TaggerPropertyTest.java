package io.mortar.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.tagging.samples.DenseTickets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/**
 * The tagger against the naive matcher — every rule's own {@code java.util.regex} {@code find()} on each of its
 * columns — over random rule sets and random texts: the tag sets must be identical. The rules are generated from a
 * grammar of the syntax users write (literals, escapes, classes, anchors, word boundaries, groups, alternations,
 * greedy/lazy/possessive quantifiers, inline flags, lookarounds, back references, quoting, non-ASCII letters) with
 * random flags; the texts from the same vocabulary in random case, with digits, punctuation, line breaks and
 * non-ASCII characters, so that rules do match. Seeds are fixed: a failure names the seed, rule set and text.
 */
class TaggerPropertyTest {
    private static final List<String> COLUMNS = List.of("a", "b", "c");
    private static final String[] WORDS = {"err", "error", "ok", "time", "out", "x1", "ab", "Straße", "café", "id",
        "GET", "api", "v2", "503", "a", "b", "é", "İ", "-", "."};
    private static final int[] FLAGS = {0, 0, 0, Pattern.CASE_INSENSITIVE, Pattern.MULTILINE, Pattern.DOTALL,
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE, Pattern.COMMENTS, Pattern.LITERAL,
        Pattern.LITERAL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE};

    @Test
    void theTaggerFindsExactlyWhatEachRulesOwnFindFinds() {
        long rowsChecked = 0;
        long matchesSeen = 0;
        long ruleCount = 0;
        long trippedRows = 0;
        long prefiltered = 0;
        long shaped = 0;
        long automaton = 0;
        for (long seed = 1; seed <= Long.getLong("tagging.seeds", 1000); seed++) {
            Random random = new Random(seed);
            List<TagRule> rules = rules(random, 1 + random.nextInt(random.nextBoolean() ? 8 : 40));
            boolean firstOnly = random.nextInt(5) == 0;
            Tagger tagger = Tagger.compile(rules, COLUMNS, new Tagger.Options(firstOnly, 1_000));
            ruleCount += rules.size();
            prefiltered += tagger.rulesWithLiterals();
            shaped += tagger.rulesDecidedByLiterals();
            automaton += tagger.rulesDecidedByAutomaton();
            Pattern[] naive = rules.stream().map(r -> Pattern.compile(r.regex(), r.flags())).toArray(Pattern[]::new);
            Tagger.Matching matching = tagger.newMatching();
            for (int row = 0; row < 40; row++) {
                String[] values = new String[COLUMNS.size()];
                for (int c = 0; c < values.length; c++) {
                    values[c] = random.nextInt(8) == 0 ? null : text(random);
                    matching.set(c, values[c]);
                }
                long tripsBefore = matching.guardTrips();
                int n = matching.matchRow();
                if (matching.guardTrips() != tripsBefore) {
                    trippedRows++; // a rule gave up on its step budget: by design not find()'s answer
                    continue;
                }
                List<String> got = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    got.add(tagger.tags().get(matching.tag(k)));
                }
                List<String> expected = naiveTags(rules, naive, values, firstOnly);
                assertThat(got).as("seed %d, rules %s, row %s", seed, rules, java.util.Arrays.toString(values))
                        .containsExactlyElementsOf(expected);
                rowsChecked++;
                matchesSeen += got.size();
            }
        }
        assertThat(rowsChecked + trippedRows).isEqualTo(40 * Long.getLong("tagging.seeds", 1000));
        assertThat(trippedRows).as("only the rare truly exponential generated rule trips its budget")
                .isLessThan(rowsChecked / 1000 + 1);
        assertThat(matchesSeen).as("the generator makes rules that match, not only ones that don't")
                .isGreaterThan(15_000);
        assertThat(prefiltered).as("most rules go through the literal prefilter, the path under test")
                .isGreaterThan(ruleCount / 2);
        assertThat(shaped).as("and many are decided at the prefilter's hits").isGreaterThan(ruleCount / 20);
        assertThat(automaton).as("and many by the DFA").isGreaterThan(ruleCount / 20);
    }

    /**
     * The same oracle on the dense workload's shapes ({@link DenseTickets}: keyword and phrase alternations,
     * values with units, compounds, an alternation within two words of another, anchors, e-mail, phone, card, IP,
     * UUID, date, IBAN, URL and file shapes), in random rule sets of up to 270 rules over rows that match dozens of
     * them, rows changed at random (case, cut short, a column missing, two texts on two lines) so that boundaries,
     * anchors and shapes are cut at every place.
     */
    @Test
    void onDenseRuleSetsTheTaggerFindsExactlyWhatEachRulesOwnFindFinds() {
        List<String> columns = DenseTickets.COLUMNS;
        long rowsChecked = 0;
        long matchesSeen = 0;
        long trippedRows = 0;
        long ruleCount = 0;
        long ruleRows = 0;
        long automaton = 0;
        int seeds = Integer.getInteger("tagging.denseSeeds", 20);
        for (long seed = 1; seed <= seeds; seed++) {
            Random random = new Random(seed);
            DenseTickets tickets = new DenseTickets(seed);
            List<TagRule> pool = tickets.rules(20 + random.nextInt(seed % 4 == 0 ? 250 : 100));
            List<TagRule> rules = new ArrayList<>();
            for (TagRule rule : pool) {
                if (random.nextInt(4) != 0) { // a random subset, some tags shared by several rules
                    rules.add(random.nextInt(10) == 0 ? new TagRule("shared" + random.nextInt(3), rule.columns(),
                            rule.regex(), rule.flags()) : rule);
                }
            }
            java.util.Collections.shuffle(rules, random);
            boolean firstOnly = random.nextInt(8) == 0;
            Tagger tagger = Tagger.compile(rules, columns, new Tagger.Options(firstOnly, 1_000));
            ruleCount += rules.size();
            automaton += tagger.rulesDecidedByAutomaton();
            Pattern[] naive = rules.stream().map(r -> Pattern.compile(r.regex(), r.flags())).toArray(Pattern[]::new);
            Tagger.Matching matching = tagger.newMatching();
            for (int row = 0; row < 40; row++) {
                String[] values = tickets.row(60 + random.nextInt(80));
                for (int c = 0; c < values.length; c++) {
                    values[c] = changed(random, values[c], values[(c + 1) % values.length]);
                    matching.set(c, values[c]);
                }
                long tripsBefore = matching.guardTrips();
                int n = matching.matchRow();
                if (matching.guardTrips() != tripsBefore) {
                    trippedRows++;
                    continue;
                }
                List<String> got = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    got.add(tagger.tags().get(matching.tag(k)));
                }
                List<String> expected = naiveTags(rules, naive, columns, values, firstOnly);
                assertThat(got).as("seed %d, rules %s, row %s", seed, rules, java.util.Arrays.toString(values))
                        .containsExactlyElementsOf(expected);
                rowsChecked++;
                ruleRows += rules.size();
                matchesSeen += got.size();
            }
        }
        assertThat(rowsChecked + trippedRows).isEqualTo(40L * seeds);
        assertThat(trippedRows).as("the dense rules are linear: none trips its budget").isZero();
        assertThat(matchesSeen).as("rows match many rules (one in twelve of whole rows): the dense case")
                .isGreaterThan(ruleRows / 30);
        assertThat(automaton).as("and many rules are decided by the DFA").isGreaterThan(ruleCount / 20);
    }

    /** A dense row's text changed at random: case flipped, cut short, missing, or joined to the next on a new line. */
    private static String changed(Random random, String text, String next) {
        return switch (random.nextInt(12)) {
            case 0 -> null;
            case 1 -> text.toUpperCase(java.util.Locale.ROOT);
            case 2 -> text.toLowerCase(java.util.Locale.ROOT);
            case 3, 4 -> text.substring(0, random.nextInt(text.length() + 1));
            case 5 -> text.substring(random.nextInt(text.length() + 1));
            case 6 -> text + "\n" + next;
            case 7 -> text.replace(' ', random.nextBoolean() ? '-' : '\t');
            default -> text;
        };
    }

    /** Each rule's find() on its columns; tags distinct, in rule order; the first rule's only if asked. */
    private static List<String> naiveTags(List<TagRule> rules, Pattern[] patterns, String[] values,
                                         boolean firstOnly) {
        return naiveTags(rules, patterns, COLUMNS, values, firstOnly);
    }

    private static List<String> naiveTags(List<TagRule> rules, Pattern[] patterns, List<String> columns,
                                         String[] values, boolean firstOnly) {
        Set<String> tags = new LinkedHashSet<>();
        for (int r = 0; r < rules.size(); r++) {
            for (String column : rules.get(r).columns()) {
                String value = values[columns.indexOf(column)];
                if (value != null && patterns[r].matcher(value).find()) {
                    tags.add(rules.get(r).tag());
                    break;
                }
            }
            if (firstOnly && !tags.isEmpty()) {
                break;
            }
        }
        return List.copyOf(tags);
    }

    private static List<TagRule> rules(Random random, int count) {
        List<TagRule> out = new ArrayList<>();
        while (out.size() < count) {
            String regex = regex(random, 0);
            int flags = FLAGS[random.nextInt(FLAGS.length)];
            try {
                Pattern.compile(regex, flags);
            } catch (PatternSyntaxException e) {
                continue;
            }
            List<String> columns = new ArrayList<>(COLUMNS);
            java.util.Collections.shuffle(columns, random);
            // a few tags shared by several rules, as real rule tables have
            out.add(new TagRule("t" + random.nextInt(Math.max(2, count * 2 / 3)),
                    columns.subList(0, 1 + random.nextInt(columns.size())), regex, flags));
        }
        return out;
    }

    private static String regex(Random random, int depth) {
        StringBuilder sb = new StringBuilder();
        int pieces = 1 + random.nextInt(depth == 0 ? 4 : 3);
        for (int k = 0; k < pieces; k++) {
            sb.append(piece(random, depth));
        }
        if (random.nextInt(6) == 0) {
            sb.append('|').append(regex(random, depth + 1));
        }
        if (random.nextInt(12) == 0) { // a boundary beside a top-level alternation belongs to one branch
            return random.nextBoolean() ? "\\b" + sb : sb + "\\b";
        }
        return sb.toString();
    }

    private static String piece(Random random, int depth) {
        String atom = atom(random, depth);
        if (random.nextInt(4) != 0) {
            return atom;
        }
        String quantifier = switch (random.nextInt(6)) {
            case 0 -> "?";
            case 1 -> "*";
            case 2 -> "+";
            case 3 -> "{2}";
            case 4 -> "{1,3}";
            default -> "{0,2}";
        };
        String mode = switch (random.nextInt(6)) {
            case 0 -> "?";
            case 1 -> "+";
            default -> "";
        };
        return "(?:" + atom + ")" + quantifier + mode;
    }

    private static String atom(Random random, int depth) {
        int kind = random.nextInt(depth >= 2 ? 12 : 16);
        return switch (kind) {
            case 0, 1, 2, 3, 4 -> Pattern.quote(WORDS[random.nextInt(WORDS.length)]).replace("\\Q", "")
                    .replace("\\E", "").replace(".", "\\.").replace("-", "\\-");
            case 5 -> new String[] {"\\d", "\\w", "\\s", ".", "\\p{Alpha}", "\\S"}[random.nextInt(6)];
            case 6 -> new String[] {"[ab]", "[a-c]", "[^x]", "[0-9]", "[eé]", "[A-Z]"}[random.nextInt(6)];
            case 7 -> new String[] {"^", "$", "\\b", "\\B", "\\A", "\\z"}[random.nextInt(6)];
            case 8 -> "\\Q" + WORDS[random.nextInt(WORDS.length)] + "\\E"
                    + new String[] {"", "", "?", "{2}", "+", "*"}[random.nextInt(6)];
            case 9 -> new String[] {"\\t", "\\n", "\\x41", "\\u0062", "\\.", "\\-"}[random.nextInt(6)];
            case 10 -> new String[] {"(?i)", "(?-i)", "(?m)", "(?s)"}[random.nextInt(4)];
            case 11 -> WORDS[random.nextInt(WORDS.length)].toUpperCase().replace(".", "\\.").replace("-", "\\-");
            case 12 -> "(" + regex(random, depth + 1) + ")";
            case 13 -> "(?:" + regex(random, depth + 1) + ")";
            case 14 -> new String[] {"(?=", "(?!", "(?<=", "(?<!"}[random.nextInt(4)]
                    + WORDS[random.nextInt(WORDS.length)].replace(".", "\\.").replace("-", "\\-") + ")";
            default -> "(" + WORDS[random.nextInt(WORDS.length)].replace(".", "\\.").replace("-", "\\-") + ")\\1?";
        };
    }

    private static String text(Random random) {
        StringBuilder sb = new StringBuilder();
        int parts = random.nextInt(9);
        for (int k = 0; k < parts; k++) {
            switch (random.nextInt(7)) {
                case 0 -> sb.append(random.nextInt(1000));
                case 1 -> sb.append(new String[] {" ", "  ", "\n", "\t", ", ", "/", ":"}[random.nextInt(7)]);
                case 2 -> sb.append(WORDS[random.nextInt(WORDS.length)].toUpperCase());
                case 3 -> sb.append(new String[] {"É", "ß", "K", "ı", "Ω", "x"}[random.nextInt(6)]);
                default -> sb.append(WORDS[random.nextInt(WORDS.length)]);
            }
        }
        return sb.toString();
    }
}

package io.mortar.tagging.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.tagging.TagRule;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dense workload is what the benchmarks say it is: seeded, every shape present, a row matching many rules. */
class DenseTicketsTest {
    @Test
    void theSameSeedGivesTheSameRulesAndRows() {
        DenseTickets a = new DenseTickets(7);
        DenseTickets b = new DenseTickets(7);
        assertThat(a.rules(200)).isEqualTo(b.rules(200));
        for (int k = 0; k < 50; k++) {
            assertThat(a.row(100)).containsExactly(b.row(100));
        }
        assertThat(new DenseTickets(8).rules(200)).isNotEqualTo(new DenseTickets(7).rules(200));
    }

    @Test
    void rulesCompileHaveDistinctTagsAndCoverEveryKindTheWorkloadPromises() {
        List<TagRule> rules = new DenseTickets(42).rules(1000);
        assertThat(rules).hasSize(1000);
        assertThat(rules.stream().map(TagRule::tag).distinct()).hasSize(1000);
        rules.forEach(r -> Pattern.compile(r.regex(), r.flags()));
        assertThat(rules).allSatisfy(r -> assertThat(DenseTickets.COLUMNS).containsAll(r.columns()));
        Set<String> kinds = rules.stream().map(r -> r.tag().replaceAll("_\\d+$", "").replaceAll(".*_value", "value"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(kinds).contains("keywords", "phrases", "value", "compound", "near", "email", "phone", "card",
                "ip", "uuid", "date", "iban", "url", "file");
        assertThat(kinds).containsAnyOf("reply", "starts", "priority");
        String all = rules.stream().map(TagRule::regex).collect(Collectors.joining("\n"));
        assertThat(all).contains(")s?\\b", "(?i)\\b(?:", "[\\s-]+", "\\W+(?:\\w+\\W+){0,2}?", "^");
    }

    @Test
    void aRowMatchesAboutOneRuleInTwelve() {
        // the density the figures were measured at: ~8 rules per row at R = 100, ~80 at R = 1,000
        assertThat(matchesPerRow(100, 400)).isBetween(5.0, 12.0);
        assertThat(matchesPerRow(1000, 60)).isBetween(55.0, 110.0);
    }

    @Test
    void rowsHaveATitleABodyAndAUrlOfAboutTheLengthAsked() {
        DenseTickets tickets = new DenseTickets(3);
        for (int k = 0; k < 100; k++) {
            String[] row = tickets.row(100);
            assertThat(row).hasSize(3);
            assertThat(Arrays.stream(row).mapToInt(String::length)).allSatisfy(n -> assertThat(n).isBetween(90, 200));
            assertThat(row[2]).matches("https?://\\S+");
        }
    }

    @Test
    void workloadsAreNamedAsOnTheCommandLine() {
        assertThat(Workload.of("Dense").generator(1)).isInstanceOf(DenseTickets.class);
        assertThat(Workload.of("sparse").generator(1)).isInstanceOf(SampleTickets.class);
        assertThat(Workload.DENSE.columns()).isEqualTo(List.of("title", "body", "url"));
        assertThat(Workload.SPARSE.generator(1).columns()).isEqualTo(Workload.SPARSE.columns());
        assertThatThrownBy(() -> Workload.of("medium")).hasMessageContaining("sparse or dense");
    }

    private static double matchesPerRow(int ruleCount, int rows) {
        DenseTickets tickets = new DenseTickets(42);
        List<TagRule> rules = tickets.rules(ruleCount);
        Pattern[] patterns = rules.stream().map(r -> Pattern.compile(r.regex(), r.flags())).toArray(Pattern[]::new);
        long matches = 0;
        for (int k = 0; k < rows; k++) {
            String[] row = tickets.row(100);
            for (int r = 0; r < rules.size(); r++) {
                for (String column : rules.get(r).columns()) {
                    if (patterns[r].matcher(row[DenseTickets.COLUMNS.indexOf(column)]).find()) {
                        matches++;
                        break;
                    }
                }
            }
        }
        return matches / (double) rows;
    }
}

package io.mortar.bench.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.tagging.samples.Workload;
import org.junit.jupiter.api.Test;

class TaggingCaseTest {
    @Test
    void theDefaultCasesPutTheSparseWorkloadBesideTheDenseOne() {
        assertThat(TaggingCase.of(null, null, null, "100")).extracting(TaggingCase::toString)
                .containsExactly("sparse:10", "sparse:100", "sparse:1000", "dense:100", "dense:1000", "dense:5000");
    }

    @Test
    void casesAreGivenOneByOneOrAsWorkloadsTimesRuleCounts() {
        assertThat(TaggingCase.of("dense:1_000, sparse:7", null, null, "100")).containsExactly(
                new TaggingCase(Workload.DENSE, 1000), new TaggingCase(Workload.SPARSE, 7));
        assertThat(TaggingCase.of(null, "dense", "100,5000", "1")).containsExactly(
                new TaggingCase(Workload.DENSE, 100), new TaggingCase(Workload.DENSE, 5000));
        assertThat(TaggingCase.of(null, null, "10", "1")).containsExactly(
                new TaggingCase(Workload.SPARSE, 10), new TaggingCase(Workload.DENSE, 10));
        assertThat(TaggingCase.of(null, "sparse", null, "10,100")).containsExactly(
                new TaggingCase(Workload.SPARSE, 10), new TaggingCase(Workload.SPARSE, 100));
    }

    @Test
    void badCasesAreRefused() {
        assertThatThrownBy(() -> TaggingCase.parse("dense")).hasMessageContaining("workload:rules");
        assertThatThrownBy(() -> TaggingCase.parse("medium:10")).hasMessageContaining("sparse or dense");
        assertThatThrownBy(() -> TaggingCase.parse("dense:0")).hasMessageContaining("at least one rule");
        assertThatThrownBy(() -> TaggingCase.of("dense:1", "dense", null, "1")).hasMessageContaining("not both");
    }

    @Test
    void verdictsFollowTheIssuesTargets() {
        TaggingCase dense1000 = new TaggingCase(Workload.DENSE, 1000);
        assertThat(dense1000.verdict(25, 30)).endsWith(": met");
        assertThat(dense1000.verdict(15, 30)).contains("NOT met (>= 20 MB/s)");
        assertThat(dense1000.verdict(0.1, 0.5)).contains("NOT met (>= 1x; >= 20x; >= 20 MB/s)");
        assertThat(new TaggingCase(Workload.DENSE, 5000).verdict(1, 49)).contains("NOT met (>= 50x)");
        assertThat(new TaggingCase(Workload.SPARSE, 100).verdict(199, 100)).contains("NOT met (>= 200 MB/s)");
        assertThat(new TaggingCase(Workload.SPARSE, 10).verdict(1, 1.5)).isEqualTo(">= 1x: met");
    }

    @Test
    void aCaseMissingOneOfTwoTargetsNamesOnlyTheOneItMisses() {
        // the last session's dense R = 1,000: 113x the per-rule regexes, but 17.5 MB/s
        TaggingCase dense1000 = new TaggingCase(Workload.DENSE, 1000);
        assertThat(dense1000.verdict(17.47, 113.1)).isEqualTo(">= 1x, >= 20x, >= 20 MB/s: NOT met (>= 20 MB/s)");
        assertThat(dense1000.verdict(25, 12)).isEqualTo(">= 1x, >= 20x, >= 20 MB/s: NOT met (>= 20x)");
    }

    @Test
    void aFailedMeasurementMeetsNoTarget() {
        // a JMH run that failed leaves its time NaN: its throughput and ratio are NaN, which no comparison fails
        assertThat(new TaggingCase(Workload.DENSE, 1000).verdict(Double.NaN, Double.NaN)).endsWith(": NOT measured");
        assertThat(new TaggingCase(Workload.SPARSE, 10).verdict(300, Double.NaN)).isEqualTo(">= 1x: NOT measured");
    }
}

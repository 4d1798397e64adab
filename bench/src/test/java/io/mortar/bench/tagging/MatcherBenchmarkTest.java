package io.mortar.bench.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatcherBenchmarkTest {
    private static MatcherBenchmark benchmark(String workload, int rules, int rows, int distinct) {
        MatcherBenchmark b = new MatcherBenchmark();
        b.workload = workload;
        b.rules = rules;
        b.rows = rows;
        b.distinct = distinct;
        b.setUp();
        return b;
    }

    @Test
    void eachCallTagsTheNextBatchOfAPoolOfDistinctRowsGoingRoundIt() {
        MatcherBenchmark b = benchmark("dense", 100, 50, 120);
        assertThat(b.poolRows()).isEqualTo(150); // rounded up to whole batches
        assertThat(b.distinctRows()).isEqualTo(150);
        List<Integer> tags = new ArrayList<>();
        for (int call = 0; call < 6; call++) {
            tags.add(b.tagger());
        }
        // three different batches (a dense row gets about 8 tags at R = 100: batches of 50 rows differ), then again
        assertThat(tags.subList(0, 3)).doesNotHaveDuplicates();
        assertThat(tags.subList(3, 6)).isEqualTo(tags.subList(0, 3));
    }

    @Test
    void theNaiveMatcherGoesRoundThePoolInStepAndFindsTheSameTags() {
        MatcherBenchmark tagger = benchmark("dense", 100, 50, 150);
        MatcherBenchmark naive = benchmark("dense", 100, 50, 150);
        for (int call = 0; call < 4; call++) {
            assertThat(naive.naive()).isEqualTo(tagger.tagger());
        }
    }

    @Test
    void theBatchSizeForMegabytesIsThePoolsAverage() {
        MatcherBenchmark b = benchmark("sparse", 10, 100, 1000);
        MatcherBenchmark one = benchmark("sparse", 10, 1000, 1000);
        assertThat(b.batchChars() * 10).isCloseTo(one.batchChars(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(one.batchChars()).isBetween(1000 * 3 * 50.0, 1000 * 3 * 150.0); // ~100 characters a column
    }
}

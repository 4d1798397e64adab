package io.mortar.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** Mortar's driver defaults are set only where the run's own Spark configuration is silent. */
class SparkDefaultsTest {
    private static final String KEY = "spark.sql.sources.parallelPartitionDiscovery.parallelism";

    @Test
    void aDefaultIsSetWhereTheRunSaysNothing() {
        assertThat(SparkDefaults.missingFrom(new SparkConf(false))).containsExactly(entry(KEY, "64"));
    }

    @Test
    void theRunsOwnSettingWins() {
        assertThat(SparkDefaults.missingFrom(new SparkConf(false).set(KEY, "8"))).isEmpty();
    }
}

package com.amazonaws.services.glue.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.glue.GlueContext;
import io.mortar.runtime.ScriptRun;
import io.mortar.runtime.testing.SharedSpark;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Job's life outside a driver: there is no begun run, so its bookmark is disabled and commit has nothing to store. */
class JobTest {
    @AfterEach
    void forget() {
        Job.reset();
    }

    @Test
    void commitNeedsInitAndCommitsTheRunsBookmark() {
        Job.reset();
        assertThat(Job.isInitialized()).isFalse();
        assertThatThrownBy(Job::commit).isInstanceOf(IllegalStateException.class).hasMessageContaining("Job.init");

        GlueContext glueContext = new GlueContext(SharedSpark.get().sparkContext());
        Job.init("orders", glueContext, Map.of("JOB_NAME", "orders"));
        assertThat(Job.isInitialized()).isTrue();
        assertThat(Job.runId()).isEmpty();
        Job.commit();
        // the GlueContext took the script run's job context, whose bookmark the driver hands the server
        assertThat(ScriptRun.current().context()).isPresent();

        Job.reset();
        assertThat(Job.isInitialized()).isFalse();
    }
}

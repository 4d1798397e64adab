package io.mortar.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClassifierOptionsTest {
    @Test
    void defaultsAreGluesSamplingWithDateRecognitionAndTypedQuotedCsv() {
        assertThat(ClassifierOptions.defaults())
                .isEqualTo(new ClassifierOptions(1000, 1024 * 1024, 10 * 1024 * 1024, true, true));
        assertThat(ClassifierOptions.glueCompatible())
                .isEqualTo(new ClassifierOptions(1000, 1024 * 1024, 10 * 1024 * 1024, false, false));
    }

    @Test
    void nonsenseLimitsAreRejected() {
        assertThatThrownBy(() -> new ClassifierOptions(1, 1024 * 1024, 10 * 1024 * 1024, true, true))
                .hasMessageContaining("sampleRecords");
        assertThatThrownBy(() -> new ClassifierOptions(1000, 10, 10 * 1024 * 1024, true, true))
                .hasMessageContaining("sampleBytes");
        assertThatThrownBy(() -> new ClassifierOptions(1000, 4096, 1024, true, true))
                .hasMessageContaining("maxJsonSampleBytes");
    }
}

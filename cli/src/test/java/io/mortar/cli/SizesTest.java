package io.mortar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void bytesAreRoundedToATenthOfTheLargestUnitUnderAThousandAndTwentyFour() {
        assertThat(Sizes.bytes(0)).isEqualTo("0 B");
        assertThat(Sizes.bytes(1023)).isEqualTo("1023 B");
        assertThat(Sizes.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(Sizes.bytes(12_345)).isEqualTo("12.1 KiB");
        assertThat(Sizes.bytes(365_953_024L)).isEqualTo("349.0 MiB");
        assertThat(Sizes.bytes(5L << 50)).as("no unit above TiB").isEqualTo("5120.0 TiB");
    }

    @Test
    void theExactCountFollowsOnlyWhatWasRounded() {
        assertThat(Sizes.bytesExact(812)).isEqualTo("812 B");
        assertThat(Sizes.bytesExact(12_345)).isEqualTo("12.1 KiB (12,345 bytes)");
    }
}

package io.mortar.crawler.glob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExclusionGlobTest {
    private static boolean m(String glob, String path) {
        return ExclusionGlob.compile(glob).matches(path);
    }

    @Test
    void starStaysWithinALevelAndDoubleStarCrossesLevels() {
        assertThat(m("*.csv", "data.csv")).isTrue();
        assertThat(m("*.csv", "dir/data.csv")).isFalse();
        assertThat(m("**.csv", "dir/sub/data.csv")).isTrue();
        assertThat(m("myfolder/*", "myfolder/a.json")).isTrue();
        assertThat(m("myfolder/*", "myfolder/sub/a.json")).isFalse();
        assertThat(m("myfolder/**", "myfolder/sub/a.json")).isTrue();
        assertThat(m("**/_SUCCESS", "year=2024/month=01/_SUCCESS")).isTrue();
        assertThat(m("Market*", "MarketingData")).isTrue();
        assertThat(m("/departments/**", "departments/hr/x.csv")).isTrue();
    }

    @Test
    void questionMarkBracketsAndAlternatives() {
        assertThat(m("data?.csv", "data1.csv")).isTrue();
        assertThat(m("data?.csv", "data12.csv")).isFalse();
        assertThat(m("a?b", "a/b")).isFalse();
        assertThat(m("[abc].txt", "b.txt")).isTrue();
        assertThat(m("[abc].txt", "d.txt")).isFalse();
        assertThat(m("[a-c]x", "bx")).isTrue();
        assertThat(m("[!a-c]x", "bx")).isFalse();
        assertThat(m("[!a-c]x", "dx")).isTrue();
        assertThat(m("[!a-c]x", "/x")).isFalse();
        assertThat(m("*.{csv,avro}", "t.avro")).isTrue();
        assertThat(m("*.{csv,avro}", "t.json")).isFalse();
    }

    @Test
    void escapesAndLeadingDotsAreLiteral() {
        assertThat(m("\\*.csv", "*.csv")).isTrue();
        assertThat(m("\\*.csv", "a.csv")).isFalse();
        assertThat(m("*.csv", ".hidden.csv")).isTrue();
        assertThat(m("a.c", "abc")).isFalse();
        assertThat(m("(x)+", "(x)+")).isTrue();
        assertThat(ExclusionGlob.anyMatches(List.of(ExclusionGlob.compile("*.tmp"), ExclusionGlob.compile("**/_*")),
                "x/_temporary")).isTrue();
    }

    @Test
    void malformedGlobsAreInvalidInput() {
        for (String bad : List.of("", "[abc", "{a,b", "{a,{b}}", "abc\\")) {
            assertThatThrownBy(() -> ExclusionGlob.compile(bad)).isInstanceOf(GlueException.class)
                    .satisfies(e -> assertThat(((GlueException) e).code()).isEqualTo(GlueErrorCode.INVALID_INPUT))
                    .hasMessageContaining("Exclusions");
        }
    }
}

package io.mortar.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobPatternTest {
    @Test
    void doubleStarCrossesFoldersSingleStarDoesNot() {
        assertThat(new GlobPattern("**.pdf").matches("s3://bucket/a/b/report.pdf")).isTrue();
        assertThat(new GlobPattern("*.pdf").matches("a/report.pdf")).isFalse();
        assertThat(new GlobPattern("*.pdf").matches("report.pdf")).isTrue();
        assertThat(new GlobPattern("s3://bucket/logs/**").matches("s3://bucket/logs/2024/x.json")).isTrue();
        assertThat(new GlobPattern("s3://bucket/logs/**").matches("s3://bucket/data/x.json")).isFalse();
    }

    @Test
    void classesAlternativesAndLiterals() {
        GlobPattern p = new GlobPattern("part-[0-9]?.{csv,tsv}");
        assertThat(p.matches("part-12.csv")).isTrue();
        assertThat(p.matches("part-12.tsv")).isTrue();
        assertThat(p.matches("part-a2.csv")).isFalse();
        assertThat(new GlobPattern("[!a]*").matches("bcd")).isTrue();
        assertThat(new GlobPattern("[!a]*").matches("abc")).isFalse();
        assertThat(new GlobPattern("a+b(c).txt").matches("a+b(c).txt")).isTrue();
    }

    @Test
    void unclosedBracketsAreRefusedNamingThePattern() {
        assertThatThrownBy(() -> new GlobPattern("[abc")).hasMessageContaining("'[abc'");
        assertThatThrownBy(() -> new GlobPattern("{a,b")).hasMessageContaining("'{a,b'");
    }
}

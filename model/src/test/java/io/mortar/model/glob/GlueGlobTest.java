package io.mortar.model.glob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.io.File;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

class GlueGlobTest {
    private static boolean m(String glob, String path) {
        return GlueGlob.compile(glob).matches(path);
    }

    private static GlueException refusal(String glob) {
        try {
            GlueGlob.compile(glob);
        } catch (GlueException e) {
            return e;
        }
        throw new AssertionError("accepted " + glob);
    }

    @Test
    void starStaysWithinALevelAndDoubleStarCrossesLevels() {
        assertThat(m("*.csv", "data.csv")).isTrue();
        assertThat(m("*.csv", "dir/data.csv")).isFalse();
        assertThat(m("**.csv", "dir/sub/data.csv")).isTrue();
        assertThat(m("**.csv", "data.csv")).isTrue();
        assertThat(m("myfolder/*", "myfolder/a.json")).isTrue();
        assertThat(m("myfolder/*", "myfolder/sub/a.json")).isFalse();
        assertThat(m("myfolder/**", "myfolder/sub/a.json")).isTrue();
        assertThat(m("myfolder/**", "other/myfolder/a.json")).isFalse();
        assertThat(m("**/_SUCCESS", "year=2024/month=01/_SUCCESS")).isTrue();
        assertThat(m("**/_SUCCESS", "_SUCCESS")).isFalse();
        assertThat(m("Market*", "MarketingData")).isTrue();
        assertThat(m("incremental_**/**", "incremental_7/a/b.json")).isTrue();
        assertThat(m("a/*/c", "a/b/c")).isTrue();
        assertThat(m("a/*/c", "a/b/x/c")).isFalse();
        assertThat(m("a/**/c", "a/b/x/c")).isTrue();
    }

    @Test
    void aLeadingSlashIsTheIncludePath() {
        assertThat(m("/departments/**", "departments/hr/x.csv")).isTrue();
        assertThat(m("departments/**", "/departments/hr/x.csv")).isTrue();
        assertThat(m("/departments/**", "it/departments/x.csv")).isFalse();
    }

    @Test
    void wholePathsWithASchemeMatchToo() {
        // the job runtime also tries a file's whole path, as written in a job's exclusions
        assertThat(m("**.pdf", "s3://bucket/a/b/report.pdf")).isTrue();
        assertThat(m("*.pdf", "a/report.pdf")).isFalse();
        assertThat(m("*.pdf", "report.pdf")).isTrue();
        assertThat(m("s3://bucket/logs/**", "s3://bucket/logs/2024/x.json")).isTrue();
        assertThat(m("s3://bucket/logs/**", "s3://bucket/data/x.json")).isFalse();
        assertThat(m("s3://bucket/logs/*", "s3://bucket/logs/2024/x.json")).isFalse();
    }

    @Test
    void questionMarkBracketsAndAlternatives() {
        assertThat(m("data?.csv", "data1.csv")).isTrue();
        assertThat(m("data?.csv", "data12.csv")).isFalse();
        assertThat(m("a?b", "a/b")).isFalse();
        assertThat(m("[abc].txt", "b.txt")).isTrue();
        assertThat(m("[abc].txt", "d.txt")).isFalse();
        assertThat(m("[a-c]x", "bx")).isTrue();
        assertThat(m("[abce-g]", "f")).isTrue();
        assertThat(m("[abce-g]", "d")).isFalse();
        assertThat(m("[!a-c]x", "bx")).isFalse();
        assertThat(m("[!a-c]x", "dx")).isTrue();
        assertThat(m("[!a-c]x", "/x")).isFalse();
        assertThat(m("*.{csv,avro}", "t.avro")).isTrue();
        assertThat(m("*.{csv,avro}", "t.json")).isFalse();
        GlueGlob p = GlueGlob.compile("part-[0-9]?.{csv,tsv}");
        assertThat(p.matches("part-12.csv")).isTrue();
        assertThat(p.matches("part-12.tsv")).isTrue();
        assertThat(p.matches("part-a2.csv")).isFalse();
        assertThat(m("{tmp/**,*.bak}", "tmp/a/b")).isTrue();
        assertThat(m("{tmp/**,*.bak}", "x.bak")).isTrue();
        assertThat(m("{tmp/**,*.bak}", "d/x.bak")).isFalse();
        assertThat(m("x{,.gz}", "x")).isTrue();
    }

    /** Issue 11: the runtime's translator let {@code [!a]} match {@code /}; Glue's (java.nio's) never does. */
    @Test
    void aNegatedClassIsOneCharacterOfOneLevel() {
        assertThat(m("[!a]*", "bcd")).isTrue();
        assertThat(m("[!a]*", "abc")).isFalse();
        assertThat(m("x[!a]y", "xby")).isTrue();
        assertThat(m("x[!a]y", "xay")).isFalse();
        assertThat(m("x[!a]y", "x/y")).isFalse();
        assertThat(m("logs[!0-9]**", "logs/2024/x.json")).isFalse();
        assertThat(m("logs[!0-9]**", "logsA/2024/x.json")).isTrue();
    }

    @Test
    void bracketEdgesFollowGlue() {
        assertThat(m("[-a]", "-")).isTrue();
        assertThat(m("[!-a]", "-")).isFalse();
        assertThat(m("[!-a]", "b")).isTrue();
        assertThat(m("[a-]", "-")).isTrue();
        assertThat(m("[^a]", "^")).isTrue(); // ^ is no negation in a glob
        assertThat(m("[^a]", "b")).isFalse();
        assertThat(m("[*?\\]", "*")).isTrue();
        assertThat(m("[*?\\]", "\\")).isTrue();
        assertThat(m("[*?\\]", "a")).isFalse();
        assertThat(m("[[]", "[")).isTrue();
        assertThat(m("[a&&b]", "&")).isTrue();
        assertThat(m("[.]", "x")).isFalse();
    }

    @Test
    void escapesAndLeadingDotsAreLiteral() {
        assertThat(m("\\*.csv", "*.csv")).isTrue();
        assertThat(m("\\*.csv", "a.csv")).isFalse();
        assertThat(m("\\?", "?")).isTrue();
        assertThat(m("\\?", "a")).isFalse();
        assertThat(m("\\[a]", "[a]")).isTrue();
        assertThat(m("\\[a]", "a")).isFalse();
        assertThat(m("\\{a,b\\}", "{a,b}")).isTrue();
        assertThat(m("{a\\,b,c}", "a,b")).isTrue();
        assertThat(m("{a\\,b,c}", "a")).isFalse();
        assertThat(m("a\\\\b", "a\\b")).isTrue();
        assertThat(m("\\a", "a")).isTrue();
        assertThat(m("*.csv", ".hidden.csv")).isTrue();
        assertThat(m("*", ".hidden")).isTrue();
        assertThat(m("a.c", "abc")).isFalse();
        assertThat(m("(x)+", "(x)+")).isTrue();
        assertThat(m("a+b(c).txt", "a+b(c).txt")).isTrue();
        assertThat(m("^a$|b", "^a$|b")).isTrue();
        assertThat(m("a}", "a}")).isTrue();
        assertThat(m("a,b", "a,b")).isTrue();
        assertThat(GlueGlob.anyMatches(List.of(GlueGlob.compile("*.tmp"), GlueGlob.compile("**/_*")),
                "x/_temporary")).isTrue();
        assertThat(GlueGlob.anyMatches(List.of(GlueGlob.compile("*.tmp"), GlueGlob.compile("**/_*")),
                "x/temporary")).isFalse();
    }

    @Test
    void malformedGlobsAreInvalidInput() {
        for (String bad : List.of("", "[abc", "{a,b", "{a,{b}}", "abc\\", "[]", "[!]", "[a/b]", "[c-a]", "[a-c-e]")) {
            assertThatThrownBy(() -> GlueGlob.compile(bad)).as(bad).isInstanceOf(GlueException.class)
                    .satisfies(e -> assertThat(((GlueException) e).code()).isEqualTo(GlueErrorCode.INVALID_INPUT))
                    .hasMessageContaining("Exclusions");
        }
        assertThat(refusal("[abc")).hasMessage("Exclusions pattern [abc has an unclosed [");
        assertThat(refusal("{a,b")).hasMessage("Exclusions pattern {a,b has an unclosed {");
        assertThat(refusal("[a-")).hasMessage("Exclusions pattern [a- has an unclosed [");
        assertThat(refusal("")).hasMessage("Exclusions must not contain an empty pattern");
        assertThat(refusal("[c-a]")).hasMessage("Exclusions pattern [c-a] has the range c-a, which runs backwards");
    }

    /** Issue 11: the runtime's translator accepted nested groups; Glue says groups cannot nest. */
    @Test
    void nestedGroupsAreRefused() {
        assertThat(refusal("{a,{b,c}}")).hasMessage("Exclusions pattern {a,{b,c}} nests { groups, which Glue does"
                + " not allow");
        assertThat(m("{a,\\{b,c\\}}", "{b")).isTrue(); // escaped braces are no group
    }

    /** Issue 11: the runtime's translator dropped a trailing backslash; it escapes nothing, so it is refused. */
    @Test
    void aTrailingBackslashIsRefused() {
        assertThat(refusal("abc\\")).hasMessage("Exclusions pattern abc\\ ends with a \\ that escapes nothing");
        assertThat(m("abc\\\\", "abc\\")).isTrue();
    }

    @Test
    void compileAllNamesTheTargetAndTakesNoneForNull() {
        assertThat(GlueGlob.compileAll("Targets.S3Targets[0]", null)).isEmpty();
        assertThat(GlueGlob.compileAll("Targets.S3Targets[0]", List.of("*.tmp", "**/_*")))
                .extracting(GlueGlob::toString).containsExactly("*.tmp", "**/_*");
        assertThatThrownBy(() -> GlueGlob.compileAll("JdbcTargets[2]", List.of("ok*", "[abc")))
                .isInstanceOf(GlueException.class)
                .satisfies(e -> assertThat(((GlueException) e).code()).isEqualTo(GlueErrorCode.INVALID_INPUT))
                .hasMessage("JdbcTargets[2].Exclusions pattern [abc has an unclosed [");
    }

    /**
     * Glue's globs are java.nio's {@code glob:} syntax: over paths java.nio can hold without folding them, every
     * glob here matches what java.nio matches, and is refused where java.nio refuses it.
     */
    @Test
    void agreesWithJavaNioGlobs() {
        assumeTrue(File.separatorChar == '/', "java.nio's globs use / only on a / file system");
        List<String> globs = List.of("*", "**", "***", "?", "*.csv", "**.csv", "**/*.csv", "*/*", "a/**", "a/**/b",
                "a?c", "[abc]", "[a-c]x", "[!a-c]x", "[!a]*", "x[!a]y", "[-a]", "[!-a]", "[a-]", "[^a]", "[^]",
                "[*?\\]", "[[]", "[a&&b]", "[+-/]", "[.]", "{a,b}", "{a,b}/*", "{*.csv,tmp/**}", "{}", "{a,}",
                "{,}", "a}", "a,b", "\\*", "\\?x", "\\[a]", "\\{a\\}", "{a\\,b,c}", "a\\\\b", "\\a", "(x)+",
                "a.c", "^a$|b", "part-[0-9]?.{csv,tsv}", "Market*", "**/_*", "*.{csv,avro}",
                // refused by both
                "[abc", "{a,b", "{a,{b,c}}", "abc\\", "[a/b]", "[c-a]", "[a-c-e]", "[--a]", "[^-a]", "[]", "[!]",
                "[]a]", "[a-");
        List<String> paths = List.of("a", "b", "c", "d", "x", "-", "^", "*", "?", "\\", "[", "&", ".", "+", "ax",
                "bx", "dx", "xay", "xby", "abc", "a.c", "a,b", "a}", "{a}", "{b", "[a]", "(x)+", "^a$|b", "a\\b",
                "data.csv", "dir/data.csv", "dir/sub/data.csv", "tmp/a/b", "a/b", "a/x/b", "a/b/c", "x/y", "a/c",
                "part-12.csv", "part-12.tsv", "part-a2.csv", "MarketingData", "x/_temporary", ".hidden.csv", "t.avro",
                "?x", "ab", "b/c", "a/b.csv");
        List<String> disagreements = new ArrayList<>();
        for (String glob : globs) {
            PathMatcher nio;
            try {
                nio = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (PatternSyntaxException e) {
                nio = null;
            }
            GlueGlob ours;
            try {
                ours = GlueGlob.compile(glob);
            } catch (GlueException e) {
                ours = null;
            }
            if ((nio == null) != (ours == null)) {
                disagreements.add(glob + (nio == null ? " refused by java.nio only" : " refused by GlueGlob only"));
                continue;
            }
            for (String path : nio == null ? List.<String>of() : paths) {
                if (nio.matches(Path.of(path)) != ours.matches(path)) {
                    disagreements.add(glob + " on " + path);
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }
}

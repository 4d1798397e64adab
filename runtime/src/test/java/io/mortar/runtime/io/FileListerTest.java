package io.mortar.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.model.glob.GlueGlob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a job reads under its {@code paths}, without Spark: recurse, hidden files and {@code exclusions}. */
class FileListerTest {
    @TempDir
    Path dir;

    private void put(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x\n");
    }

    private List<String> list(boolean recurse, String... exclusions) {
        List<GlueGlob> globs = List.of(exclusions).stream().map(GlueGlob::compile).toList();
        String root = "file:" + dir;
        return new FileLister(new Configuration()).list(List.of(dir.toString()), recurse, globs).stream()
                .map(f -> f.substring(root.length() + 1)).sorted().toList();
    }

    @Test
    void exclusionsMatchThePathBelowTheListedFolderOrTheWholePath() throws IOException {
        for (String f : List.of("a.csv", "b.tmp", "logs/x.csv", "logs/2024/y.csv", "xby/z.csv", "x/y/z.csv",
                "_SUCCESS", "sub/.part.crc")) {
            put(f);
        }
        assertThat(list(false)).containsExactly("a.csv", "b.tmp");
        assertThat(list(true)).containsExactly("a.csv", "b.tmp", "logs/2024/y.csv", "logs/x.csv", "x/y/z.csv",
                "xby/z.csv");
        assertThat(list(true, "*.tmp", "logs/*")).containsExactly("a.csv", "logs/2024/y.csv", "x/y/z.csv",
                "xby/z.csv");
        assertThat(list(true, "**.csv")).containsExactly("b.tmp");
        // [!a] is one character of one level: x/y/ is not excluded by x[!a]y/**
        assertThat(list(true, "x[!a]y/**")).containsExactly("a.csv", "b.tmp", "logs/2024/y.csv", "logs/x.csv",
                "x/y/z.csv");
        assertThat(list(true, "file:" + dir + "/logs/**")).containsExactly("a.csv", "b.tmp", "x/y/z.csv",
                "xby/z.csv");
    }

    @Test
    void malformedExclusionsAreRefusedBeforeListing() {
        assertThatThrownBy(() -> list(true, "{a,{b,c}}")).isInstanceOf(GlueException.class)
                .satisfies(e -> assertThat(((GlueException) e).code()).isEqualTo(GlueErrorCode.INVALID_INPUT))
                .hasMessage("Exclusions pattern {a,{b,c}} nests { groups, which Glue does not allow");
    }
}

package io.mortar.it.exclusions;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.crawler.discovery.ListedFile;
import io.mortar.crawler.discovery.StorageListing;
import io.mortar.model.glob.GlueGlob;
import io.mortar.runtime.io.FileLister;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11: the same {@code exclusions} must leave out the same files in a crawl (the crawler's
 * {@link StorageListing}) and in a job (the runtime's {@link FileLister}, as a catalog read lists a table's
 * location). Each case lists one folder tree both ways and expects the same files, and the files Glue's rules pick.
 */
class ExclusionParityTest {
    private static final List<String> FILES = List.of("a.csv", "b.tmp", "logs/x.csv", "logs/2024/y.csv",
            "xby/z.csv", "x/y/z.csv", "raw/a{b}.csv", "raw/ab.csv", "_SUCCESS", "sub/.part.crc");

    @TempDir
    static Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(List.of(), List.of("a.csv", "b.tmp", "logs/2024/y.csv", "logs/x.csv", "raw/a{b}.csv",
                        "raw/ab.csv", "x/y/z.csv", "xby/z.csv")),
                Arguments.of(List.of("*.tmp", "logs/*"), List.of("a.csv", "logs/2024/y.csv", "raw/a{b}.csv",
                        "raw/ab.csv", "x/y/z.csv", "xby/z.csv")),
                Arguments.of(List.of("**.csv"), List.of("b.tmp")),
                Arguments.of(List.of("**/z.csv", "/logs/**"), List.of("a.csv", "b.tmp", "raw/a{b}.csv",
                        "raw/ab.csv")),
                // [!a] never matches /: x/y/z.csv stays (the runtime's old translator left it out)
                Arguments.of(List.of("x[!a]y/**"), List.of("a.csv", "b.tmp", "logs/2024/y.csv", "logs/x.csv",
                        "raw/a{b}.csv", "raw/ab.csv", "x/y/z.csv")),
                Arguments.of(List.of("[!a]*"), List.of("a.csv", "logs/2024/y.csv", "logs/x.csv", "raw/a{b}.csv",
                        "raw/ab.csv", "x/y/z.csv", "xby/z.csv")),
                Arguments.of(List.of("{logs,x}/**", "raw/a\\{b\\}.csv"), List.of("a.csv", "b.tmp", "raw/ab.csv",
                        "xby/z.csv")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void aCrawlAndAJobLeaveOutTheSameFiles(List<String> exclusions, List<String> expected) throws IOException {
        for (String f : FILES) {
            Path file = dir.resolve(f);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "id\n1\n");
        }
        List<GlueGlob> globs = exclusions.stream().map(GlueGlob::compile).toList();
        Configuration conf = new Configuration();

        List<String> crawled = StorageListing.list(FileSystem.getLocal(conf),
                new org.apache.hadoop.fs.Path(dir.toUri()), globs, () -> false).stream()
                .map(ListedFile::relative).sorted().toList();
        String root = "file:" + dir + "/";
        List<String> listed = new FileLister(conf).list(List.of(dir.toString()), true, globs);
        assertThat(listed).allMatch(f -> f.startsWith(root));
        List<String> read = listed.stream().map(f -> f.substring(root.length())).sorted().toList();

        assertThat(read).as("the job's files").isEqualTo(crawled);
        assertThat(crawled).as("the crawl's files").containsExactlyInAnyOrderElementsOf(expected);
    }
}

package io.mortar.runtime.bookmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.bookmark.BookmarkDocument;
import io.mortar.model.bookmark.FileMark;
import io.mortar.model.bookmark.FilesBookmark;
import io.mortar.model.bookmark.JdbcBookmark;
import io.mortar.runtime.MortarContext;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bookmarked reads of local files through {@code fromOptions}, run after run: each run gets a fresh
 * {@link MortarContext} and {@link JobBookmarks} reading from an in-memory store that commits by compare-and-set on
 * the version, as the server does. Every file holds one record naming it, so a read shows which files it took. File
 * times are set explicitly: a day ago and an hour apart, far outside the default 15-minute band of the listing,
 * unless a test is about the band.
 */
class BookmarkedFileSourcesTest {
    private static final String ENABLE = "job-bookmark-enable";
    private static final String PAUSE = "job-bookmark-pause";
    private static final String DISABLE = "job-bookmark-disable";
    private static final long HOUR = 3_600_000L;
    private static final StructType ONE_COLUMN = new StructType().add("v", DataTypes.StringType);

    private final SparkSession spark = SharedSpark.get();
    private final CommittedStore store = new CommittedStore();
    /** A day ago on a whole second: file systems keep at least second precision. */
    private final long base = (System.currentTimeMillis() - 24 * HOUR) / 1000 * 1000;
    /**
     * Five minutes ago: within the default band (15 minutes) of the listings the runs make now, where files may still
     * be listed late and the bookmark remembers them by name.
     */
    private final long recent = (System.currentTimeMillis() - 5 * 60_000L) / 1000 * 1000;

    @TempDir
    Path dir;

    /** The server's side, in memory: the job's current bookmark, and the document each run committed. */
    static final class CommittedStore implements JobBookmarks.Committed {
        int version;
        String document;
        final Map<String, String> byRun = new HashMap<>();

        @Override
        public Optional<JobBookmarks.Entry> read(String runId) {
            if (runId != null) {
                return Optional.ofNullable(byRun.get(runId)).map(doc -> new JobBookmarks.Entry(0, doc));
            }
            return version == 0 ? Optional.empty() : Optional.of(new JobBookmarks.Entry(version, document));
        }

        /** What the server does when a run succeeds: store its staged document if it was built on the current one. */
        boolean succeeded(String runId, JobBookmarks bookmarks) {
            Optional<JobBookmarks.Staged> staged = bookmarks.committed();
            if (staged.isEmpty() || staged.get().baseVersion() != version) {
                return false;
            }
            version++;
            document = staged.get().document();
            byRun.put(runId, document);
            return true;
        }

        BookmarkDocument current() {
            return BookmarkDocument.parse(document);
        }
    }

    /** One job run: its own context and bookmark, with these bookmark arguments. */
    final class Run {
        final String id;
        final JobBookmarks bookmarks;
        final MortarContext mortar = MortarContext.create(spark);

        Run(String id, Map<String, String> args) {
            this.id = id;
            Map<String, String> all = new HashMap<>(args);
            all.put("JOB_NAME", "daily");
            this.bookmarks = new JobBookmarks(BookmarkMode.of(all), "daily", store);
            mortar.transformationContexts().bookmarks(bookmarks);
        }

        DynamicFrame read(String context, String format, Map<String, ?> connection) {
            Map<String, Object> formatOptions = format.equals("csv") ? Map.of("withHeader", true) : Map.of();
            return mortar.fromOptions("file", connection, format, formatOptions).transformationContext(context)
                    .dynamicFrame();
        }

        List<String> read(String context, String format, Path... paths) {
            return values(read(context, format, Map.of("paths", Stream.of(paths).map(Path::toString).toList())));
        }

        /** The end of a successful run: Mortar's job kinds commit, then the server stores what was staged. */
        boolean succeed() {
            bookmarks.commit();
            return store.succeeded(id, bookmarks);
        }
    }

    private Run run(String id, String option) {
        return new Run(id, Map.of(BookmarkMode.OPTION, option));
    }

    private static List<String> values(DynamicFrame frame) {
        Dataset<Row> df = frame.toDF();
        if (df.count() == 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Row row : df.select("v").collectAsList()) {
            out.add(row.getString(0));
        }
        return out;
    }

    /** A file holding one record {@code v = name} in the format, modified at {@code modified}. */
    private Path file(Path folder, String name, String format, long modified) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(name + "." + format);
        switch (format) {
            case "csv" -> Files.writeString(file, "v\n" + name + "\n", StandardCharsets.UTF_8);
            case "json" -> Files.writeString(file, "{\"v\":\"" + name + "\"}\n", StandardCharsets.UTF_8);
            case "parquet" -> writeParquet(file, name);
            default -> throw new IllegalArgumentException(format);
        }
        Files.setLastModifiedTime(file, FileTime.fromMillis(modified));
        return file;
    }

    private Path file(String name, String format, long modified) throws IOException {
        return file(dir.resolve("in"), name, format, modified);
    }

    private void writeParquet(Path file, String value) throws IOException {
        Path out = Files.createTempDirectory(dir, "spark-out");
        spark.createDataFrame(List.of(RowFactory.create(value)), ONE_COLUMN).coalesce(1).write().mode("overwrite")
                .parquet(out.resolve("o").toString());
        try (Stream<Path> parts = Files.list(out.resolve("o"))) {
            Path part = parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.move(part, file);
        }
    }

    private FilesBookmark filesState(String context) {
        return (FilesBookmark) store.current().contexts().get(context);
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json", "parquet"})
    void eachFileIsReadOnceRunAfterRun(String format) throws IOException {
        Path in = dir.resolve("in");
        file("a", format, base);
        file("b", format, base + HOUR);

        Run first = run("r1", ENABLE);
        assertThat(first.read("src", format, in)).containsExactlyInAnyOrder("a", "b");
        assertThat(first.succeed()).isTrue();
        assertThat(store.version).isEqualTo(1);

        Run second = run("r2", ENABLE);
        DynamicFrame nothing = second.read("src", format, Map.of("paths", List.of(in.toString())));
        assertThat(nothing.count()).isZero();
        assertThat(nothing.toDF().columns()).as("the source's columns, for the steps after it").containsExactly("v");
        assertThat(second.succeed()).isTrue();

        file("c", format, base + 2 * HOUR);
        file("d", format, base + 3 * HOUR);
        Run third = run("r3", ENABLE);
        assertThat(third.read("src", format, in)).containsExactlyInAnyOrder("c", "d");
        assertThat(third.succeed()).isTrue();

        assertThat(run("r4", ENABLE).read("src", format, in)).isEmpty();
        FilesBookmark state = filesState("src");
        assertThat(state.target()).isEqualTo(in.toString());
        assertThat(state.slices()).containsOnlyKeys(in.toString());
        assertThat(state.slices().get(in.toString()).mark()).isEqualTo(base + 3 * HOUR);
    }

    @Test
    void theStagedDocumentIsBuiltOnTheVersionTheRunRead() throws IOException {
        Path in = dir.resolve("in");
        file("a", "csv", base);
        Run first = run("r1", ENABLE);
        Run concurrent = run("r1b", ENABLE);
        first.read("src", "csv", in);
        concurrent.read("src", "csv", in);
        assertThat(first.succeed()).isTrue();
        // both started from no bookmark: the second commit's base is stale and the store refuses it
        concurrent.bookmarks.commit();
        assertThat(concurrent.bookmarks.committed()).map(JobBookmarks.Staged::baseVersion).contains(0);
        assertThat(store.succeeded(concurrent.id, concurrent.bookmarks)).isFalse();
        assertThat(store.version).isEqualTo(1);
    }

    @Test
    void aFileRewrittenInPlaceIsReadAgain() throws IOException {
        Path in = dir.resolve("in");
        Path a = file("a", "csv", base);
        file("b", "csv", base + HOUR);
        Run first = run("r1", ENABLE);
        assertThat(first.read("src", "csv", in)).containsExactlyInAnyOrder("a", "b");
        first.succeed();

        Files.writeString(a, "v\na-v2\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(a, FileTime.fromMillis(base + 2 * HOUR));
        Run second = run("r2", ENABLE);
        assertThat(second.read("src", "csv", in)).containsExactly("a-v2");
        second.succeed();
        assertThat(run("r3", ENABLE).read("src", "csv", in)).isEmpty();
    }

    @Test
    void aLateListedFileWithinTheBandIsReadOnce() throws IOException {
        Path in = dir.resolve("in");
        file("a", "csv", recent);
        Run first = run("r1", ENABLE);
        first.read("src", "csv", in);
        first.succeed();

        // appears after the run although its upload began a minute before the mark
        file("late", "csv", recent - 60_000L);
        file("ancient", "csv", recent - HOUR);
        Run second = run("r2", ENABLE);
        assertThat(second.read("src", "csv", in)).containsExactly("late");
        second.succeed();
        assertThat(run("r3", ENABLE).read("src", "csv", in)).isEmpty();
    }

    @Test
    void disableReadsEverythingAndLeavesTheBookmarkAlone() throws IOException {
        Path in = dir.resolve("in");
        file("a", "csv", base);
        Run enabled = run("r1", ENABLE);
        enabled.read("src", "csv", in);
        enabled.succeed();
        String before = store.document;

        file("b", "csv", base + HOUR);
        Run disabled = run("r2", DISABLE);
        assertThat(disabled.read("src", "csv", in)).containsExactlyInAnyOrder("a", "b");
        assertThat(disabled.succeed()).isFalse();
        assertThat(disabled.bookmarks.committed()).isEmpty();
        // no argument at all is disable, as in Glue
        Run plain = new Run("r3", Map.of());
        assertThat(plain.read("src", "csv", in)).containsExactlyInAnyOrder("a", "b");
        assertThat(plain.succeed()).isFalse();
        assertThat(store.version).isEqualTo(1);
        assertThat(store.document).isEqualTo(before);

        assertThat(run("r4", ENABLE).read("src", "csv", in)).containsExactly("b");
    }

    @Test
    void pauseFiltersByTheBookmarkWithoutMovingIt() throws IOException {
        Path in = dir.resolve("in");
        file("a", "csv", base);
        Run enabled = run("r1", ENABLE);
        enabled.read("src", "csv", in);
        enabled.succeed();
        String before = store.document;

        file("b", "csv", base + HOUR);
        Run paused = run("r2", PAUSE);
        assertThat(paused.read("src", "csv", in)).containsExactly("b");
        assertThat(paused.succeed()).isFalse();
        assertThat(paused.bookmarks.committed()).isEmpty();
        Run pausedAgain = run("r3", PAUSE);
        assertThat(pausedAgain.read("src", "csv", in)).containsExactly("b");
        pausedAgain.succeed();
        assertThat(store.version).isEqualTo(1);
        assertThat(store.document).isEqualTo(before);

        assertThat(run("r4", ENABLE).read("src", "csv", in)).containsExactly("b");
    }

    @Test
    void pauseFromToReadsExactlyWhatArrivedBetweenTheTwoRuns() throws IOException {
        Path in = dir.resolve("in");
        file("a", "csv", base);
        file("b", "csv", base + HOUR);
        Run r1 = run("r1", ENABLE);
        r1.read("src", "csv", in);
        r1.succeed();
        file("c", "csv", base + 2 * HOUR);
        file("d", "csv", base + 3 * HOUR);
        Run r2 = run("r2", ENABLE);
        assertThat(r2.read("src", "csv", in)).containsExactlyInAnyOrder("c", "d");
        r2.succeed();
        file("e", "csv", base + 4 * HOUR);
        Run r3 = run("r3", ENABLE);
        assertThat(r3.read("src", "csv", in)).containsExactly("e");
        r3.succeed();
        file("f", "csv", base + 5 * HOUR);
        String current = store.document;

        assertThat(window("p1", "r1", "r2").read("src", "csv", in)).containsExactlyInAnyOrder("c", "d");
        assertThat(window("p2", "r2", "r3").read("src", "csv", in)).containsExactly("e");
        assertThat(window("p3", "r1", "r3").read("src", "csv", in)).containsExactlyInAnyOrder("c", "d", "e");
        Run replay = window("p4", "r1", "r2");
        replay.read("src", "csv", in);
        assertThat(replay.succeed()).isFalse();
        assertThat(store.version).isEqualTo(3);
        assertThat(store.document).isEqualTo(current);
    }

    @Test
    void pauseFromARunThatCommittedNothingIsRefusedNamingIt() throws IOException {
        file("a", "csv", base);
        Run r1 = run("r1", ENABLE);
        r1.read("src", "csv", dir.resolve("in"));
        r1.succeed();
        Run bad = window("p1", "never", "r1");
        assertThatThrownBy(() -> bad.read("src", "csv", dir.resolve("in")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never").hasMessageContaining("committed no bookmark");
    }

    private Run window(String id, String from, String to) {
        return new Run(id, Map.of(BookmarkMode.OPTION, PAUSE, BookmarkMode.FROM, from, BookmarkMode.TO, to));
    }

    @Test
    void aSourceWithoutATransformationContextIsReadWholeAndNotRecorded() throws IOException {
        Path in = dir.resolve("in");
        Path other = dir.resolve("other");
        file("a", "csv", base);
        file(other, "x", "csv", base);

        Run first = run("r1", ENABLE);
        assertThat(first.read(null, "csv", in)).containsExactly("a");
        assertThat(first.read("named", "csv", other)).containsExactly("x");
        assertThat(first.succeed()).isTrue();
        assertThat(store.current().contexts()).containsOnlyKeys("named");

        Run second = run("r2", ENABLE);
        assertThat(second.read(null, "csv", in)).containsExactly("a");
        assertThat(second.read("", "csv", in)).containsExactly("a");
        assertThat(second.read("named", "csv", other)).isEmpty();

        // a run whose only source has no context reads through no bookmark: nothing to commit
        Run unnamedOnly = run("r3", ENABLE);
        assertThat(unnamedOnly.read(null, "csv", in)).containsExactly("a");
        assertThat(unnamedOnly.succeed()).isFalse();
        assertThat(unnamedOnly.bookmarks.committed()).isEmpty();
    }

    @Test
    void aPathAddedLaterIsReadWhole() throws IOException {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        file(first, "a", "csv", base + 5 * HOUR);
        // older than the first path's mark: a place the bookmark has never seen is read whole anyway
        file(second, "old1", "csv", base);
        file(second, "old2", "csv", base + HOUR);

        Run r1 = run("r1", ENABLE);
        assertThat(r1.read("src", "csv", first)).containsExactly("a");
        r1.succeed();

        Run r2 = run("r2", ENABLE);
        assertThat(r2.read("src", "csv", first, second)).containsExactlyInAnyOrder("old1", "old2");
        r2.succeed();
        assertThat(filesState("src").slices()).containsOnlyKeys(first.toString(), second.toString());
        assertThat(run("r3", ENABLE).read("src", "csv", first, second)).isEmpty();
    }

    @Test
    void aPathLeftOutOfARunKeepsItsMark() throws IOException {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        file(first, "a", "csv", base);
        file(second, "b", "csv", base);
        Run r1 = run("r1", ENABLE);
        assertThat(r1.read("src", "csv", first, second)).containsExactlyInAnyOrder("a", "b");
        r1.succeed();

        file(second, "b2", "csv", base + HOUR);
        Run r2 = run("r2", ENABLE);
        assertThat(r2.read("src", "csv", first)).isEmpty();
        r2.succeed();
        assertThat(filesState("src").slices()).containsOnlyKeys(first.toString(), second.toString());

        Run r3 = run("r3", ENABLE);
        assertThat(r3.read("src", "csv", first, second)).containsExactly("b2");
    }

    @Test
    void maxFilesInBandLeavesTheNewestFilesForLaterRuns() throws IOException {
        Path in = dir.resolve("in");
        for (int i = 0; i < 5; i++) {
            file("f" + i, "csv", recent + i * 1_000L); // one second apart: all in one band
        }
        Map<String, Object> options = Map.of("paths", List.of(in.toString()), "maxFilesInBand", "2");

        List<List<String>> perRun = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Run r = run("r" + i, ENABLE);
            perRun.add(values(r.read("src", "csv", options)));
            assertThat(r.succeed()).isTrue();
        }
        // modified within the band of these listings: the first run fills the window to the cap; each later run
        // listed before the files leave the band may take one more time group
        assertThat(perRun).containsExactly(List.of("f0", "f1"), List.of("f2"), List.of("f3"), List.of("f4"),
                List.of());
        assertThat(filesState("src").maxFilesInBand()).isEqualTo(2);
        assertThat(filesState("src").maxBand()).isEqualTo(FilesBookmark.DEFAULT_MAX_BAND);
    }

    @Test
    void filesModifiedLongBeforeTheListingNeverCountAgainstTheCap() throws IOException {
        Path in = dir.resolve("in");
        for (int i = 0; i < 5; i++) {
            file("f" + i, "csv", base + i * 1_000L); // one second apart, a day ago
        }
        Run r = run("r1", ENABLE);
        assertThat(values(r.read("src", "csv", Map.of("paths", List.of(in.toString()), "maxFilesInBand", "2"))))
                .containsExactlyInAnyOrder("f0", "f1", "f2", "f3", "f4");
        r.succeed();
        assertThat(filesState("src").slices().get(in.toString()).window()).as("all visible to the listing").isEmpty();
    }

    @Test
    void withoutTheOptionsGluesDefaultsAreRecordedAndFiveFilesAreReadTogether() throws IOException {
        Path in = dir.resolve("in");
        for (int i = 0; i < 5; i++) {
            file("f" + i, "csv", recent + i * 1_000L);
        }
        Run r = run("r1", ENABLE);
        assertThat(r.read("src", "csv", in)).hasSize(5);
        r.succeed();
        assertThat(filesState("src").maxFilesInBand()).isEqualTo(FilesBookmark.DEFAULT_MAX_FILES_IN_BAND);
        assertThat(filesState("src").slices().get(in.toString()).window()).hasSize(5);
    }

    @Test
    void maxBandSetsHowFarBackALateFileIsStillNew() throws IOException {
        Path in = dir.resolve("in");
        file("a", "csv", recent);
        Map<String, Object> zeroBand = Map.of("paths", List.of(in.toString()), "maxBand", "0");
        Map<String, Object> wideBand = Map.of("paths", List.of(in.toString()), "maxBand", String.valueOf(2 * HOUR));
        Run r1 = run("r1", ENABLE);
        r1.read("narrow", "csv", zeroBand);
        r1.read("wide", "csv", wideBand);
        r1.succeed();
        assertThat(filesState("narrow").maxBand()).isZero();
        assertThat(filesState("narrow").slices().get(in.toString()).window()).isEmpty();
        assertThat(filesState("wide").maxBand()).isEqualTo(2 * HOUR);

        file("late", "csv", recent - HOUR); // an hour before the mark: outside the default band too
        Run r2 = run("r2", ENABLE);
        assertThat(values(r2.read("narrow", "csv", zeroBand))).isEmpty();
        assertThat(values(r2.read("wide", "csv", wideBand))).containsExactly("late");
    }

    @Test
    void aBandOptionOutOfRangeIsRefusedNamingIt() throws IOException {
        Path in = dir.resolve("in");
        file("a", "csv", base);
        Run r = run("r1", ENABLE);
        assertThatThrownBy(() -> r.read("src", "csv", Map.of("paths", List.of(in.toString()), "maxFilesInBand", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFilesInBand");
        assertThatThrownBy(() -> r.read("src", "csv", Map.of("paths", List.of(in.toString()), "maxBand", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBand");
        assertThatThrownBy(() -> r.read("src", "csv", Map.of("paths", List.of(in.toString()), "maxBand", "soon")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBand");
    }

    @Test
    void contextsNotReadInARunKeepTheirState() throws IOException {
        Path orders = dir.resolve("orders");
        Path customers = dir.resolve("customers");
        file(orders, "o1", "csv", base);
        file(customers, "c1", "csv", base);
        Run r1 = run("r1", ENABLE);
        r1.read("orders", "csv", orders);
        r1.read("customers", "csv", customers);
        r1.succeed();
        FilesBookmark customersBefore = filesState("customers");

        file(orders, "o2", "csv", base + HOUR);
        file(customers, "c2", "csv", base + HOUR);
        Run r2 = run("r2", ENABLE);
        assertThat(r2.read("orders", "csv", orders)).containsExactly("o2");
        r2.succeed();
        assertThat(store.version).isEqualTo(2);
        assertThat(filesState("customers")).isEqualTo(customersBefore);

        Run r3 = run("r3", ENABLE);
        assertThat(r3.read("customers", "csv", customers)).containsExactly("c2");
        assertThat(r3.read("orders", "csv", orders)).isEmpty();
    }

    @Test
    void aContextWhoseStateIsAJdbcTablesFailsNamingIt() throws IOException {
        file("a", "csv", base);
        store.version = 4;
        store.document = BookmarkDocument.EMPTY.with("src", new JdbcBookmark("postgresql:public.t", List.of("id"),
                false, List.of(7L))).with("other", new FilesBookmark("x", 1L, 1, Map.of("x", new FileMark(1L, 1L,
                Map.of())))).toJson();
        Run r = run("r5", ENABLE);
        assertThatThrownBy(() -> r.read("src", "csv", dir.resolve("in")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'src'").hasMessageContaining("not a file source");
    }
}

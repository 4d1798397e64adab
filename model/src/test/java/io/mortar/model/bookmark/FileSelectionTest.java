package io.mortar.model.bookmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.model.bookmark.FileSelection.Advance;
import io.mortar.model.bookmark.FileSelection.Listed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Glue's last-modified rule as {@link FileSelection} and {@link FileMark} apply it: which listed files are new, which
 * a run takes under {@code maxFilesInBand}, and the mark and window a run leaves for the next one.
 */
class FileSelectionTest {
    private static final long BAND = 1_000L;
    private static final int NO_CAP = 1_000;
    private static final long T = 1_000_000L;

    private static Listed f(String name, long modified) {
        return new Listed("s3://lake/t/" + name, modified);
    }

    private static String p(String name) {
        return "s3://lake/t/" + name;
    }

    /** One bookmarked run over {@code listed}: the files it reads and the mark it leaves. */
    private static Advance run(FileMark previous, List<Listed> listed, int maxFilesInBand) {
        return FileSelection.advance(previous, listed, FileSelection.newSince(listed, previous, BAND), BAND,
                maxFilesInBand);
    }

    private static List<String> names(List<Listed> files) {
        return files.stream().map(l -> l.path().substring(p("").length())).toList();
    }

    @Test
    void aFirstReadTakesEverything() {
        List<Listed> listed = List.of(f("old", T - 50 * BAND), f("a", T - 10), f("b", T));
        assertThat(FileSelection.newSince(listed, null, BAND)).isEqualTo(listed);

        Advance first = run(null, listed, NO_CAP);
        assertThat(names(first.taken())).containsExactly("old", "a", "b");
        assertThat(first.deferred()).isZero();
        assertThat(first.next().mark()).isEqualTo(T);
        // only what lies within the band of the mark is remembered by name
        assertThat(first.next().window()).isEqualTo(Map.of(p("a"), T - 10, p("b"), T));
    }

    @Test
    void aFirstReadOfAnEmptyPlaceLeavesAnEmptyMark() {
        Advance first = run(null, List.of(), NO_CAP);
        assertThat(first.taken()).isEmpty();
        assertThat(first.next()).isEqualTo(new FileMark(0L, Map.of()));
        // a file appearing later is new whatever its time
        assertThat(first.next().isNew(p("x"), 1L, BAND)).isTrue();
    }

    @Test
    void nothingNewTakesNothingAndKeepsTheMark() {
        List<Listed> listed = List.of(f("a", T - 10), f("b", T));
        FileMark mark = run(null, listed, NO_CAP).next();
        assertThat(FileSelection.newSince(listed, mark, BAND)).isEmpty();

        Advance again = run(mark, listed, NO_CAP);
        assertThat(again.taken()).isEmpty();
        assertThat(again.deferred()).isZero();
        assertThat(again.next()).isEqualTo(mark);
    }

    @Test
    void aFileNewerThanTheMarkIsNew() {
        FileMark mark = new FileMark(T, Map.of(p("a"), T));
        assertThat(mark.isNew(p("b"), T + 1, BAND)).isTrue();
        assertThat(mark.isNew(p("b"), T + 100 * BAND, BAND)).isTrue();
    }

    @Test
    void aLateListedFileOlderThanTheMarkButWithinTheBandIsNewUnlessTheWindowHoldsIt() {
        FileMark mark = new FileMark(T, Map.of(p("a"), T - 500, p("b"), T));
        // listed late: its upload began before the mark was taken
        assertThat(mark.isNew(p("late"), T - 500, BAND)).isTrue();
        assertThat(mark.isNew(p("late"), T - BAND + 1, BAND)).isTrue();
        assertThat(mark.isNew(p("late"), T, BAND)).isTrue();
        // read before, with the same time
        assertThat(mark.isNew(p("a"), T - 500, BAND)).isFalse();
        assertThat(mark.isNew(p("b"), T, BAND)).isFalse();
    }

    @Test
    void aFileOlderThanTheBandIsNotNew() {
        FileMark mark = new FileMark(T, Map.of());
        assertThat(mark.isNew(p("ancient"), T - BAND, BAND)).isFalse();
        assertThat(mark.isNew(p("ancient"), T - 5 * BAND, BAND)).isFalse();
    }

    @Test
    void aLateListedFileIsTakenOnceAndThenRemembered() {
        FileMark mark = run(null, List.of(f("a", T)), NO_CAP).next();
        List<Listed> listed = List.of(f("a", T), f("late", T - 300));
        Advance second = run(mark, listed, NO_CAP);
        assertThat(names(second.taken())).containsExactly("late");
        assertThat(second.next().mark()).isEqualTo(T); // a file older than the mark does not move it back
        assertThat(second.next().window()).isEqualTo(Map.of(p("a"), T, p("late"), T - 300));
        assertThat(FileSelection.newSince(listed, second.next(), BAND)).isEmpty();
    }

    @Test
    void aFileRewrittenInPlaceIsReadAgain() {
        FileMark mark = run(null, List.of(f("a", T - 100), f("b", T)), NO_CAP).next();

        List<Listed> rewritten = List.of(f("a", T + 5_000), f("b", T));
        assertThat(names(FileSelection.newSince(rewritten, mark, BAND))).containsExactly("a");
        Advance second = run(mark, rewritten, NO_CAP);
        assertThat(names(second.taken())).containsExactly("a");
        assertThat(second.next().mark()).isEqualTo(T + 5_000);
        assertThat(second.next().window()).isEqualTo(Map.of(p("a"), T + 5_000L));

        // rewritten with a time inside the band (a clock behind, a copy keeping times): still not what was read
        List<Listed> touched = List.of(f("a", T - 100), f("b", T - 1));
        assertThat(names(FileSelection.newSince(touched, mark, BAND))).containsExactly("b");
    }

    @Test
    void theWindowHoldsExactlyTheFilesReadWithinTheBandOfTheNewMark() {
        FileMark first = run(null, List.of(f("out", T - 2 * BAND), f("edge", T - BAND), f("in", T - BAND + 1),
                f("m", T)), NO_CAP).next();
        assertThat(first.window()).containsOnlyKeys(p("in"), p("m"));

        // the next run moves the mark by 600: "in" falls out of the band, "m" stays, the new files join
        List<Listed> listed = List.of(f("out", T - 2 * BAND), f("edge", T - BAND), f("in", T - BAND + 1),
                f("m", T), f("n1", T + 300), f("n2", T + 600));
        Advance second = run(first, listed, NO_CAP);
        assertThat(names(second.taken())).containsExactly("n1", "n2");
        assertThat(second.next().mark()).isEqualTo(T + 600);
        assertThat(second.next().window()).isEqualTo(Map.of(p("m"), T, p("n1"), T + 300, p("n2"), T + 600));
        assertThat(FileSelection.newSince(listed, second.next(), BAND)).isEmpty();
    }

    @Test
    void aFileReadBeforeButNoLongerListedDoesNotComeBack() {
        FileMark first = run(null, List.of(f("a", T - 10), f("b", T)), NO_CAP).next();
        // "a" was deleted; the window keeps it while it lies in the band, harmlessly
        Advance second = run(first, List.of(f("b", T), f("c", T + 1)), NO_CAP);
        assertThat(names(second.taken())).containsExactly("c");
        assertThat(second.next().window()).containsOnlyKeys(p("a"), p("b"), p("c"));
    }

    @Test
    void moreNewFilesInTheBandThanTheCapLeaveTheNewestForLaterRuns() {
        List<Listed> listed = List.of(f("e", T + 40), f("a", T), f("c", T + 20), f("b", T + 10), f("d", T + 30));

        Advance first = run(null, listed, 2);
        assertThat(names(first.taken())).containsExactly("a", "b");
        assertThat(first.deferred()).isEqualTo(3);
        assertThat(first.next().mark()).isEqualTo(T + 10);
        assertThat(first.next().window()).containsOnlyKeys(p("a"), p("b"));
        // what waits lies after the mark, so the next run sees it as new
        List<Listed> waiting = FileSelection.newSince(listed, first.next(), BAND);
        assertThat(names(waiting)).containsExactlyInAnyOrder("c", "d", "e");
        assertThat(waiting).allMatch(w -> w.modified() > first.next().mark());

        // the window is full: each later run may still take one time group (progress), until all is read
        Advance second = run(first.next(), listed, 2);
        assertThat(names(second.taken())).containsExactly("c");
        assertThat(second.deferred()).isEqualTo(2);
        Advance third = run(second.next(), listed, 2);
        assertThat(names(third.taken())).containsExactly("d");
        Advance fourth = run(third.next(), listed, 2);
        assertThat(names(fourth.taken())).containsExactly("e");
        assertThat(fourth.deferred()).isZero();
        assertThat(run(fourth.next(), listed, 2).taken()).isEmpty();
    }

    @Test
    void everyFileIsReadExactlyOnceUnderTheCap() {
        List<Listed> listed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            listed.add(f("f" + i, T + 100L * i));
        }
        List<String> read = new ArrayList<>();
        FileMark mark = null;
        for (int runs = 0; runs < 20; runs++) {
            Advance a = run(mark, listed, 3);
            read.addAll(names(a.taken()));
            mark = a.next();
        }
        assertThat(read).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void theCapCountsOnlyFilesWithinTheBand() {
        // spread wider than the band: however many, each new mark's band holds one file, so all are taken
        List<Listed> listed = List.of(f("a", T), f("b", T + 2 * BAND), f("c", T + 4 * BAND), f("d", T + 6 * BAND));
        Advance first = run(null, listed, 1);
        assertThat(names(first.taken())).containsExactly("a", "b", "c", "d");
        assertThat(first.deferred()).isZero();
        assertThat(first.next().window()).containsOnlyKeys(p("d"));
    }

    @Test
    void theCapCountsFilesReadBeforeThatStayInTheBand() {
        FileMark mark = run(null, List.of(f("a", T), f("b", T + 1)), 3).next();
        List<Listed> listed = List.of(f("a", T), f("b", T + 1), f("c", T + 2), f("d", T + 3));
        Advance second = run(mark, listed, 3);
        assertThat(names(second.taken())).containsExactly("c");
        assertThat(second.deferred()).isEqualTo(1);
    }

    @Test
    void aSingleTimeGroupLargerThanTheCapIsTakenWhole() {
        List<Listed> listed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            listed.add(f("same" + i, T));
        }
        listed.add(f("later", T + 1));
        Advance first = run(null, listed, 2);
        assertThat(names(first.taken())).containsExactlyInAnyOrder("same0", "same1", "same2", "same3", "same4");
        assertThat(first.deferred()).isEqualTo(1);
        assertThat(first.next().mark()).isEqualTo(T);
        assertThat(first.next().window()).hasSize(5);

        Advance second = run(first.next(), listed, 2);
        assertThat(names(second.taken())).containsExactly("later");
    }

    @Test
    void pauseWithFromAndToReadsExactlyWhatArrivedBetweenTheTwoRuns() {
        List<Listed> day1 = List.of(f("a", T), f("b", T + 10));
        FileMark from = run(null, day1, NO_CAP).next();
        List<Listed> day2 = List.of(f("a", T), f("b", T + 10), f("c", T + 5_000), f("late", T + 5));
        FileMark to = run(from, day2, NO_CAP).next();
        List<Listed> day3 = List.of(f("a", T), f("b", T + 10), f("c", T + 5_000), f("late", T + 5),
                f("d", T + 9_000));

        List<Listed> between = FileSelection.newSince(day3, from, BAND).stream()
                .filter(FileSelection.readBy(day3, to, BAND)::contains).toList();
        assertThat(names(between)).containsExactlyInAnyOrder("c", "late");
        assertThat(names(FileSelection.readBy(day3, to, BAND))).containsExactlyInAnyOrder("a", "b", "c", "late");
        assertThat(names(FileSelection.readBy(day3, from, BAND))).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aPlaceTheUpperRunNeverReadReadsNothing() {
        assertThat(FileSelection.readBy(List.of(f("a", T)), null, BAND)).isEmpty();
    }

    @Test
    void readByDoesNotCountARewrittenFileAsRead() {
        FileMark to = run(null, List.of(f("a", T), f("b", T + 1)), NO_CAP).next();
        assertThat(names(FileSelection.readBy(List.of(f("a", T + 50_000), f("b", T + 1)), to, BAND)))
                .containsExactly("b");
    }

    @Test
    void aZeroBandRemembersNoWindowAndTakesOnlyNewerFiles() {
        FileMark mark = run(null, List.of(f("a", T - 5), f("b", T)), NO_CAP).next();
        Advance zero = FileSelection.advance(null, List.of(f("a", T - 5), f("b", T)),
                List.of(f("a", T - 5), f("b", T)), 0L, NO_CAP);
        assertThat(zero.next().window()).isEmpty();
        assertThat(mark.isNew(p("late"), T - 1, 0L)).isFalse();
        assertThat(mark.isNew(p("late"), T + 1, 0L)).isTrue();
    }
}

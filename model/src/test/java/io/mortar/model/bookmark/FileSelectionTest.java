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
 * a run takes under {@code maxFilesInBand}, and the mark, floor and window a run leaves for the next one. Unless a
 * test says otherwise, the listing happens just after the newest file ({@code T + 100}), so the files near {@code T}
 * were modified within the band of the listing.
 */
class FileSelectionTest {
    private static final long BAND = 1_000L;
    private static final int NO_CAP = 1_000;
    private static final long T = 1_000_000L;
    private static final long LISTED = T + 100;

    private static Listed f(String name, long modified) {
        return new Listed("s3://lake/t/" + name, modified);
    }

    private static String p(String name) {
        return "s3://lake/t/" + name;
    }

    /** One bookmarked run over {@code listed}, listed at {@link #LISTED}: the files it reads and the mark it leaves. */
    private static Advance run(FileMark previous, List<Listed> listed, int maxFilesInBand) {
        return run(previous, listed, maxFilesInBand, LISTED);
    }

    private static Advance run(FileMark previous, List<Listed> listed, int maxFilesInBand, long listedAt) {
        return FileSelection.advance(previous, listed, FileSelection.newSince(listed, previous), listedAt, BAND,
                maxFilesInBand);
    }

    private static List<String> names(List<Listed> files) {
        return files.stream().map(l -> l.path().substring(p("").length())).toList();
    }

    @Test
    void aFirstReadTakesEverything() {
        List<Listed> listed = List.of(f("old", T - 50 * BAND), f("a", T - 10), f("b", T));
        assertThat(FileSelection.newSince(listed, null)).isEqualTo(listed);

        Advance first = run(null, listed, NO_CAP);
        assertThat(names(first.taken())).containsExactly("old", "a", "b");
        assertThat(first.deferred()).isZero();
        assertThat(first.next().mark()).isEqualTo(T);
        // every file older than the listing less the band was visible to it: only the later ones are remembered
        assertThat(first.next().floor()).isEqualTo(LISTED - BAND);
        assertThat(first.next().window()).isEqualTo(Map.of(p("a"), T - 10, p("b"), T));
    }

    @Test
    void aFirstReadOfAnEmptyPlaceLeavesAnEmptyMark() {
        Advance first = run(null, List.of(), NO_CAP);
        assertThat(first.taken()).isEmpty();
        assertThat(first.next()).isEqualTo(new FileMark(0L, 0L, Map.of()));
        // a file appearing later is new whatever its time
        assertThat(first.next().isNew(p("x"), 1L)).isTrue();
    }

    @Test
    void nothingNewTakesNothingAndKeepsTheMark() {
        List<Listed> listed = List.of(f("a", T - 10), f("b", T));
        FileMark mark = run(null, listed, NO_CAP).next();
        assertThat(FileSelection.newSince(listed, mark)).isEmpty();

        Advance again = run(mark, listed, NO_CAP);
        assertThat(again.taken()).isEmpty();
        assertThat(again.deferred()).isZero();
        assertThat(again.next()).isEqualTo(mark);
    }

    @Test
    void aFileNewerThanTheMarkIsNew() {
        FileMark mark = new FileMark(T, T - BAND, Map.of(p("a"), T));
        assertThat(mark.isNew(p("b"), T + 1)).isTrue();
        assertThat(mark.isNew(p("b"), T + 100 * BAND)).isTrue();
    }

    @Test
    void aLateListedFileOlderThanTheMarkButAfterTheFloorIsNewUnlessTheWindowHoldsIt() {
        FileMark mark = new FileMark(T, T - BAND, Map.of(p("a"), T - 500, p("b"), T));
        // listed late: its upload began before the mark was taken
        assertThat(mark.isNew(p("late"), T - 500)).isTrue();
        assertThat(mark.isNew(p("late"), T - BAND + 1)).isTrue();
        assertThat(mark.isNew(p("late"), T)).isTrue();
        // read before, with the same time
        assertThat(mark.isNew(p("a"), T - 500)).isFalse();
        assertThat(mark.isNew(p("b"), T)).isFalse();
    }

    @Test
    void aFileAtOrBeforeTheFloorIsNotNew() {
        FileMark mark = new FileMark(T, T - BAND, Map.of());
        assertThat(mark.isNew(p("ancient"), T - BAND)).isFalse();
        assertThat(mark.isNew(p("ancient"), T - 5 * BAND)).isFalse();
    }

    @Test
    void aLateListedFileIsTakenOnceAndThenRemembered() {
        FileMark mark = run(null, List.of(f("a", T)), NO_CAP).next();
        List<Listed> listed = List.of(f("a", T), f("late", T - 300));
        Advance second = run(mark, listed, NO_CAP);
        assertThat(names(second.taken())).containsExactly("late");
        assertThat(second.next().mark()).isEqualTo(T); // a file older than the mark does not move it back
        assertThat(second.next().window()).isEqualTo(Map.of(p("a"), T, p("late"), T - 300));
        assertThat(FileSelection.newSince(listed, second.next())).isEmpty();
    }

    @Test
    void aFileRewrittenInPlaceIsReadAgain() {
        FileMark mark = run(null, List.of(f("a", T - 100), f("b", T)), NO_CAP).next();

        List<Listed> rewritten = List.of(f("a", T + 5_000), f("b", T));
        assertThat(names(FileSelection.newSince(rewritten, mark))).containsExactly("a");
        Advance second = run(mark, rewritten, NO_CAP, T + 5_100);
        assertThat(names(second.taken())).containsExactly("a");
        assertThat(second.next().mark()).isEqualTo(T + 5_000);
        assertThat(second.next().window()).isEqualTo(Map.of(p("a"), T + 5_000L));

        // rewritten with a time inside the band (a clock behind, a copy keeping times): still not what was read
        List<Listed> touched = List.of(f("a", T - 100), f("b", T - 1));
        assertThat(names(FileSelection.newSince(touched, mark))).containsExactly("b");
    }

    @Test
    void theWindowHoldsExactlyTheFilesReadAfterTheFloorTheListingSets() {
        FileMark first = run(null, List.of(f("out", T - 2 * BAND), f("edge", T - BAND), f("in", T - BAND + 1),
                f("m", T)), NO_CAP, T).next();
        assertThat(first.floor()).isEqualTo(T - BAND);
        assertThat(first.window()).containsOnlyKeys(p("in"), p("m"));

        // listed 600 later: "in" falls below the new floor, "m" stays, the new files join
        List<Listed> listed = List.of(f("out", T - 2 * BAND), f("edge", T - BAND), f("in", T - BAND + 1),
                f("m", T), f("n1", T + 300), f("n2", T + 600));
        Advance second = run(first, listed, NO_CAP, T + 600);
        assertThat(second.next().floor()).isEqualTo(T + 600 - BAND);
        assertThat(names(second.taken())).containsExactly("n1", "n2");
        assertThat(second.next().mark()).isEqualTo(T + 600);
        assertThat(second.next().window()).isEqualTo(Map.of(p("m"), T, p("n1"), T + 300, p("n2"), T + 600));
        assertThat(FileSelection.newSince(listed, second.next())).isEmpty();
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
    void moreFilesModifiedWithinTheBandOfTheListingThanTheCapLeaveTheNewestForALaterListing() {
        List<Listed> listed = List.of(f("e", T + 40), f("a", T), f("c", T + 20), f("b", T + 10), f("d", T + 30));

        Advance first = run(null, listed, 2);
        assertThat(names(first.taken())).containsExactly("a", "b");
        assertThat(first.deferred()).isEqualTo(3);
        assertThat(first.next().mark()).isEqualTo(T + 10);
        assertThat(first.next().window()).containsOnlyKeys(p("a"), p("b"));
        // what waits lies after the mark, so the next run sees it as new
        List<Listed> waiting = FileSelection.newSince(listed, first.next());
        assertThat(names(waiting)).containsExactlyInAnyOrder("c", "d", "e");
        assertThat(waiting).allMatch(w -> w.modified() > first.next().mark());

        // listed again at once, the window is full: a run still takes one time group (progress)
        Advance second = run(first.next(), listed, 2);
        assertThat(names(second.taken())).containsExactly("c");
        assertThat(second.deferred()).isEqualTo(2);
        // listed later, the waiting files are older than the listing less the band: all are taken, none remembered
        Advance later = run(second.next(), listed, 2, T + 40 + BAND + 1);
        assertThat(names(later.taken())).containsExactly("d", "e");
        assertThat(later.deferred()).isZero();
        assertThat(later.next().window()).isEmpty();
        assertThat(run(later.next(), listed, 2, T + 40 + BAND + 1).taken()).isEmpty();
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
            Advance a = run(mark, listed, 3, T + 1_100L + 100L * runs);
            read.addAll(names(a.taken()));
            mark = a.next();
        }
        assertThat(read).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void theCapCountsOnlyFilesModifiedWithinTheBandOfTheListing() {
        List<Listed> listed = List.of(f("a", T), f("b", T + 2 * BAND), f("c", T + 4 * BAND), f("d", T + 6 * BAND));
        Advance first = run(null, listed, 1, T + 6 * BAND + 100);
        assertThat(names(first.taken())).containsExactly("a", "b", "c", "d");
        assertThat(first.deferred()).isZero();
        assertThat(first.next().window()).containsOnlyKeys(p("d"));
    }

    @Test
    void aFirstRunOverManyFilesThatLandedLongBeforeTheListingTakesThemAll() {
        List<Listed> listed = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            listed.add(f("old" + i, T + i)); // all within one band of each other, long before the listing
        }
        Advance first = run(null, listed, 1_000, T + 10_000 + 100 * BAND);
        assertThat(first.taken()).hasSize(10_000);
        assertThat(first.deferred()).isZero();
        assertThat(first.next().window()).isEmpty();
        assertThat(first.next().floor()).isEqualTo(first.next().mark());
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

        List<Listed> between = FileSelection.newSince(day3, from).stream()
                .filter(FileSelection.readBy(day3, to)::contains).toList();
        assertThat(names(between)).containsExactlyInAnyOrder("c", "late");
        assertThat(names(FileSelection.readBy(day3, to))).containsExactlyInAnyOrder("a", "b", "c", "late");
        assertThat(names(FileSelection.readBy(day3, from))).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aPlaceTheUpperRunNeverReadReadsNothing() {
        assertThat(FileSelection.readBy(List.of(f("a", T)), null)).isEmpty();
    }

    @Test
    void readByDoesNotCountARewrittenFileAsRead() {
        FileMark to = run(null, List.of(f("a", T), f("b", T + 1)), NO_CAP).next();
        assertThat(names(FileSelection.readBy(List.of(f("a", T + 50_000), f("b", T + 1)), to)))
                .containsExactly("b");
    }

    @Test
    void aZeroBandRemembersNoWindowAndTakesOnlyNewerFiles() {
        Advance zero = FileSelection.advance(null, List.of(f("a", T - 5), f("b", T)),
                List.of(f("a", T - 5), f("b", T)), T, 0L, NO_CAP);
        FileMark mark = zero.next();
        assertThat(mark.window()).isEmpty();
        assertThat(mark.isNew(p("late"), T - 1)).isFalse();
        assertThat(mark.isNew(p("late"), T + 1)).isTrue();
    }
}

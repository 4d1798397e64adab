package io.mortar.store.jdbc.contract;

import static io.mortar.store.jdbc.contract.FixedTimes.T0;
import static io.mortar.store.jdbc.contract.GlueErrors.assertGlueError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.jdbc.testing.StoreContract;
import io.mortar.store.jobs.BookmarkStore;
import io.mortar.store.jobs.StoredBookmark;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract of {@link BookmarkStore}: commits by compare-and-set, history, resets and rewinds, deletion. */
class BookmarkStoreContractTest extends StoreContract {
    private static final String DOCUMENT = "{\"Command\":{\"Name\":\"glueetl\"}}";

    private BookmarkStore bookmarks() {
        return stores().bookmarks();
    }

    private String newJob() {
        String name = unique("job");
        stores().jobs().createJob(name, DOCUMENT, T0, "arn:aws:glue:us-east-1:123456789012:job/" + name, Map.of());
        return name;
    }

    @Test
    void aJobWithoutCommitsHasNoBookmarkAndNothingToReset() {
        String job = newJob();

        assertThat(bookmarks().get(job)).isEmpty();
        assertThat(bookmarks().committedBy(job, "jr_1")).isEmpty();
        assertGlueError(GlueErrorCode.ENTITY_NOT_FOUND, () -> bookmarks().reset(job, null));
        assertGlueError(GlueErrorCode.ENTITY_NOT_FOUND, () -> bookmarks().reset(job, "jr_1"));
    }

    @Test
    void commitsAdvanceVersionAndRunAndChainTheirRuns() {
        String job = newJob();

        StoredBookmark first = bookmarks().commit(job, 0, "jr_1", 0, "{\"s3\":{\"mark\":1}}");
        StoredBookmark second = bookmarks().commit(job, 1, "jr_2", 1, "{\"s3\":{\"mark\":2}}");

        assertThat(first).isEqualTo(new StoredBookmark(job, 1, 1, 0, null, "jr_1", "{\"s3\":{\"mark\":1}}"));
        assertThat(second).isEqualTo(new StoredBookmark(job, 2, 2, 1, "jr_1", "jr_2", "{\"s3\":{\"mark\":2}}"));
        assertThat(bookmarks().get(job)).contains(second);
        assertThat(bookmarks().committedBy(job, "jr_1")).contains(first);
        assertThat(bookmarks().committedBy(job, "jr_2")).contains(second);
    }

    @Test
    void aCommitFromAnOutdatedVersionIsRefusedNamingBothAndChangesNothing() {
        String job = newJob();
        StoredBookmark first = bookmarks().commit(job, 0, "jr_1", 0, "{\"a\":1}");

        GlueException stale = assertGlueError(GlueErrorCode.CONCURRENT_MODIFICATION,
                () -> bookmarks().commit(job, 0, "jr_late", 0, "{\"a\":9}"));
        assertThat(stale.getMessage()).contains("version 1, not 0").contains("jr_late");
        assertGlueError(GlueErrorCode.CONCURRENT_MODIFICATION, () -> bookmarks().commit(job, 5, "jr_x", 0, "{}"));

        assertThat(bookmarks().get(job)).contains(first);
        assertThat(bookmarks().committedBy(job, "jr_late")).isEmpty();
    }

    @Test
    void twoRunsCommittingFromTheSameBaseAtOnceCannotBothWin() {
        for (int round = 0; round < 10; round++) {
            String job = newJob();
            int base = round % 2 == 0 ? 0 : bookmarks().commit(job, 0, "jr_base", 0, "{}").version();

            List<Race.Outcome<StoredBookmark>> outcomes = Race.run(
                    () -> bookmarks().commit(job, base, "jr_a", 0, "{\"by\":\"a\"}"),
                    () -> bookmarks().commit(job, base, "jr_b", 0, "{\"by\":\"b\"}"));

            assertThat(outcomes).as("round %d", round).filteredOn(Race.Outcome::succeeded).hasSize(1);
            assertThat(outcomes).filteredOn(o -> !o.succeeded()).singleElement().satisfies(o -> assertThat(
                    ((GlueException) o.failure()).code()).isEqualTo(GlueErrorCode.CONCURRENT_MODIFICATION));
            StoredBookmark winner = outcomes.stream().filter(Race.Outcome::succeeded).findFirst().orElseThrow()
                    .value();
            assertThat(bookmarks().get(job)).contains(winner);
            assertThat(winner.version()).isEqualTo(base + 1);
        }
    }

    @Test
    void aResetClearsTheBookmarkButKeepsItsVersionGrowingAndItsHistory() {
        String job = newJob();
        StoredBookmark first = bookmarks().commit(job, 0, "jr_1", 2, "{\"a\":1}");

        StoredBookmark cleared = bookmarks().reset(job, null);

        assertThat(cleared).as("version advanced, run and attempt kept, no state")
                .isEqualTo(new StoredBookmark(job, 2, 1, 2, null, null, null));
        assertThat(cleared.cleared()).isTrue();
        assertThat(bookmarks().get(job)).as("the cleared entry tells the next commit its base").contains(cleared);
        assertThat(bookmarks().committedBy(job, "jr_1")).contains(first);
        assertGlueError(GlueErrorCode.CONCURRENT_MODIFICATION, () -> bookmarks().commit(job, 1, "jr_stale", 0, "{}"));
        StoredBookmark after = bookmarks().commit(job, 2, "jr_2", 0, "{\"a\":2}");
        assertThat(after.version()).isEqualTo(3);
        assertThat(after.run()).isEqualTo(2);
        assertThat(after.previousRunId()).as("the reset ended the chain").isNull();
    }

    @Test
    void aClearedBookmarkCanBeResetAgainAndRewoundAndIsGoneWithTheJob() {
        String job = newJob();
        StoredBookmark first = bookmarks().commit(job, 0, "jr_1", 0, "{\"a\":1}");
        bookmarks().reset(job, null);

        StoredBookmark again = bookmarks().reset(job, null);
        StoredBookmark rewound = bookmarks().reset(job, "jr_1");

        assertThat(again.version()).isEqualTo(3);
        assertThat(again.cleared()).isTrue();
        assertThat(rewound).isEqualTo(new StoredBookmark(job, 4, 1, 0, null, "jr_1", first.bookmark()));
        bookmarks().reset(job, null);
        stores().jobs().deleteJob(job, "arn:aws:glue:us-east-1:123456789012:job/" + job);
        assertThat(bookmarks().get(job)).as("a cleared entry goes with its job").isEmpty();
    }

    @Test
    void anEntryHasBothARunAndAStateOrNeither() {
        assertThatThrownBy(() -> new StoredBookmark("j", 1, 1, 0, null, "jr_1", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoredBookmark("j", 1, 1, 0, null, null, "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aResetToARunRewindsToTheStateItCommittedAsANewVersion() {
        String job = newJob();
        StoredBookmark first = bookmarks().commit(job, 0, "jr_1", 0, "{\"a\":1}");
        bookmarks().commit(job, 1, "jr_2", 0, "{\"a\":2}");

        StoredBookmark rewound = bookmarks().reset(job, "jr_1");

        assertThat(rewound).isEqualTo(new StoredBookmark(job, 3, first.run(), first.attempt(), null, "jr_1",
                "{\"a\":1}"));
        assertThat(bookmarks().get(job)).contains(rewound);
        assertGlueError(GlueErrorCode.ENTITY_NOT_FOUND, () -> bookmarks().reset(job, "jr_never"));
        assertThat(bookmarks().get(job)).contains(rewound);
    }

    @Test
    void deletingTheJobDeletesItsBookmarkAndHistory() {
        String job = newJob();
        bookmarks().commit(job, 0, "jr_1", 0, "{\"a\":1}");
        String other = newJob();
        StoredBookmark kept = bookmarks().commit(other, 0, "jr_1", 0, "{\"b\":1}");

        stores().jobs().deleteJob(job, "arn:aws:glue:us-east-1:123456789012:job/" + job);

        assertThat(bookmarks().get(job)).isEmpty();
        assertThat(bookmarks().committedBy(job, "jr_1")).isEmpty();
        assertThat(bookmarks().get(other)).contains(kept);
        StoredBookmark again = bookmarks().commit(job, 0, "jr_9", 0, "{}");
        assertThat(again.version()).as("a job created again starts afresh").isEqualTo(1);
    }
}

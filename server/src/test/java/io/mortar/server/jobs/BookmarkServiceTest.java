package io.mortar.server.jobs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pause window's check against the store: the windows StartJobRun lets through (a run with a valid window
 * would start a driver, so the contract suite shows only the refusals).
 */
class BookmarkServiceTest {
    private Path dataDir;
    private JdbcStores stores;
    private BookmarkService service;

    @BeforeEach
    void open() {
        dataDir = StoreBackend.tempDir("mortar-bookmarks");
        stores = JdbcStores.open(StoreSettings.sqliteIn(dataDir));
        service = new BookmarkService(stores.jobs(), stores.bookmarks());
        stores.jobs().createJob("etl", "{}", Instant.EPOCH, "arn:aws:glue:us-east-1:000000000000:job/etl", Map.of());
        stores.bookmarks().commit("etl", 0, "jr_a", 0, "{}");
        stores.bookmarks().commit("etl", 1, "jr_b", 0, "{}");
    }

    @AfterEach
    void close() {
        stores.close();
        FileUtils.deleteQuietly(dataDir.toFile());
    }

    @Test
    void aWindowFromAnEarlierCommitToALaterOrTheSameOneIsAccepted() {
        assertThatCode(() -> service.checkPauseWindow("etl", new BookmarkArguments.PauseWindow("jr_a", "jr_b")))
                .doesNotThrowAnyException();
        assertThatCode(() -> service.checkPauseWindow("etl", new BookmarkArguments.PauseWindow("jr_b", "jr_b")))
                .as("an empty window reads nothing, but is no error").doesNotThrowAnyException();
    }

    @Test
    void aWindowSurvivesAResetAndARewind() {
        stores.bookmarks().reset("etl", null);
        stores.bookmarks().reset("etl", "jr_a");

        assertThatCode(() -> service.checkPauseWindow("etl", new BookmarkArguments.PauseWindow("jr_a", "jr_b")))
                .as("a rewind is no commit: the runs keep their order").doesNotThrowAnyException();
        assertThatThrownBy(() -> service.checkPauseWindow("etl", new BookmarkArguments.PauseWindow("jr_b", "jr_a")))
                .hasMessageContaining("committed after");
    }
}

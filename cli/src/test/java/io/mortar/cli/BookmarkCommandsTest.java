package io.mortar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.model.GlueJson;
import io.mortar.model.bookmark.BookmarkDocument;
import io.mortar.model.bookmark.FileMark;
import io.mortar.model.bookmark.FilesBookmark;
import io.mortar.model.bookmark.JdbcBookmark;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.jobs.BookmarkStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobBookmarkEntry;

/**
 * {@code mortar bookmark} and {@code mortar reset-bookmark} against a real server; a run's commit is simulated through
 * the server's store, as a succeeded run's end does it.
 */
class BookmarkCommandsTest {
    private static final Instant MARK = Instant.parse("2026-12-01T06:00:00Z");
    private static final Instant MARK_2 = Instant.parse("2026-12-02T06:00:00Z");
    /** Longer than a table cell may be elsewhere: a path is printed whole. */
    private static final String LONG_LOCATION = "s3://lake/orders/day=2/region=eu-west-1"
            + "/source=point-of-sale-terminals/hour=06/minute=00/";

    private static TestServer server;
    private static GlueClient glue;

    @BeforeAll
    static void start() {
        server = TestServer.start(StoreBackend.SQLITE);
        glue = server.client();
    }

    @AfterAll
    static void stop() {
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static CliRun mortar(String... args) {
        return CliRun.against(server, args);
    }

    private static BookmarkStore bookmarks() {
        return server.server().stores().bookmarks();
    }

    private static String newJob() {
        String name = "nightly_" + UUID.randomUUID().toString().substring(0, 8);
        glue.createJob(b -> b.name(name).role("glue").command(c -> c.scriptLocation("/jobs/nightly.sql")));
        return name;
    }

    /** Files read from two partitions (twelve of them in the first one's window) and a JDBC table. */
    private static String state() {
        Map<String, Long> window = new LinkedHashMap<>();
        for (int i = 1; i <= 12; i++) {
            window.put(String.format("s3://lake/orders/day=1/part-%02d.csv", i), MARK.toEpochMilli() - i * 1000L);
        }
        FilesBookmark orders = new FilesBookmark("sales.orders", 900_000, 1000, Map.of(
                "s3://lake/orders/day=1/", new FileMark(MARK.toEpochMilli(), MARK.toEpochMilli() - 900_000L, window),
                LONG_LOCATION, new FileMark(MARK_2.toEpochMilli(), MARK_2.toEpochMilli(), Map.of())));
        JdbcBookmark customers = new JdbcBookmark("postgresql:public.customers", List.of("region", "id"), true,
                List.of("eu", 1234L));
        return new BookmarkDocument(Map.of("orders", orders, "customers", customers)).toJson();
    }

    /** The printed lines cut at blank lines. */
    private static List<List<String>> blocks(CliRun run) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : run.lines()) {
            if (line.isEmpty()) {
                blocks.add(block);
                block = new ArrayList<>();
            } else {
                block.add(line);
            }
        }
        blocks.add(block);
        return blocks;
    }

    @Test
    void bookmarkPrintsTheEntryAndWhatTheNextRunSkipsPerContext() {
        String job = newJob();
        bookmarks().commit(job, 0, "jr_first", 0, "{\"contexts\":{}}");
        bookmarks().commit(job, 1, "jr_second", 1, state());

        CliRun run = mortar("bookmark", job);

        assertThat(run.exit()).as(run.err()).isZero();
        List<List<String>> blocks = blocks(run);
        assertThat(blocks.get(0)).containsExactly("Job:           " + job, "Version:       2",
                "Run:           2", "Attempt:       1", "Run id:        jr_second", "Previous run:  jr_first");
        // contexts in name order: customers, then orders
        List<String> jdbc = blocks.get(1);
        assertThat(jdbc.get(0)).isEqualTo("Context customers: JDBC table postgresql:public.customers");
        assertThat(jdbc.get(1)).isEqualTo("The next run reads only the rows whose keys (region, id) come after the"
                + " last values read, in descending order.");
        PrintedTable keys = PrintedTable.read(jdbc.subList(2, jdbc.size()));
        assertThat(keys.column("KEY")).containsExactly("region", "id");
        assertThat(keys.column("ORDER")).containsExactly("desc", "desc");
        assertThat(keys.column("LAST VALUE")).containsExactly("eu", "1234");

        List<String> files = blocks.get(2);
        assertThat(files.get(0)).isEqualTo("Context orders: files of sales.orders, 2 location(s); maxBand 900000 ms,"
                + " maxFilesInBand 1000");
        assertThat(files.get(1)).isEqualTo("The next run skips the files of a location modified at or before its"
                + " mark, except those after its floor that are not in its window with the same time (files listed"
                + " late).");
        PrintedTable locations = PrintedTable.read(files.subList(2, files.size()));
        assertThat(locations.column("LOCATION")).containsExactly("s3://lake/orders/day=1/", LONG_LOCATION);
        assertThat(locations.column("MARK (UTC)")).containsExactly("2026-12-01T06:00:00Z", "2026-12-02T06:00:00Z");
        assertThat(locations.column("FLOOR (UTC)")).containsExactly("2026-12-01T05:45:00Z", "2026-12-02T06:00:00Z");
        assertThat(locations.column("WINDOW FILES")).containsExactly("12", "0");

        List<String> window = blocks.get(3);
        assertThat(window.get(0)).isEqualTo("Window: 12 file(s), the first 10:");
        PrintedTable listed = PrintedTable.read(window.subList(1, window.size()));
        assertThat(listed.column("FILE")).hasSize(10).first().isEqualTo("s3://lake/orders/day=1/part-01.csv");
        assertThat(listed.column("MODIFIED (UTC)")).first().isEqualTo("2026-12-01T05:59:59Z");
        assertThat(blocks).hasSize(4);
    }

    @Test
    void filesLimitsTheListedWindowAndRunShowsARunsState() {
        String job = newJob();
        bookmarks().commit(job, 0, "jr_first", 0, state());
        bookmarks().commit(job, 1, "jr_second", 0, "{\"contexts\":{}}");

        CliRun all = mortar("bookmark", job, "--run", "jr_first", "--files", "20");
        CliRun current = mortar("bookmark", job);

        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out()).contains("Run id:        jr_first").contains("Previous run:  -")
                .contains("Window: 12 file(s):");
        assertThat(PrintedTable.read(blocks(all).get(3).subList(1, 15)).column("FILE")).hasSize(12)
                .last().isEqualTo("s3://lake/orders/day=1/part-12.csv");
        assertThat(current.out()).contains("No transformation context is bookmarked: the next run reads everything");
    }

    @Test
    void aJobWithoutABookmarkAndAnUnknownJobAreErrors() {
        String job = newJob();

        CliRun none = mortar("bookmark", job);
        CliRun unknown = mortar("bookmark", "no_such_job");
        CliRun negative = mortar("bookmark", job, "--files", "-1");
        CliRun noRun = mortar("reset-bookmark", job, "--run", "jr_none");

        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.out()).isEmpty();
        assertThat(none.err().strip()).isEqualTo("error: EntityNotFoundException: No run of job " + job
                + " has committed a bookmark.");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("EntityNotFoundException").contains("no_such_job");
        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.err()).contains("--files must be at least 0, not -1");
        assertThat(noRun.exit()).isEqualTo(2);
        assertThat(noRun.err()).contains("EntityNotFoundException").contains(job);
    }

    @Test
    void resetBookmarkClearsOrRewindsAndPrintsTheEntry() {
        String job = newJob();
        bookmarks().commit(job, 0, "jr_first", 0, state());
        bookmarks().commit(job, 1, "jr_second", 0, "{\"contexts\":{}}");

        CliRun cleared = mortar("reset-bookmark", job);

        assertThat(cleared.exit()).as(cleared.err()).isZero();
        assertThat(blocks(cleared).get(0)).containsExactly("Reset the bookmark of job " + job
                + ": the next run reads everything.");
        assertThat(blocks(cleared).get(1)).contains("Version:       3", "Run id:        -");
        assertThat(blocks(cleared).get(2)).containsExactly(
                "No state: the bookmark was reset, so the next run reads everything.");
        assertThat(mortar("bookmark", job).out()).as("the bookmark after the reset")
                .contains("Version:       3").contains("No state: the bookmark was reset");

        CliRun rewound = mortar("reset-bookmark", job, "--run", "jr_first");

        assertThat(rewound.exit()).as(rewound.err()).isZero();
        assertThat(blocks(rewound).get(0)).containsExactly("Rewound the bookmark of job " + job
                + " to the state run jr_first committed.");
        assertThat(blocks(rewound).get(1)).contains("Version:       4", "Run id:        jr_first");
        assertThat(rewound.out()).contains("Context orders: files of sales.orders")
                .contains("Window: 12 file(s) (listed by mortar bookmark " + job + ").");
        assertThat(mortar("bookmark", job).out()).contains("Version:       4")
                .contains("Window: 12 file(s), the first 10:");
    }

    @Test
    void jsonPrintsGluesEntry() {
        String job = newJob();
        bookmarks().commit(job, 0, "jr_first", 0, state());

        CliRun run = mortar("bookmark", job, "-o", "json");

        assertThat(run.exit()).as(run.err()).isZero();
        String entry = run.out().strip();
        JobBookmarkEntry parsed = GlueJson.read(entry.substring(entry.indexOf('{'), entry.lastIndexOf('}') + 1),
                JobBookmarkEntry.builder());
        assertThat(parsed).isEqualTo(JobBookmarkEntry.builder().jobName(job).version(1).run(1).attempt(0)
                .runId("jr_first").jobBookmark(state()).build());
    }
}

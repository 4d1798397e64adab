package io.mortar.it.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.it.harness.ItSpark;
import io.mortar.model.bookmark.BookmarkDocument;
import io.mortar.model.bookmark.FilesBookmark;
import io.mortar.runtime.MortarContext;
import io.mortar.runtime.bookmark.BookmarkMode;
import io.mortar.runtime.bookmark.JobBookmarks;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Bookmarked reads of catalog tables against a real Mortar server (tables and partitions through the Glue API, data
 * in local folders): {@code fromCatalog} per partition, and SQL statements whose reads of catalog tables, wherever
 * they name them, take only the new files. Consecutive runs share the committed bookmark the way the server keeps it
 * (an in-memory compare-and-set here; the server's own is tested end to end through StartJobRun).
 */
class BookmarkedCatalogReadsTest {
    private static final long HOUR = 3_600_000L;

    @TempDir
    static Path dir;

    private static TestServer server;
    private static GlueClient glue;
    private static final SparkSession spark = ItSpark.get();
    private static int tables;

    private final Committed store = new Committed();
    private final long base = System.currentTimeMillis() - 24 * HOUR;
    private String table;

    @BeforeAll
    static void setUp() {
        server = TestServer.start(StoreBackend.SQLITE);
        glue = server.client();
        glue.createDatabase(r -> r.databaseInput(d -> d.name("lake")));
    }

    @AfterAll
    static void tearDown() {
        if (server != null) {
            glue.close();
            server.close();
        }
    }

    @BeforeEach
    void newTable() {
        table = "events" + (++tables);
    }

    @Test
    void aPartitionedTableIsReadOncePartitionByPartition() throws IOException {
        registerPartitioned("1", "2");
        write("day=1/a.csv", "1,a\n2,b\n", base);
        write("day=2/b.csv", "3,c\n", base + HOUR);

        Run first = new Run("enable");
        assertThat(ids(first.fromCatalog())).containsExactly(1L, 2L, 3L);
        first.succeed();

        Run second = new Run("enable");
        Dataset<Row> nothing = second.fromCatalog();
        assertThat(nothing.count()).isZero();
        assertThat(nothing.columns()).as("the table's columns").containsExactly("id", "note", "day");
        second.succeed();

        // a new file in an old partition (older than the mark: only its partition's own mark counts), and a new
        // partition whose file is older still (copied in with its time): both are read, once
        write("day=1/c.csv", "4,d\n", base + 2 * HOUR);
        write("day=3/old.csv", "5,e\n", base - 5 * HOUR);
        glue.batchCreatePartition(r -> r.databaseName("lake").tableName(table).partitionInputList(partition("3")));
        Run third = new Run("enable");
        assertThat(rows(third.fromCatalog().select("id", "day"))).containsExactly("4|1", "5|3");
        third.succeed();
        assertThat(new Run("enable").fromCatalog().count()).isZero();

        FilesBookmark state = (FilesBookmark) store.current().contexts().get("events");
        assertThat(state.target()).isEqualTo("lake." + table);
        assertThat(state.slices()).hasSize(3);
    }

    @Test
    void sqlReadsOnlyTheNewFilesWhereverAStatementNamesTheTable() throws IOException {
        registerPartitioned("1");
        write("day=1/a.csv", "1,a\n2,b\n", base);
        Run first = new Run("enable");
        assertThat(longs(first.sql("SELECT id FROM lake." + table))).containsExactly(1L, 2L);
        first.succeed();

        write("day=1/b.csv", "3,c\n4,d\n", base + HOUR);
        Run second = new Run("enable");
        String t = "lake." + table;
        assertThat(longs(second.sql("SELECT id FROM " + t + " ORDER BY id"))).containsExactly(3L, 4L);
        assertThat(longs(second.sql("WITH fresh AS (SELECT * FROM " + t + ") SELECT id FROM fresh ORDER BY id")))
                .as("in a CTE").containsExactly(3L, 4L);
        assertThat(longs(second.sql("SELECT count(*) FROM (SELECT 1 AS one) x WHERE one IN (SELECT 1 FROM " + t
                + " WHERE id < 3)"))).as("in a subquery: ids 1 and 2 are old").containsExactly(0L);
        assertThat(longs(second.sql("SELECT max(" + table + ".id) FROM " + t))).as("qualified columns")
                .containsExactly(4L);
        second.succeed();
        assertThat(longs(new Run("enable").sql("SELECT count(*) FROM " + t))).containsExactly(0L);
        assertThat(store.current().contexts()).containsOnlyKeys("lake." + table);
    }

    @Test
    void sqlWithBookmarksDisabledReadsEverything() throws IOException {
        registerPartitioned("1");
        write("day=1/a.csv", "1,a\n", base);
        Run first = new Run("enable");
        first.sql("SELECT * FROM lake." + table).count();
        first.succeed();
        assertThat(longs(new Run("disable").sql("SELECT count(*) FROM lake." + table))).containsExactly(1L);
    }

    /** A run: a context of its own whose sources read through the bookmark in {@code mode}. */
    private final class Run {
        final JobBookmarks bookmarks;
        final MortarContext mortar = MortarContext.create(spark, glue);

        Run(String mode) {
            bookmarks = new JobBookmarks(BookmarkMode.of(Map.of(BookmarkMode.OPTION, "job-bookmark-" + mode)),
                    "daily", store);
            mortar.transformationContexts().bookmarks(bookmarks);
        }

        Dataset<Row> fromCatalog() {
            return mortar.fromCatalog("lake", table).transformationContext("events").dataFrame();
        }

        Dataset<Row> sql(String statement) {
            return mortar.sql(statement);
        }

        void succeed() {
            bookmarks.commit();
            store.succeeded(bookmarks);
        }
    }

    /** The committed bookmark: stored only when the run built on the current version, as the server does. */
    private static final class Committed implements JobBookmarks.Committed {
        int version;
        String document;

        @Override
        public Optional<JobBookmarks.Entry> read(String runId) {
            return version == 0 ? Optional.empty() : Optional.of(new JobBookmarks.Entry(version, document));
        }

        void succeeded(JobBookmarks bookmarks) {
            JobBookmarks.Staged staged = bookmarks.committed().orElseThrow();
            assertThat(staged.baseVersion()).isEqualTo(version);
            version++;
            document = staged.document();
        }

        BookmarkDocument current() {
            return BookmarkDocument.parse(document);
        }
    }

    private void registerPartitioned(String... days) {
        glue.createTable(r -> r.databaseName("lake").tableInput(TableInput.builder().name(table)
                .parameters(Map.of("classification", "csv")).storageDescriptor(sd(dir.resolve(table)))
                .partitionKeys(column("day", "int")).build()));
        List<PartitionInput> partitions = new ArrayList<>();
        for (String day : days) {
            partitions.add(partition(day));
        }
        glue.batchCreatePartition(r -> r.databaseName("lake").tableName(table).partitionInputList(partitions));
    }

    private PartitionInput partition(String day) {
        return PartitionInput.builder().values(day).storageDescriptor(sd(dir.resolve(table).resolve("day=" + day)))
                .build();
    }

    private static StorageDescriptor sd(Path location) {
        return StorageDescriptor.builder().location(location.toUri().toString())
                .columns(column("id", "bigint"), column("note", "string"))
                .serdeInfo(SerDeInfo.builder().serializationLibrary(
                        "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe").parameters(Map.of("field.delim", ","))
                        .build())
                .build();
    }

    private static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }

    private void write(String relative, String text, long modified) throws IOException {
        Path file = dir.resolve(table).resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(modified));
    }

    private static List<Long> ids(Dataset<Row> df) {
        return longs(df.select("id").orderBy("id"));
    }

    private static List<Long> longs(Dataset<Row> df) {
        List<Long> out = new ArrayList<>();
        for (Row row : df.collectAsList()) {
            out.add(((Number) row.get(0)).longValue());
        }
        return out;
    }

    private static List<String> rows(Dataset<Row> df) {
        List<String> out = new ArrayList<>();
        for (Row row : df.orderBy(df.columns()[0]).collectAsList()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                values.add(String.valueOf(row.get(i)));
            }
            out.add(String.join("|", values));
        }
        return out;
    }
}

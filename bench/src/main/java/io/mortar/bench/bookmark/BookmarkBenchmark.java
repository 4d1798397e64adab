package io.mortar.bench.bookmark;

import io.mortar.bench.LoadAverage;
import io.mortar.bench.jobs.GlueClients;
import io.mortar.bench.jobs.LocalSpark;
import io.mortar.bench.jobs.Medians;
import io.mortar.bench.jobs.ServerProcess;
import io.mortar.model.bookmark.BookmarkDocument;
import io.mortar.model.bookmark.FileMark;
import io.mortar.model.bookmark.FileSelection;
import io.mortar.model.bookmark.FilesBookmark;
import io.mortar.runtime.MortarContext;
import io.mortar.runtime.bookmark.BookmarkMode;
import io.mortar.runtime.bookmark.JobBookmarks;
import io.mortar.runtime.io.FileLister;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;

/**
 * Issue 13's benchmark: a catalog table of 10,000 small CSV files of which 10 are new since the bookmark. The
 * bookmarked read (the 10 files' rows) against a full read of the same table through the same runtime, alternating,
 * in one Spark session, as a ratio; and, apart, how long listing the table's files and choosing the new ones take.
 * Two layouts: {@code partitioned} (100 partitions of 100 files, the new files spread over 10 partitions) and
 * {@code flat} (one folder of 10,000 files: one listing, a window over every file).
 *
 * <p>Runs on the driver class path with the Mortar server in its own JVM, from the repository root: {@code java
 * <Spark's --add-opens> -cp 'bench/target/mortar-bench.jar:runtime/target/jars/*'
 * io.mortar.bench.bookmark.BookmarkBenchmark [--files 10000] [--new 10] [--rounds 6] [--warmup 2]}.
 */
public final class BookmarkBenchmark {
    private static final long HOUR_MS = 3_600_000L;
    private static final int MAX_FILES_IN_BAND = 100_000;

    private BookmarkBenchmark() {}

    private record Settings(int files, int newFiles, int rounds, int warmup, List<String> layouts) {}

    public static void main(String[] args) throws Exception {
        int files = 10_000;
        int newFiles = 10;
        int rounds = 6;
        int warmup = 2;
        List<String> layouts = List.of("partitioned", "flat");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--files" -> files = Integer.parseInt(args[++i]);
                case "--new" -> newFiles = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--layouts" -> layouts = List.of(args[++i].split(","));
                default -> {
                    System.err.println("usage: BookmarkBenchmark [--files 10000] [--new 10] [--rounds 6]"
                            + " [--warmup 2] [--layouts partitioned,flat]");
                    System.exit(2);
                }
            }
        }
        run(new Settings(files, newFiles, rounds, warmup, layouts));
        System.exit(0);
    }

    private static void run(Settings settings) throws Exception {
        Path work = Files.createTempDirectory("mortar-bookmark-bench");
        String loadAtStart = LoadAverage.now();
        SparkSession spark = LocalSpark.session("bookmark-bench");
        List<String> lines = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(Path.of(System.getProperty("mortar.root", ".")),
                work.resolve("data"));
             GlueClient glue = GlueClients.of(server);
             MortarContext mortar = MortarContext.create(spark, glue)) {
            glue.createDatabase(r -> r.databaseInput(d -> d.name("bench")));
            for (String layout : settings.layouts()) {
                lines.add(layout(spark, glue, mortar, work, layout, settings));
            }
        }
        System.out.println();
        System.out.println("=== Mortar job bookmark benchmark ===");
        System.out.printf("machine: %d cores, Java %s; local[2]; %,d CSV files of 20 rows, %d of them new; %d warm-up"
                + " and %d counted rounds per layout, the two reads alternating; load average %s at start, %s at"
                + " end%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                settings.files(), settings.newFiles(), settings.warmup(), settings.rounds(), loadAtStart,
                LoadAverage.now());
        System.out.printf("%-12s %12s %14s %10s %12s %12s %15s %12s%n", "layout", "full ms", "bookmarked ms",
                "ratio", "listing ms", "choosing ms", "first run ms", "first/full");
        lines.forEach(System.out::println);
        System.out.println("(medians; ratio: the median of each round's full time over its bookmarked time; listing:"
                + " every place's files with their times; choosing: FileSelection over them; first run: a bookmarked"
                + " run of a job that has no bookmark yet, every file new, and first/full the median of its time over"
                + " the full read's, round by round)");
    }

    /** One layout: generate, register, take the bookmark, add the new files, then the rounds. */
    private static String layout(SparkSession spark, GlueClient glue, MortarContext mortar, Path work, String layout,
                                 Settings settings) throws IOException {
        boolean partitioned = layout.equals("partitioned");
        int places = partitioned ? 100 : 1;
        Path root = work.resolve("lake").resolve(layout);
        String table = "events_" + layout;
        long old = System.currentTimeMillis() - 2 * HOUR_MS; // the old files are well outside the band
        System.err.printf("%s: writing %,d files in %d folders%n", layout, settings.files(), places);
        List<Path> folders = new ArrayList<>();
        for (int p = 0; p < places; p++) {
            Path folder = partitioned ? root.resolve("day=" + p) : root;
            Files.createDirectories(folder);
            folders.add(folder);
        }
        for (int f = 0; f < settings.files(); f++) {
            write(folders.get(f % places).resolve("part-" + f + ".csv"), f, old + f);
        }
        register(glue, table, root, partitioned ? places : 0);
        // the bookmark a first run leaves, taken through the runtime itself
        InMemoryBookmark committed = new InMemoryBookmark();
        long all = read(mortar, table, committed, BookmarkMode.Kind.ENABLE);
        committed.commitFrom(mortar);
        if (all != 20L * settings.files()) {
            throw new IllegalStateException("the first bookmarked read took " + all + " rows, not "
                    + 20L * settings.files());
        }
        long now = System.currentTimeMillis();
        for (int n = 0; n < settings.newFiles(); n++) {
            // spread over as many partitions as there are new files (each a listing the run must do anyway)
            write(folders.get(n * places / Math.max(1, settings.newFiles())).resolve("new-" + n + ".csv"),
                    settings.files() + n, now + n);
        }
        List<Double> full = new ArrayList<>();
        List<Double> bookmarked = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> listing = new ArrayList<>();
        List<Double> choosing = new ArrayList<>();
        List<Double> allNew = new ArrayList<>();
        List<Double> allNewRatios = new ArrayList<>();
        InMemoryBookmark never = new InMemoryBookmark(); // a job's first run: no bookmark, every file new
        long expectedNew = 20L * settings.newFiles();
        long expectedAll = 20L * (settings.files() + settings.newFiles());
        for (int round = 1 - settings.warmup(); round <= settings.rounds(); round++) {
            long[] rows = new long[3];
            double fullMs;
            double bookmarkedMs;
            double allNewMs;
            if (round % 2 != 0) {
                fullMs = time(() -> rows[0] = read(mortar, table, committed, BookmarkMode.Kind.DISABLE));
                bookmarkedMs = time(() -> rows[1] = read(mortar, table, committed, BookmarkMode.Kind.PAUSE));
                allNewMs = time(() -> rows[2] = read(mortar, table, never, BookmarkMode.Kind.ENABLE));
            } else {
                allNewMs = time(() -> rows[2] = read(mortar, table, never, BookmarkMode.Kind.ENABLE));
                bookmarkedMs = time(() -> rows[1] = read(mortar, table, committed, BookmarkMode.Kind.PAUSE));
                fullMs = time(() -> rows[0] = read(mortar, table, committed, BookmarkMode.Kind.DISABLE));
            }
            if (rows[0] != expectedAll || rows[1] != expectedNew || rows[2] != expectedAll) {
                throw new IllegalStateException(String.format("round %d read %d rows in full (expected %d), %d"
                        + " bookmarked (expected %d) and %d on a first run (expected %d)", round, rows[0],
                        expectedAll, rows[1], expectedNew, rows[2], expectedAll));
            }
            double[] split = listAndChoose(spark, folders, committed, partitioned, root);
            System.err.printf("%s %s %d: full %.0f ms, bookmarked %.0f ms (%,d rows), first run %.0f ms, listing %.0f"
                    + " ms, choosing %.1f ms%n", layout, round < 1 ? "warm-up" : "round",
                    round < 1 ? round + settings.warmup() : round, fullMs, bookmarkedMs, rows[1], allNewMs, split[0],
                    split[1]);
            if (round >= 1) {
                full.add(fullMs);
                bookmarked.add(bookmarkedMs);
                ratios.add(fullMs / bookmarkedMs);
                listing.add(split[0]);
                choosing.add(split[1]);
                allNew.add(allNewMs);
                allNewRatios.add(allNewMs / fullMs);
            }
        }
        return String.format("%-12s %12.0f %14.0f %10.1f %12.0f %12.1f %15.0f %12.2f", layout, Medians.of(full),
                Medians.of(bookmarked), Medians.of(ratios), Medians.of(listing), Medians.of(choosing),
                Medians.of(allNew), Medians.of(allNewRatios));
    }

    /**
     * A read of the table as a job with bookmarks in {@code kind} does it; {@code PAUSE} filters by the bookmark
     * without recording, so every round reads the same 10 files.
     */
    private static long read(MortarContext mortar, String table, InMemoryBookmark committed, BookmarkMode.Kind kind) {
        mortar.transformationContexts().bookmarks(new JobBookmarks(
                new BookmarkMode(kind, Optional.empty(), Optional.empty()), "bench", committed));
        // every new file is modified within maxBand of the listing: the window must hold them all to take them in one
        // run (with Glue's 1,000, a run over 5,000 such files takes 1,000 and leaves the rest for a later listing)
        return mortar.fromCatalog("bench", table).transformationContext("events")
                .option("maxFilesInBand", MAX_FILES_IN_BAND).dataFrame().count();
    }

    /** Listing every place's files with their times, then choosing the new ones, timed apart. */
    private static double[] listAndChoose(SparkSession spark, List<Path> folders, InMemoryBookmark committed,
                                          boolean partitioned, Path root) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        FileLister lister = new FileLister(hadoop);
        Map<String, List<FileSelection.Listed>> listed = new LinkedHashMap<>();
        long listedAt = System.currentTimeMillis();
        double listingMs = time(() -> {
            for (Path folder : folders) {
                String place = folder.toUri().toString();
                listed.put(place, lister.listWithTimes(List.of(place), true, List.of()));
            }
        });
        FilesBookmark state = (FilesBookmark) BookmarkDocument.parse(committed.document).contexts().get("events");
        int[] chosen = new int[1];
        double choosingMs = time(() -> {
            for (Map.Entry<String, List<FileSelection.Listed>> place : listed.entrySet()) {
                FileMark mark = state.slices().get(place.getKey());
                List<FileSelection.Listed> candidates = FileSelection.newSince(place.getValue(), mark);
                chosen[0] += FileSelection.advance(mark, place.getValue(), candidates, listedAt, state.maxBand(),
                        state.maxFilesInBand()).taken().size();
            }
        });
        if (chosen[0] == 0) {
            throw new IllegalStateException("listing " + folders.size() + " places under " + root
                    + " found no new file: the places are not the bookmark's (" + state.slices().keySet() + ")");
        }
        return new double[] {listingMs, choosingMs};
    }

    /** The committed bookmark, kept in memory: what GetJobBookmark would return. */
    private static final class InMemoryBookmark implements JobBookmarks.Committed {
        int version;
        String document;

        @Override
        public Optional<JobBookmarks.Entry> read(String runId) {
            return document == null ? Optional.empty() : Optional.of(new JobBookmarks.Entry(version, document));
        }

        void commitFrom(MortarContext mortar) {
            JobBookmarks bookmarks = mortar.transformationContexts().bookmarks();
            bookmarks.commit();
            JobBookmarks.Staged staged = bookmarks.committed().orElseThrow();
            version = staged.baseVersion() + 1;
            document = staged.document();
        }
    }

    private static void write(Path file, int index, long modified) throws IOException {
        StringBuilder csv = new StringBuilder("id,amount,note\n");
        for (int r = 0; r < 20; r++) {
            csv.append(index * 20L + r).append(',').append(r * 0.25).append(",n").append(r % 7).append('\n');
        }
        Files.writeString(file, csv);
        Files.setLastModifiedTime(file, FileTime.fromMillis(modified));
    }

    private static void register(GlueClient glue, String table, Path root, int partitions) {
        StorageDescriptor sd = StorageDescriptor.builder()
                .columns(Column.builder().name("id").type("bigint").build(),
                        Column.builder().name("amount").type("double").build(),
                        Column.builder().name("note").type("string").build())
                .location(root.toUri().toString())
                .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                .serdeInfo(SerDeInfo.builder().serializationLibrary(
                        "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                        .parameters(Map.of("field.delim", ",")).build())
                .build();
        glue.createTable(r -> r.databaseName("bench").tableInput(t -> t.name(table).storageDescriptor(sd)
                .parameters(Map.of("classification", "csv", "skip.header.line.count", "1"))
                .partitionKeys(partitions > 0 ? List.of(Column.builder().name("day").type("int").build())
                        : List.of())));
        List<PartitionInput> inputs = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            inputs.add(PartitionInput.builder().values(String.valueOf(p)).storageDescriptor(sd.toBuilder()
                    .location(root.resolve("day=" + p).toUri().toString()).build()).build());
        }
        for (int from = 0; from < inputs.size(); from += 100) {
            List<PartitionInput> batch = inputs.subList(from, Math.min(inputs.size(), from + 100));
            glue.batchCreatePartition(r -> r.databaseName("bench").tableName(table).partitionInputList(batch));
        }
    }

    private static double time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }
}

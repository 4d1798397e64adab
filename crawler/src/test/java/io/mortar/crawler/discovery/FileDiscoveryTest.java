package io.mortar.crawler.discovery;

import static io.mortar.crawler.testing.SampleFiles.avro;
import static io.mortar.crawler.testing.SampleFiles.csv;
import static io.mortar.crawler.testing.SampleFiles.gzip;
import static io.mortar.crawler.testing.SampleFiles.jsonLines;
import static io.mortar.crawler.testing.SampleFiles.orc;
import static io.mortar.crawler.testing.SampleFiles.parquet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.crawler.ClassifierOptions;
import io.mortar.crawler.FileClassifier;
import io.mortar.crawler.custom.CustomClassifiers;
import io.mortar.model.glob.GlueGlob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDiscoveryTest {
    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    private void put(String relative, byte[] bytes) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private FileDiscoveryResult crawl(String include, List<String> exclusions, Integer sampleSize, Integer tableLevel,
                                      boolean combine, EarlierCrawls incremental) throws IOException {
        FileSystem fs = FileSystem.getLocal(conf);
        Path root = dir.resolve(include);
        FileTarget target = new FileTarget("file://" + root + "/", new org.apache.hadoop.fs.Path(root.toUri()),
                exclusions.stream().map(GlueGlob::compile).toList(), sampleSize);
        FileDiscovery discovery = new FileDiscovery(new FileClassifier(conf, ClassifierOptions.defaults(),
                CustomClassifiers.none()), new FileDiscovery.Settings(tableLevel, combine, 3, () -> false,
                new CrawlProgress()));
        return discovery.discover(fs, target, incremental);
    }

    private FileDiscoveryResult crawl(String include) throws IOException {
        return crawl(include, List.of(), null, null, false, EarlierCrawls.NONE);
    }

    private static DiscoveredTable table(FileDiscoveryResult r, String name) {
        return r.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() ->
                new AssertionError("no table " + name + " in " + r.tables().stream().map(DiscoveredTable::name).toList()));
    }

    private static List<String> columns(DiscoveredTable t) {
        return t.columns().stream().map(c -> c.name() + ":" + c.typeName()).toList();
    }

    private static Map<String, Object> record(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    private void writeLake() throws IOException {
        put("lake/sales/year=2024/month=1/part-0.parquet", parquet(0, 100));
        put("lake/sales/year=2024/month=2/part-0.parquet", parquet(100, 50));
        put("lake/sales/year=2025/month=1/part-0.parquet", parquet(150, 25));
        put("lake/sales/year=2025/month=1/_SUCCESS", "".getBytes(StandardCharsets.UTF_8));
        put("lake/sales/year=2025/month=1/.part-0.parquet.crc", "crc".getBytes(StandardCharsets.UTF_8));
        put("lake/logs/2024/01/a.csv", csv(List.of("id", "level", "msg"), List.of(List.of(1, "INFO", "up"),
                List.of(2, "WARN", "slow"))));
        put("lake/logs/2024/02/b.csv", csv(List.of("id", "level", "msg"), List.of(List.of(3, "INFO", "ok"),
                List.of(4, "ERROR", "down"))));
        put("lake/events/dt=2024-01-01/x.json.gz", gzip(jsonLines(List.of(
                record("id", 1, "amount", 10, "note", "a", "day", 1),
                record("id", 2, "amount", 11, "note", "b", "day", 1)))));
        put("lake/events/dt=2024-01-02/y.json.gz", gzip(jsonLines(List.of(
                record("id", 3, "amount", 2.5, "note", "c", "day", 2, "extra", "x")))));
        put("lake/clicks/part-0.avro", avro(0, 10));
        put("lake/clicks/part-1.avro", avro(10, 10));
        put("lake/metrics/region=eu/a.orc", orc(0, 30));
        put("lake/metrics/region=us/b.orc", orc(30, 20));
        put("lake/notes.csv", csv(List.of("id", "text"), List.of(List.of(1, "hello"), List.of(2, "world"))));
        put("lake/tmp/scratch/junk.csv", csv(List.of("x", "y"), List.of(List.of(1, 2), List.of(3, 4))));
    }

    @Test
    void aLakeBecomesOneTablePerDatasetWithPartitionsFromItsFolders() throws IOException {
        writeLake();
        FileDiscoveryResult r = crawl("lake", List.of("tmp/**"), null, null, false, EarlierCrawls.NONE);
        String lake = "file://" + dir.resolve("lake") + "/";

        assertThat(r.tables()).extracting(DiscoveredTable::name)
                .containsExactlyInAnyOrder("sales", "logs", "events", "clicks", "metrics", "notes_csv");
        assertThat(r.notes()).anyMatch(n -> n.startsWith(lake + " is not one table: 1 file(s) lie beside folders"));

        DiscoveredTable sales = table(r, "sales");
        assertThat(sales.location()).isEqualTo(lake + "sales/");
        assertThat(sales.classification()).isEqualTo("parquet");
        assertThat(columns(sales)).containsExactly("id:bigint", "name:string", "amount:double");
        assertThat(sales.partitionKeys()).containsExactly("year", "month");
        assertThat(sales.partitions()).extracting(DiscoveredPartition::values)
                .containsExactly(List.of("2024", "1"), List.of("2024", "2"), List.of("2025", "1"));
        assertThat(sales.partitions().get(2).location()).isEqualTo(lake + "sales/year=2025/month=1/");
        assertThat(sales.parameters()).containsEntry("classification", "parquet").containsEntry("recordCount", "175")
                .containsEntry("objectCount", "3").containsEntry("compressionType", "none")
                .containsEntry("typeOfData", "file");
        assertThat(sales.partitions().get(0).parameters()).containsEntry("recordCount", "100")
                .containsEntry("objectCount", "1");
        assertThat(sales.reason()).contains("3 partition folder(s)");

        DiscoveredTable logs = table(r, "logs");
        assertThat(logs.partitionKeys()).containsExactly("partition_0", "partition_1");
        assertThat(logs.partitions()).extracting(DiscoveredPartition::values)
                .containsExactly(List.of("2024", "01"), List.of("2024", "02"));
        assertThat(columns(logs)).containsExactly("id:bigint", "level:string", "msg:string");
        assertThat(logs.parameters()).containsEntry("delimiter", ",").containsEntry("skip.header.line.count", "1")
                .containsEntry("recordCount", "4");

        DiscoveredTable events = table(r, "events");
        assertThat(events.partitionKeys()).containsExactly("dt");
        assertThat(columns(events)).as("types widen across partitions; new columns are appended")
                .containsExactly("id:int", "amount:double", "note:string", "day:int", "extra:string");
        assertThat(events.parameters()).containsEntry("compressionType", "gzip").containsEntry("classification", "json");
        assertThat(events.storageFormat().serdeParameters()).containsEntry("paths", "amount,day,extra,id,note");
        assertThat(events.partitions().get(0).columns()).hasSize(4);

        DiscoveredTable clicks = table(r, "clicks");
        assertThat(clicks.partitionKeys()).isEmpty();
        assertThat(clicks.location()).isEqualTo(lake + "clicks/");
        assertThat(clicks.parameters()).containsEntry("objectCount", "2").containsEntry("recordCount", "20");
        assertThat(clicks.storageFormat().serdeParameters()).containsKey("avro.schema.literal");

        DiscoveredTable metrics = table(r, "metrics");
        assertThat(metrics.classification()).isEqualTo("orc");
        assertThat(metrics.partitionKeys()).containsExactly("region");

        DiscoveredTable notes = table(r, "notes_csv");
        assertThat(notes.location()).isEqualTo(lake + "notes.csv");
        assertThat(r.filesListed()).as("the excluded folder and bookkeeping files are not listed").isEqualTo(12);
    }

    @Test
    void corruptAndUnknownFilesAreRecordedAndTheCrawlGoesOn() throws IOException {
        put("d/part-0.avro", avro(0, 5));
        put("d/part-1.avro", "Obj\u0001this is no avro".getBytes(StandardCharsets.ISO_8859_1));
        put("d/blob.bin", new byte[] {0, 1, 2, 3, 0, 0, 0, 7, 8, 9});
        FileDiscoveryResult r = crawl("d");
        assertThat(r.tables()).extracting(DiscoveredTable::name).containsExactly("d");
        assertThat(r.problems()).extracting(FileProblem::location).containsExactlyInAnyOrder(
                "file://" + dir.resolve("d") + "/part-1.avro", "file://" + dir.resolve("d") + "/blob.bin");
        assertThat(r.problems()).allSatisfy(p -> assertThat(p.problem()).isNotBlank());
    }

    @Test
    void similarSiblingDatasetsMergeAndDissimilarOnesSplit() throws IOException {
        // Glue's documented example: table1 and table2 with similar schemas under one include path are one table
        put("same/table1/p1/f.parquet", parquet(0, 5));
        put("same/table1/p2/f.parquet", parquet(5, 5));
        put("same/table2/p3/f.parquet", parquet(10, 5));
        FileDiscoveryResult same = crawl("same");
        assertThat(same.tables()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("same");
            assertThat(t.partitionKeys()).containsExactly("partition_0", "partition_1");
            assertThat(t.partitions()).extracting(DiscoveredPartition::values).containsExactly(
                    List.of("table1", "p1"), List.of("table1", "p2"), List.of("table2", "p3"));
        });

        put("split/orders/p1/f.parquet", parquet(0, 5));
        put("split/orders/p2/f.parquet", parquet(5, 5));
        put("split/cities/p1/f.orc", orc(0, 5));
        FileDiscoveryResult split = crawl("split");
        assertThat(split.tables()).extracting(DiscoveredTable::name).containsExactly("cities", "orders");
        assertThat(split.notes()).anyMatch(n -> n.contains("its data has 2 formats (orc, parquet)"));

        put("schemas/a/p1/f.csv", csv(List.of("id", "x"), List.of(List.of(1, 2), List.of(2, 3))));
        put("schemas/b/p1/f.csv", csv(List.of("key", "y", "z"), List.of(List.of(1, 2, 3), List.of(2, 3, 4))));
        FileDiscoveryResult schemas = crawl("schemas");
        assertThat(schemas.tables()).extracting(DiscoveredTable::name).containsExactly("a", "b");
        assertThat(schemas.notes()).anyMatch(n -> n.contains("2 schema clusters, the largest holding 1 of 2"));
    }

    @Test
    void combineCompatibleSchemasAndTableLevelOverrideTheSimilarityRule() throws IOException {
        put("lake/db/a/p1/f.csv", csv(List.of("id", "x"), List.of(List.of(1, 2), List.of(2, 3))));
        put("lake/db/b/p1/f.csv", csv(List.of("key", "y", "z"), List.of(List.of(1, 2, 3), List.of(2, 3, 4))));
        FileDiscoveryResult combined = crawl("lake", List.of(), null, null, true, EarlierCrawls.NONE);
        assertThat(combined.tables()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("lake");
            assertThat(columns(t)).containsExactly("id:bigint", "x:bigint", "key:bigint", "y:bigint", "z:bigint");
        });

        int lakeDepth = (int) dir.resolve("lake").toString().chars().filter(c -> c == '/').count();
        // the table level counts folders from the root of the file system (the bucket, on S3)
        FileDiscoveryResult leveled = crawl("lake", List.of(), null, lakeDepth + 1, false, EarlierCrawls.NONE);
        assertThat(leveled.tables()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("db");
            assertThat(t.partitionKeys()).containsExactly("partition_0", "partition_1");
            assertThat(t.reason()).contains("TableLevelConfiguration " + (lakeDepth + 1));
        });
    }

    @Test
    void sampleSizeBoundsTheFilesReadPerFolderAndTheRestAreCountedBySize() throws IOException {
        for (int i = 0; i < 6; i++) {
            put("s/day=1/part-" + i + ".csv", csv(List.of("id", "v"),
                    IntStream.range(0, 10).mapToObj(n -> List.<Object>of(n, n * 2)).toList()));
        }
        FileDiscoveryResult r = crawl("s", List.of(), 2, null, false, EarlierCrawls.NONE);
        assertThat(r.filesRead()).isEqualTo(2);
        DiscoveredTable t = table(r, "s");
        assertThat(t.parameters()).containsEntry("objectCount", "6").containsEntry("recordCount", "60");
    }

    @Test
    void anIncrementalCrawlReadsOnlyNewFoldersAndSendsThemToTheirTable() throws IOException {
        put("lake/orders/day=1/f.parquet", parquet(0, 5));
        put("lake/orders/day=2/f.parquet", parquet(5, 5));
        put("lake/orders/day=3/f.parquet", parquet(10, 5));
        put("lake/users/u.parquet", parquet(0, 3));
        put("lake/users2/u.orc", orc(0, 3));
        String lake = "file://" + dir.resolve("lake") + "/";
        EarlierCrawls known = new EarlierCrawls(Set.of(lake + "orders/day=1/", lake + "orders/day=2/",
                lake + "users/", lake + "users2"), List.of(new EarlierCrawls.ExistingRoot("orders", lake + "orders/",
                List.of("day"))));
        FileDiscoveryResult r = crawl("lake", List.of(), null, null, false, known);
        assertThat(r.filesRead()).as("only the new folder's file is opened").isEqualTo(1);
        assertThat(r.tables()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("orders");
            assertThat(t.location()).isEqualTo(lake + "orders/");
            assertThat(t.partitions()).extracting(DiscoveredPartition::values).containsExactly(List.of("3"));
        });
    }

    @Test
    void theCrawlersTablesKeepTheirRootsWhatEverComesOrGoesBesideThem() throws IOException {
        put("lake/orders/day=1/f.parquet", parquet(0, 5));
        put("lake/stray.csv", csv(List.of("id", "v"), List.of(List.of(1, 2), List.of(3, 4))));
        put("lake/fresh/day=1/f.parquet", parquet(0, 5));
        String lake = "file://" + dir.resolve("lake") + "/";
        EarlierCrawls earlier = new EarlierCrawls(Set.of(), List.of(
                new EarlierCrawls.ExistingRoot("orders", lake + "orders/", List.of("day")),
                new EarlierCrawls.ExistingRoot("stray_csv", lake + "stray.csv", List.of())));
        FileDiscoveryResult r = crawl("lake", List.of(), null, null, false, earlier);
        // Without the earlier tables the lake would be one table (two similar datasets); with them, orders stays,
        // the stray file stays a table of its own, and the new data is a table beside them, never one above them.
        assertThat(r.tables()).extracting(DiscoveredTable::name, DiscoveredTable::location).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("orders", lake + "orders/"),
                org.assertj.core.groups.Tuple.tuple("stray_csv", lake + "stray.csv"),
                org.assertj.core.groups.Tuple.tuple("fresh", lake + "fresh/"));
        assertThat(r.notes()).anyMatch(n -> n.contains("tables of the crawler's earlier crawls are rooted below it"));
    }

    @Test
    void aSingleFileIncludePathIsATableNamedAfterTheFile() throws IOException {
        put("one/report.csv", csv(List.of("id", "total"), List.of(List.of(1, 2.5), List.of(2, 3.5))));
        FileSystem fs = FileSystem.getLocal(conf);
        Path file = dir.resolve("one/report.csv");
        FileTarget target = new FileTarget("file://" + file, new org.apache.hadoop.fs.Path(file.toUri()), List.of(),
                null);
        FileDiscoveryResult r = new FileDiscovery(new FileClassifier(conf, ClassifierOptions.defaults(),
                CustomClassifiers.none()), new FileDiscovery.Settings(null, false, 1, () -> false,
                new CrawlProgress())).discover(fs, target, EarlierCrawls.NONE);
        assertThat(r.tables()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("report_csv");
            assertThat(t.location()).isEqualTo("file://" + file);
        });
    }

    @Test
    void aStoppedCrawlEndsWithoutAResult() throws IOException {
        put("x/a.parquet", parquet(0, 3));
        FileSystem fs = FileSystem.getLocal(conf);
        Path root = dir.resolve("x");
        FileTarget target = new FileTarget("file://" + root + "/", new org.apache.hadoop.fs.Path(root.toUri()),
                List.of(), null);
        FileDiscovery discovery = new FileDiscovery(new FileClassifier(conf, ClassifierOptions.defaults(),
                CustomClassifiers.none()), new FileDiscovery.Settings(null, false, 1, () -> true,
                new CrawlProgress()));
        assertThatThrownBy(() -> discovery.discover(fs, target, EarlierCrawls.NONE))
                .isInstanceOf(CrawlCancelledException.class);
    }
}

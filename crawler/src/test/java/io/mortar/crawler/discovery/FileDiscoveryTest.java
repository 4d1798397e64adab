package io.mortar.crawler.discovery;

import static io.mortar.crawler.testing.SampleFiles.avro;
import static io.mortar.crawler.testing.SampleFiles.csv;
import static io.mortar.crawler.testing.SampleFiles.gzip;
import static io.mortar.crawler.testing.SampleFiles.jsonLines;
import static io.mortar.crawler.testing.SampleFiles.orc;
import static io.mortar.crawler.testing.SampleFiles.parquet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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
                tuple("orders", lake + "orders/"),
                tuple("stray_csv", lake + "stray.csv"),
                tuple("fresh", lake + "fresh/"));
        assertThat(r.notes()).anyMatch(n -> n.contains("tables of the crawler's earlier crawls are rooted below it"));
    }

    /** JSON lines as written, one record a line (nested values the sample-file helper does not write). */
    private void putLines(String relative, String... lines) throws IOException {
        put(relative, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A folder shaped like the public us-legislators data Glue's tutorials crawl: JSON-lines files of unrelated
     * schemas side by side (records written for this test).
     */
    private void writeLegislators(String folder) throws IOException {
        putLines(folder + "/persons.json",
                "{\"id\":\"p-1\",\"name\":\"Ada Quill\",\"given_name\":\"Ada\",\"family_name\":\"Quill\","
                        + "\"gender\":\"female\",\"birth_date\":\"1950-02-03\",\"sort_name\":\"Quill, Ada\","
                        + "\"identifiers\":[{\"scheme\":\"bioguide\",\"identifier\":\"Q000001\"}],"
                        + "\"contact_details\":[{\"type\":\"twitter\",\"value\":\"adaquill\"}],"
                        + "\"links\":[{\"note\":\"homepage\",\"url\":\"https://example.org/ada\"}],"
                        + "\"images\":[{\"url\":\"https://example.org/ada.jpg\"}],"
                        + "\"other_names\":[{\"lang\":\"en\",\"name\":\"A. Quill\",\"note\":\"alternate\"}]}",
                "{\"id\":\"p-2\",\"name\":\"Bo Reyes\",\"given_name\":\"Bo\",\"family_name\":\"Reyes\","
                        + "\"gender\":\"male\",\"birth_date\":\"1961-11-20\",\"death_date\":\"2020-01-01\","
                        + "\"sort_name\":\"Reyes, Bo\",\"identifiers\":[{\"scheme\":\"icpsr\",\"identifier\":\"2001\"}]}");
        putLines(folder + "/memberships.json",
                "{\"area_id\":\"a-1\",\"on_behalf_of_id\":\"party/blue\",\"organization_id\":\"o-1\","
                        + "\"role\":\"member\",\"person_id\":\"p-1\",\"legislative_period_id\":\"term/101\","
                        + "\"start_date\":\"1991-01-03\",\"end_date\":\"1993-01-03\"}",
                "{\"area_id\":\"a-2\",\"on_behalf_of_id\":\"party/green\",\"organization_id\":\"o-1\","
                        + "\"role\":\"member\",\"person_id\":\"p-2\",\"legislative_period_id\":\"term/102\","
                        + "\"start_date\":\"1993-01-03\",\"end_date\":\"1995-01-03\"}");
        putLines(folder + "/organizations.json",
                "{\"classification\":\"legislature\",\"id\":\"o-1\",\"name\":\"House\","
                        + "\"identifiers\":[{\"scheme\":\"wikidata\",\"identifier\":\"Q11701\"}],"
                        + "\"other_names\":[{\"lang\":\"fr\",\"name\":\"Chambre\",\"note\":\"multilingual\"}],"
                        + "\"links\":[{\"note\":\"website\",\"url\":\"https://example.org/house\"}],"
                        + "\"image\":\"https://example.org/house.png\",\"seats\":435,\"type\":\"lower house\"}",
                "{\"classification\":\"party\",\"id\":\"party/blue\",\"name\":\"Blue\",\"seats\":0}");
        putLines(folder + "/events.json",
                "{\"classification\":\"legislative period\",\"id\":\"term/101\",\"name\":\"101st Congress\","
                        + "\"start_date\":\"1989-01-03\",\"end_date\":\"1991-01-03\",\"organization_id\":\"o-1\"}");
        putLines(folder + "/areas.json",
                "{\"id\":\"a-1\",\"name\":\"North\",\"type\":\"constituency\"}",
                "{\"id\":\"a-2\",\"name\":\"South\",\"type\":\"constituency\"}");
        putLines(folder + "/countries_r.json",
                "{\"country\":\"Atlantis\",\"iso_code\":\"AT\",\"population\":1200000,\"legislature\":\"House\"}");
    }

    @Test
    void filesOfDissimilarSchemasInTheIncludePathAreATableEachNamedAfterTheFile() throws IOException {
        writeLegislators("legislators/all");
        FileDiscoveryResult r = crawl("legislators/all");
        String all = "file://" + dir.resolve("legislators/all") + "/";

        // Glue's crawler over us-legislators/all/ gives persons_json, memberships_json, …; never one table "all"
        assertThat(r.tables()).extracting(DiscoveredTable::name).containsExactlyInAnyOrder("persons_json",
                "memberships_json", "organizations_json", "events_json", "areas_json", "countries_r_json");
        assertThat(r.notes()).anyMatch(n -> n.equals(all + " is not one table: its 6 files form 6 schema clusters, "
                + "the largest holding 1 of 6 files (one table needs at most 5 clusters, one of them holding more "
                + "than 70 % of the files), so each file is a table of its own"));
        assertThat(r.tables()).allSatisfy(t -> {
            assertThat(t.location()).isEqualTo(all + t.name().replace("_json", ".json"));
            assertThat(t.partitionKeys()).isEmpty();
            assertThat(t.classification()).isEqualTo("json");
            assertThat(t.parameters()).containsEntry("objectCount", "1");
            assertThat(t.reason()).contains(t.location() + " is a table of its own: its 6 files form 6 schema "
                    + "clusters");
        });

        assertThat(columns(table(r, "persons_json"))).containsExactly("id:string", "name:string",
                "given_name:string", "family_name:string", "gender:string", "birth_date:string", "sort_name:string",
                "identifiers:array<struct<scheme:string,identifier:string>>",
                "contact_details:array<struct<type:string,value:string>>",
                "links:array<struct<note:string,url:string>>", "images:array<struct<url:string>>",
                "other_names:array<struct<lang:string,name:string,note:string>>", "death_date:string");
        assertThat(columns(table(r, "memberships_json"))).containsExactly("area_id:string", "on_behalf_of_id:string",
                "organization_id:string", "role:string", "person_id:string", "legislative_period_id:string",
                "start_date:string", "end_date:string");
        assertThat(columns(table(r, "organizations_json"))).containsExactly("classification:string", "id:string",
                "name:string", "identifiers:array<struct<scheme:string,identifier:string>>",
                "other_names:array<struct<lang:string,name:string,note:string>>",
                "links:array<struct<note:string,url:string>>", "image:string", "seats:int", "type:string");
        assertThat(columns(table(r, "events_json"))).containsExactly("classification:string", "id:string",
                "name:string", "start_date:string", "end_date:string", "organization_id:string");
        assertThat(columns(table(r, "areas_json"))).containsExactly("id:string", "name:string", "type:string");
        assertThat(columns(table(r, "countries_r_json"))).containsExactly("country:string", "iso_code:string",
                "population:int", "legislature:string");
        assertThat(table(r, "memberships_json").parameters()).containsEntry("recordCount", "2");
        assertThat(table(r, "areas_json").storageFormat().serdeParameters()).containsEntry("paths", "id,name,type");
    }

    @Test
    void aFolderDeeperDownWithDissimilarFilesIsATableEachAndItsSiblingsAreDecidedOnTheirOwn() throws IOException {
        writeLegislators("lake/legislators/all");
        put("lake/sales/day=1/part-0.parquet", parquet(0, 5));
        put("lake/sales/day=2/part-0.parquet", parquet(5, 5));
        FileDiscoveryResult r = crawl("lake");
        String lake = "file://" + dir.resolve("lake") + "/";

        assertThat(r.tables()).extracting(DiscoveredTable::name, DiscoveredTable::location).containsExactlyInAnyOrder(
                tuple("sales", lake + "sales/"),
                tuple("persons_json", lake + "legislators/all/persons.json"),
                tuple("memberships_json", lake + "legislators/all/memberships.json"),
                tuple("organizations_json", lake + "legislators/all/organizations.json"),
                tuple("events_json", lake + "legislators/all/events.json"),
                tuple("areas_json", lake + "legislators/all/areas.json"),
                tuple("countries_r_json", lake + "legislators/all/countries_r.json"));
        assertThat(table(r, "sales").partitionKeys()).containsExactly("day");
        assertThat(columns(table(r, "areas_json"))).containsExactly("id:string", "name:string", "type:string");
        assertThat(r.notes()).anyMatch(n -> n.startsWith(lake + " is not one table: the files of " + lake
                + "legislators/all/ are not one table (its 6 files form 6 schema clusters"));

        // a partition folder whose files do not cohere is no partition: its table is not made across it
        put("parted/t/day=1/a.parquet", parquet(0, 5));
        putLines("parted/t/day=2/areas.json", "{\"id\":\"a-1\",\"name\":\"North\",\"type\":\"x\"}");
        putLines("parted/t/day=2/memberships.json", "{\"person_id\":\"p-1\",\"role\":\"member\","
                + "\"start_date\":\"1991-01-03\",\"end_date\":\"1993-01-03\"}");
        FileDiscoveryResult parted = crawl("parted");
        assertThat(parted.tables()).extracting(DiscoveredTable::name)
                .containsExactlyInAnyOrder("day_1", "areas_json", "memberships_json");
    }

    @Test
    void filesOfSimilarSchemasInOneFolderStayOneTable() throws IOException {
        for (int year = 2021; year <= 2024; year++) {
            putLines("people/persons_" + year + ".json",
                    "{\"id\":\"p-" + year + "\",\"name\":\"N\",\"given_name\":\"G\",\"family_name\":\"F\","
                            + "\"gender\":\"x\",\"birth_date\":\"1970-01-01\",\"sort_name\":\"F, G\","
                            + "\"chamber\":\"lower\",\"seat\":" + year
                            + (year == 2024 ? ",\"death_date\":\"2024-05-01\"" : "") + "}");
        }
        FileDiscoveryResult r = crawl("people");
        String people = "file://" + dir.resolve("people") + "/";
        assertThat(r.tables()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("people");
            assertThat(t.location()).isEqualTo(people);
            assertThat(t.parameters()).containsEntry("objectCount", "4");
            assertThat(columns(t)).containsExactly("id:string", "name:string", "given_name:string",
                    "family_name:string", "gender:string", "birth_date:string", "sort_name:string", "chamber:string",
                    "seat:int", "death_date:string");
        });
        assertThat(r.notes()).isEmpty();

        // Glue's majority rule: one cluster holding more than 70 % of the files keeps the folder one table
        putLines("people/areas.json", "{\"id\":\"a-1\",\"region\":\"North\",\"kind\":\"constituency\"}");
        FileDiscoveryResult mostlyAlike = crawl("people");
        assertThat(mostlyAlike.tables()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("people");
            assertThat(columns(t)).contains("region:string", "kind:string");
        });
    }

    @Test
    void aFolderOfMixedFormatsIsATableEachNamedAfterTheFile() throws IOException {
        writeLegislators("mixed");
        put("mixed/notes.csv", csv(List.of("id", "text"), List.of(List.of(1, "hello"), List.of(2, "world"))));
        put("mixed/votes.parquet", parquet(0, 5));
        Files.delete(dir.resolve("mixed/events.json"));
        Files.delete(dir.resolve("mixed/countries_r.json"));
        FileDiscoveryResult r = crawl("mixed");
        String mixed = "file://" + dir.resolve("mixed") + "/";
        assertThat(r.tables()).extracting(DiscoveredTable::name).containsExactlyInAnyOrder("persons_json",
                "memberships_json", "organizations_json", "areas_json", "notes_csv", "votes_parquet");
        assertThat(table(r, "notes_csv").location()).isEqualTo(mixed + "notes.csv");
        assertThat(table(r, "votes_parquet").classification()).isEqualTo("parquet");
        assertThat(r.notes()).anyMatch(n -> n.startsWith(mixed + ": files of 3 formats"));
    }

    @Test
    void combineCompatibleSchemasKeepsAFolderOfDissimilarFilesOneTable() throws IOException {
        writeLegislators("legislators/all");
        FileDiscoveryResult r = crawl("legislators/all", List.of(), null, null, true, EarlierCrawls.NONE);
        assertThat(r.tables()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("all");
            assertThat(t.location()).isEqualTo("file://" + dir.resolve("legislators/all") + "/");
            assertThat(t.parameters()).containsEntry("objectCount", "6");
            assertThat(columns(t)).contains("given_name:string", "area_id:string", "seats:int", "iso_code:string");
        });
        assertThat(r.notes()).isEmpty();

        // TableLevelConfiguration roots a table at its level whatever the schemas below it, as before
        int depth = (int) dir.resolve("legislators").toString().chars().filter(c -> c == '/').count();
        FileDiscoveryResult leveled = crawl("legislators", List.of(), null, depth + 1, false, EarlierCrawls.NONE);
        assertThat(leveled.tables()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("all");
            assertThat(t.reason()).contains("TableLevelConfiguration " + (depth + 1));
        });
    }

    @Test
    void aRecrawlKeepsTheTablesOfFilesAndANewDissimilarFileAddsOne() throws IOException {
        writeLegislators("all");
        String all = "file://" + dir.resolve("all") + "/";
        FileDiscoveryResult first = crawl("all");
        EarlierCrawls earlier = new EarlierCrawls(Set.of(), first.tables().stream()
                .map(t -> new EarlierCrawls.ExistingRoot(t.name(), t.location(), t.partitionKeys())).toList());

        FileDiscoveryResult again = crawl("all", List.of(), null, null, false, earlier);
        assertThat(again.tables())
                .extracting(DiscoveredTable::name, DiscoveredTable::location, DiscoveredTable::columns)
                .containsExactlyInAnyOrderElementsOf(first.tables().stream()
                        .map(t -> tuple(t.name(), t.location(), t.columns())).toList());

        putLines("all/posts.json", "{\"post_id\":\"s-1\",\"label\":\"Speaker\",\"role_code\":7}");
        FileDiscoveryResult grown = crawl("all", List.of(), null, null, false, earlier);
        assertThat(grown.tables()).extracting(DiscoveredTable::name).containsExactlyInAnyOrder("persons_json",
                "memberships_json", "organizations_json", "events_json", "areas_json", "countries_r_json",
                "posts_json");
        assertThat(table(grown, "posts_json").location()).isEqualTo(all + "posts.json");

        // the files left once others are gone would cohere, but no table is rooted above the crawler's tables
        for (String gone : List.of("memberships", "organizations", "events", "areas", "countries_r", "posts")) {
            Files.delete(dir.resolve("all/" + gone + ".json"));
        }
        putLines("all/persons_2025.json", "{\"id\":\"p-9\",\"name\":\"Cy Moss\",\"given_name\":\"Cy\","
                + "\"family_name\":\"Moss\",\"gender\":\"x\",\"birth_date\":\"1980-01-01\",\"sort_name\":\"Moss, Cy\","
                + "\"identifiers\":[],\"links\":[],\"images\":[],\"other_names\":[],\"contact_details\":[],"
                + "\"death_date\":\"2025-01-01\"}");
        FileDiscoveryResult shrunk = crawl("all", List.of(), null, null, false, earlier);
        assertThat(shrunk.tables()).extracting(DiscoveredTable::name, DiscoveredTable::location)
                .containsExactlyInAnyOrder(tuple("persons_json", all + "persons.json"),
                        tuple("persons_2025_json", all + "persons_2025.json"));
        assertThat(table(shrunk, "persons_json").reason()).contains("the crawler's table persons_json is rooted there");
        assertThat(shrunk.notes()).contains(all + " is not one table: tables of the crawler's earlier crawls are "
                + "rooted at files of " + all + ", so each of its other files is a table of its own");
    }

    @Test
    void anIncrementalCrawlOpensNoFolderWhoseFilesAreTablesOfTheirOwn() throws IOException {
        writeLegislators("lake/all");
        put("lake/orders/day=1/f.parquet", parquet(0, 5));
        String lake = "file://" + dir.resolve("lake") + "/";
        FileDiscoveryResult first = crawl("lake");
        assertThat(first.tables()).hasSize(7);
        EarlierCrawls known = new EarlierCrawls(
                first.tables().stream().flatMap(t -> t.partitions().isEmpty() ? Stream.of(
                        t.location()) : t.partitions().stream().map(DiscoveredPartition::location)).collect(
                        Collectors.toSet()),
                first.tables().stream().map(t -> new EarlierCrawls.ExistingRoot(t.name(), t.location(),
                        t.partitionKeys())).toList());

        putLines("lake/all/posts.json", "{\"post_id\":\"s-1\",\"label\":\"Speaker\"}");
        put("lake/orders/day=2/f.parquet", parquet(5, 5));
        FileDiscoveryResult r = crawl("lake", List.of(), null, null, false, known);
        assertThat(r.filesRead()).as("only the new partition folder is opened").isEqualTo(1);
        assertThat(r.tables()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("orders");
            assertThat(t.location()).isEqualTo(lake + "orders/");
        });
    }

    @Test
    void aFolderTableOfAnEarlierCrawlKeepsItsRootWhenADissimilarFileArrives() throws IOException {
        putLines("t/a.json", "{\"id\":1,\"name\":\"x\"}");
        putLines("t/b.json", "{\"id\":2,\"name\":\"y\"}");
        String t = "file://" + dir.resolve("t") + "/";
        FileDiscoveryResult first = crawl("t");
        assertThat(first.tables()).extracting(DiscoveredTable::name, DiscoveredTable::location)
                .containsExactly(tuple("t", t));
        putLines("t/c.json", "{\"code\":\"z\",\"weight\":2.5,\"tags\":[\"q\"]}");
        FileDiscoveryResult split = crawl("t");
        assertThat(split.tables()).extracting(DiscoveredTable::name)
                .containsExactlyInAnyOrder("a_json", "b_json", "c_json");

        EarlierCrawls earlier = new EarlierCrawls(Set.of(), List.of(new EarlierCrawls.ExistingRoot("t", t, List.of())));
        FileDiscoveryResult kept = crawl("t", List.of(), null, null, false, earlier);
        assertThat(kept.tables()).singleElement().satisfies(table -> {
            assertThat(table.name()).isEqualTo("t");
            assertThat(table.location()).isEqualTo(t);
            assertThat(columns(table)).containsExactly("id:int", "name:string", "code:string", "weight:double",
                    "tags:array<string>");
        });
        assertThat(kept.notes()).anyMatch(n -> n.startsWith(t + " stays in the crawler's table t though its 3 files "
                + "form 2 schema clusters"));
    }

    @Test
    void aFolderOfDissimilarFilesPastTheSampleSizeSaysWhatItLeftOut() throws IOException {
        writeLegislators("all");
        FileDiscoveryResult r = crawl("all", List.of(), 4, null, false, EarlierCrawls.NONE);
        assertThat(r.tables()).hasSize(4);
        assertThat(r.notes()).anyMatch(n -> n.endsWith("so each file is a table of its own; its 2 file(s) beyond "
                + "SampleSize were not read and are left out"));
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

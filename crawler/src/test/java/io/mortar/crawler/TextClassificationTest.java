package io.mortar.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.crawler.custom.CustomClassifiers;
import io.mortar.crawler.schema.Column;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TextClassificationTest {
    @TempDir
    java.nio.file.Path dir;

    private final Configuration conf = new Configuration(false);

    private FileClassification classify(String name, byte[] content, ClassifierOptions options) throws IOException {
        java.nio.file.Path file = dir.resolve(name);
        Files.write(file, content);
        FileSystem fs = FileSystem.getLocal(conf).getRaw();
        return new FileClassifier(conf, options, CustomClassifiers.none()).classify(fs, new Path(file.toUri()));
    }

    private FileClassification classify(String name, String content) throws IOException {
        return classify(name, content.getBytes(StandardCharsets.UTF_8), ClassifierOptions.defaults());
    }

    private static List<String> columns(FileClassification c) {
        return c.columns().stream().map(col -> col.name() + ":" + col.typeName()).toList();
    }

    @Test
    void csvWithHeaderIsLazySimpleWithSkipHeaderAndTypedColumns() throws IOException {
        FileClassification c = classify("sales.csv", "id,name,price,active\n1,apple,1.5,true\n2,pear,2,false\n");
        assertThat(c.classification()).isEqualTo("csv");
        assertThat(columns(c)).containsExactly("id:bigint", "name:string", "price:double", "active:boolean");
        assertThat(c.storageFormat().serializationLibrary()).isEqualTo(StorageFormat.LAZY_SIMPLE_SERDE);
        assertThat(c.storageFormat().serdeParameters()).containsExactly(Map.entry("field.delim", ","));
        assertThat(c.storageFormat().inputFormat()).isEqualTo("org.apache.hadoop.mapred.TextInputFormat");
        assertThat(c.storageFormat().outputFormat())
                .isEqualTo("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
        assertThat(c.parameters()).containsEntry("classification", "csv").containsEntry("delimiter", ",")
                .containsEntry("skip.header.line.count", "1").containsEntry("compressionType", "none")
                .containsEntry("areColumnsQuoted", "false");
        assertThat(c.recordEstimate()).isEqualTo(2);
        assertThat(c.fileBytes()).isEqualTo(c.bytesRead());
        assertThat(c.problem()).isEmpty();
    }

    @Test
    void byteOrderMarkAndCrLfLineEndings() throws IOException {
        FileClassification c = classify("excel.csv", "\ufeffId,Name\r\n1,a\r\n2,b\r\n");
        assertThat(columns(c)).containsExactly("id:bigint", "name:string");
        assertThat(c.recordEstimate()).isEqualTo(2);
    }

    @Test
    void csvWithoutHeaderGetsGenericNames() throws IOException {
        FileClassification c = classify("n.csv", "1|apple|1.5\n2|pear|2.25\n3|fig|3\n");
        assertThat(c.classification()).isEqualTo("csv");
        assertThat(columns(c)).containsExactly("col0:bigint", "col1:string", "col2:double");
        assertThat(c.parameters()).containsEntry("delimiter", "|").doesNotContainKey("skip.header.line.count");
        assertThat(c.storageFormat().serdeParameters()).containsEntry("field.delim", "|");
        assertThat(c.recordEstimate()).isEqualTo(3);
    }

    @Test
    void allTextCsvHasNoHeaderAsInGlue() throws IOException {
        FileClassification c = classify("t.tsv", "name\tcity\nann\tparis\nbob\tlima\n");
        assertThat(c.classification()).isEqualTo("csv");
        assertThat(columns(c)).containsExactly("col0:string", "col1:string");
        assertThat(c.parameters()).containsEntry("delimiter", "\t").doesNotContainKey("skip.header.line.count");
        assertThat(c.recordEstimate()).isEqualTo(3);
    }

    @Test
    void headerNeedsShortValidNamesAndTrailingDelimiterIsAllowed() throws IOException {
        String longName = "x".repeat(150);
        FileClassification tooLong = classify("l.csv", longName + ",b\n1,2\n3,4\n");
        assertThat(tooLong.parameters()).doesNotContainKey("skip.header.line.count");
        assertThat(columns(tooLong)).containsExactly("col0:string", "col1:string");
        FileClassification trailing = classify("tr.csv", "a;b;\n1;x;\n2;y;\n");
        assertThat(trailing.parameters()).containsEntry("delimiter", ";").containsEntry("skip.header.line.count", "1");
        assertThat(columns(trailing)).containsExactly("a:bigint", "b:string", "col2:string");
    }

    @Test
    void semicolonAndCtrlADelimiters() throws IOException {
        assertThat(classify("s.csv", "a;b\n1;2\n").parameters()).containsEntry("delimiter", ";");
        FileClassification hive = classify("h.txt", "1\u0001x\n2\u0001y\n");
        assertThat(hive.parameters()).containsEntry("delimiter", "\u0001");
        assertThat(columns(hive)).containsExactly("col0:bigint", "col1:string");
    }

    @Test
    void quotedCsvIsOpenCsvSerde() throws IOException {
        FileClassification c = classify("q.csv", "id,comment\n1,\"hello, world\"\n2,\"say \"\"hi\"\"\"\n");
        assertThat(c.classification()).isEqualTo("csv");
        assertThat(c.storageFormat().serializationLibrary()).isEqualTo(StorageFormat.OPEN_CSV_SERDE);
        assertThat(c.storageFormat().serdeParameters())
                .containsExactlyInAnyOrderEntriesOf(Map.of("separatorChar", ",", "quoteChar", "\""));
        assertThat(c.parameters()).containsEntry("areColumnsQuoted", "true");
        assertThat(columns(c)).containsExactly("id:bigint", "comment:string");
        FileClassification glue = classify("q2.csv",
                "id,comment\n1,\"hello, world\"\n2,\"x\"\n".getBytes(StandardCharsets.UTF_8),
                ClassifierOptions.glueCompatible());
        assertThat(columns(glue)).containsExactly("id:string", "comment:string");
    }

    @Test
    void datesAndTimestampsAreRecognisedUnlessGlueCompatible() throws IOException {
        String csv = "day,at,n\n2024-01-31,2024-01-31 10:00:00,1\n2024-02-01,2024-02-01T11:30:15.250Z,2\n";
        assertThat(columns(classify("d.csv", csv))).containsExactly("day:date", "at:timestamp", "n:bigint");
        FileClassification glue = classify("d2.csv", csv.getBytes(StandardCharsets.UTF_8),
                ClassifierOptions.glueCompatible());
        assertThat(columns(glue)).containsExactly("day:string", "at:string", "n:bigint");
    }

    @Test
    void oneColumnOrOneRowIsNotCsv() throws IOException {
        assertThat(classify("one.csv", "a\nb\nc\n").classification()).isEqualTo("UNKNOWN");
        assertThat(classify("row.csv", "a,b,c\n").classification()).isEqualTo("UNKNOWN");
        assertThat(classify("ragged.csv", "a,b\n1,2,3\n4\n").classification()).isEqualTo("UNKNOWN");
    }

    @Test
    void jsonLinesWithNestingAndTypeDrift() throws IOException {
        String json = """
                {"id": 1, "name": "a", "tags": ["x"], "address": {"city": "Oslo", "zip": 150}, "score": 1}
                {"id": 2, "name": "b", "tags": [], "address": {"city": "Rome", "street": "Via"}, "score": 2.5}
                {"id": 3000000000, "name": null, "extra": true, "score": "high"}
                """;
        FileClassification c = classify("events.json", json);
        assertThat(c.classification()).isEqualTo("json");
        assertThat(columns(c)).containsExactly("id:bigint", "name:string", "tags:array<string>",
                "address:struct<city:string,zip:int,street:string>", "score:string", "extra:boolean");
        assertThat(c.storageFormat().serializationLibrary()).isEqualTo("org.openx.data.jsonserde.JsonSerDe");
        assertThat(c.parameters()).containsEntry("classification", "json").containsEntry("compressionType", "none");
        assertThat(c.recordEstimate()).isEqualTo(3);
    }

    @Test
    void topLevelJsonArrayElementsAreRecords() throws IOException {
        FileClassification c = classify("arr.json", "[{\"a\": 1, \"b\": [1.5, 2]}, {\"a\": 2}]");
        assertThat(c.classification()).isEqualTo("json");
        assertThat(columns(c)).containsExactly("a:int", "b:array<double>");
        assertThat(c.recordEstimate()).isEqualTo(2);
    }

    @Test
    void jsonRecordLargerThanOneMegabyteIsFoundByExtendingTheSample() throws IOException {
        String big = "{\"blob\": \"" + "x".repeat(3 * 1024 * 1024) + "\", \"n\": 1}\n{\"blob\": \"y\", \"n\": 2}\n";
        FileClassification c = classify("big.json", big);
        assertThat(c.classification()).isEqualTo("json");
        assertThat(columns(c)).containsExactly("blob:string", "n:int");
        FileClassification tooBig = classify("huge.json",
                "{\"blob\": \"" + "x".repeat(11 * 1024 * 1024) + "\"}\n");
        assertThat(tooBig.classification()).isEqualTo("UNKNOWN");
        assertThat(tooBig.bytesRead()).isLessThan(11L * 1024 * 1024);
    }

    @Test
    void xmlBuiltInTakesTheRepeatedChildOfTheRootAsRow() throws IOException {
        String xml = """
                <?xml version="1.0"?>
                <catalog>
                  <book id="b1"><title>Dune</title><price>9.5</price><year>1965</year></book>
                  <book id="b2"><title>Emma</title><price>7</price><year>1815</year></book>
                </catalog>
                """;
        FileClassification c = classify("books.xml", xml);
        assertThat(c.classification()).isEqualTo("xml");
        assertThat(columns(c)).containsExactly("_id:string", "title:string", "price:double", "year:bigint");
        assertThat(c.parameters()).containsEntry("rowTag", "book");
        assertThat(c.storageFormat().serdeParameters()).containsEntry("rowTag", "book");
        assertThat(c.recordEstimate()).isEqualTo(2);
    }

    @Test
    void apacheLogsAreRecognised() throws IOException {
        String common = "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326\n"
                + "10.0.0.2 - - [10/Oct/2000:13:55:37 -0700] \"POST /login HTTP/1.1\" 302 -\n";
        FileClassification c = classify("access.log", common);
        assertThat(c.classification()).isEqualTo("apache");
        assertThat(c.columns().stream().map(Column::name)).containsExactly("clientip", "ident", "auth", "timestamp",
                "verb", "request", "httpversion", "rawrequest", "response", "bytes");
        assertThat(c.storageFormat().serializationLibrary()).isEqualTo("com.amazonaws.glue.serde.GrokSerDe");
        String combined = common.lines().map(l -> l + " \"-\" \"curl/8\"").reduce("", (a, b) -> a + b + "\n");
        assertThat(classify("combined.log", combined).classification()).isEqualTo("combined_apache");
    }

    @ParameterizedTest
    @EnumSource(Compressors.class)
    void compressedCsvAndJsonAreClassifiedAndReportTheirCompression(Compressors compressor) throws IOException {
        String csv = "id,name\n" + "1,a\n2,b\n3,c\n".repeat(50);
        FileClassification c = classify("data.csv." + compressor.extension,
                compressor.compress(csv.getBytes(StandardCharsets.UTF_8)), ClassifierOptions.defaults());
        assertThat(c.classification()).isEqualTo("csv");
        assertThat(c.compression().glueName()).isEqualTo(compressor.glueName());
        assertThat(c.parameters()).containsEntry("compressionType", compressor.glueName());
        assertThat(columns(c)).containsExactly("id:bigint", "name:string");
        assertThat(c.recordEstimate()).isEqualTo(150);

        String json = "{\"a\": {\"b\": [1, 2]}}\n".repeat(20);
        FileClassification j = classify("data.json." + compressor.extension,
                compressor.compress(json.getBytes(StandardCharsets.UTF_8)), ClassifierOptions.defaults());
        assertThat(j.classification()).isEqualTo("json");
        assertThat(j.compression().glueName()).isEqualTo(compressor.glueName());
        assertThat(columns(j)).containsExactly("a:struct<b:array<int>>");
    }

    @Test
    void singleFileZipIsReadAndAnArchiveOfSeveralIsNot() throws IOException {
        FileClassification one = classify("data.zip", zip("data.csv", "id,name\n1,a\n2,b\n"),
                ClassifierOptions.defaults());
        assertThat(one.classification()).isEqualTo("csv");
        assertThat(one.parameters()).containsEntry("compressionType", "zip");
        assertThat(columns(one)).containsExactly("id:bigint", "name:string");
        FileClassification two = classify("two.zip", zip("a.csv", "id,name\n1,a\n", "b.csv", "id,name\n2,b\n"),
                ClassifierOptions.defaults());
        assertThat(two.classification()).isEqualTo("UNKNOWN");
        assertThat(two.problem()).hasValueSatisfying(p -> assertThat(p).contains("more than one file"));
    }

    private static byte[] zip(String... namesAndContents) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void corruptCompressedFileIsUnknownWithAReason() throws IOException {
        byte[] gz = Compressors.GZIP.compress("a,b\n1,2\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        cut[20] ^= 0x55;
        FileClassification c = classify("broken.csv.gz", cut, ClassifierOptions.defaults());
        assertThat(c.classification()).isEqualTo("UNKNOWN");
        assertThat(c.compression().glueName()).isEqualTo("gzip");
        assertThat(c.problem()).hasValueSatisfying(p -> assertThat(p).contains("gzip"));
    }

    @Test
    void emptyAndBinaryFilesAreUnknown() throws IOException {
        FileClassification empty = classify("empty.csv", new byte[0], ClassifierOptions.defaults());
        assertThat(empty.classification()).isEqualTo("UNKNOWN");
        assertThat(empty.problem()).contains("empty file");
        assertThat(empty.bytesRead()).isZero();
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        binary[5] = 0;
        FileClassification stray = classify("image.bin", binary, ClassifierOptions.defaults());
        assertThat(stray.classification()).isEqualTo("UNKNOWN");
        assertThat(stray.problem()).hasValueSatisfying(p -> assertThat(p).contains("binary"));
        assertThat(stray.columns()).isEmpty();
    }

    @Test
    void fiftyMegabyteCsvReadsOnlyItsHead() throws IOException {
        java.nio.file.Path file = dir.resolve("big.csv");
        StringBuilder chunk = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            chunk.append(i).append(",name").append(i).append(',').append(i * 0.5).append('\n');
        }
        byte[] block = chunk.toString().getBytes(StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(file)) {
            out.write("id,name,value\n".getBytes(StandardCharsets.UTF_8));
            while (Files.size(file) < 50L * 1024 * 1024) {
                out.write(block);
                out.flush();
            }
        }
        long size = Files.size(file);
        FileSystem fs = FileSystem.getLocal(conf).getRaw();
        FileClassification c = new FileClassifier(conf, ClassifierOptions.defaults(), CustomClassifiers.none())
                .classify(fs, new Path(file.toUri()));
        assertThat(c.classification()).isEqualTo("csv");
        assertThat(columns(c)).containsExactly("id:bigint", "name:string", "value:double");
        assertThat(c.fileBytes()).isEqualTo(size);
        assertThat(c.bytesRead()).isLessThanOrEqualTo(2L * 1024 * 1024);
        // about 22 bytes a line: the estimate is within 10 % of the true count
        long lines = 0;
        try (var reader = Files.newBufferedReader(file)) {
            lines = reader.lines().count() - 1;
        }
        assertThat((double) c.recordEstimate()).isCloseTo(lines, Percentage.withPercentage(10));
    }
}

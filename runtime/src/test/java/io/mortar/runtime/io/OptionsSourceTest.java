package io.mortar.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.runtime.MortarContext;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.testing.SharedSpark;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads through {@code fromOptions} over local files: formats, layout options, recurse, exclusions, codecs. */
class OptionsSourceTest {
    private final SparkSession spark = SharedSpark.get();
    private final MortarContext mortar = MortarContext.create(spark);

    @TempDir
    Path dir;

    @Test
    void csvWithHeaderNamesColumnsByTheHeader() throws IOException {
        write(dir.resolve("a.csv"), "id,name\n1,anna\n2,bert\n");
        Dataset<Row> df = read("csv", Map.of("withHeader", true)).toDF();
        assertThat(df.columns()).containsExactly("id", "name");
        assertThat(rows(df)).containsExactly("1|anna", "2|bert");
    }

    @Test
    void csvWithoutHeaderNamesColumnsLikeGlue() throws IOException {
        write(dir.resolve("a.csv"), "1;x\n2;y\n");
        Dataset<Row> df = read("csv", Map.of("separator", ";")).toDF();
        assertThat(df.columns()).containsExactly("col0", "col1");
        assertThat(rows(df)).containsExactly("1|x", "2|y");
    }

    @Test
    void csvQuotingCanBeTurnedOff() throws IOException {
        write(dir.resolve("a.csv"), "\"a,b\n");
        assertThat(rows(read("csv", Map.of()).toDF())).containsExactly("a,b");
        assertThat(rows(read("csv", Map.of("quoteChar", "-1")).toDF())).containsExactly("\"a|b");
    }

    @Test
    void gzipFilesAreReadByExtension() throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("a.csv.gz")))) {
            out.write("k,v\nx,1\n".getBytes(StandardCharsets.UTF_8));
        }
        DynamicFrame frame = mortar.fromOptions("s3", Map.of("paths", List.of(dir.toString()),
                "compressionType", "gzip"), "csv", Map.of("withHeader", true)).dynamicFrame();
        assertThat(rows(frame.toDF())).containsExactly("x|1");
    }

    @Test
    void onlyTheFolderItselfUnlessRecurse() throws IOException {
        write(dir.resolve("top.csv"), "top\n");
        Files.createDirectories(dir.resolve("sub/deeper"));
        write(dir.resolve("sub/mid.csv"), "mid\n");
        write(dir.resolve("sub/deeper/low.csv"), "low\n");
        write(dir.resolve("_SUCCESS"), "");
        assertThat(rows(read("csv", Map.of()).toDF())).containsExactly("top");
        DynamicFrame all = mortar.fromOptions("file", Map.of("paths", List.of(dir.toString()), "recurse", "true"),
                "csv", Map.of()).dynamicFrame();
        assertThat(rows(all.toDF())).containsExactlyInAnyOrder("top", "mid", "low");
    }

    @Test
    void exclusionsSkipMatchingFiles() throws IOException {
        write(dir.resolve("keep.csv"), "keep\n");
        write(dir.resolve("skip.tmp.csv"), "skip\n");
        Files.createDirectories(dir.resolve("logs"));
        write(dir.resolve("logs/x.csv"), "log\n");
        DynamicFrame frame = mortar.fromOptions("file", Map.of("paths", List.of(dir.toString()), "recurse", true,
                "exclusions", "[\"**.tmp.csv\", \"logs/**\"]"), "csv", Map.of()).dynamicFrame();
        assertThat(rows(frame.toDF())).containsExactly("keep");
    }

    @Test
    void jsonLinesAndMultiLineDocumentsWithJsonPath() throws IOException {
        write(dir.resolve("a.json"), "{\"id\":1,\"tag\":\"a\"}\n{\"id\":2,\"tag\":\"b\"}\n");
        assertThat(rows(read("json", Map.of()).toDF().select("id", "tag"))).containsExactly("1|a", "2|b");

        Path docs = Files.createDirectories(dir.resolve("docs"));
        write(docs.resolve("d.json"), "{\n \"records\": [\n  {\"id\": 7},\n  {\"id\": 8}\n ]\n}\n");
        DynamicFrame frame = mortar.fromOptions("file", Map.of("paths", List.of(docs.toString())), "json",
                Map.of("multiLine", true, "jsonPath", "$.records[*]")).dynamicFrame();
        assertThat(rows(frame.toDF())).containsExactly("7", "8");
    }

    @Test
    void columnarFormatsKeepTheirTypes() {
        Dataset<Row> df = sample();
        for (String format : List.of("parquet", "orc", "avro")) {
            String path = dir.resolve(format).toString();
            df.write().format(format).save(path);
            Dataset<Row> read = mortar.fromOptions("s3", Map.of("paths", List.of(path)), format, Map.of())
                    .dynamicFrame().toDF();
            assertThat(read.schema().apply("id").dataType()).as(format).isEqualTo(DataTypes.IntegerType);
            assertThat(rows(read.select("id", "name"))).as(format).containsExactly("1|anna", "2|bert");
        }
    }

    @Test
    void dataFrameReadsInferTypesWithSpark() throws IOException {
        write(dir.resolve("a.csv"), "id,name\n1,anna\n");
        Dataset<Row> df = mortar.fromOptions("file", Map.of("paths", List.of(dir.toString())), "csv",
                Map.of("withHeader", true)).dataFrame();
        assertThat(df.schema().apply("id").dataType()).isEqualTo(DataTypes.IntegerType);
    }

    @Test
    void aMissingPathReadsNothing() {
        DynamicFrame frame = mortar.fromOptions("file", Map.of("paths", List.of(dir.resolve("nope").toString())),
                "parquet", Map.of()).dynamicFrame();
        assertThat(frame.toDF().count()).isZero();
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> mortar.fromOptions("file", Map.of(), "csv", Map.of()).dynamicFrame())
                .hasMessageContaining("'paths' is required");
        assertThatThrownBy(() -> mortar.fromOptions("kafka", Map.of(), "json", Map.of()))
                .hasMessageContaining("connection type 'kafka' is not supported");
        assertThatThrownBy(() -> mortar.fromOptions("file", Map.of("paths", dir.toString()), "xml", Map.of())
                .dynamicFrame()).hasMessageContaining("format 'xml'");
        assertThatThrownBy(() -> mortar.fromOptions("file", Map.of("paths", dir.toString(), "compressionType", "rar"),
                "csv", Map.of()).dynamicFrame()).hasMessageContaining("'compressionType' must be one of");
    }

    private DynamicFrame read(String format, Map<String, ?> formatOptions) {
        return mortar.fromOptions("file", Map.of("paths", List.of(dir.toString())), format, formatOptions)
                .transformationContext("src").dynamicFrame();
    }

    private Dataset<Row> sample() {
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("name", DataTypes.StringType);
        return spark.createDataFrame(List.of(RowFactory.create(1, "anna"), RowFactory.create(2, "bert")), schema);
    }

    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }

    /** Rows as {@code a|b}, sorted, values by their string form (so typed and untyped reads compare alike). */
    static List<String> rows(Dataset<Row> df) {
        List<String> out = new ArrayList<>();
        for (Row r : df.collectAsList()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                values.add(String.valueOf(r.get(i)));
            }
            out.add(String.join("|", values));
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }
}

package io.mortar.runtime.io;

import static io.mortar.runtime.io.OptionsSourceTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.runtime.MortarContext;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes through {@code writeToOptions} to local files, read back through {@code fromOptions}. */
class OptionsSinkTest {
    private final SparkSession spark = SharedSpark.get();
    private final MortarContext mortar = MortarContext.create(spark);

    @TempDir
    Path dir;

    @Test
    void partitionKeysWriteHiveFoldersAndReportThem() {
        String path = dir.resolve("out").toString();
        WriteResult result = mortar.writeToOptions(frame(), "s3", Map.of("path", path,
                "partitionKeys", List.of("year", "region")), "parquet", Map.of(), "sink");
        assertThat(result.partitions()).containsExactlyInAnyOrder(List.of("2023", "eu"), List.of("2024", "eu"),
                List.of("2024", "us/west"));
        assertThat(dir.resolve("out/year=2024/region=us%2Fwest")).isDirectory();
        assertThat(result.catalogTable()).isNull();
        Dataset<Row> back = mortar.fromOptions("file", Map.of("paths", List.of(path + "/year=2024/region=eu")),
                "parquet", Map.of()).dynamicFrame().toDF();
        assertThat(rows(back)).containsExactly("2|bert");
        assertThat(mortar.transformationContexts().entries()).extracting(TransformationContexts.Entry::name)
                .contains("sink");
    }

    @Test
    void everyFormatRoundTrips() {
        for (String format : List.of("csv", "json", "parquet", "orc", "avro", "glueparquet")) {
            String path = dir.resolve(format).toString();
            mortar.writeToOptions(frame(), "file", Map.of("path", path), format, Map.of());
            Dataset<Row> back = mortar.fromOptions("file", Map.of("paths", List.of(path)), format,
                    Map.of("withHeader", true)).dynamicFrame().toDF().select("id", "name", "year", "region");
            assertThat(rows(back)).as(format).containsExactly("1|anna|2023|eu", "2|bert|2024|eu",
                    "3|cleo|2024|us/west");
        }
    }

    @Test
    void compressionPicksTheCodec() throws IOException {
        String csv = dir.resolve("csv").toString();
        mortar.writeToOptions(frame(), "file", Map.of("path", csv, "compression", "gzip"), "csv",
                Map.of("separator", "|"));
        assertThat(dataFiles(dir.resolve("csv"))).allMatch(f -> f.endsWith(".csv.gz"));
        Dataset<Row> back = mortar.fromOptions("file", Map.of("paths", List.of(csv)), "csv",
                Map.of("withHeader", true, "separator", "|")).dynamicFrame().toDF();
        assertThat(back.count()).isEqualTo(3);

        String parquet = dir.resolve("pq").toString();
        mortar.writeToOptions(frame(), "file", Map.of("path", parquet), "parquet", Map.of("compression", "gzip"));
        assertThat(dataFiles(dir.resolve("pq"))).allMatch(f -> f.endsWith(".gz.parquet"));
    }

    @Test
    void appendIsTheDefaultAndOverwriteReplaces() {
        String path = dir.resolve("modes").toString();
        mortar.writeToOptions(frame(), "file", Map.of("path", path), "parquet", Map.of());
        mortar.writeToOptions(frame(), "file", Map.of("path", path), "parquet", Map.of());
        assertThat(spark.read().parquet(path).count()).isEqualTo(6);
        mortar.writeToOptions(frame(), "file", Map.of("path", path, "mode", "overwrite"), "parquet", Map.of());
        assertThat(spark.read().parquet(path).count()).isEqualTo(3);
    }

    @Test
    void badSinkOptionsAreNamed() {
        assertThatThrownBy(() -> mortar.writeToOptions(frame(), "file", Map.of(), "parquet", Map.of()))
                .hasMessage("The connection option 'path' is required");
        assertThatThrownBy(() -> mortar.writeToOptions(frame(), "file", Map.of("path", dir.toString(), "mode", "merge"),
                "parquet", Map.of())).hasMessageContaining("'mode' must be append or overwrite");
        assertThatThrownBy(() -> mortar.writeToOptions(frame(), "file", Map.of("path", dir.toString(),
                "partitionKeys", List.of("nope")), "parquet", Map.of()))
                .hasMessageContaining("partition key 'nope' is not a column");
        assertThatThrownBy(() -> mortar.writeToOptions(frame(), "file", Map.of("path", dir.resolve("x").toString(),
                "enableUpdateCatalog", true), "parquet", Map.of()))
                .hasMessageContaining("'catalogDatabase' is required");
    }

    private DynamicFrame frame() {
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("name", DataTypes.StringType)
                .add("year", DataTypes.IntegerType).add("region", DataTypes.StringType);
        return DynamicFrame.fromDF(spark.createDataFrame(List.of(RowFactory.create(1, "anna", 2023, "eu"),
                RowFactory.create(2, "bert", 2024, "eu"), RowFactory.create(3, "cleo", 2024, "us/west")), schema),
                "sample");
    }

    private static List<String> dataFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.startsWith("_")).toList();
        }
    }
}

package io.mortar.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.runtime.MortarContext;
import io.mortar.runtime.io.WriteResult;
import io.mortar.runtime.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineRunnerTest {
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path dir;

    @Test
    void sourcesTransformsAndASinkOverLocalFiles() throws IOException {
        StructType orders = new StructType().add("order_id", DataTypes.IntegerType)
                .add("customer", DataTypes.IntegerType).add("amount", DataTypes.DoubleType)
                .add("note", DataTypes.StringType);
        spark.createDataFrame(List.of(RowFactory.create(1, 10, 5.0, "a"), RowFactory.create(2, 11, 50.0, "b"),
                RowFactory.create(3, 10, 70.0, "c")), orders).write().parquet(dir.resolve("orders").toString());
        StructType customers = new StructType().add("id", DataTypes.IntegerType).add("country", DataTypes.StringType);
        spark.createDataFrame(List.of(RowFactory.create(10, "DE"), RowFactory.create(11, "FR")), customers)
                .write().parquet(dir.resolve("customers").toString());
        String pipeline = """
                {"nodes": [
                  {"id": "orders", "type": "source", "options": {"connectionType": "file",
                     "options": {"paths": ["${base}/orders"]}, "format": "parquet"}},
                  {"id": "customers", "type": "source", "options": {"connectionType": "file",
                     "options": {"paths": ["${base}/customers"]}, "format": "parquet"}},
                  {"id": "big", "type": "transform", "transform": "Filter", "inputs": ["orders"],
                     "condition": "amount > ${min}"},
                  {"id": "joined", "type": "transform", "transform": "Join", "inputs": ["big", "customers"],
                     "keys1": ["customer"], "keys2": ["id"]},
                  {"id": "mapped", "type": "transform", "transform": "ApplyMapping", "inputs": ["joined"],
                     "mappings": [["order_id", "int", "order", "long"], ["amount", "double", "amount", "double"],
                                  {"source": "country", "sourceType": "string", "target": "country",
                                   "targetType": "string"}]},
                  {"id": "summed", "type": "transform", "transform": "Sql", "inputs": ["mapped"],
                     "aliases": {"mapped": "m"},
                     "query": "SELECT country, sum(amount) AS total, count(*) AS orders FROM m GROUP BY country"},
                  {"id": "out", "type": "sink", "inputs": ["summed"], "options": {"connectionType": "file",
                     "options": {"path": "${base}/out", "partitionKeys": ["country"]}, "format": "json"}}
                ]}""";
        Path script = dir.resolve("job.json");
        Files.writeString(script, pipeline);
        Pipeline parsed = Pipeline.parse(Files.readString(script), Map.of("base", dir.toString(), "min", "10"));
        Map<String, WriteResult> results = new PipelineRunner(MortarContext.create(spark)).run(parsed);

        assertThat(results.get("out").partitions()).containsExactlyInAnyOrder(List.of("DE"), List.of("FR"));
        List<Row> rows = spark.read().json(dir.resolve("out").toString()).orderBy("country")
                .select("country", "total", "orders").collectAsList();
        assertThat(rows).extracting(Row::toString).containsExactly("[DE,70.0,1]", "[FR,50.0,1]");
    }
}

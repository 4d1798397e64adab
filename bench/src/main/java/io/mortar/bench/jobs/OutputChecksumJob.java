package io.mortar.bench.jobs;

import io.mortar.runtime.JobContext;
import io.mortar.runtime.MortarJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * Reads Parquet folders ({@code --paths}, comma-separated) and writes one line per folder to {@code --result}: the
 * path, its row count, a checksum independent of row order and file layout (the sum of every row's hash over its
 * columns in name order, partition columns included) and its schema. Two outputs with the same line but the path
 * hold the same rows with the same types. Run by the Glue script benchmark through the server, untimed.
 */
public final class OutputChecksumJob implements MortarJob {
    @Override
    public void run(JobContext context) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String path : context.args().require("paths").split(",")) {
            Dataset<Row> data = context.spark().read().parquet(path);
            String[] names = data.columns();
            Arrays.sort(names);
            String columns = String.join(", ", Arrays.stream(names).map(n -> "`" + n + "`").toList());
            Row summary = data.selectExpr("count(*)",
                    "CAST(sum(CAST(xxhash64(" + columns + ") AS DECIMAL(38,0))) AS STRING)").first();
            List<String> fields = new ArrayList<>();
            for (String name : names) {
                StructField field = data.schema().apply(name);
                fields.add(name + ":" + field.dataType().simpleString());
            }
            lines.add(path + "\t" + summary.getLong(0) + "\t" + summary.getString(1) + "\t" + String.join(",", fields));
        }
        Files.write(Path.of(context.args().require("result")), lines);
    }
}

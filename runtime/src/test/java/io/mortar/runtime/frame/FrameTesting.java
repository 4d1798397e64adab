package io.mortar.runtime.frame;

import io.mortar.runtime.testing.SharedSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Small helpers for frame and transform tests: frames from literal JSON lines, rows as sorted JSON. */
public final class FrameTesting {
    private FrameTesting() {}

    public static SparkSession spark() {
        return SharedSpark.get();
    }

    public static Dataset<String> lines(String... lines) {
        return spark().createDataset(List.of(lines), Encoders.STRING());
    }

    public static DynamicFrame json(String name, String... lines) {
        return DynamicFrame.fromJsonLines(lines(lines), name);
    }

    /** Every row as JSON (null fields left out), sorted, so tests can compare whole results. */
    public static List<String> rows(Dataset<Row> df) {
        return df.toJSON().collectAsList().stream().sorted().toList();
    }

    public static List<String> rows(DynamicFrame frame) {
        return rows(frame.toDF());
    }
}

package io.mortar.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A tiny Spark application for {@link StandaloneClusterTest}, run in a driver JVM of its own through SparkSubmit:
 * sums 1..1000 in 4 partitions, each partition reporting the executor that summed it, and writes
 * {@code sum=…}, {@code partitions=…}, {@code executors=…} and {@code app=…} lines to the file named by its first
 * argument. The summing function is a class of this jar, so executors can only run it when the jar shipped to
 * them. Plain RDDs, no SQL: the test is about the cluster, and Catalyst's start-up would only add seconds.
 */
public final class RangeSumApp {
    private RangeSumApp() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        try (JavaSparkContext spark = new JavaSparkContext(new SparkConf().setAppName("range-sum"))) {
            List<Long> values = LongStream.rangeClosed(1, 1000).boxed().toList();
            List<String> partials = spark.parallelize(values, 4).mapPartitions(RangeSumApp::sumWithExecutor)
                    .collect();
            long sum = 0;
            TreeSet<String> executors = new TreeSet<>();
            for (String partial : partials) {
                String[] parts = partial.split(":");
                executors.add(parts[0]);
                sum += Long.parseLong(parts[1]);
            }
            Files.writeString(out, "sum=" + sum + "\npartitions=" + partials.size() + "\nexecutors="
                    + String.join(",", executors) + "\napp=" + spark.sc().applicationId() + "\n");
        }
    }

    private static Iterator<String> sumWithExecutor(Iterator<Long> values) {
        long sum = 0;
        while (values.hasNext()) {
            sum += values.next();
        }
        return List.of(SparkEnv.get().executorId() + ":" + sum).iterator();
    }
}

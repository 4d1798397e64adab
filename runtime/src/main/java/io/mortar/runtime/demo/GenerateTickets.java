package io.mortar.runtime.demo;

import io.mortar.runtime.JobArguments;
import io.mortar.runtime.JobContext;
import io.mortar.runtime.MortarContext;
import io.mortar.runtime.MortarJob;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.tagging.TagRule;
import io.mortar.tagging.samples.SampleTickets;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The first job of {@code mortar demo}: support tickets and tagging rules, generated from a seed.
 *
 * <p>{@code --rows} tickets of {@code id} (0, 1, …), three text columns ({@code subject}, {@code body},
 * {@code notes}: {@link SampleTickets#row} of about {@code --text-length} characters each) and {@code day}
 * ({@code --days} consecutive days from {@code --first-day}, ids in order), written as Parquet partitioned by
 * {@code day} to {@code --output}. Rows are made in blocks of {@value DemoTickets#BLOCK} ids, each block by its own
 * {@code SampleTickets} seeded from {@code --seed} and the block's number, so a ticket's text depends on the seed
 * and its id only: not on the number of Spark partitions or which task made it.
 *
 * <p>The rule table, {@code SampleTickets(seed).rules(--rules)}, goes to {@code --rules-output} as one CSV file
 * with a header ({@code tag,columns,regex,flags}) in the form {@code TagRules.fromFile} reads: values with a comma
 * or quote are quoted, quotes doubled, backslashes as written.
 *
 * <p>Ends by printing {@link DemoResult#MARKER} and a JSON object: rows, days, files and bytes written, rules.
 */
public final class GenerateTickets implements MortarJob {
    /** Rows a Spark partition gets at least (fewer partitions mean fewer, larger files). */
    private static final long ROWS_PER_PARTITION = 250_000;

    static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("subject", DataTypes.StringType, false)
            .add("body", DataTypes.StringType, false)
            .add("notes", DataTypes.StringType, false)
            .add("day", DataTypes.StringType, false);

    @Override
    public void run(JobContext context) throws IOException {
        JobArguments args = context.args();
        long rows = positive(args, "rows", "2000000");
        int ruleCount = Math.toIntExact(positive(args, "rules", "100"));
        long seed = Long.parseLong(args.getOrDefault("seed", "42"));
        int days = Math.toIntExact(positive(args, "days", "7"));
        int textLength = Math.toIntExact(positive(args, "text-length", "100"));
        LocalDate firstDay = LocalDate.parse(args.getOrDefault("first-day", "2025-06-02"));
        String output = args.require("output");
        String rulesOutput = args.require("rules-output");

        SparkSession spark = context.spark();
        MortarContext mortar = context.mortar();
        long started = System.nanoTime();

        List<TagRule> rules = DemoTickets.rules(seed, ruleCount);
        writeRules(spark, rulesOutput, rules);

        long blocks = (rows + DemoTickets.BLOCK - 1) / DemoTickets.BLOCK;
        int slices = (int) Math.max(1, Math.min(blocks, Math.max(spark.sparkContext().defaultParallelism(),
                (rows + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION)));
        Dataset<Row> tickets = spark.range(0, blocks, 1, slices)
                .flatMap(new TicketBlock(rows, seed, days, firstDay.toEpochDay(), textLength), Encoders.row(SCHEMA));
        mortar.writeToOptions(DynamicFrame.fromDF(tickets, "tickets"), connectionType(output),
                Map.of("path", output, "partitionKeys", List.of("day"), "mode", "overwrite"), "parquet", Map.of(),
                "tickets_sink");

        long[] filesAndBytes = parquetFiles(spark, output);
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rows", rows);
        result.put("days", days);
        result.put("firstDay", firstDay.toString());
        result.put("sparkPartitions", slices);
        result.put("files", filesAndBytes[0]);
        result.put("bytes", filesAndBytes[1]);
        result.put("rules", rules.size());
        result.put("output", output);
        result.put("rulesOutput", rulesOutput);
        result.put("seconds", seconds);
        System.out.printf("Generated %,d tickets over %d days into %d Parquet files (%,d bytes) at %s, and %d rules"
                + " at %s, in %.1f s%n", rows, days, filesAndBytes[0], filesAndBytes[1], output, rules.size(),
                rulesOutput, seconds);
        DemoResult.print(result);
    }

    /** The rows of one block of ids, made lazily. */
    static final class TicketBlock implements FlatMapFunction<Long, Row> {
        private static final long serialVersionUID = 1L;
        private final long rows;
        private final long seed;
        private final int days;
        private final long firstDay;
        private final int textLength;

        TicketBlock(long rows, long seed, int days, long firstDay, int textLength) {
            this.rows = rows;
            this.seed = seed;
            this.days = days;
            this.firstDay = firstDay;
            this.textLength = textLength;
        }

        @Override
        public Iterator<Row> call(Long block) {
            long from = block * DemoTickets.BLOCK;
            long to = Math.min(rows, from + DemoTickets.BLOCK);
            SampleTickets generator = new SampleTickets(DemoTickets.blockSeed(seed, block));
            String[] dayNames = new String[days];
            return new Iterator<>() {
                private long id = from;

                @Override
                public boolean hasNext() {
                    return id < to;
                }

                @Override
                public Row next() {
                    if (id >= to) {
                        throw new NoSuchElementException();
                    }
                    String[] text = generator.row(textLength);
                    int dayIndex = DemoTickets.dayIndex(id, rows, days);
                    if (dayNames[dayIndex] == null) {
                        dayNames[dayIndex] = LocalDate.ofEpochDay(firstDay + dayIndex).toString();
                    }
                    Row row = RowFactory.create(id, text[0], text[1], text[2], dayNames[dayIndex]);
                    id++;
                    return row;
                }
            };
        }
    }

    /** The rule table as CSV with a header: one file, written from the driver. */
    static void writeRules(SparkSession spark, String location, List<TagRule> rules) throws IOException {
        String csv = DemoTickets.rulesCsv(rules);
        Path path = new Path(location);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (OutputStream out = fs.create(path, true)) {
            out.write(csv.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** How many Parquet files are under the path, and their bytes. */
    static long[] parquetFiles(SparkSession spark, String location) throws IOException {
        Path path = new Path(location);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        long files = 0;
        long bytes = 0;
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(path, true);
        while (it.hasNext()) {
            LocatedFileStatus status = it.next();
            if (status.getPath().getName().endsWith(".parquet")) {
                files++;
                bytes += status.getLen();
            }
        }
        return new long[] {files, bytes};
    }

    static String connectionType(String path) {
        return path.startsWith("s3://") || path.startsWith("s3a://") ? "s3" : "file";
    }

    private static long positive(JobArguments args, String name, String defaultValue) {
        String text = args.getOrDefault(name, defaultValue);
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + text + "'");
        }
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " must be at least 1, not " + value);
        }
        return value;
    }
}

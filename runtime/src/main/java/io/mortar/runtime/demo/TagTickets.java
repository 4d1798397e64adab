package io.mortar.runtime.demo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.mortar.runtime.JobArguments;
import io.mortar.runtime.JobContext;
import io.mortar.runtime.MortarContext;
import io.mortar.runtime.MortarJob;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.io.WriteResult;
import io.mortar.runtime.tagging.RegexTagging;
import io.mortar.runtime.tagging.TagOptions;
import io.mortar.runtime.tagging.TagRules;
import io.mortar.tagging.TagRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The second job of {@code mortar demo}: regex tagging of the crawled tickets, end to end through the catalog.
 *
 * <ol>
 *   <li>reads {@code --database}.{@code --table} through the catalog (the crawler's table and partitions) and the
 *       rule table from {@code --rules} (CSV);
 *   <li>tags every row ({@link RegexTagging}: a {@code tags} column) and writes the rows with their tags as Parquet
 *       partitioned by {@code day} to {@code --output}, replacing what was there, creating or updating the catalog
 *       table {@code --output-table} with its partitions;
 *   <li>reads the {@code tags} column back through the catalog and counts the rows of each tag: the summary
 *       {@code (tag, rows, share)}, {@code share} being the fraction of all rows with that tag;
 *   <li>writes the summary, replacing it, to the PostgreSQL table {@code --summary-table} through the catalog
 *       connection {@code --connection} or, without one, as Parquet to {@code --summary-path} with the catalog table
 *       {@code --summary-catalog-table}; shows it in the log.
 * </ol>
 *
 * Ends by printing {@link DemoResult#MARKER} and a JSON object: rows, tagged rows, tag assignments, guard trips,
 * the phases' seconds, the partitions written, where the summary went and its first {@value #TOP} rows.
 */
public final class TagTickets implements MortarJob {
    static final int TOP = 20;

    @Override
    public void run(JobContext context) throws IOException {
        JobArguments args = context.args();
        String database = args.require("database");
        String table = args.require("table");
        String rulesPath = args.require("rules");
        String output = args.require("output");
        String outputTable = args.require("output-table");
        String connection = args.get("connection").filter(s -> !s.isBlank()).orElse(null);
        String summaryTable = args.getOrDefault("summary-table", "public.demo_tag_summary");
        String summaryPath = args.getOrDefault("summary-path", null);
        String summaryCatalogTable = args.getOrDefault("summary-catalog-table", "tag_summary");
        if (connection == null && summaryPath == null) {
            throw new IllegalArgumentException("TagTickets needs --connection (for the PostgreSQL summary) or"
                    + " --summary-path");
        }

        SparkSession spark = context.spark();
        spark.conf().set("spark.sql.shuffle.partitions",
                Integer.toString(Math.max(1, spark.sparkContext().defaultParallelism())));
        MortarContext mortar = context.mortar();

        long started = System.nanoTime();
        Dataset<Row> tickets = mortar.fromCatalog(database, table).transformationContext("tickets").dataFrame();
        List<TagRule> rules = TagRules.fromFile(mortar, rulesPath, "csv", Map.of());
        RegexTagging.Result tagging = RegexTagging.run(tickets, rules, TagOptions.defaults());
        long planned = System.nanoTime();

        WriteResult written = mortar.writeToOptions(DynamicFrame.fromDF(tagging.data(), "tagged"),
                GenerateTickets.connectionType(output),
                Map.of("path", output, "partitionKeys", List.of("day"), "mode", "overwrite",
                        "enableUpdateCatalog", true, "catalogDatabase", database, "catalogTableName", outputTable),
                "parquet", Map.of(), "tagged_sink");
        long tagged = System.nanoTime();
        long guardTrips = tagging.guardTrips().value();
        long[] filesAndBytes = GenerateTickets.parquetFiles(spark, output);

        // The summary, from what was written: the tags column read back through the catalog.
        Dataset<Row> tags = mortar.fromCatalog(database, outputTable).transformationContext("tagged_back")
                .dataFrame().select("tags");
        Row totals = tags.agg(count(lit(1)), sum(when(size(col("tags")).gt(0), 1).otherwise(0)),
                sum(size(col("tags")))).first();
        long rows = totals.getLong(0);
        long taggedRows = totals.isNullAt(1) ? 0 : totals.getLong(1);
        long assignments = totals.isNullAt(2) ? 0 : totals.getLong(2);
        List<Row> perTag = tags.select(explode(col("tags")).as("tag")).groupBy("tag")
                .agg(count(lit(1)).as("rows")).orderBy(col("rows").desc(), col("tag").asc()).collectAsList();
        StructType summarySchema = new StructType()
                .add("tag", DataTypes.StringType, false)
                .add("rows", DataTypes.LongType, false)
                .add("share", DataTypes.DoubleType, false);
        List<Row> summaryRows = new ArrayList<>(perTag.size());
        for (Row r : perTag) {
            summaryRows.add(RowFactory.create(r.getString(0), r.getLong(1), rows == 0 ? 0.0 : (double) r.getLong(1)
                    / rows));
        }
        Dataset<Row> summary = spark.createDataFrame(summaryRows, summarySchema).coalesce(1);
        long summarised = System.nanoTime();

        String summaryTarget;
        if (connection != null) {
            mortar.writeToOptions(DynamicFrame.fromDF(summary, "summary"), "postgresql",
                    Map.of("connectionName", connection, "dbtable", summaryTable, "mode", "overwrite"), null,
                    Map.of(), "summary_sink");
            summaryTarget = "postgresql:" + summaryTable;
        } else {
            mortar.writeToOptions(DynamicFrame.fromDF(summary, "summary"), GenerateTickets.connectionType(summaryPath),
                    Map.of("path", summaryPath, "mode", "overwrite", "enableUpdateCatalog", true,
                            "catalogDatabase", database, "catalogTableName", summaryCatalogTable),
                    "parquet", Map.of(), "summary_sink");
            summaryTarget = "catalog:" + database + "." + summaryCatalogTable;
        }
        long stored = System.nanoTime();

        System.out.printf("Tagged %,d rows with %d rules (%d tags) in %.1f s: %,d rows have a tag, %,d tags in all,"
                + " %d guard trips; the summary went to %s%n", rows, rules.size(), tagging.tags().size(),
                (tagged - planned) / 1e9, taggedRows, assignments, guardTrips, summaryTarget);
        summary.show(TOP, false);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rows", rows);
        result.put("rules", rules.size());
        result.put("ruleTags", tagging.tags().size());
        result.put("taggedRows", taggedRows);
        result.put("tagAssignments", assignments);
        result.put("distinctTags", perTag.size());
        result.put("guardTrips", guardTrips);
        result.put("readSeconds", (planned - started) / 1e9);
        result.put("tagWriteSeconds", (tagged - planned) / 1e9);
        result.put("summarySeconds", (summarised - tagged) / 1e9);
        result.put("storeSeconds", (stored - summarised) / 1e9);
        result.put("output", output);
        result.put("outputTable", database + "." + outputTable);
        result.put("tableCreated", written.tableCreated());
        result.put("partitions", written.partitions().size());
        result.put("files", filesAndBytes[0]);
        result.put("bytes", filesAndBytes[1]);
        result.put("partitionsAdded", written.partitionsAdded());
        result.put("summaryTarget", summaryTarget);
        List<Map<String, Object>> top = new ArrayList<>();
        for (Row r : summaryRows.subList(0, Math.min(TOP, summaryRows.size()))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("tag", r.getString(0));
            entry.put("rows", r.getLong(1));
            entry.put("share", r.getDouble(2));
            top.add(entry);
        }
        result.put("top", top);
        DemoResult.print(result);
    }
}

package io.mortar.runtime.io;

import io.mortar.runtime.frame.DynamicFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import software.amazon.awssdk.services.glue.model.Partition;

/**
 * Reads a catalog table's files: each selected partition from its own Location (wherever that is; folder names
 * mean nothing) in its own format, with the partition's values as typed columns.
 *
 * <p>Partitions are read one scan each and unioned. CSV and JSON go through the dynamic-frame factories, which
 * type values by content; partition values must not be typed that way ({@code "007"} stays a string when the key
 * is a string), so each record carries its partition's index in the first key's column until the frame is
 * built, and the index is then replaced by the values, typed by the table's partition keys.
 */
final class TableReader {
    private final SparkSession spark;
    private final FormatReader reader;

    TableReader(SparkSession spark) {
        this.spark = spark;
        this.reader = new FormatReader(spark);
    }

    /** One place to read: a partition's (or an unpartitioned table's) location and values. */
    record Slice(String location, List<String> values, ReadSpec spec) {}

    static List<Slice> slices(CatalogTable table, List<Partition> partitions) {
        if (!table.partitioned()) {
            return List.of(new Slice(table.location(), List.of(), table.readSpec()));
        }
        List<Slice> out = new ArrayList<>();
        for (Partition p : partitions) {
            out.add(new Slice(table.location(p), p.values(), table.readSpec(p)));
        }
        return out;
    }

    DynamicFrame dynamicFrame(CatalogTable table, List<Slice> slices, List<GlobPattern> exclusions, String name) {
        if (slices.isEmpty()) {
            return DynamicFrame.fromDF(emptyTable(table), name);
        }
        DynamicFrame result = null;
        for (List<Slice> group : bySpec(slices).values()) {
            DynamicFrame frame = dynamicGroup(table, group, exclusions, name);
            result = result == null ? frame : result.union(frame);
        }
        return result;
    }

    /** The table typed by the catalog: Spark's readers with the table's column types, like a query would. */
    Dataset<Row> dataFrame(CatalogTable table, List<Slice> slices, List<GlobPattern> exclusions) {
        if (slices.isEmpty()) {
            return emptyTable(table);
        }
        Optional<Dataset<Row>> oneScan = hiveLayoutScan(table, slices, exclusions, true);
        if (oneScan.isPresent()) {
            return oneScan.get();
        }
        Dataset<Row> result = null;
        for (Slice slice : slices) {
            Dataset<Row> df = reader.typed(slice.spec(), files(slice, exclusions), table.dataSchema())
                    .withColumns(literalValues(table, slice));
            result = result == null ? df : result.unionByName(df);
        }
        return result;
    }

    private DynamicFrame dynamicGroup(CatalogTable table, List<Slice> group, List<GlobPattern> exclusions, String name) {
        ReadSpec spec = group.get(0).spec();
        boolean partitioned = table.partitioned();
        String indexColumn = partitioned ? table.partitionKeys().get(0).name() : null;
        switch (spec.format()) {
            case CSV -> {
                List<String> names = table.dataColumns().stream().map(c -> c.name()).toList();
                Dataset<Row> raw = null;
                for (int i = 0; i < group.size(); i++) {
                    Dataset<Row> part = reader.csvStrings(files(group.get(i), exclusions), spec.csv(), names);
                    if (partitioned) {
                        part = part.withColumn(indexColumn, functions.lit(String.valueOf(i)));
                    }
                    raw = raw == null ? part : raw.union(part);
                }
                DynamicFrame frame = DynamicFrame.fromTextColumns(raw, name);
                return partitioned ? frame.withColumns(indexedValues(table, group, indexColumn)) : frame;
            }
            case JSON -> {
                Dataset<String> lines = null;
                for (int i = 0; i < group.size(); i++) {
                    Dataset<String> part = reader.jsonLines(files(group.get(i), exclusions), spec.jsonMultiLine());
                    if (partitioned) {
                        part = withJsonField(part, indexColumn, i);
                    }
                    lines = lines == null ? part : lines.union(part);
                }
                DynamicFrame frame = DynamicFrame.fromJsonLines(lines, name);
                return partitioned ? frame.withColumns(indexedValues(table, group, indexColumn)) : frame;
            }
            default -> {
                Optional<Dataset<Row>> oneScan = hiveLayoutScan(table, group, exclusions, false);
                if (oneScan.isPresent()) {
                    return DynamicFrame.fromDF(oneScan.get(), name);
                }
                Dataset<Row> df = null;
                for (Slice slice : group) {
                    Dataset<Row> part = reader.typed(spec, files(slice, exclusions), table.dataSchema())
                            .withColumns(literalValues(table, slice));
                    df = df == null ? part : df.union(part);
                }
                return DynamicFrame.fromDF(df, name);
            }
        }
    }

    /**
     * The common layout, read as Spark reads it: when every selected partition is the Hive-style folder
     * {@code <table location>/k1=v1/k2=v2} (what Spark and Glue writers produce), one scan over those folders with {@code basePath} lets Spark take the values from the paths, typed by the
     * partition keys, instead of a scan per partition unioned (which costs a plan, a listing and a job stage per
     * partition). Any other layout, exclusions, or folders Spark's partition discovery refuses (nested
     * sub-folders, a missing folder) keep the per-partition path. Text formats qualify only when typed by the catalog
     * ({@code catalogTyped}); for a dynamic frame their values are typed by content, per partition.
     */
    private Optional<Dataset<Row>> hiveLayoutScan(CatalogTable table, List<Slice> slices, List<GlobPattern> exclusions,
                                                  boolean catalogTyped) {
        ReadSpec spec = slices.get(0).spec();
        if (!table.partitioned() || !exclusions.isEmpty() || (spec.format().selfDescribing() && !catalogTyped)) {
            return Optional.empty();
        }
        String base = withoutTrailingSlash(table.location());
        List<String> keys = table.partitionKeyNames();
        List<String> paths = new ArrayList<>();
        for (Slice slice : slices) {
            if (!slice.spec().equals(spec) || slice.values().size() != keys.size()
                    || slice.values().contains(CatalogTable.NULL_PARTITION)) {
                return Optional.empty();
            }
            String expected = FileSink.partitionLocation(table.location(), keys, slice.values());
            if (!withoutTrailingSlash(slice.location()).equals(withoutTrailingSlash(expected))) {
                return Optional.empty();
            }
            paths.add(slice.location());
        }
        // Spark checks that every path exists (in parallel) as it loads; a partition whose folder is gone makes
        // it refuse, and the per-partition read, which skips missing folders, takes over.
        try {
            return Optional.of(reader.typedHiveLayout(spec, paths, table.schema(), base));
        } catch (RuntimeException | AssertionError refused) {
            return Optional.empty(); // e.g. "Conflicting directory structures": read partition by partition
        }
    }

    private static String withoutTrailingSlash(String location) {
        return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    }

    /** Appends {@code "field": index} to each JSON object line; other lines stay as they are (error records). */
    private static Dataset<String> withJsonField(Dataset<String> lines, String field, int index) {
        String member = "\"" + field.replace("\\", "\\\\").replace("\"", "\\\"") + "\":" + index;
        Column value = functions.col("value");
        Column rewritten = functions.when(value.rlike("^\\s*\\{\\s*\\}\\s*$"), functions.lit("{" + member + "}"))
                .otherwise(functions.regexp_replace(value, "\\}\\s*$", "," + member + "}"));
        return lines.toDF("value").select(rewritten).as(Encoders.STRING());
    }

    /** Each partition key's values in one typed array, picked by the record's partition index. */
    private static Map<String, Column> indexedValues(CatalogTable table, List<Slice> group, String indexColumn) {
        Column index = functions.col(indexColumn).cast("int");
        Map<String, Column> out = new LinkedHashMap<>();
        StructField[] keys = table.partitionSchema().fields();
        for (int k = 0; k < keys.length; k++) {
            Column[] values = new Column[group.size()];
            for (int i = 0; i < group.size(); i++) {
                values[i] = typedValue(group.get(i).values(), k, keys[k].dataType());
            }
            out.put(keys[k].name(), functions.get(functions.array(values), index));
        }
        return out;
    }

    private static Map<String, Column> literalValues(CatalogTable table, Slice slice) {
        Map<String, Column> out = new LinkedHashMap<>();
        StructField[] keys = table.partitionSchema().fields();
        for (int k = 0; k < keys.length; k++) {
            out.put(keys[k].name(), typedValue(slice.values(), k, keys[k].dataType()));
        }
        return out;
    }

    private static Column typedValue(List<String> values, int k, DataType type) {
        String value = k < values.size() ? values.get(k) : null;
        if (CatalogTable.NULL_PARTITION.equals(value)) {
            value = null;
        }
        return functions.lit(value).cast(type);
    }

    private Dataset<Row> emptyTable(CatalogTable table) {
        return spark.createDataFrame(List.of(), table.schema());
    }

    /**
     * The paths Spark reads for a slice: its location when it exists (Spark lists it), or the files left after
     * the exclusions. A location that does not exist holds no rows rather than failing the job.
     */
    private List<String> files(Slice slice, List<GlobPattern> exclusions) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        if (!exclusions.isEmpty()) {
            return new FileLister(hadoop).list(List.of(slice.location()), true, exclusions);
        }
        Path path = new Path(slice.location());
        try {
            return path.getFileSystem(hadoop).exists(path) ? List.of(slice.location()) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + slice.location() + ": " + e.getMessage(), e);
        }
    }

    private static Map<ReadSpec, List<Slice>> bySpec(List<Slice> slices) {
        Map<ReadSpec, List<Slice>> out = new LinkedHashMap<>();
        for (Slice s : slices) {
            out.computeIfAbsent(s.spec(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }
}

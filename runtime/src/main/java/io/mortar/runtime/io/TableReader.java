package io.mortar.runtime.io;

import io.mortar.model.glob.GlueGlob;
import io.mortar.runtime.frame.DynamicFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
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
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.services.glue.model.Partition;

/**
 * Reads a catalog table's files: each selected partition from its own Location (wherever that is; folder names
 * mean nothing) in its own format, with the partition's values as typed columns.
 *
 * <p>Hive-style folders under the table's location are read in one scan, any other layout one scan per partition,
 * unioned. Dynamic frames type CSV and JSON values by content, but never partition values ({@code "007"} stays a
 * string when the key is a string): CSV's second, typed pass takes them from the catalog like any typed read; a
 * JSON record carries its partition's index in the first key's column until the frame is built, and the index is
 * then replaced by the values, typed by the table's partition keys.
 */
final class TableReader {
    private final SparkSession spark;
    private final FormatReader reader;

    TableReader(SparkSession spark) {
        this.spark = spark;
        this.reader = new FormatReader(spark);
    }

    /**
     * One place to read: a partition's (or an unpartitioned table's) location and values, and the files to read
     * there when only some are (a bookmarked read), else null: everything under the location.
     */
    record Slice(String location, List<String> values, ReadSpec spec, List<String> files) {
        Slice withFiles(List<String> chosen) {
            return new Slice(location, values, spec, List.copyOf(chosen));
        }
    }

    static List<Slice> slices(CatalogTable table, List<Partition> partitions) {
        if (!table.partitioned()) {
            return List.of(new Slice(table.location(), List.of(), table.readSpec(), null));
        }
        List<Slice> out = new ArrayList<>();
        for (Partition p : partitions) {
            out.add(new Slice(table.location(p), p.values(), table.readSpec(p), null));
        }
        return out;
    }

    DynamicFrame dynamicFrame(CatalogTable table, List<Slice> slices, List<GlueGlob> exclusions, String name) {
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
    Dataset<Row> dataFrame(CatalogTable table, List<Slice> slices, List<GlueGlob> exclusions) {
        if (slices.isEmpty()) {
            return emptyTable(table);
        }
        return typed(table, slices, exclusions, table.dataSchema(), slice -> files(slice, exclusions));
    }

    /**
     * The slices with {@code dataSchema}'s column types and the partition values as typed columns: one scan when the
     * layout allows, else one per slice ({@code filesOf} gives its paths), unioned.
     */
    private Dataset<Row> typed(CatalogTable table, List<Slice> slices, List<GlueGlob> exclusions,
                               StructType dataSchema, Function<Slice, List<String>> filesOf) {
        Optional<Dataset<Row>> oneScan = hiveLayoutScan(table, slices, exclusions, dataSchema);
        if (oneScan.isPresent()) {
            return oneScan.get();
        }
        Dataset<Row> result = null;
        for (Slice slice : slices) {
            Dataset<Row> df = reader.typed(slice.spec(), filesOf.apply(slice), dataSchema)
                    .withColumns(literalValues(table, slice));
            result = result == null ? df : result.unionByName(df);
        }
        return result;
    }

    private DynamicFrame dynamicGroup(CatalogTable table, List<Slice> group, List<GlueGlob> exclusions, String name) {
        ReadSpec spec = group.get(0).spec();
        boolean partitioned = table.partitioned();
        String indexColumn = partitioned ? table.partitionKeys().get(0).name() : null;
        switch (spec.format()) {
            case CSV -> {
                // Typed by content like Glue, in two passes like Spark's inferSchema: the text shows each column's
                // kinds, then the same files are read with those types and the catalog's partition values.
                // Each slice is listed at most once for both passes.
                List<String> names = table.dataColumns().stream().map(c -> c.name()).toList();
                Map<Slice, List<String>> listed = new HashMap<>();
                Function<Slice, List<String>> filesOf = slice -> listed.computeIfAbsent(slice,
                        s -> files(s, exclusions));
                Dataset<Row> text = readSlices(group, exclusions, filesOf,
                        paths -> reader.csvStrings(paths, spec.csv(), names));
                return DynamicFrame.fromTextFiles(text, types -> typed(table, group, exclusions, types, filesOf), name);
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
                return DynamicFrame.fromDF(typed(table, group, exclusions, table.dataSchema(),
                        slice -> files(slice, exclusions)), name);
            }
        }
    }

    /**
     * The common layout, read as Spark reads it: when every selected partition is the Hive-style folder
     * {@code <table location>/k1=v1/k2=v2} (what Spark and Glue writers produce), one scan over those folders with {@code basePath} lets Spark take the values from the paths, typed by the
     * partition keys, instead of a scan per partition unioned (which costs a plan, a listing and a job stage per
     * partition). A bookmarked read names its chosen files instead of the folders, in the same one scan. Any other
     * layout, exclusions, or folders Spark's partition discovery refuses (nested sub-folders, a missing folder)
     * keep the per-partition path.
     */
    private Optional<Dataset<Row>> hiveLayoutScan(CatalogTable table, List<Slice> slices, List<GlueGlob> exclusions,
                                                  StructType dataSchema) {
        ReadSpec spec = slices.get(0).spec();
        if (!table.partitioned() || !exclusions.isEmpty()) {
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
            // a bookmarked read names its files, which Spark reads in the same scan, values from their folders
            if (slice.files() != null) {
                paths.addAll(slice.files());
            } else {
                paths.add(slice.location());
            }
        }
        // Spark checks that every path exists (in parallel) as it loads. A partition whose folder is gone, or
        // "Conflicting directory structures", makes it refuse, and the per-partition read (which skips missing
        // folders) takes over.
        return unlessRefused(() -> reader.typedHiveLayout(spec, paths, table.withPartitionKeys(dataSchema), base));
    }

    /**
     * One read of all the slices: their locations as they are when no exclusions apply (Spark checks that they
     * exist, in parallel, as it loads), else, or when a location is missing, the paths {@code filesOf} lists for
     * each (which skips a missing one). Not an existence check per partition: on S3 each is a request.
     */
    private static <T> T readSlices(List<Slice> slices, List<GlueGlob> exclusions,
                                    Function<Slice, List<String>> filesOf, Function<List<String>, T> read) {
        if (exclusions.isEmpty() && slices.stream().allMatch(s -> s.files() == null)) {
            Optional<T> oneGo = unlessRefused(() -> read.apply(slices.stream().map(Slice::location).toList()));
            if (oneGo.isPresent()) {
                return oneGo.get();
            }
        }
        List<String> paths = new ArrayList<>();
        for (Slice slice : slices) {
            paths.addAll(filesOf.apply(slice));
        }
        return read.apply(paths);
    }

    /**
     * A read, or empty when Spark refuses it as it loads. Spark throws its AnalysisException ("Path does not
     * exist"), which Java sees as a checked exception, and asserts on some layouts: hence the wide catch.
     */
    private static <T> Optional<T> unlessRefused(Callable<T> read) {
        try {
            return Optional.of(read.call());
        } catch (Exception | AssertionError refused) {
            return Optional.empty();
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
     * The paths Spark reads for a slice: the files chosen for it, else its location when it exists (Spark lists it),
     * or the files left after the exclusions. A location that does not exist holds no rows rather than failing the job.
     */
    private List<String> files(Slice slice, List<GlueGlob> exclusions) {
        if (slice.files() != null) {
            return slice.files();
        }
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

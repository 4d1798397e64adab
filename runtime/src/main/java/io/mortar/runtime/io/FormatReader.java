package io.mortar.runtime.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads files with Spark in the three shapes sources need: CSV as all-string columns and JSON as text lines (so
 * dynamic frames can type each value themselves), and any format typed by a given or the files' own schema.
 */
final class FormatReader {
    private final SparkSession spark;

    FormatReader(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Every read takes all files under the paths it is given, however deep (a Glue partition is a prefix), and
     * never adds columns from {@code key=value} folder names: partition values come from the catalog.
     */
    private DataFrameReader reader() {
        return spark.read().option("recursiveFileLookup", "true");
    }

    /**
     * CSV as strings. Columns are named by {@code columnNames} by position when given (a catalog table), else
     * by the header line, else {@code col0, col1, …} as Glue names them.
     */
    Dataset<Row> csvStrings(List<String> paths, CsvOptions csv, List<String> columnNames) {
        if (columnNames != null) {
            StructType schema = new StructType();
            for (String name : columnNames) {
                schema = schema.add(name, DataTypes.StringType);
            }
            if (paths.isEmpty()) {
                return spark.createDataFrame(List.of(), schema);
            }
            return reader().options(csv.sparkReadOptions()).schema(schema).csv(paths.toArray(String[]::new));
        }
        if (paths.isEmpty()) {
            return spark.emptyDataFrame();
        }
        return namedLikeGlue(reader().options(csv.sparkReadOptions()).option("inferSchema", "false")
                .csv(paths.toArray(String[]::new)), csv);
    }

    /** A CSV read's columns as Glue names them: by the header line if it has one, else {@code col0, col1, …}. */
    static Dataset<Row> namedLikeGlue(Dataset<Row> df, CsvOptions csv) {
        if (csv.header()) {
            return df;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < df.columns().length; i++) {
            names.add("col" + i);
        }
        return df.toDF(names.toArray(String[]::new));
    }

    /** JSON records as one string each: lines as they are, or whole multi-line documents re-serialized. */
    Dataset<String> jsonLines(List<String> paths, boolean multiLine) {
        if (paths.isEmpty()) {
            return spark.emptyDataset(Encoders.STRING());
        }
        if (multiLine) {
            return reader().option("multiLine", "true").json(paths.toArray(String[]::new)).toJSON();
        }
        return reader().textFile(paths.toArray(String[]::new));
    }

    /** Any format with Spark's types: the schema given (a catalog table's), or the files' own when null. */
    Dataset<Row> typed(ReadSpec spec, List<String> paths, StructType schema) {
        if (paths.isEmpty()) {
            return spark.createDataFrame(List.of(), schema == null ? new StructType() : schema);
        }
        return configured(reader(), spec, schema).load(paths.toArray(String[]::new));
    }

    /**
     * Hive-style partition folders under {@code basePath} in one scan, the partition values taken from the folder
     * names (typed by {@code schema}, which holds the partition keys after the data columns). Spark's partition
     * discovery needs the plain listing, so sub-folders inside a partition are not read here.
     */
    Dataset<Row> typedHiveLayout(ReadSpec spec, List<String> paths, StructType schema, String basePath) {
        return configured(spark.read().option("basePath", basePath), spec, schema).load(paths.toArray(String[]::new));
    }

    private static DataFrameReader configured(DataFrameReader base, ReadSpec spec, StructType schema) {
        var reader = base.format(spec.format().sparkSource());
        if (spec.format() == DataFormat.CSV) {
            reader = reader.options(spec.csv().sparkReadOptions());
        } else if (spec.format() == DataFormat.JSON) {
            reader = reader.option("multiLine", String.valueOf(spec.jsonMultiLine()));
        }
        return schema == null ? reader : reader.schema(schema);
    }
}

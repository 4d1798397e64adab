package io.mortar.runtime.io;

import java.util.Locale;

/**
 * The file formats sources and sinks read and write, with the Hive classes a catalog table of each format
 * declares (what Glue crawlers and Athena write, so tables Mortar creates read the same everywhere).
 */
public enum DataFormat {
    CSV("csv", "org.apache.hadoop.mapred.TextInputFormat",
            "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"),
    JSON("json", "org.apache.hadoop.mapred.TextInputFormat",
            "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            "org.openx.data.jsonserde.JsonSerDe"),
    PARQUET("parquet", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
            "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
            "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"),
    ORC("orc", "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
            "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat",
            "org.apache.hadoop.hive.ql.io.orc.OrcSerde"),
    AVRO("avro", "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
            "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat",
            "org.apache.hadoop.hive.serde2.avro.AvroSerDe");

    private final String classification;
    private final String inputFormat;
    private final String outputFormat;
    private final String serDe;

    DataFormat(String classification, String inputFormat, String outputFormat, String serDe) {
        this.classification = classification;
        this.inputFormat = inputFormat;
        this.outputFormat = outputFormat;
        this.serDe = serDe;
    }

    /** The name in a table's {@code classification} parameter, and Spark's data source name. */
    public String classification() {
        return classification;
    }

    public String sparkSource() {
        return classification;
    }

    public String inputFormat() {
        return inputFormat;
    }

    public String outputFormat() {
        return outputFormat;
    }

    public String serDe() {
        return serDe;
    }

    /** A job's {@code format} name; {@code glueparquet} is Glue's optimised Parquet writer, plain Parquet here. */
    public static DataFormat named(String format) {
        if (format == null || format.isBlank()) {
            throw new IllegalArgumentException("The format is required: one of csv, json, parquet, orc, avro");
        }
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "json" -> JSON;
            case "parquet", "glueparquet" -> PARQUET;
            case "orc" -> ORC;
            case "avro" -> AVRO;
            default -> throw new IllegalArgumentException("The format '" + format
                    + "' is not supported: use csv, json, parquet, orc or avro");
        };
    }
}
